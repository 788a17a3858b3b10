//! `patchq link`: scanning remembered repository revisions for commits not read before (coping
//! with rewritten branches), then deciding which posted patch each new commit applies, and which
//! already-scanned commits new patches could be; series whose patches all landed are accepted.
//!
//! Owns: the order of steps and what is reported. Must not: decide matches (that is `gitlink`),
//! run SQL, or print.

mod decide;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::AppError;
use crate::gitlink::{GitRepo, WINDOW_AFTER, WINDOW_BEFORE, subject_key};
use crate::store::{LinkRev, NewCommit, Store};

/// Which revisions to scan.
#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    /// A repository; with no `rev`, its remembered revisions (or `HEAD` the first time).
    pub repo: Option<PathBuf>,
    /// `HEAD`, a branch, tag or commit, or `A..B`.
    pub rev: Option<String>,
    /// The time rules act at when no commit gives one (`--now`).
    pub now: i64,
}

/// One revision scanned.
#[derive(Debug, Clone, PartialEq)]
pub struct RevScan {
    pub repo: String,
    pub rev: String,
    pub tip: String,
    /// Commits read for the first time.
    pub new_commits: usize,
    /// Commits no longer on the revision (it was rewritten).
    pub dropped: usize,
}

/// A link found by this run.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundLink {
    pub msgid: String,
    pub commit: String,
    pub method: &'static str,
    pub series: i64,
}

/// A commit left out because the repository lacks one of its objects (a partial clone's
/// missing blob, a damaged pack): the others are linked all the same.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedCommit {
    pub repo: String,
    pub commit: String,
    pub why: String,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct LinkReport {
    /// Commits whose objects are missing; their paths and diff count as empty.
    pub skipped: Vec<SkippedCommit>,
    pub scans: Vec<RevScan>,
    /// Commits whose touched paths were read / whose diff was computed.
    pub paths_read: usize,
    pub diffs_computed: usize,
    /// Commits whose candidates were judged, and the patches parsed for it.
    pub commits_judged: usize,
    pub patches_parsed: usize,
    pub links: Vec<FoundLink>,
    /// Links taken away (commits gone from every scanned branch, or a better patch found).
    pub unlinked: usize,
    /// Series keys that became accepted.
    pub accepted: Vec<String>,
    pub elapsed_s: f64,
}

/// Runs one link pass, as one transaction: a pass that fails or is killed leaves nothing half
/// done (a revision scanned but its commits never judged), and the next pass starts over.
pub fn link(store: &mut Store, opts: &LinkOptions) -> Result<LinkReport, AppError> {
    store.write(|store| link_pass(store, opts))
}

fn link_pass(store: &mut Store, opts: &LinkOptions) -> Result<LinkReport, AppError> {
    let started = Instant::now();
    let mut report = LinkReport::default();
    let revs = revisions(store, opts)?;
    let mut repos: Vec<(String, GitRepo)> = Vec::new();
    let mut affected: BTreeSet<i64> = BTreeSet::new();
    for rev in &revs {
        if !repos.iter().any(|(p, _)| *p == rev.repo) {
            repos.push((rev.repo.clone(), GitRepo::open(Path::new(&rev.repo))?));
        }
        let git = &repos
            .iter()
            .find(|(p, _)| *p == rev.repo)
            .expect("opened")
            .1;
        let (scan, walked) = scan_rev(store, git, rev, opts.now)?;
        affected.extend(walked);
        report.scans.push(scan);
    }
    let mut changed = store.drop_unreached_links()?;
    report.unlinked += changed.len();
    let git: Vec<&GitRepo> = repos.iter().map(|(_, g)| g).collect();
    let dates = store.patch_dates()?;
    report.paths_read += read_paths(store, &git, &affected, &dates, &mut report)?;
    let watermark = store.link_watermark()?;
    let (new_patches, top) = store.patches_after(watermark)?;
    affected.extend(commits_near(store, &git, &new_patches, &mut report)?);
    let outcome = decide::decide(store, &git, &affected, &mut report)?;
    changed.extend(outcome);
    let series = store.series_of_patches(&changed)?;
    for l in report.links.iter_mut() {
        l.series = store.series_of_message(&l.msgid)?.unwrap_or(0);
    }
    let landings = store.landings(&series)?;
    report.accepted = store.apply_landings(&landings, opts.now)?;
    store.set_link_watermark(top)?;
    report.elapsed_s = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The revisions this run scans, remembering new ones.
fn revisions(store: &Store, opts: &LinkOptions) -> Result<Vec<LinkRev>, AppError> {
    let Some(repo) = &opts.repo else {
        let revs = store.link_revs(None)?;
        if revs.is_empty() {
            return Err(AppError::User(
                "no repository to scan yet: give one with --repo PATH [--rev RANGE]".into(),
            ));
        }
        return Ok(revs);
    };
    let canonical = std::fs::canonicalize(repo)
        .map_err(|e| AppError::User(format!("{}: {e}", repo.display())))?
        .display()
        .to_string();
    if let Some(rev) = &opts.rev {
        return Ok(vec![store.link_rev(&canonical, rev)?]);
    }
    let known = store.link_revs(Some(&canonical))?;
    if known.is_empty() {
        Ok(vec![store.link_rev(&canonical, "HEAD")?])
    } else {
        Ok(known)
    }
}

/// Reads the commits `rev` reaches that were not read at its last scan; returns the scan and the
/// commits to judge.
fn scan_rev(
    store: &mut Store,
    git: &GitRepo,
    rev: &LinkRev,
    now: i64,
) -> Result<(RevScan, Vec<i64>), AppError> {
    let range = git.resolve(&rev.rev)?;
    let mut hide = range.hide.clone();
    let mut dropped = 0;
    if let Some(prev) = rev.tip.as_deref().filter(|p| git.has_commit(p)) {
        if git.is_ancestor(prev, &range.tip) {
            hide.push(prev.to_string());
        } else {
            // Rewritten: what only the old tip reached is gone from this revision.
            let mut keep = range.hide.clone();
            keep.push(range.tip.clone());
            let gone = git.walk(prev, &keep)?;
            let ids: Vec<i64> = store.commit_ids(&gone)?.into_iter().flatten().collect();
            dropped = ids.len();
            store.drop_commit_revs(rev.id, &ids)?;
        }
    }
    let shas = git.walk(&range.tip, &hide)?;
    let known = store.commit_ids(&shas)?;
    let facts: Vec<_> = shas
        .iter()
        .zip(&known)
        .filter(|(_, k)| k.is_none())
        .map(|(s, _)| git.facts(s))
        .collect::<Result<_, _>>()?;
    let keys: Vec<String> = facts.iter().map(|f| subject_key(&f.subject)).collect();
    let rows: Vec<NewCommit<'_>> = facts
        .iter()
        .zip(&keys)
        .map(|(f, key)| NewCommit {
            sha: &f.sha,
            author_name: &f.author.name,
            author_email: &f.author.email,
            author_time: f.author_time,
            commit_time: f.commit_time,
            subject: &f.subject,
            subject_key: key,
            merge: f.merge,
            refs: f
                .refs
                .iter()
                .map(|(id, kind)| (id.as_str(), kind.as_str()))
                .collect(),
        })
        .collect();
    let new_ids = store.insert_commits(&rows)?;
    let known: Vec<i64> = known.into_iter().flatten().collect();
    // Commits read before (another revision, another clone) were judged then; only those no
    // revision reached any more (their links were dropped) are judged again.
    let mut judge = store.unreached_commits(&known)?;
    judge.extend(&new_ids);
    let mut all = known;
    all.extend(&new_ids);
    store.add_commit_revs(rev.id, &all)?;
    store.set_rev_tip(rev.id, &range.tip, now)?;
    let scan = RevScan {
        repo: rev.repo.clone(),
        rev: rev.rev.clone(),
        tip: range.tip,
        new_commits: new_ids.len(),
        dropped,
    };
    Ok((scan, judge))
}

/// Reads the touched paths of the commits in `ids` that could apply a patch posted at one of
/// `dates` (sorted) and were not read before, and the diff of those touching a path some patch
/// touches (from the same diff); returns how many commits were read.
fn read_paths(
    store: &mut Store,
    git: &[&GitRepo],
    ids: &BTreeSet<i64>,
    dates: &[i64],
    report: &mut LinkReport,
) -> Result<usize, AppError> {
    let patch_paths = store.patch_paths()?;
    let wanted = |paths: &[String]| paths.iter().any(|p| patch_paths.contains(p));
    let mut paths = Vec::new();
    let mut contents = Vec::new();
    for &id in ids {
        let (c, _) = store.commit_row(id)?;
        if c.paths_known || c.merge || !near_any(dates, c.commit_time) {
            continue;
        }
        let Some(repo) = git.iter().find(|g| g.has_commit(&c.sha)) else {
            continue;
        };
        let (p, content) = match repo.inspect(&c.sha, wanted) {
            Ok(found) => found,
            Err(e) if e.missing => {
                report.skip(repo, &c.sha, e);
                (Vec::new(), None)
            }
            Err(e) => return Err(e.into()),
        };
        paths.push((id, p));
        if let Some(content) = content {
            contents.push((id, content.patch_id.map(|p| p.to_hex()), content.lines));
        }
    }
    store.set_commit_paths(&paths)?;
    report.diffs_computed += contents.len();
    store.set_commit_contents(&contents)?;
    Ok(paths.len())
}

impl LinkReport {
    /// Records `sha` of `repo` as skipped for `e` (a missing object).
    fn skip(&mut self, repo: &GitRepo, sha: &str, e: crate::gitlink::GitError) {
        self.skipped.push(SkippedCommit {
            repo: repo.path().display().to_string(),
            commit: sha.to_string(),
            why: e.message,
        });
    }
}

/// A patch posted at one of `dates` (sorted) could be applied by a commit made at `t`.
fn near_any(dates: &[i64], t: i64) -> bool {
    let lo = t - WINDOW_BEFORE;
    let i = dates.partition_point(|&d| d < lo);
    dates.get(i).is_some_and(|&d| d <= t + WINDOW_AFTER)
}

/// Commits already scanned that `patches` (new since the last run) could be: their paths read
/// first where they are not yet.
fn commits_near(
    store: &mut Store,
    git: &[&GitRepo],
    patches: &[i64],
    report: &mut LinkReport,
) -> Result<BTreeSet<i64>, AppError> {
    let mut out = BTreeSet::new();
    if patches.is_empty() {
        return Ok(out);
    }
    let facts = store.link_patches(patches)?;
    let mut dates: Vec<i64> = facts.iter().map(|p| p.date).collect();
    dates.sort_unstable();
    let (lo, hi) = (
        dates[0] - WINDOW_AFTER,
        dates[dates.len() - 1] + WINDOW_BEFORE,
    );
    let pending: BTreeSet<i64> = store
        .commits_without_paths(lo, hi)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    report.paths_read += read_paths(store, git, &pending, &dates, report)?;
    for p in &facts {
        out.extend(store.commits_near_patch(
            p.id,
            p.date - WINDOW_AFTER,
            p.date + WINDOW_BEFORE,
        )?);
    }
    Ok(out)
}
