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
        let ids: BTreeSet<i64> = store.unassembled_ids()?.into_iter().collect();
        let arrived = match arrived {
            Some(a) if a.ids == ids => a,
            _ => Arrivals {
                ids,
                msgs: Vec::new(),
            },
        };
        let stats = super::rebuild_after(store, arrived)?;
        if let Some(m) = super::maintainers::loaded(store)? {
            let only = (!stats.full).then_some(stats.series_ids.as_slice());
            if only.is_none_or(|ids| !ids.is_empty()) {
                super::maintainers::map_series(store, &m, only)?;
            }
            super::review::apply_mail_commands(store, trust)?;
        }
        store.set_assembled()?;
        Ok(stats)
    })
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
