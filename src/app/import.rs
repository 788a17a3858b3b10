//! `patchq import`: reads every input given, skipping what earlier imports already read, and
//! records the import with its counts and everything it rejected.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use super::AppError;
use super::assembler::Assembler;
use super::pipeline::{self, Events, Target};
use crate::parse::ParseOptions;
use crate::source::{
    self, Input, InputKind, MboxResume, Sink, SourceError, epoch_number, epochs, history_rewritten,
    read_epoch, read_maildir, read_mbox,
};
use crate::store::{ImportCounts, Reject, SourceRow, Store};

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The list to assume for messages that name none.
    pub list: Option<String>,
    pub max_size: usize,
    /// Parser threads.
    pub jobs: usize,
    /// Whose word about senders patchq takes.
    pub trust: crate::model::Trust,
    /// public-inbox commits made before this (Unix seconds) are passed over.
    pub since: Option<i64>,
    /// Set (by a Ctrl-C handler) to stop reading: what was read is kept and assembled.
    pub stop: Option<&'static std::sync::atomic::AtomicBool>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            list: None,
            max_size: source::DEFAULT_MAX_MESSAGE_SIZE,
            jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
            stop: None,
            trust: crate::model::Trust::builtin(),
            since: None,
        }
    }
}

/// Something worth telling the user about one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportNote {
    Unchanged(String),
    Resumed {
        input: String,
        offset: u64,
    },
    Changed(String),
    RewrittenHistory {
        input: String,
        epoch: u32,
        /// Messages the rewritten history no longer holds: kept, marked deleted.
        purged: usize,
    },
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportNote::Unchanged(i) => write!(f, "{i}: unchanged since the last import, skipped"),
            ImportNote::Resumed { input, offset } => {
                write!(
                    f,
                    "{input}: grew since the last import, read from byte {offset}"
                )
            }
            ImportNote::Changed(i) => {
                write!(
                    f,
                    "{i}: changed since the last import, read again from the start"
                )
            }
            ImportNote::RewrittenHistory {
                input,
                epoch,
                purged,
            } => write!(
                f,
                "{input}: epoch {epoch} history was rewritten, read again from the start; \
                 {purged} messages it no longer holds are kept, marked deleted"
            ),
        }
    }
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub import_id: i64,
    pub counts: ImportCounts,
    pub elapsed: std::time::Duration,
    /// Inputs that could not be read at all or broke off, with the reason.
    pub failed_inputs: Vec<String>,
    pub notes: Vec<ImportNote>,
    /// Series assembly after the import.
    pub series: super::RebuildStats,
}

impl ImportReport {
    /// True when the user asked to stop (the import ended early, keeping what it read).
    pub fn interrupted(&self, opts: &ImportOptions) -> bool {
        opts.stop
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// True when some message or input was rejected, or kept without being parsed (exit code
    /// 3: something needs a look).
    pub fn had_rejections(&self) -> bool {
        self.counts.rejected > 0 || self.counts.unparsed > 0 || !self.failed_inputs.is_empty()
    }
}

/// Receives progress and warnings while an import runs.
pub trait ImportObserver {
    /// A new input starts; `size` is its size on disk when known.
    fn input(&mut self, name: &str, size: Option<u64>);
    /// Messages and raw bytes written so far for the current input.
    fn progress(&mut self, messages: u64, bytes: u64);
    /// A message or input was rejected, or something else is worth a line on stderr.
    fn warning(&mut self, text: &str);
}

/// An observer that ignores everything.
pub struct QuietObserver;

impl ImportObserver for QuietObserver {
    fn input(&mut self, _: &str, _: Option<u64>) {}
    fn progress(&mut self, _: u64, _: u64) {}
    fn warning(&mut self, _: &str) {}
}

/// Passes the pipeline's events on to the observer; collects the Message-IDs a source holds
/// when asked to (an epoch whose history was rewritten, to find what was purged).
struct Forward<'a> {
    observer: &'a mut dyn ImportObserver,
    seen: Option<HashSet<String>>,
}

impl Events for Forward<'_> {
    fn written(&mut self, messages: u64, bytes: u64) {
        self.observer.progress(messages, bytes);
    }
    fn warning(&mut self, text: String) {
        self.observer.warning(&text);
    }
    fn seen(&mut self, msgid: &str) {
        if let Some(seen) = self.seen.as_mut() {
            seen.insert(msgid.to_string());
        }
    }
}

/// Imports every path in `paths` into `store`.
pub fn import(
    store: &mut Store,
    paths: &[String],
    opts: &ImportOptions,
    observer: &mut dyn ImportObserver,
) -> Result<ImportReport, AppError> {
    let started = Instant::now();
    store.bulk(|store| import_paths(store, paths, opts, observer, started))?
}

/// [`import`] once the database is set up for it.
fn import_paths(
    store: &mut Store,
    paths: &[String],
    opts: &ImportOptions,
    observer: &mut dyn ImportObserver,
    started: Instant,
) -> Result<ImportReport, AppError> {
    let import_id = store.begin_import(paths)?;
    let mut report = ImportReport {
        import_id,
        ..Default::default()
    };
    let parse = ParseOptions {
        default_list: opts.list.clone(),
        trust: opts.trust.clone(),
    };
    let arrived =
        std::cell::RefCell::new(super::Arrivals::into_store_of(store.top_message()? as u64));
    let assembled = std::cell::RefCell::new(super::RebuildStats::default());
    // A failed assembly stops the others; the messages stay unassembled, for the next command
    // that writes to finish.
    let failed: std::cell::RefCell<Option<AppError>> = std::cell::RefCell::new(None);
    // Windows are worked out beside the writer, from the first one handed over, when a second
    // connection opens (`None` until then, `Some(None)` when it does not).
    let assembler = std::cell::RefCell::new(None);
    let assemble = |store: &mut Store, a: super::Arrivals| {
        if failed.borrow().is_some() {
            return;
        }
        let mut beside = assembler.borrow_mut();
        let done = match beside.get_or_insert_with(|| Assembler::start(store.path())) {
            Some(beside) => beside.next(store, a, &opts.trust),
            None => super::derive(store, Some(a), &opts.trust),
        };
        match done {
            Ok(stats) => assembled.borrow_mut().absorb(stats),
            Err(e) => *failed.borrow_mut() = Some(e),
        }
    };
    for path in paths {
        if report.interrupted(opts) {
            break;
        }
        let mut run = Run {
            store,
            opts,
            parse: &parse,
            observer,
            report: &mut report,
            import_id,
            arrived: &arrived,
            assemble: &assemble,
            seen: None,
        };
        run.input(path)?;
    }
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    let arrived = arrived.into_inner();
    let mut series = assembled.into_inner();
    if let Some(Some(mut beside)) = assembler.into_inner() {
        series.absorb(beside.settle(store, &opts.trust)?);
    }
    series.absorb(super::derive(store, Some(arrived), &opts.trust)?);
    report.series = series;
    report.elapsed = started.elapsed();
    store.finish_import(import_id, &report.counts, report.elapsed.as_millis() as u64)?;
    Ok(report)
}

/// One import in progress.
struct Run<'a> {
    store: &'a mut Store,
    opts: &'a ImportOptions,
    parse: &'a ParseOptions,
    observer: &'a mut dyn ImportObserver,
    report: &'a mut ImportReport,
    import_id: i64,
    arrived: &'a std::cell::RefCell<super::Arrivals>,
    assemble: &'a dyn Fn(&mut Store, super::Arrivals),
    /// Message-IDs the current input holds, when they are wanted (see `Forward`).
    seen: Option<HashSet<String>>,
}

impl Run<'_> {
    fn input(&mut self, path: &str) -> Result<(), AppError> {
        let input = match source::detect(path) {
            Ok(i) => i,
            Err(e) => return self.failed(path, None, &e),
        };
        let key = input.key();
        let row = self
            .store
            .source(&key, input.kind.as_str(), self.opts.list.as_deref())?;
        let size = std::fs::metadata(&input.path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        self.observer.input(&key, size);
        let read_before = self.report.counts.read;
        let rejected_before = self.report.counts.rejected;
        match input.kind {
            InputKind::File | InputKind::Stdin => self.mbox(&input, &row)?,
            InputKind::Maildir => self.maildir(&input, &row)?,
            InputKind::PublicInbox => {
                for (epoch, dir) in epochs(&input.path) {
                    self.epoch(&key, &dir, epoch, &row)?;
                }
            }
            InputKind::Epoch => self.epoch(&key, &input.path, epoch_number(&input.path), &row)?,
        }
        if self.report.counts.rejected > rejected_before {
            // Rejected messages get another chance next time (maybe with other options): the
            // input is read again from the start; what was imported is deduplicated.
            self.store.forget_progress(row.id)?;
        }
        let nothing_new = self.report.counts.read == read_before;
        let skipped = self.report.notes.iter().any(|n| {
            matches!(n, ImportNote::Unchanged(i) | ImportNote::Resumed { input: i, .. } if *i == key)
        });
        let stopped = self
            .opts
            .stop
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed));
        if nothing_new
            && !skipped
            && !stopped
            && input.kind != InputKind::PublicInbox
            && input.kind != InputKind::Epoch
        {
            let e = SourceError::NotAnArchive {
                path: input.path.clone(),
                reason: "no messages found (empty input)".into(),
            };
            self.failed(&key, None, &e)?;
        }
        Ok(())
    }

    fn mbox(&mut self, input: &Input, row: &SourceRow) -> Result<(), AppError> {
        let key = input.key();
        // A FIFO or a device is read as it comes, like standard input: opening it to take a
        // fingerprint would take (and lose) what its writer sends.
        let is_file = input.kind == InputKind::File && input.regular;
        let fingerprint = if is_file {
            source::fingerprint(&input.path).ok()
        } else {
            None
        };
        let fp_tuple = fingerprint.as_ref().map(|f| (f.size, f.mtime_ns, f.edges));
        if fp_tuple.is_some() && row.fingerprint == fp_tuple {
            self.report.notes.push(ImportNote::Unchanged(key));
            return Ok(());
        }
        let resume = match (is_file, row.read_offset, row.read_hash) {
            (true, offset, Some(hash)) if offset > 0 => Some(MboxResume { offset, hash }),
            _ => None,
        };
        let max = self.opts.max_size;
        let path = input.path.clone();
        let result = self.pipeline(row.id, &key, move |sink| {
            read_mbox(&path, resume.as_ref(), max, sink)
        })?;
        match result {
            // Stopped while its reader waited for input: what it gave is kept.
            None => Ok(()),
            Some(Ok(outcome)) => {
                if outcome.resumed {
                    self.report.notes.push(ImportNote::Resumed {
                        input: key.clone(),
                        offset: row.read_offset,
                    });
                }
                if outcome.changed {
                    self.report.notes.push(ImportNote::Changed(key.clone()));
                }
                if is_file && outcome.completed {
                    self.store.set_fingerprint(row.id, fp_tuple)?;
                }
                Ok(())
            }
            Some(Err(e)) => self.failed(&key, None, &e),
        }
    }

    fn maildir(&mut self, input: &Input, row: &SourceRow) -> Result<(), AppError> {
        let key = input.key();
        let max = self.opts.max_size;
        let root = input.path.clone();
        let result = self.pipeline(row.id, &key, move |sink| {
            let mut unreadable = Vec::new();
            read_maildir(&root, max, sink, &mut |e| unreadable.push(e)).map(|_| unreadable)
        })?;
        match result {
            None => Ok(()),
            Some(Ok(unreadable)) => {
                for e in unreadable {
                    self.failed(&key, None, &e)?;
                }
                Ok(())
            }
            Some(Err(e)) => self.failed(&key, None, &e),
        }
    }

    fn epoch(
        &mut self,
        key: &str,
        dir: &Path,
        epoch: u32,
        row: &SourceRow,
    ) -> Result<(), AppError> {
        let last = row
            .epochs
            .iter()
            .find(|(e, _)| *e == epoch)
            .map(|(_, c)| c.clone());
        let max = self.opts.max_size;
        let since = self.opts.since;
        let dir_owned = dir.to_path_buf();
        // A rewritten history (a purge) is read again whole: what it no longer holds is marked.
        let rewritten = last.as_deref().is_some_and(|l| history_rewritten(dir, l));
        self.seen = rewritten.then(HashSet::new);
        let result = self.pipeline(row.id, key, move |sink| {
            read_epoch(&dir_owned, epoch, last.as_deref(), since, max, sink)
        })?;
        let seen = self.seen.take();
        match result {
            None => Ok(()),
            Some(Ok(outcome)) => {
                if outcome.rewritten {
                    let purged = match (seen, outcome.completed) {
                        (Some(seen), true) => self.store.mark_purged(row.id, epoch, &seen)?,
                        _ => 0,
                    };
                    self.report.notes.push(ImportNote::RewrittenHistory {
                        input: key.to_string(),
                        epoch,
                        purged,
                    });
                }
                Ok(())
            }
            Some(Err(e)) => self.failed(key, Some(&format!("epoch {epoch}")), &e),
        }
    }

    /// Imports what `read` yields; `None` when the user stopped it while it waited for input.
    fn pipeline<R: Send + 'static>(
        &mut self,
        source_id: i64,
        name: &str,
        read: impl FnOnce(&mut dyn Sink) -> Result<R, SourceError> + Send + 'static,
    ) -> Result<Option<Result<R, SourceError>>, AppError> {
        let target = Target {
            arrived: self.arrived,
            assemble: self.assemble,
            import_id: self.import_id,
            source_id,
            source_name: name,
            parse: self.parse,
            jobs: self.opts.jobs,
            stop: self.opts.stop,
        };
        let mut events = Forward {
            observer: &mut *self.observer,
            seen: self.seen.take(),
        };
        let result = pipeline::run(
            self.store,
            &target,
            &mut self.report.counts,
            &mut events,
            read,
        );
        self.seen = events.seen.take();
        Ok(result?)
    }

    /// Records an input that could not be read (or broke off), and goes on with the next.
    fn failed(
        &mut self,
        name: &str,
        locator: Option<&str>,
        e: &SourceError,
    ) -> Result<(), AppError> {
        let reason = e.to_string();
        self.observer.warning(&reason);
        self.report.failed_inputs.push(reason.clone());
        let batch = self.store.batch()?;
        batch.reject(&Reject {
            import_id: self.import_id,
            source: name,
            locator,
            msgid: None,
            reason: &reason,
            raw_z: None,
        })?;
        batch.commit()?;
        Ok(())
    }
}
