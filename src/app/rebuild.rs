//! `patchq rebuild`: everything derived recomputed from the stored raw mail (parsed columns and
//! files, threads, series, revisions, trailers, subsystem mapping, the search index), after a
//! parser fix or when in doubt. Review state and history are keyed by Message-ID and stay;
//! commit links (keyed by Message-ID and commit) stay, and the states they imply are re-applied.

use std::collections::BTreeSet;

use super::AppError;
use crate::parse::{ParseOptions, parse_mail};
use crate::store::Store;

/// What a rebuild did.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    pub messages: usize,
    /// Messages whose raw bytes no longer parse (kept as they were).
    pub unreadable: usize,
    pub series: usize,
    pub mapped: u64,
}

pub fn rebuild(store: &mut Store, now: i64) -> Result<RebuildReport, AppError> {
    let mut report = RebuildReport::default();
    let ids = store.message_ids()?;
    let opts = ParseOptions::default();
    for chunk in ids.chunks(5000) {
        let mut parsed = Vec::with_capacity(chunk.len());
        store.each_raw_message(chunk, |id, raw| {
            parsed.push((id, parse_mail(raw, &opts)));
        })?;
        let batch = store.batch()?;
        for (id, mail) in &parsed {
            match mail {
                Ok(mail) => batch.reparse(*id, mail)?,
                Err(_) => report.unreadable += 1,
            }
        }
        batch.commit()?;
        report.messages += parsed.len();
    }
    let stats = super::rebuild_all(store)?;
    report.series = stats.series_ids.len();
    if let Some(m) = super::maintainers::loaded(store)? {
        report.mapped = super::maintainers::map_series(store, &m, None)?;
        super::review::apply_mail_commands(store)?;
    }
    store.reset_search_index()?;
    let all: BTreeSet<i64> = store.all_series_ids()?.into_iter().collect();
    let landings = store.landings(&all)?;
    store.apply_landings(&landings, now)?;
    Ok(report)
}
