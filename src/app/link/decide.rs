//! Judging commits: gathering each commit's candidate patches (named in its message, or on its
//! paths within its window), computing what is missing (the commit's diff, the patches'
//! changed lines from their stored mail), letting `gitlink` choose, and saving the links.

use std::collections::{BTreeSet, HashMap};

use super::{FoundLink, LinkReport};
use crate::app::AppError;
use crate::gitlink::{
    CommitSide, GitRepo, PatchSide, WINDOW_AFTER, WINDOW_BEFORE, choose, squashed, subject_key,
};
use crate::model::{LinkMethod, Person};
use crate::parse::fingerprint::changed_lines;
use crate::parse::{ParseOptions, parse_mail};
use crate::store::{CommitRow, LinkDecision, LinkPatch, Store};

/// A commit with its candidates: `(patch row, named directly, named through its series)`.
struct Pending {
    commit: CommitRow,
    /// Other commits of its repository have its subject.
    subject_recurs: bool,
    paths: Vec<String>,
    candidates: Vec<(i64, bool, bool)>,
}

/// What the matcher needs of a patch beyond its row.
struct PatchFacts {
    row: LinkPatch,
    people: Vec<Person>,
    subject: String,
    lines: Vec<u64>,
}

/// What a run knows of the posted patches across its batches: every patch by the paths it
/// touches (read once), and the changed lines of those parsed from their stored mail (one patch
/// is a candidate of commits in many batches), forgotten past `KEEP` patches so that memory
/// stays bounded.
pub(super) struct Patches {
    /// path -> `(date, patch row id)`, sorted.
    on_path: HashMap<String, Vec<(i64, i64)>>,
    lines: HashMap<i64, Vec<u64>>,
}

impl Patches {
    pub(super) fn load(store: &Store) -> Result<Patches, AppError> {
        Ok(Patches {
            on_path: store.patches_by_path()?,
            lines: HashMap::new(),
        })
    }

    /// The patches touching `path` posted between `lo` and `hi`.
    fn on_path(&self, path: &str, lo: i64, hi: i64) -> impl Iterator<Item = i64> + '_ {
        let all = self
            .on_path
            .get(path)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let from = all.partition_point(|&(date, _)| date < lo);
        all[from..]
            .iter()
            .take_while(move |&&(date, _)| date <= hi)
            .map(|&(_, id)| id)
    }
}

const KEEP: usize = 100_000;

/// Decides the link of every commit in `ids`; returns the Message-IDs whose links changed.
pub(super) fn decide(
    store: &mut Store,
    git: &[&GitRepo],
    ids: &BTreeSet<i64>,
    known: &mut Patches,
    report: &mut LinkReport,
) -> Result<Vec<String>, AppError> {
    let mut pending = Vec::with_capacity(ids.len());
    for &id in ids {
        pending.push(gather(store, known, id)?);
    }
    compute_contents(store, git, &mut pending, report)?;
    let patches = patch_facts(store, &pending, known, report)?;
    // Twice: the second time knowing which series the other commits apply.
    let first: Vec<Option<i64>> = pending
        .iter()
        .map(|p| judge_commit(p, &patches, &HashMap::new(), None).map(|(_, s)| s))
        .collect();
    let mut support: HashMap<i64, u32> = HashMap::new();
    for s in first.iter().flatten() {
        *support.entry(*s).or_default() += 1;
    }
    let mut judged = Vec::with_capacity(pending.len());
    // Merges are never a patch (a pull request's link to its merge is not theirs to undo).
    for (p, own) in pending.iter().zip(&first).filter(|(p, _)| !p.commit.merge) {
        let d = judge_commit(p, &patches, &support, *own);
        let squash = d
            .as_ref()
            .map(|(d, series)| squash_of(p, &patches, d, *series));
        judged.push((p, d.map(|(d, _)| d), squash.unwrap_or_default()));
    }
    let decisions = settle_squashes(store, &patches, judged)?;
    report.commits_judged += pending.iter().filter(|p| !p.candidates.is_empty()).count();
    let (changed, linked) = store.save_links(&decisions)?;
    for (id, ds) in decisions.iter().filter(|(id, _)| linked.contains(id)) {
        let sha = &pending
            .iter()
            .find(|p| p.commit.id == *id)
            .expect("judged")
            .commit
            .sha;
        report.links.extend(ds.iter().map(|d| FoundLink {
            msgid: d.msgid.clone(),
            commit: sha.clone(),
            method: d.method,
            series: 0,
        }));
    }
    let added: usize = decisions
        .iter()
        .filter(|(id, _)| linked.contains(id))
        .map(|(_, ds)| ds.len())
        .sum();
    report.unlinked += changed.len() - added;
    Ok(changed)
}

fn gather(store: &Store, known: &Patches, id: i64) -> Result<Pending, AppError> {
    let (commit, paths) = store.commit_row(id)?;
    let mut candidates: Vec<(i64, bool, bool)> = Vec::new();
    if !commit.merge {
        for (patch, direct) in store.patches_named_by(id)? {
            candidates.push((patch, direct, !direct));
        }
        let (lo, hi) = (
            commit.commit_time - WINDOW_BEFORE,
            commit.commit_time + WINDOW_AFTER,
        );
        for path in &paths {
            candidates.extend(
                known
                    .on_path(path, lo, hi)
                    .map(|patch| (patch, false, false)),
            );
        }
        candidates.sort_unstable();
        // One entry per patch, keeping the strongest naming.
        candidates.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 |= b.1;
                a.2 |= b.2;
                true
            } else {
                false
            }
        });
    }
    let subject_recurs =
        !candidates.is_empty() && store.subject_recurs(commit.id, &commit.subject_key)?;
    Ok(Pending {
        commit,
        subject_recurs,
        paths,
        candidates,
    })
}

/// Computes (and caches) the diff of every commit that has candidates and no diff yet.
fn compute_contents(
    store: &mut Store,
    git: &[&GitRepo],
    pending: &mut [Pending],
    report: &mut LinkReport,
) -> Result<(), AppError> {
    let mut out = Vec::new();
    for p in pending.iter_mut() {
        if p.candidates.is_empty() || p.commit.content_known {
            continue;
        }
        let Some(repo) = git.iter().find(|g| g.has_commit(&p.commit.sha)) else {
            continue;
        };
        // Paths read as empty (an empty commit, or one skipped for a missing object) are read
        // again, so that a missing object is reported and its candidates dropped as before.
        let paths = (p.commit.paths_known && !p.paths.is_empty()).then_some(p.paths.as_slice());
        let content = match repo.content(&p.commit.sha, paths) {
            Ok(c) => c,
            Err(e) if e.missing => {
                // Skipped: judged on its subject and paths alone, it could take a patch whose
                // diff says otherwise.
                report.skip(repo, &p.commit.sha, e);
                p.candidates.clear();
                crate::gitlink::CommitContent {
                    patch_id: None,
                    lines: Vec::new(),
                }
            }
            Err(e) => return Err(e.into()),
        };
        p.commit.patch_id = content.patch_id.map(|id| id.to_hex());
        p.commit.lines = content.lines;
        p.commit.content_known = true;
        out.push((
            p.commit.id,
            p.commit.patch_id.clone(),
            p.commit.lines.clone(),
        ));
    }
    report.diffs_computed += out.len();
    store.set_commit_contents(&out)?;
    Ok(())
}

/// Loads every candidate patch once, with the changed lines of its stored mail (parsed unless
/// an earlier batch did).
fn patch_facts(
    store: &Store,
    pending: &[Pending],
    known: &mut Patches,
    report: &mut LinkReport,
) -> Result<HashMap<i64, PatchFacts>, AppError> {
    let ids: BTreeSet<i64> = pending
        .iter()
        .flat_map(|p| p.candidates.iter().map(|c| c.0))
        .collect();
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut out: HashMap<i64, PatchFacts> = HashMap::with_capacity(ids.len());
    for row in store.link_patches(&ids)? {
        let mut people = vec![Person {
            name: row.from_name.clone(),
            email: row.from_email.clone(),
        }];
        if let Some(email) = &row.author_email {
            people.push(Person {
                name: row.author_name.clone().unwrap_or_default(),
                email: email.clone(),
            });
        }
        let subject = subject_key(&row.subject);
        out.insert(
            row.id,
            PatchFacts {
                row,
                people,
                subject,
                lines: Vec::new(),
            },
        );
    }
    let mut missing: Vec<i64> = ids
        .iter()
        .filter(|id| !known.lines.contains_key(id))
        .copied()
        .collect();
    if known.lines.len() + missing.len() > KEEP {
        known.lines.clear();
        missing = ids;
    }
    let opts = ParseOptions::default();
    store.each_raw_message(&missing, |id, raw| {
        if let Ok(mail) = parse_mail(raw, &opts) {
            let lines = mail.diff.as_deref().map(changed_lines).unwrap_or_default();
            known.lines.insert(id, lines);
        }
    })?;
    report.patches_parsed += missing.len();
    for f in out.values_mut() {
        f.lines = known.lines.entry(f.row.id).or_default().clone();
    }
    Ok(out)
}

/// The commit's link and the series of the patch, given how many other commits of this run
/// apply each series (`own`: the series this commit's first judgement counted).
fn judge_commit(
    p: &Pending,
    patches: &HashMap<i64, PatchFacts>,
    support: &HashMap<i64, u32>,
    own: Option<i64>,
) -> Option<(LinkDecision, i64)> {
    let author = p.author();
    let side = p.side(&author);
    let pairs: Vec<&PatchFacts> = p
        .candidates
        .iter()
        .filter_map(|c| patches.get(&c.0))
        .collect();
    let sides: Vec<PatchSide<'_>> = p
        .candidates
        .iter()
        .filter_map(|c| patches.get(&c.0).map(|f| (c, f)))
        .map(|(c, f)| {
            let others = support.get(&f.row.series_id).copied().unwrap_or(0);
            f.side(c.1, c.2, others - u32::from(own == Some(f.row.series_id)))
        })
        .collect();
    let (i, verdict) = choose(&side, &sides)?;
    let f = pairs[i];
    let d = LinkDecision {
        msgid: f.row.msgid.clone(),
        method: verdict.method.as_str(),
        score: verdict.score,
    };
    Some((d, f.row.series_id))
}

/// When the commit holds several patches of the series its link chose (a series squashed into
/// one commit), every one of them as `squash` with the share of its lines held, the chosen patch
/// first; empty otherwise.
fn squash_of(
    p: &Pending,
    patches: &HashMap<i64, PatchFacts>,
    chosen: &LinkDecision,
    series: i64,
) -> Vec<LinkDecision> {
    if series == 0 {
        return Vec::new();
    }
    let author = p.author();
    let side = p.side(&author);
    let mut group: Vec<&PatchFacts> = p
        .candidates
        .iter()
        .filter_map(|c| patches.get(&c.0))
        .filter(|f| f.row.series_id == series && !f.row.reply)
        .collect();
    group.sort_by_key(|f| f.row.msgid != chosen.msgid);
    let sides: Vec<PatchSide<'_>> = group.iter().map(|f| f.side(false, false, 0)).collect();
    let refs: Vec<&PatchSide<'_>> = sides.iter().collect();
    let Some(held) = squashed(&side, &refs) else {
        return Vec::new();
    };
    if held.first().is_none_or(Option::is_none) {
        return Vec::new();
    }
    group
        .iter()
        .zip(held)
        .filter_map(|(f, share)| {
            share.map(|score| LinkDecision {
                msgid: f.row.msgid.clone(),
                method: LinkMethod::Squash.as_str(),
                score,
            })
        })
        .collect()
}

/// Each commit's links: its chosen patch or, squashed, the patches of the series it holds that
/// no other commit applies already, itself or re-posted (a patch with a commit of its own was
/// not squashed; its lines in this commit were moved or reworked): neither chosen by another
/// commit of the batch, by Message-ID or patch-id, nor linked before. Fewer than two left, the
/// chosen link alone stands.
fn settle_squashes(
    store: &Store,
    patches: &HashMap<i64, PatchFacts>,
    judged: Vec<(&Pending, Option<LinkDecision>, Vec<LinkDecision>)>,
) -> Result<Vec<(i64, Vec<LinkDecision>)>, AppError> {
    let patch_id: HashMap<&str, &str> = patches
        .values()
        .filter_map(|f| Some((f.row.msgid.as_str(), f.row.patch_id.as_deref()?)))
        .collect();
    // The changes other commits apply: their patches' Message-IDs and patch-ids.
    let mut chosen: HashMap<&str, i64> = HashMap::new();
    for (p, d) in judged.iter().filter_map(|(p, d, _)| Some((p, d.as_ref()?))) {
        chosen.insert(&d.msgid, p.commit.id);
        if let Some(pid) = patch_id.get(d.msgid.as_str()) {
            chosen.insert(pid, p.commit.id);
        }
    }
    let applied_by_other = |msgid: &str, id: i64| {
        let by = |key: &str| chosen.get(key).is_some_and(|&c| c != id);
        by(msgid) || patch_id.get(msgid).is_some_and(|pid| by(pid))
    };
    let mut out = Vec::with_capacity(judged.len());
    for (p, d, squash) in &judged {
        let id = p.commit.id;
        let mut kept = Vec::new();
        for (i, s) in squash.iter().enumerate() {
            let elsewhere = applied_by_other(&s.msgid, id);
            if i == 0 || (!elsewhere && !store.applied_elsewhere(&s.msgid, id)?) {
                kept.push(s.clone());
            }
        }
        if kept.len() >= 2 {
            out.push((id, kept));
        } else {
            out.push((id, d.iter().cloned().collect()));
        }
    }
    Ok(out)
}

impl Pending {
    fn author(&self) -> Person {
        Person {
            name: self.commit.author_name.clone(),
            email: self.commit.author_email.clone(),
        }
    }

    fn side<'a>(&'a self, author: &'a Person) -> CommitSide<'a> {
        CommitSide {
            author,
            author_time: self.commit.author_time,
            commit_time: self.commit.commit_time,
            subject: &self.commit.subject_key,
            subject_recurs: self.subject_recurs,
            paths: &self.paths,
            patch_id: self.commit.patch_id.as_deref(),
            lines: &self.commit.lines,
        }
    }
}

impl PatchFacts {
    fn side(&self, named: bool, series_named: bool, support: u32) -> PatchSide<'_> {
        PatchSide {
            named,
            series_named,
            date: self.row.date,
            people: &self.people,
            subject: &self.subject,
            paths: &self.row.paths,
            patch_id: self.row.patch_id.as_deref(),
            lines: &self.lines,
            reply: self.row.reply,
            support,
        }
    }
}
