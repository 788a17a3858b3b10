//! `patchq check`: is the database whole? SQLite's own integrity check, every stored message's
//! raw bytes read back and checked (zstd frame checksums, their place in the chunk, the hash
//! taken when they were stored), what interrupted commands left for the next write command,
//! messages kept unparsed, and with `reparse` whether the stored mail still parses to what it
//! was (the only check for mail stored before checksums were kept).
//!
//! Must not: change anything (it works on a read-only database), or print.

use super::AppError;
use crate::parse::{ParseOptions, content_hash, parse_mail};
use crate::store::{RawCheck, Store};

/// What to check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// SQLite's quick check (no index-to-table comparison) instead of the full one.
    pub quick: bool,
    /// Parse every message again and compare with what was stored.
    pub reparse: bool,
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// SQLite's findings; `["ok"]` when none.
    pub integrity: Vec<String>,
    pub raw: RawCheck,
    pub unparsed: u64,
    /// Left by interrupted commands, finished by the next write command.
    pub unassembled: u64,
    pub rebuild_pending: bool,
    pub interrupted_imports: u64,
    /// With `reparse`: messages parsed again, and those that parse to something else now.
    pub reparsed: Option<(u64, Vec<String>)>,
}

impl CheckReport {
    /// Damage found (not merely work left for the next write command).
    pub fn damaged(&self) -> bool {
        self.integrity != ["ok"] || !self.raw.damaged.is_empty()
    }
}

/// Runs the checks; `progress` hears how many messages were read so far.
pub fn check(
    store: &Store,
    opts: CheckOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<CheckReport, AppError> {
    let left = store.unfinished()?;
    let mut report = CheckReport {
        integrity: store.integrity_check(opts.quick)?,
        raw: store.check_raw(progress)?,
        unparsed: store.unparsed_ids()?.len() as u64,
        unassembled: left.unassembled,
        rebuild_pending: left.rebuild || left.rebuild_scheduled,
        interrupted_imports: store.interrupted_imports()?,
        reparsed: None,
    };
    if opts.reparse {
        report.reparsed = Some(reparse(store)?);
    }
    Ok(report)
}

/// Messages whose stored mail parses to another content hash than it did when stored.
fn reparse(store: &Store) -> Result<(u64, Vec<String>), AppError> {
    let ids = store.message_ids()?;
    let opts = ParseOptions::default();
    let mut differ = Vec::new();
    let mut checked = 0;
    for chunk in ids.chunks(5000) {
        let stored = store.content_hashes(chunk)?;
        let mut now = Vec::with_capacity(chunk.len());
        store.each_raw_message(chunk, |id, raw| {
            if let Ok(mail) = parse_mail(raw, &opts) {
                now.push((id, content_hash(&mail), mail.msgid.to_string()));
            }
        })?;
        checked += now.len() as u64;
        for (id, hash, msgid) in now {
            if stored
                .get(&id)
                .is_some_and(|(h, unparsed)| *h != hash && !unparsed)
            {
                differ.push(msgid);
            }
        }
    }
    Ok((checked, differ))
}
