//! Groups of messages on their way to becoming series: joining the leftovers by time and
//! building the series values.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use super::{BATCH, Part, Role, Series, SeriesPatch, UnionFind, WINDOW};
use crate::model::AttestState;
use crate::thread::jwz::Threads;
use crate::thread::{Msg, same_address};

/// A group: the messages of one (future) series.
struct Group {
    members: Vec<usize>,
    cover: Option<usize>,
    numbers: BTreeSet<u32>,
    /// Pull requests and unnumbered patches stand alone.
    fixed: bool,
    /// Earliest member (the group's face for sender, version, total).
    first: usize,
    date: i64,
    root: String,
    /// The first member answers nothing.
    rootless: bool,
    alive: bool,
}

pub(super) struct Groups<'a> {
    msgs: &'a [Msg],
    parts: &'a [Part],
    threads: &'a Threads<'a>,
    groups: Vec<Group>,
}

impl<'a> Groups<'a> {
    pub fn new(
        msgs: &'a [Msg],
        parts: &'a [Part],
        threads: &'a Threads<'a>,
        uf: &mut UnionFind,
        order: &[usize],
    ) -> Self {
        let mut by_root: HashMap<usize, usize> = HashMap::default();
        let mut groups: Vec<Group> = Vec::new();
        for &i in order {
            if parts[i].role == Role::Other {
                continue;
            }
            let r = uf.find(i);
            let g = *by_root.entry(r).or_insert_with(|| {
                groups.push(Group {
                    members: Vec::new(),
                    cover: None,
                    numbers: BTreeSet::new(),
                    fixed: parts[i].role == Role::Pull || parts[i].number.is_none(),
                    first: i,
                    date: msgs[i].date,
                    root: threads.root_of(i).to_string(),
                    rootless: !threads.has_parent(i),
                    alive: true,
                });
                groups.len() - 1
            });
            let group = &mut groups[g];
            group.members.push(i);
            if parts[i].role == Role::Cover {
                group.cover = Some(i);
            } else if let Some(n) = parts[i].number {
                group.numbers.insert(n);
            }
        }
        Groups {
            msgs,
            parts,
            threads,
            groups,
        }
    }

    /// Groups without a cover letter join one close in time; then groups without a first patch
    /// join one with it (or any earlier one of the same posting).
    pub fn join_leftovers(&mut self) {
        let buckets = self.buckets();
        for pass in [Pass::ToCover, Pass::ToFirst] {
            for g in 0..self.groups.len() {
                if !self.wants_to_join(g, pass) {
                    continue;
                }
                let key = self.bucket_key(g);
                let best = buckets[&key]
                    .iter()
                    .copied()
                    .filter(|&h| h != g && self.fits(h, g, pass))
                    .min_by_key(|&h| self.rank(h, g));
                if let Some(h) = best {
                    self.merge(g, h);
                }
            }
        }
    }

    fn wants_to_join(&self, g: usize, pass: Pass) -> bool {
        let grp = &self.groups[g];
        grp.alive
            && !grp.fixed
            && grp.cover.is_none()
            && (pass == Pass::ToCover || !grp.numbers.contains(&1))
    }

    /// Can group `g` join group `h`?
    fn fits(&self, h: usize, g: usize, pass: Pass) -> bool {
        let (hg, gg) = (&self.groups[h], &self.groups[g]);
        if !hg.alive || hg.fixed || !hg.numbers.is_disjoint(&gg.numbers) {
            return false;
        }
        if (hg.date - gg.date).abs() > WINDOW
            || !(hg.root == gg.root || (hg.rootless && gg.rootless))
        {
            return false;
        }
        let (hp, gp) = (&self.parts[hg.first], &self.parts[gg.first]);
        match pass {
            Pass::ToCover => hg.cover.is_some() && gp.version.is_none_or(|v| v == self.version(h)),
            Pass::ToFirst => {
                (hg.cover.is_some() || hg.numbers.contains(&1) || hg.date <= gg.date)
                    && (hp.version.unwrap_or(1) == gp.version.unwrap_or(1)
                        || (hp.version.is_none() != gp.version.is_none()
                            && (hg.date - gg.date).abs() <= BATCH))
            }
        }
    }

    /// Preference: a cover letter, then a first patch, then the nearest in time, then the earlier.
    fn rank(&self, h: usize, g: usize) -> (u8, i64, i64) {
        let hg = &self.groups[h];
        let kind = if hg.cover.is_some() {
            0
        } else if hg.numbers.contains(&1) {
            1
        } else {
            2
        };
        (kind, (hg.date - self.groups[g].date).abs(), hg.date)
    }

    fn version(&self, g: usize) -> u32 {
        let grp = &self.groups[g];
        let from = grp.cover.unwrap_or(grp.first);
        self.parts[from].version.unwrap_or(1)
    }

    fn merge(&mut self, from: usize, into: usize) {
        let moved = std::mem::take(&mut self.groups[from].members);
        let numbers = std::mem::take(&mut self.groups[from].numbers);
        self.groups[from].alive = false;
        let target = &mut self.groups[into];
        target.members.extend(moved);
        target.numbers.extend(numbers);
    }

    /// Groups that may join each other share a sender (address, else name) and a total.
    fn bucket_key(&self, g: usize) -> (String, u32) {
        let first = self.groups[g].first;
        let from = &self.msgs[first].from;
        let who = if from.email.is_empty() {
            &from.name
        } else {
            &from.email
        };
        (who.to_ascii_lowercase(), self.parts[first].total)
    }

    fn buckets(&self) -> HashMap<(String, u32), Vec<usize>> {
        let mut b: HashMap<(String, u32), Vec<usize>> = HashMap::default();
        for g in 0..self.groups.len() {
            b.entry(self.bucket_key(g)).or_default().push(g);
        }
        b
    }

    pub fn into_series(self) -> Vec<Series> {
        let mut out: Vec<Series> = self
            .groups
            .iter()
            .filter(|g| g.alive)
            .map(|g| self.series(g))
            .collect();
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.key.cmp(&b.key)));
        out
    }

    /// Every patch with its number; where several hold one number, the submitter's own (the
    /// cover letter's sender, else patch 1's) wins, a vouched-for one first, then the earliest;
    /// the others are duplicates, and conflicts when another address sent another diff. A
    /// display name proves nothing: only the address counts here.
    fn slots(&self, members: &[usize], cover: Option<usize>) -> Vec<SeriesPatch> {
        let msgs = self.msgs;
        let number = |i: usize| self.parts[i].number.unwrap_or(1);
        let patches: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| Some(i) != cover)
            .collect();
        // Vouched for first, then in date order (members are sorted by date).
        let order: HashMap<usize, usize> =
            members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let rank = |i: &usize| (msgs[*i].attestation != AttestState::Verified, order[i]);
        let submitter = cover.or_else(|| {
            let lowest = patches.iter().map(|&i| number(i)).min()?;
            patches
                .iter()
                .copied()
                .filter(|&i| number(i) == lowest)
                .min_by_key(rank)
        });
        let own = |i: usize| {
            submitter.is_none_or(|s| same_address(&msgs[s].from.email, &msgs[i].from.email))
        };
        let mut by_number: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for &i in &patches {
            by_number.entry(number(i)).or_default().push(i);
        }
        let mut out = Vec::with_capacity(patches.len());
        for (n, mut holders) in by_number {
            holders.sort_by_key(|&i| (!own(i), rank(&i)));
            let winner = holders[0];
            for (k, &i) in holders.iter().enumerate() {
                let other_diff = msgs[i].patch_id != msgs[winner].patch_id;
                out.push(SeriesPatch {
                    number: n,
                    msg: i,
                    duplicate: k > 0,
                    conflict: k > 0
                        && other_diff
                        && !same_address(&msgs[i].from.email, &msgs[winner].from.email),
                });
            }
        }
        out
    }

    fn series(&self, g: &Group) -> Series {
        let msgs = self.msgs;
        let mut members = g.members.clone();
        members.sort_by(|&a, &b| {
            msgs[a]
                .date
                .cmp(&msgs[b].date)
                .then_with(|| msgs[a].msgid.cmp(&msgs[b].msgid))
        });
        let cover = members
            .iter()
            .copied()
            .find(|&i| self.parts[i].role == Role::Cover);
        let mut patches = self.slots(&members, cover);
        patches.sort_by_key(|p| (p.number, p.duplicate));
        let seen: BTreeSet<u32> = patches.iter().map(|p| p.number).collect();
        let anchor = cover
            .or_else(|| patches.first().map(|p| p.msg))
            .unwrap_or(g.first);
        let face = &msgs[anchor];
        // The cover letter and patches agree but for a slip (a stale `v1` on the cover letter):
        // the highest version written.
        let version = members.iter().filter_map(|&i| self.parts[i].version).max();
        // A cover letter sent with more patches than it counts (`0/3` with `1/4`..`4/4`) was
        // miscounted; patches sent later beyond its count (`3/2`) are extras. The patches' own
        // count wins when they were sent with the cover letter.
        let total = match cover {
            Some(c) => members
                .iter()
                .filter(|&&i| (msgs[i].date - msgs[c].date).abs() <= BATCH)
                .map(|&i| self.parts[i].total)
                .max()
                .unwrap_or(1),
            None => members
                .iter()
                .map(|&i| self.parts[i].total)
                .max()
                .unwrap_or(1),
        };
        let received = seen.iter().filter(|&&n| n > 0).count() as u32;
        let complete = total >= 1 && (1..=total).all(|n| seen.contains(&n));
        Series {
            key: face.msgid.clone(),
            pull: self.parts[anchor].role == Role::Pull,
            cover,
            name: face.tags.name.clone(),
            version: version.unwrap_or(1),
            version_explicit: version.is_some(),
            total,
            received,
            complete,
            submitter: face.from.clone(),
            date: members
                .iter()
                .map(|&i| msgs[i].date)
                .min()
                .unwrap_or(face.date),
            last_activity: members
                .iter()
                .map(|&i| msgs[i].date)
                .max()
                .unwrap_or(face.date),
            list_id: face.list_id.clone(),
            prefixes: face.tags.prefixes.clone(),
            rfc: face.tags.rfc,
            resend: face.tags.resend,
            change_id: cover
                .and_then(|c| msgs[c].change_id.clone())
                .or_else(|| members.iter().find_map(|&i| msgs[i].change_id.clone())),
            root: self.threads.root_of(anchor).to_string(),
            patches,
            ..Default::default()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    ToCover,
    ToFirst,
}
