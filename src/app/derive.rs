//! Keeping what is derived from the stored messages (threads, series, revisions, trailers,
//! subsystem mapping, mail commands) up to date, crash-consistently: it is brought up to date in
//! one write transaction that also moves the `assembled` watermark past every message it covers.
//! A command killed after storing messages but before this leaves them above the watermark, and
//! the next write command finishes the job (`finish_interrupted`), as it finishes an interrupted
//! rebuild.
//!
//! Must not: print (it returns what it did), or decide how messages are threaded (`thread`).

use std::collections::BTreeSet;

use super::{AppError, Arrivals, RebuildStats};
use crate::model::Trust;
use crate::store::Store;

/// Assembles every message stored but not yet assembled (`arrived`: what an import kept of
/// them, used when it is exactly that set), maps the series it rebuilt to subsystems and applies
/// mail commands; all in one transaction with the watermark.
pub fn derive(
    store: &mut Store,
    arrived: Option<Arrivals>,
    trust: &Trust,
) -> Result<RebuildStats, AppError> {
    store.write(|store| {
        let plan = plan(store, arrived, 0)?;
        finish(store, plan, trust)
    })
}

/// An assembly of everything not yet assembled, worked out on a read snapshot ([`plan`]) and
/// written later by the writer ([`derive_planned`]).
pub struct DerivePlan {
    planned: Option<super::series::Planned>,
    /// The highest message row of the snapshot: the watermark once it is written.
    top: i64,
    /// The writer's `others_version` when the snapshot was taken.
    version: i64,
}

/// Works out, by reading only, what [`derive`] would write now. `version`: the writer's
/// `Store::others_version` when it handed the work over, right after its last commit.
pub fn plan(
    store: &Store,
    arrived: Option<Arrivals>,
    version: i64,
) -> Result<DerivePlan, AppError> {
    let ids: BTreeSet<i64> = store.unassembled_ids()?.into_iter().collect();
    let top = store.top_message()?;
    let arrived = match arrived {
        Some(a) if a.ids == ids => a,
        _ => Arrivals {
            ids,
            ..Arrivals::default()
        },
    };
    Ok(DerivePlan {
        planned: super::series::plan_after(store, arrived)?,
        top,
        version,
    })
}

/// The assembly of an import's last window, worked out on a thread of its own while the writer
/// makes its last commit: only when the import kept every message it stored into an empty
/// database, the one window assembled from memory alone (`series::plan_new`). On the
/// 1,386-message Maildir that commit and the assembly took about 5 ms each, one after the
/// other, alone on one core. [`Planning::derive`] writes it only if it is what [`derive`] would
/// work out then.
pub struct Planning {
    ids: BTreeSet<i64>,
    thread: std::thread::JoinHandle<super::series::Planned>,
}

impl Planning {
    /// Starts the assembly of `arrived`; gives it back when the import did not keep all of it.
    pub fn start(arrived: Arrivals) -> Result<Planning, Arrivals> {
        if !arrived.keep || arrived.ids.is_empty() || arrived.msgs.len() != arrived.ids.len() {
            return Err(arrived);
        }
        let Arrivals { ids, msgs, .. } = arrived;
        let spawned = std::thread::Builder::new()
            .name("patchq-assemble".into())
            .spawn(move || super::series::plan_new(msgs));
        match spawned {
            Ok(thread) => Ok(Planning { ids, thread }),
            // What it kept went with the closure: read back from the database instead.
            Err(_) => Err(Arrivals {
                ids,
                ..Arrivals::default()
            }),
        }
    }

    /// Writes the assembly, in one transaction with the watermark, when every message stored
    /// is one it covers and none is assembled (as [`plan`] requires to use what an import
    /// kept); otherwise assembles what is there as [`derive`] does.
    pub fn derive(self, store: &mut Store, trust: &Trust) -> Result<RebuildStats, AppError> {
        // Read before the checks: a commit by another connection after it is seen by
        // `derive_planned`, which then works the plan out again.
        let version = store.others_version()?;
        let unassembled: BTreeSet<i64> = store.unassembled_ids()?.into_iter().collect();
        let whole = unassembled == self.ids && store.message_rows()? == self.ids.len() as u64;
        let top = store.top_message()?;
        let planned = match self.thread.join() {
            Ok(planned) => planned,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        if !whole {
            drop(planned);
            return derive(store, None, trust);
        }
        let plan = DerivePlan {
            planned: Some(planned),
            top,
            version,
        };
        derive_planned(store, plan, trust)
    }
}

/// Writes an assembly [`plan`] worked out on an earlier snapshot, in one transaction with the
/// watermark, as [`derive`] does. The writer has only stored mail since: new messages (above the
/// snapshot's watermark, left for the next assembly) and removals (seen by the next assembly
/// that touches them, as when assembling in place). Should another connection have written
/// anything meanwhile, the plan may be out of date and is worked out again here.
pub fn derive_planned(
    store: &mut Store,
    plan: DerivePlan,
    trust: &Trust,
) -> Result<RebuildStats, AppError> {
    store.write(|store| {
        if store.others_version()? != plan.version {
            drop(plan);
            let again = self::plan(store, None, 0)?;
            return finish(store, again, trust);
        }
        finish(store, plan, trust)
    })
}

/// Saves a plan, maps the series it rebuilt to subsystems, applies mail commands and moves the
/// watermark; inside the caller's transaction.
fn finish(store: &mut Store, plan: DerivePlan, trust: &Trust) -> Result<RebuildStats, AppError> {
    let stats = super::series::save_planned(store, plan.planned)?;
    if let Some(m) = super::maintainers::loaded(store)? {
        let only = (!stats.full).then_some(stats.series_ids.as_slice());
        if only.is_none_or(|ids| !ids.is_empty()) {
            super::maintainers::map_series(store, &m, only)?;
        }
        super::review::apply_mail_commands(store, trust)?;
    }
    store.set_assembled_at(plan.top)?;
    Ok(stats)
}

/// What `finish_interrupted` found and did, one line each.
pub type Finished = Vec<String>;

/// Finishes what interrupted commands left: an interrupted (or scheduled) rebuild, messages
/// stored but never assembled. Run by every command that writes, before its own work; does
/// nothing while another process is still importing or rebuilding (that work is its own).
pub fn finish_interrupted(
    store: &mut Store,
    now: i64,
    trust: &Trust,
) -> Result<Finished, AppError> {
    let mut done = Vec::new();
    if store.read_only().is_some() {
        return Ok(done);
    }
    let left = store.unfinished()?;
    if !left.dead_imports.is_empty() {
        store.close_dead_imports(&left.dead_imports)?;
        done.push(format!(
            "{} import(s) had been interrupted",
            left.dead_imports.len()
        ));
    }
    if left.busy {
        return Ok(done);
    }
    if left.rebuild || left.rebuild_scheduled {
        let r = super::rebuild::rebuild(store, now, trust)?;
        let what = match left.rebuild {
            true => "finished an interrupted rebuild",
            false => "read the stored mail again for what this version keeps of it",
        };
        done.push(format!(
            "{what} ({} messages, {} series)",
            r.messages, r.series
        ));
    } else if left.unassembled > 0 {
        let stats = derive(store, None, trust)?;
        done.push(format!(
            "assembled {} messages an interrupted command had stored ({} series)",
            left.unassembled, stats.series
        ));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database of `n` threads of a patch and a reply each, imported and assembled, with its
    /// assembly watermark put back to 0 so that everything is to assemble again.
    fn unassembled(n: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mbox: String = (0..n)
            .map(|i| {
                format!(
                    "From x Mon Jan  1 00:00:00 2024\nMessage-ID: <p{i}@x>\nFrom: A <a{i}@x>\n\
                     Subject: [PATCH] fix {i}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\n\
                     fix\n---\ndiff --git a/f{i} b/f{i}\n--- a/f{i}\n+++ b/f{i}\n@@ -1 +1 @@\n-a\n+b\n\n\
                     From x Mon Jan  1 00:00:00 2024\nMessage-ID: <r{i}@x>\nFrom: B <b@x>\n\
                     In-Reply-To: <p{i}@x>\nSubject: Re: [PATCH] fix {i}\n\
                     Date: Mon, 1 Jan 2024 01:00:00 +0000\n\nReviewed-by: B <b@x>\n\n"
                )
            })
            .collect();
        let file = dir.path().join("in.mbox");
        std::fs::write(&file, mbox).unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let paths = [file.to_string_lossy().into_owned()];
        let opts = crate::app::ImportOptions::default();
        crate::app::import(&mut store, &paths, &opts, &mut crate::app::QuietObserver).unwrap();
        store.set_assembled_at(0).unwrap();
        (dir, store)
    }

    /// What an import into an empty database kept of the `n`-thread database's messages.
    fn kept(store: &Store) -> Arrivals {
        Arrivals {
            ids: store.unassembled_ids().unwrap().into_iter().collect(),
            msgs: store.thread_msgs(None).unwrap(),
            keep: true,
        }
    }

    /// An assembly worked out ahead from what the import kept is written when it covers every
    /// message stored, none assembled; when another connection stored a message it lacks, or
    /// assembled them itself, what is there is assembled instead (written as it was, the plan
    /// would leave the new message out, or redo the other's work).
    #[test]
    fn an_assembly_worked_out_ahead_is_written_only_while_it_covers_everything_stored() {
        let trust = Trust::default();
        for others in ["nothing", "a message", "the assembly"] {
            let (dir, mut store) = unassembled(5);
            let planning = Planning::start(kept(&store)).ok().expect("kept whole");
            let db = dir.path().join("t.db");
            let mut other = Store::open(&db).unwrap();
            match others {
                "a message" => {
                    let file = dir.path().join("more.mbox");
                    std::fs::write(
                        &file,
                        "From x Mon Jan  1 00:00:00 2024\nMessage-ID: <late@x>\nFrom: C <c@x>\n\
                         Subject: [PATCH] late\nDate: Mon, 1 Jan 2024 02:00:00 +0000\n\n\
                         late\n---\ndiff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n",
                    )
                    .unwrap();
                    let paths = [file.to_string_lossy().into_owned()];
                    let opts = crate::app::ImportOptions::default();
                    // The other import assembles everything itself; put back what it did.
                    crate::app::import(&mut other, &paths, &opts, &mut crate::app::QuietObserver)
                        .unwrap();
                    other.set_assembled_at(0).unwrap();
                }
                "the assembly" => {
                    assert_eq!(derive(&mut other, None, &trust).unwrap().series, 5);
                }
                _ => {}
            }
            let stats = planning.derive(&mut store, &trust).unwrap();
            let want = match others {
                "nothing" => (10, 5, 5),
                "a message" => (11, 6, 6),
                _ => (0, 0, 5),
            };
            assert_eq!(
                (stats.messages, stats.series, store.series_count().unwrap()),
                want,
                "others wrote {others}"
            );
            assert!(store.unassembled_ids().unwrap().is_empty());
        }
    }

    /// What an import did not keep whole is given back, not worked out ahead.
    #[test]
    fn arrivals_not_kept_whole_are_given_back() {
        let (_dir, store) = unassembled(3);
        let mut partial = kept(&store);
        partial.msgs.pop();
        let back = Planning::start(partial).err().expect("given back");
        assert_eq!((back.ids.len(), back.msgs.len()), (6, 5));
        let mut unkept = kept(&store);
        unkept.keep = false;
        assert!(Planning::start(unkept).is_err());
        assert!(Planning::start(Arrivals::default()).is_err());
    }

    /// An assembly worked out on a snapshot is written as it is when nobody else wrote since,
    /// and worked out again when another connection did (here: assembled everything itself;
    /// written as it was, the plan would redo that work on a stale view).
    #[test]
    fn a_plan_is_written_only_when_nobody_else_wrote_since_its_snapshot() {
        let trust = Trust::default();
        for others_write in [false, true] {
            let (dir, mut store) = unassembled(5);
            let reader = Store::open_reader(&dir.path().join("t.db")).unwrap();
            let planned = {
                let _snapshot = reader.read_tx().unwrap();
                plan(&reader, None, store.others_version().unwrap()).unwrap()
            };
            if others_write {
                let mut other = Store::open(&dir.path().join("t.db")).unwrap();
                assert_eq!(derive(&mut other, None, &trust).unwrap().series, 5);
            }
            let stats = derive_planned(&mut store, planned, &trust).unwrap();
            let want = match others_write {
                false => (10, 5),
                true => (0, 0),
            };
            assert_eq!(
                (stats.messages, stats.series),
                want,
                "others wrote: {others_write}"
            );
            assert!(store.unassembled_ids().unwrap().is_empty());
            assert_eq!(store.series_count().unwrap(), 5);
        }
    }
}
