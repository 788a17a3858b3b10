//! What `sync` brings up to date besides remotes: archives, Maildirs and inboxes imported before,
//! MAINTAINERS loaded from a repository revision that moved, the repositories `link` scans, and
//! the share remotes.
//!
//! Must not: fetch from public-inbox servers (`sync_remote` does) or print.

use super::*;

/// Every input imported before, outside the mirrors, read again from where it stopped.
pub(super) fn refresh_inputs(
    store: &mut Store,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
    done: &mut Vec<Synced>,
) -> Result<(), AppError> {
    let data_dir = std::fs::canonicalize(&opts.data_dir).unwrap_or(opts.data_dir.clone());
    let remotes = store.remotes()?;
    for input in store.known_inputs()? {
        let path = Path::new(&input.path);
        let followed =
            path.starts_with(&data_dir) || remotes.iter().any(|r| path.starts_with(&r.url));
        if followed || stopped(opts) {
            continue;
        }
        let kind = match input.kind.as_str() {
            "maildir" => SourceKind::Maildir,
            "public-inbox" | "public-inbox-epoch" => SourceKind::Inbox,
            _ => SourceKind::Mbox,
        };
        let d = one(&input.path, kind, observer, |s, obs| {
            if !path.exists() {
                s.notes.push(format!(
                    "{}: no longer there; skipped (what was read from it stays)",
                    input.path
                ));
                return Ok(());
            }
            let import = ImportOptions {
                list: input.list_id.clone(),
                ..opts.import.clone()
            };
            import_counted(store, &input.path, &import, obs, s)
        });
        done.push(d);
    }
    Ok(())
}

/// MAINTAINERS loaded from a repository revision, loaded again when the revision moved.
pub(super) fn refresh_maintainers(
    store: &mut Store,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
    done: &mut Vec<Synced>,
) {
    let files = store.maintainer_files().unwrap_or_default();
    let [file] = files.as_slice() else {
        return;
    };
    let Some((repo, rev, _)) = crate::app::maintainers::repo_origin(&file.origin) else {
        return;
    };
    let source = format!("{}:{rev}", repo.display());
    let d = one(&source, SourceKind::Maintainers, observer, |s, _| {
        let refreshed = crate::app::maintainers::refresh(store, &opts.import.trust)?;
        if let Some(report) = refreshed.and_then(|r| r.load) {
            s.new = report.sections;
            s.notes.push(format!(
                "MAINTAINERS moved: {} sections loaded, {} series mapped again",
                report.sections, report.series_mapped
            ));
        }
        Ok(())
    });
    done.push(d);
}

/// The repositories and revisions `link` remembers: one link pass, reported per repository.
pub(super) fn refresh_repos(
    store: &mut Store,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
    done: &mut Vec<Synced>,
) -> Result<(), AppError> {
    let mut repos: Vec<String> = Vec::new();
    for rev in store.link_revs(None)? {
        if !repos.contains(&rev.repo) {
            repos.push(rev.repo);
        }
    }
    if repos.is_empty() {
        return Ok(());
    }
    let started = Instant::now();
    let label = repos.join(", ");
    observer.source(&label, SourceKind::Repo);
    let link = crate::app::link::link(
        store,
        &LinkOptions {
            now: opts.now,
            ..LinkOptions::default()
        },
    );
    let elapsed_s = started.elapsed().as_secs_f64();
    let report = match link {
        Ok(r) => r,
        Err(e) => {
            let mut s = Synced::new(&label, SourceKind::Repo);
            s.error = Some(e.to_string());
            s.elapsed_s = elapsed_s;
            observer.finished(&s);
            done.push(s);
            return Ok(());
        }
    };
    for repo in &repos {
        let mut s = per_repo(store, repo, &report)?;
        s.elapsed_s = elapsed_s;
        observer.finished(&s);
        done.push(s);
    }
    Ok(())
}

/// What one link pass did in one repository: its new commits, the links to commits it holds,
/// and the series those links made accepted.
fn per_repo(store: &Store, repo: &str, report: &LinkReport) -> Result<Synced, AppError> {
    let mut s = Synced::new(repo, SourceKind::Repo);
    s.new = report
        .scans
        .iter()
        .filter(|scan| scan.repo == repo)
        .map(|scan| scan.new_commits as u64)
        .sum();
    let git = crate::gitlink::GitRepo::open(Path::new(repo))?;
    let mut keys = std::collections::BTreeSet::new();
    for l in report.links.iter().filter(|l| git.has_commit(&l.commit)) {
        s.links += 1;
        keys.extend(store.series_key(l.series)?);
    }
    s.accepted = report.accepted.iter().filter(|k| keys.contains(*k)).count();
    for skipped in report.skipped.iter().filter(|k| k.repo == repo) {
        s.rejected += 1;
        s.notes.push(format!(
            "commit {}: skipped, an object is missing ({})",
            skipped.commit, skipped.why
        ));
    }
    Ok(s)
}

/// Every share remote: pulled, then pushed (a push pulls first).
pub(super) fn refresh_shares(
    store: &mut Store,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
    done: &mut Vec<Synced>,
) -> Result<(), AppError> {
    let remotes = store.share_remotes()?;
    if remotes.is_empty() {
        return Ok(());
    }
    let history = crate::share::History::open(&opts.share_history)?;
    for r in remotes {
        let target = crate::app::share::Target::remembered(&r);
        done.push(one(&r.name, SourceKind::Share, observer, |s, _| {
            let d = crate::app::share::push(store, &history, &target, &opts.who)?;
            s.new = d.pulled as u64;
            s.pushed = d.pushed;
            s.rejected = d.bad.len() as u64;
            s.notes.extend(d.bad.iter().map(|b| {
                format!(
                    "{}: commit {} line {}: skipped: {}",
                    r.url, b.commit, b.line, b.why
                )
            }));
            Ok(())
        }));
    }
    Ok(())
}
