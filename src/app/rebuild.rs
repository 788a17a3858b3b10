//! `patchq rebuild`: everything derived recomputed from the stored raw mail (parsed columns and
//! files, threads, series, revisions, trailers, subsystem mapping, the search index), after a
//! parser fix or when in doubt. Review state and history are keyed by Message-ID and stay;
//! commit links (keyed by Message-ID and commit) stay, and the states they imply are re-applied.
//!
//! Crash-consistent: messages are parsed again (on every core) a chunk at a time, each chunk
//! committed with the `reparsed` watermark; everything else is replaced in one last transaction
//! that ends the rebuild. An interrupted rebuild is resumed where it stopped by the next write command.
//! Messages whose stored bytes are damaged, or that no longer parse, keep their rows.

use std::collections::BTreeSet;

use super::AppError;
use crate::model::Trust;
use crate::parse::{ParseOptions, parse_mail};
use crate::store::{Damaged, Store};

/// Messages parsed again per transaction.
const CHUNK: usize = 5000;

/// What a rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    pub messages: usize,
    /// Messages whose raw bytes no longer parse (their rows kept as they were).
    pub unreadable: usize,
    /// Messages kept unparsed at import that parse now.
    pub recovered: usize,
    /// Messages whose stored bytes are damaged (rows kept), by Message-ID and why.
    pub damaged: Vec<Damaged>,
    pub series: usize,
    pub mapped: u64,
}

pub fn rebuild(store: &mut Store, now: i64, trust: &Trust) -> Result<RebuildReport, AppError> {
    store.bulk(|store| rebuild_in_bulk(store, now, trust))?
}

/// [`rebuild`] once the database is set up for it.
fn rebuild_in_bulk(store: &mut Store, now: i64, trust: &Trust) -> Result<RebuildReport, AppError> {
    let mut report = RebuildReport::default();
    store.begin_rebuild()?;
    let resume = store.reparsed_upto()?;
    let ids: Vec<i64> = store
        .message_ids()?
        .into_iter()
        .filter(|&id| id > resume)
        .collect();
    let unparsed: BTreeSet<i64> = store.unparsed_ids()?.into_iter().collect();
    let opts = ParseOptions {
        trust: trust.clone(),
        ..ParseOptions::default()
    };
    for chunk in ids.chunks(CHUNK) {
        let mut parsed = Vec::with_capacity(chunk.len());
        let parse = |_, raw: &[u8]| parse_mail(raw, &opts);
        let damaged =
            super::parallel::map_raw(store, chunk, super::parallel::jobs(), parse, |id, mail| {
                parsed.push((id, mail))
            })?;
        parsed.sort_unstable_by_key(|(id, _)| *id);
        report.damaged.extend(damaged);
        store.write(|store| {
            let batch = store.batch()?;
            for (id, mail) in &parsed {
                match mail {
                    Ok(mail) => {
                        batch.reparse(*id, mail)?;
                        report.recovered += usize::from(unparsed.contains(id));
                    }
                    Err(_) => report.unreadable += 1,
                }
            }
            batch.commit()?;
            store.set_reparsed(*chunk.last().expect("chunks are not empty"))
        })?;
        report.messages += chunk.len();
    }
    store.write(|store| derive_all(store, now, trust, &mut report))?;
    // The index is refilled now, batch by batch, as an import keeps it: no search stalls later.
    super::search::ensure_indexed(store)?;
    Ok(report)
}

/// Threads, series, subsystems, mail commands, search index and landing states, replaced from
/// the messages as they are now; ends the rebuild.
fn derive_all(
    store: &mut Store,
    now: i64,
    trust: &Trust,
    report: &mut RebuildReport,
) -> Result<(), AppError> {
    super::series::reassemble_all(store, super::pipeline::assemble_every())?;
    report.series = store.all_series_ids()?.len();
    if let Some(m) = super::maintainers::loaded(store)? {
        report.mapped = super::maintainers::map_series(store, &m, None)?;
        super::review::apply_mail_commands(store, trust)?;
    }
    store.reset_search_index()?;
    let all: BTreeSet<i64> = store.all_series_ids()?.into_iter().collect();
    let landings = store.landings(&all)?;
    store.apply_landings(&landings, now)?;
    store.set_assembled()?;
    store.end_rebuild()?;
    Ok(())
}
