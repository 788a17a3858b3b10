//! Revision chains: which earlier series a series is a new version of. Strongest signal first: a
//! b4 change-id; a series posted inside an older series' thread; the same sender with a similar
//! cover or first-patch subject within six months. A series without a version of its own that
//! follows another is numbered after it (b4 does the same).

use rustc_hash::FxHashMap as HashMap;

use super::jwz::Threads;
use super::{Msg, Prior, Series, same_person};
use crate::model::{MessageId, Person};
use names::{Name, Names, similar, similar_as};

/// How far apart two versions of the same work may be.
mod names;

pub const MAX_GAP: i64 = 183 * 24 * 3600;
/// A re-post with the same version counts as a new revision only this soon (or as a RESEND).
const SAME_VERSION_GAP: i64 = 7 * 24 * 3600;
/// Series messages looked at above a series in its thread when looking for its previous revision.
const MAX_SERIES_ABOVE: usize = 64;

/// A possible previous revision: a series of this assembly or a prior one.
struct Cand {
    key: MessageId,
    date: i64,
    version: u32,
    /// These two matter only for local series (a prior series is never the one being linked).
    version_explicit: bool,
    resend: bool,
    submitter: Person,
    names: Names,
    change_id: Option<String>,
    pull: bool,
    /// Release-numbered subject tokens (`6.9` of `[PATCH AUTOSEL 6.9 1/3]`): the tree it is for.
    targets: Vec<String>,
}

pub fn link(msgs: &[Msg], threads: &Threads<'_>, series: &mut [Series], prior: &[Prior]) {
    let mut member_of: Vec<u32> = vec![u32::MAX; msgs.len()];
    for (s, ser) in series.iter().enumerate() {
        for m in ser.members() {
            member_of[m] = s as u32;
        }
    }
    let is_member: Vec<bool> = member_of.iter().map(|&s| s != u32::MAX).collect();
    let nearest = threads.nearest_marked(&is_member);
    let local_names: Vec<Names> = series.iter().map(|s| names(msgs, s)).collect();
    let mut cands: Vec<Cand> = series
        .iter()
        .enumerate()
        .map(|(i, s)| Cand {
            key: s.key.clone(),
            date: s.date,
            version: s.version,
            version_explicit: s.version_explicit,
            resend: s.resend,
            submitter: s.submitter.clone(),
            names: local_names[i].clone(),
            change_id: s.change_id.clone(),
            pull: s.pull,
            targets: targets(&s.prefixes),
        })
        .collect();
    cands.extend(prior.iter().map(|p| Cand {
        key: p.key.clone(),
        date: p.date,
        version: p.version,
        version_explicit: true,
        resend: false,
        submitter: p.submitter.clone(),
        names: Names {
            cover: p.cover_name.as_deref().and_then(Name::new),
            first: p.first_name.as_deref().and_then(Name::new),
            patches: p.patch_names.iter().filter_map(|n| Name::new(n)).collect(),
        },
        change_id: p.change_id.clone(),
        pull: p.pull,
        targets: targets(&p.prefixes),
    }));
    let mut by_sender: HashMap<String, Vec<usize>> = HashMap::default();
    for (c, cand) in cands.iter().enumerate() {
        by_sender
            .entry(sender_key(&cand.submitter))
            .or_default()
            .push(c);
    }
    for bucket in by_sender.values_mut() {
        bucket.sort_by_key(|&c| cands[c].date);
    }
    let mut by_change: HashMap<String, Vec<usize>> = HashMap::default();
    for (c, cand) in cands.iter().enumerate() {
        if let Some(id) = &cand.change_id {
            by_change.entry(id.clone()).or_default().push(c);
        }
    }
    // Series are in date order, so a previous revision is always settled first.
    let mut next = settled_next(&cands, series.len(), prior);
    for s in 0..series.len() {
        // A version is inferred from the strong signals, or a quick re-post: a series re-posted
        // weeks later with the same subject and no version may be a restart (its own v1).
        let strong = by_change_id(&cands, &by_change, s)
            .or_else(|| by_thread(&nearest, series, &member_of, &local_names, s));
        let prev = strong.or_else(|| by_subject(&cands, &by_sender, &local_names[s], s));
        let Some(mut p) = prev else { continue };
        // Two re-posts answering one posting make a chain, not a fork: follow to the newest
        // revision already posted before this one.
        while let Some(&q) = next.get(&p) {
            if !earlier(&cands[q], &cands[s])
                || (series[s].version_explicit && cands[q].version > series[s].version)
            {
                break;
            }
            p = q;
        }
        next.insert(p, s);
        series[s].previous = Some(cands[p].key.clone());
        let infer = strong.is_some() || cands[s].date - cands[p].date <= SAME_VERSION_GAP;
        if infer && !series[s].version_explicit && series[s].version <= cands[p].version {
            series[s].version = cands[p].version + 1;
            cands[s].version = series[s].version;
        }
    }
}

/// The chains the settled series already make (`previous` -> the newest series that follows it),
/// as candidate indexes (priors come after the `local` series): a re-post among the priors is
/// followed exactly as when it was assembled together with what follows it.
fn settled_next(cands: &[Cand], local: usize, prior: &[Prior]) -> HashMap<usize, usize> {
    let index: HashMap<&str, usize> = cands
        .iter()
        .enumerate()
        .map(|(c, cand)| (cand.key.as_str(), c))
        .collect();
    let mut order: Vec<usize> = (0..prior.len()).collect();
    order.sort_by_key(|&i| (prior[i].date, local + i));
    let mut next = HashMap::default();
    for i in order {
        if let Some(p) = prior[i]
            .previous
            .as_ref()
            .and_then(|p| index.get(p.as_str()))
        {
            next.insert(*p, local + i);
        }
    }
    next
}

/// Who a series is from, for grouping: the address, else the name.
fn sender_key(p: &Person) -> String {
    if p.email.is_empty() {
        p.name.to_lowercase()
    } else {
        p.email.to_ascii_lowercase()
    }
}

/// `c` may be the previous revision of `me`: earlier, of the same kind, for the same tree.
fn earlier(c: &Cand, me: &Cand) -> bool {
    c.key != me.key
        && c.pull == me.pull
        && (c.date, &c.key) < (me.date, &me.key)
        && c.targets == me.targets
}

/// Subject tokens naming a release (`6.9`, `5.15.y`, `4.19-stable`): backports of one patch to
/// several trees are parallel postings, not revisions.
fn targets(prefixes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = prefixes
        .iter()
        .filter(|t| {
            let core = t.trim_end_matches("-stable").trim_end_matches(".y");
            core.contains('.')
                && core.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && core.bytes().next().is_some_and(|b| b.is_ascii_digit())
        })
        .map(|t| t.to_ascii_lowercase())
        .collect();
    out.sort_unstable();
    out
}

/// Local series are the first candidates: series `s` is candidate `s`.
fn by_change_id(
    cands: &[Cand],
    by_change: &HashMap<String, Vec<usize>>,
    s: usize,
) -> Option<usize> {
    let me = &cands[s];
    let id = me.change_id.as_deref()?;
    by_change
        .get(id)?
        .iter()
        .copied()
        .filter(|&t| earlier(&cands[t], me))
        .filter(|&t| cands[t].version <= me.version || !me.version_explicit)
        .max_by_key(|&t| (cands[t].version, cands[t].date))
}

/// The first series met walking up from `s`'s first message that `s` plausibly re-rolls: a
/// higher version or the same subject, by the same sender or about the same thing (a
/// reviewer's own patch posted in a thread is not a new version of it). Returns the
/// candidate index, which for local series is the series index.
fn by_thread(
    nearest: &[Option<usize>],
    series: &[Series],
    member_of: &[u32],
    names: &[Names],
    s: usize,
) -> Option<usize> {
    let me = &series[s];
    let first = me.members().next()?;
    // The series messages above, nearest first, a bounded number of them (a hostile thread of
    // thousands of series each answering the one before stays linear).
    std::iter::successors(nearest[first], |&a| nearest[a])
        .take(MAX_SERIES_ABOVE)
        .map(|a| member_of[a] as usize)
        .find(|&t| {
            let them = &series[t];
            t != s
                && them.pull == me.pull
                && (them.date, &them.key) < (me.date, &me.key)
                && them.version <= me.version.max(1)
                // A new version says so, or is about the same thing: an unnumbered patch posted
                // in reply to a series is not a new version of it.
                && ((me.version_explicit && them.version < me.version) || similar(&names[t], &names[s]))
                && (same_person(&them.submitter, &me.submitter) || similar(&names[t], &names[s]))
        })
}

fn by_subject(
    cands: &[Cand],
    by_sender: &HashMap<String, Vec<usize>>,
    my_names: &Names,
    s: usize,
) -> Option<usize> {
    let me = &cands[s];
    let bucket = by_sender.get(&sender_key(&me.submitter))?;
    // The bucket is sorted by date: only the last six months before `me` can be candidates.
    let from = bucket.partition_point(|&c| cands[c].date < me.date - MAX_GAP);
    let to = bucket.partition_point(|&c| cands[c].date <= me.date);
    bucket[from..to]
        .iter()
        .copied()
        .filter(|&t| earlier(&cands[t], me) && same_person(&cands[t].submitter, &me.submitter))
        .filter(|&t| {
            let tv = cands[t].version;
            tv < me.version
                || !me.version_explicit
                || (tv == me.version && (me.resend || me.date - cands[t].date <= SAME_VERSION_GAP))
        })
        .filter(|&t| {
            let loose = me.version_explicit && cands[t].version < me.version;
            similar_as(&cands[t].names, my_names, loose)
        })
        .max_by_key(|&t| (cands[t].date, cands[t].version))
}

/// The subjects a series is known by.
fn names(msgs: &[Msg], s: &Series) -> Names {
    let name = |m: usize| Name::new(&msgs[m].tags.name);
    Names {
        cover: s.cover.and_then(name),
        first: s.patches.first().and_then(|p| name(p.msg)),
        patches: match s.cover.is_none() && s.patches.len() > 1 {
            true => s.patches.iter().filter_map(|p| name(p.msg)).collect(),
            false => Vec::new(),
        },
    }
}
