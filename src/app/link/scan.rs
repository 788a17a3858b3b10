//! Reading one revision's commits for `link`: the commits not read before, batch by batch, their
//! touched paths near the patches' dates, the diffs of those with candidates; and forgetting the
//! commits a rewritten branch no longer holds.
//!
//! Must not: decide links (`decide` does) or print.

use super::*;

/// What scanning one revision needs: its repository, every repository of the run (a commit is
/// judged in whichever holds it), the patch dates, the time rules act at.
pub(super) struct Scan<'a> {
    pub(super) git: &'a GitRepo,
    pub(super) all: &'a [&'a GitRepo],
    pub(super) dates: &'a [i64],
    pub(super) now: i64,
}

impl Scan<'_> {
    /// Reads and judges, batch by batch, the commits `rev` reaches that were not read at its
    /// last scan (or by the batches an interrupted run committed); adds them to `judged`.
    pub(super) fn rev(
        &self,
        store: &mut Store,
        rev: &LinkRev,
        judged: &mut BTreeSet<i64>,
        known: &mut decide::Patches,
        report: &mut LinkReport,
    ) -> Result<RevScan, AppError> {
        let t = Instant::now();
        let range = self.git.resolve(&rev.rev)?;
        let (hide, dropped) =
            store.write(|store| forget_rewritten(store, self.git, rev, &range))?;
        let shas = self.git.walk(&range.tip, &hide)?;
        report.phase("walk", t);
        let mut new_commits = 0;
        for chunk in shas.chunks(batch_size()) {
            store.write(|store| -> Result<(), AppError> {
                new_commits += self.batch(store, rev, chunk, judged, known, report)?;
                Ok(())
            })?;
        }
        if shas.is_empty() {
            store.write(|store| store.set_rev_tip(rev.id, &range.tip, self.now))?;
        }
        Ok(RevScan {
            repo: rev.repo.clone(),
            rev: rev.rev.clone(),
            tip: range.tip,
            new_commits,
            dropped,
        })
    }

    /// One batch, in the caller's transaction: the commits of `chunk` read, their paths and
    /// diffs taken, judged, landings applied, and the revision's tip moved to its last commit.
    /// Returns how many commits were new.
    fn batch(
        &self,
        store: &mut Store,
        rev: &LinkRev,
        chunk: &[String],
        judged: &mut BTreeSet<i64>,
        known: &mut decide::Patches,
        report: &mut LinkReport,
    ) -> Result<usize, AppError> {
        let t = Instant::now();
        let (judge, new) = read_commits(store, self.git, rev, chunk)?;
        report.phase("read commits", t);
        let t = Instant::now();
        report.paths_read += read_paths(store, self.all, &judge, self.dates, report)?;
        report.phase("paths and diffs", t);
        let t = Instant::now();
        let changed = decide::decide(store, self.all, &judge, known, report)?;
        land(store, &changed, self.now, report)?;
        report.phase("judge", t);
        judged.extend(&judge);
        let last = chunk.last().expect("chunks are not empty");
        store.set_rev_tip(rev.id, last, self.now)?;
        Ok(new)
    }
}

/// What to leave out of the walk (the tip read last time, when still an ancestor), and, when
/// the revision was rewritten, the commits only the old tip reached forgotten for it.
fn forget_rewritten(
    store: &mut Store,
    git: &GitRepo,
    rev: &LinkRev,
    range: &RevRange,
) -> Result<(Vec<String>, usize), AppError> {
    let mut hide = range.hide.clone();
    let Some(prev) = rev.tip.as_deref().filter(|p| git.has_commit(p)) else {
        return Ok((hide, 0));
    };
    if git.is_ancestor(prev, &range.tip) {
        hide.push(prev.to_string());
        return Ok((hide, 0));
    }
    // Rewritten: what only the old tip reached is gone from this revision.
    let mut keep = range.hide.clone();
    keep.push(range.tip.clone());
    let gone = git.walk(prev, &keep)?;
    let ids: Vec<i64> = store.commit_ids(&gone)?.into_iter().flatten().collect();
    store.drop_commit_revs(rev.id, &ids)?;
    Ok((hide, ids.len()))
}

/// Stores the facts of the commits of `chunk` not read before and ties them all to `rev`;
/// returns the commits to judge (the new ones, and known ones no revision reached any more)
/// and how many were new.
fn read_commits(
    store: &mut Store,
    git: &GitRepo,
    rev: &LinkRev,
    chunk: &[String],
) -> Result<(BTreeSet<i64>, usize), AppError> {
    let known = store.commit_ids(chunk)?;
    let facts: Vec<_> = chunk
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
    let mut judge: BTreeSet<i64> = store.unreached_commits(&known)?.into_iter().collect();
    judge.extend(&new_ids);
    let mut all = known;
    all.extend(&new_ids);
    store.add_commit_revs(rev.id, &all)?;
    Ok((judge, new_ids.len()))
}

/// Reads the touched paths of the commits in `ids` that could apply a patch posted at one of
/// `dates` (sorted) and were not read before; returns how many commits were read. (Diffs are
/// computed later, only for commits that turn out to have candidate patches.)
fn read_paths(
    store: &mut Store,
    git: &[&GitRepo],
    ids: &BTreeSet<i64>,
    dates: &[i64],
    report: &mut LinkReport,
) -> Result<usize, AppError> {
    let mut paths = Vec::new();
    for &id in ids {
        let (c, _) = store.commit_row(id)?;
        if c.paths_known || c.merge || !near_any(dates, c.commit_time) {
            continue;
        }
        let Some(repo) = git.iter().find(|g| g.has_commit(&c.sha)) else {
            continue;
        };
        let p = match repo.paths(&c.sha) {
            Ok(found) => found,
            Err(e) if e.missing => {
                report.skip(repo, &c.sha, e);
                Vec::new()
            }
            Err(e) => return Err(e.into()),
        };
        paths.push((id, p));
    }
    store.set_commit_paths(&paths)?;
    Ok(paths.len())
}
/// A patch posted at one of `dates` (sorted) could be applied by a commit made at `t`.
fn near_any(dates: &[i64], t: i64) -> bool {
    let lo = t - WINDOW_BEFORE;
    let i = dates.partition_point(|&d| d < lo);
    dates.get(i).is_some_and(|&d| d <= t + WINDOW_AFTER)
}

/// Commits already scanned that `patches` (new since the last run) could be: their paths read
/// first where they are not yet.
pub(super) fn commits_near(
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
