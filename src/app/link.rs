//! `patchq link`: scanning remembered repository revisions for commits not read before (coping
//! with rewritten branches), then deciding which posted patch each new commit applies, and which
//! already-scanned commits new patches could be; series whose patches all landed are accepted.
//! Work is committed in batches of commits, so that a run killed or failed midway keeps what it
//! did; commits whose objects are missing are skipped and reported, never fatal.
//!
//! Owns: the order of steps, the batches, and what is reported (per-phase times included). Must not: decide matches (that is `gitlink`),
//! run SQL, or print.

mod decide;
mod route;
mod scan;

use scan::{Scan, commits_near};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::AppError;
use crate::gitlink::{GitRepo, RevRange, WINDOW_AFTER, WINDOW_BEFORE, subject_key};
use crate::model::LinkMethod;
use crate::store::{LANDED, LinkDecision, LinkRev, NewCommit, Store};

/// Which revisions to scan.
#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    /// A repository; with no `rev`, its remembered revisions (or `HEAD` the first time).
    pub repo: Option<PathBuf>,
    /// `HEAD`, a branch, tag or commit, or `A..B`.
    pub rev: Option<String>,
    /// The time rules act at when no commit gives one (`--now`).
    pub now: i64,
    /// Repositories (and revisions) the configuration names, scanned when `repo` is not given
    /// along with the remembered revisions.
    pub configured: Vec<(PathBuf, Option<String>)>,
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
    /// Seconds spent per phase, in the order the phases first ran.
    pub phases: Vec<(&'static str, f64)>,
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
    /// Every repository's series, as `(repository, landed there, routed there by paths)`.
    pub repositories: Vec<(String, i64, i64)>,
    pub elapsed_s: f64,
}

/// Commits judged per transaction: an interrupted or failed run keeps every batch it committed
/// and the next run goes on from there (`PATCHQ_LINK_BATCH` overrides it, for tests).
const BATCH: usize = 2_000;

fn batch_size() -> usize {
    super::work_size("PATCHQ_LINK_BATCH", BATCH)
}

/// Runs one link pass. Each revision's new commits are read, their paths and diffs taken and
/// judged in batches, each batch one transaction that also moves the revision's remembered tip
/// to the last commit it holds (all of whose ancestors came before it); then one transaction
/// matches the patches that arrived since the last run against the commits already read, takes
/// back links to commits no revision reaches, and applies landings. A run killed anywhere keeps
/// what it committed; the next one reads only the rest.
pub fn link(store: &mut Store, opts: &LinkOptions) -> Result<LinkReport, AppError> {
    store.bulk(|store| link_in_bulk(store, opts))?
}

/// [`link`] once the database is set up for it.
fn link_in_bulk(store: &mut Store, opts: &LinkOptions) -> Result<LinkReport, AppError> {
    let started = Instant::now();
    store.steady_plans()?;
    let mut report = LinkReport::default();
    let revs = store.write(|store| revisions(store, opts))?;
    let mut repos: Vec<(String, GitRepo)> = Vec::new();
    for rev in &revs {
        if !repos.iter().any(|(p, _)| *p == rev.repo) {
            repos.push((rev.repo.clone(), GitRepo::open(Path::new(&rev.repo))?));
        }
    }
    let git: Vec<&GitRepo> = repos.iter().map(|(_, g)| g).collect();
    let dates = store.patch_dates()?;
    let mut judged = BTreeSet::new();
    let mut known = decide::Patches::load(store)?;
    for rev in &revs {
        let own = git[repos
            .iter()
            .position(|(p, _)| *p == rev.repo)
            .expect("opened")];
        let scan = Scan {
            git: own,
            all: &git,
            dates: &dates,
            now: opts.now,
        };
        let done = scan.rev(store, rev, &mut judged, &mut known, &mut report)?;
        report.scans.push(done);
    }
    let t = Instant::now();
    store.write(|store| finish(store, &git, &judged, &mut known, opts.now, &mut report))?;
    report.phase("new mail against known commits", t);
    for l in report.links.iter_mut() {
        l.series = store.series_of_message(&l.msgid)?.unwrap_or(0);
    }
    let t = Instant::now();
    let linked: BTreeSet<i64> = report.links.iter().map(|l| l.series).collect();
    let scanned = store.link_revs(None)?;
    store.write(|store| route::route(store, &repos, &scanned, &linked))?;
    report.phase("route series", t);
    for (repo, how, n) in store.route_counts()? {
        if report.repositories.last().is_none_or(|r| r.0 != repo) {
            report.repositories.push((repo, 0, 0));
        }
        let last = report.repositories.last_mut().expect("pushed");
        match how.as_str() {
            LANDED => last.1 += n,
            _ => last.2 += n,
        }
    }
    report.elapsed_s = started.elapsed().as_secs_f64();
    Ok(report)
}

/// After every revision is scanned: links to commits no revision reaches any more go, patches
/// that arrived since the last run meet the commits already read, and landings are applied.
fn finish(
    store: &mut Store,
    git: &[&GitRepo],
    judged: &BTreeSet<i64>,
    known: &mut decide::Patches,
    now: i64,
    report: &mut LinkReport,
) -> Result<(), AppError> {
    let mut changed = store.drop_unreached_links()?;
    report.unlinked += changed.len();
    let watermark = store.link_watermark()?;
    let (new_patches, top) = store.patches_after(watermark)?;
    // The commits this run judged already met every patch, the new ones included: only those
    // read by earlier runs are left (none on a first run).
    let mut near = BTreeSet::new();
    if store.commit_count()? > judged.len() {
        near = commits_near(store, git, &new_patches, report)?;
        near.retain(|id| !judged.contains(id));
    }
    changed.extend(decide::decide(store, git, &near, known, report)?);
    changed.extend(link_pulls(store, git, report)?);
    land(store, &changed, now, report)?;
    store.set_link_watermark(top)?;
    Ok(())
}

/// How many merges after a pull request's tip are asked for their parents, and how long after
/// the tip a merge may come (a pull merged by fast-forward has none, and is looked at again on
/// every run: this bounds what that costs).
const MERGES_LOOKED_AT: usize = 2_000;
const MERGE_WITHIN: i64 = 180 * 86_400;

/// Ties each pull request whose tip commit was read to the merge that has the tip as a parent
/// (method `pull`; a fast-forward leaves no merge and no link). Returns the Message-IDs linked.
fn link_pulls(
    store: &mut Store,
    git: &[&GitRepo],
    report: &mut LinkReport,
) -> Result<Vec<String>, AppError> {
    let mut decisions = Vec::new();
    let mut found = Vec::new();
    for (msgid, tip, at) in store.pulls_to_link()? {
        let merge = store
            .merges_between(at, at + MERGE_WITHIN, MERGES_LOOKED_AT)?
            .into_iter()
            .find(|(_, sha)| {
                git.iter()
                    .any(|g| g.parents(sha).get(1..).unwrap_or_default().contains(&tip))
            });
        if let Some((id, sha)) = merge {
            let d = LinkDecision {
                msgid: msgid.clone(),
                method: LinkMethod::Pull.as_str(),
                score: 1.0,
            };
            decisions.push((id, vec![d]));
            found.push((msgid, sha));
        }
    }
    let (changed, linked) = store.save_links(&decisions)?;
    for ((id, _), (msgid, sha)) in decisions.iter().zip(found) {
        if linked.contains(id) {
            report.links.push(FoundLink {
                msgid,
                commit: sha,
                method: LinkMethod::Pull.as_str(),
                series: 0,
            });
        }
    }
    Ok(changed)
}

/// Accepts the series whose patches all landed among those of `changed` (Message-IDs).
fn land(
    store: &mut Store,
    changed: &[String],
    now: i64,
    report: &mut LinkReport,
) -> Result<(), AppError> {
    let series = store.series_of_patches(changed)?;
    let landings = store.landings(&series)?;
    report
        .accepted
        .extend(store.apply_landings(&landings, now)?);
    Ok(())
}

/// The revisions this run scans, remembering new ones.
fn revisions(store: &Store, opts: &LinkOptions) -> Result<Vec<LinkRev>, AppError> {
    let Some(repo) = &opts.repo else {
        let mut revs = store.link_revs(None)?;
        for (repo, rev) in &opts.configured {
            for r in revisions_of(store, repo, rev.as_deref())? {
                if !revs.iter().any(|k| k.id == r.id) {
                    revs.push(r);
                }
            }
        }
        if revs.is_empty() {
            return Err(AppError::User(
                "no repository to scan yet: give one with --repo PATH [--rev RANGE] (or name \
                 it in the config file's repositories)"
                    .into(),
            ));
        }
        return Ok(revs);
    };
    revisions_of(store, repo, opts.rev.as_deref())
}

/// `rev` of `repo`, else its remembered revisions, else its HEAD; remembered from now on.
fn revisions_of(store: &Store, repo: &Path, rev: Option<&str>) -> Result<Vec<LinkRev>, AppError> {
    let canonical = std::fs::canonicalize(repo)
        .map_err(|e| AppError::User(format!("{}: {e}", repo.display())))?
        .display()
        .to_string();
    if let Some(rev) = rev {
        return Ok(vec![store.link_rev(&canonical, rev)?]);
    }
    let known = store.link_revs(Some(&canonical))?;
    if known.is_empty() {
        Ok(vec![store.link_rev(&canonical, "HEAD")?])
    } else {
        Ok(known)
    }
}

impl LinkReport {
    /// Adds the time since `start` to `phase`.
    fn phase(&mut self, phase: &'static str, start: Instant) {
        let secs = start.elapsed().as_secs_f64();
        match self.phases.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, s)) => *s += secs,
            None => self.phases.push((phase, secs)),
        }
    }

    /// Records `sha` of `repo` as skipped for `e` (a missing object).
    fn skip(&mut self, repo: &GitRepo, sha: &str, e: crate::gitlink::GitError) {
        self.skipped.push(SkippedCommit {
            repo: repo.path().display().to_string(),
            commit: sha.to_string(),
            why: e.message,
        });
    }
}
