//! `patchq import`: reads every input given, skipping what earlier imports already read, and
//! records the import with its counts and everything it rejected.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use super::AppError;
use super::assembler::Assembler;
use super::pipeline::{self, Events, Gate, Reading, Started, Target};
use crate::parse::ParseOptions;
use crate::source::{
    self, Input, InputKind, MboxOutcome, MboxResume, Sink, SourceError, epoch_number, epochs,
    history_rewritten, read_epoch, read_maildir, read_mbox,
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
    /// Holds back the reading of the next input until this one is read.
    next: Option<Gate>,
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
    fn read_all(&mut self) {
        self.next = None;
    }
}

/// Imports every path in `paths` into `store`.
pub fn import(
    store: &mut Store,
    paths: &[String],
    opts: &ImportOptions,
    observer: &mut dyn ImportObserver,
) -> Result<ImportReport, AppError> {
    import_started(store, paths, opts, observer, None)
}

/// [`import`], the first input's reading perhaps started before the database was opened
/// ([`start_first_input`]).
pub fn import_started(
    store: &mut Store,
    paths: &[String],
    opts: &ImportOptions,
    observer: &mut dyn ImportObserver,
    first: Option<FirstInput>,
) -> Result<ImportReport, AppError> {
    let started = Instant::now();
    store.bulk(|store| import_paths(store, paths, opts, observer, first, started))?
}

/// The first input of an import, its reading started before the database is opened: an mbox
/// file (from its start) or a Maildir. A database that does not exist yet has nothing to
/// resume from, so creating it (about 15 ms of one core: the schema, the switch to a log, the
/// first syncs) need not hold the reading and parsing back. Taken up only if the database
/// turns out to know nothing of an mbox (`Run::take_started`); dropped, its threads end.
pub struct FirstInput {
    arg: String,
    input: Input,
    read: Ready,
}

/// An input's reading started before its turn.
enum Ready {
    Mbox(MboxRead),
    Maildir(Started<Vec<SourceError>>),
}

/// Starts reading `path` as the first input of an import into a database that does not exist
/// yet; `None` for inputs read in other ways (standard input, a FIFO, public-inbox) or that
/// cannot be read (the import says why in its turn).
pub fn start_first_input(path: &str, opts: &ImportOptions) -> Option<FirstInput> {
    let input = source::detect(path).ok()?;
    let reading = reading(opts);
    let read = match input.kind {
        InputKind::File if input.regular => {
            Ready::Mbox(start_mbox(&reading, opts.max_size, &input, None, false)?.0)
        }
        InputKind::Maildir => Ready::Maildir(start_maildir(&reading, opts.max_size, &input)),
        _ => return None,
    };
    Some(FirstInput {
        arg: path.to_string(),
        input,
        read,
    })
}

/// How inputs are read and parsed with `opts`.
fn reading(opts: &ImportOptions) -> Reading {
    Reading {
        parse: std::sync::Arc::new(ParseOptions {
            default_list: opts.list.clone(),
            trust: opts.trust.clone(),
        }),
        jobs: opts.jobs,
        stop: opts.stop,
    }
}

/// [`import`] once the database is set up for it.
fn import_paths(
    store: &mut Store,
    paths: &[String],
    opts: &ImportOptions,
    observer: &mut dyn ImportObserver,
    first: Option<FirstInput>,
    started: Instant,
) -> Result<ImportReport, AppError> {
    let import_id = store.begin_import(paths)?;
    let mut report = ImportReport {
        import_id,
        ..Default::default()
    };
    let reading = reading(opts);
    let arrived =
        std::cell::RefCell::new(super::Arrivals::into_store_of(store.top_message()? as u64));
    let assembled = std::cell::RefCell::new(super::RebuildStats::default());
    // A failed assembly stops the others; the messages stay unassembled, for the next command
    // that writes to finish.
    let failed: std::cell::RefCell<Option<AppError>> = std::cell::RefCell::new(None);
    // Windows are worked out beside the writer, from the first one handed over, when a second
    // connection opens (`None` until then, `Some(None)` when it does not).
    let assembler = std::cell::RefCell::new(None);
    // A new database being built (no log yet, see `Store::open_to_build`) assembles its first
    // window in place: a second connection reading beside it would hold the build's commits
    // back. The build settles at the next window, whose assembly is worked out beside.
    let in_place = std::cell::Cell::new(store.building());
    let assemble = |store: &mut Store, a: super::Arrivals| {
        if failed.borrow().is_some() {
            return;
        }
        let done = if in_place.replace(false) {
            super::derive(store, Some(a), &opts.trust)
        } else if let Err(e) = store.settle_build() {
            Err(e.into())
        } else {
            let mut beside = assembler.borrow_mut();
            match beside.get_or_insert_with(|| Assembler::start(store.path())) {
                Some(beside) => beside.next(store, a, &opts.trust),
                None => super::derive(store, Some(a), &opts.trust),
            }
        };
        match done {
            Ok(stats) => assembled.borrow_mut().absorb(stats),
            Err(e) => *failed.borrow_mut() = Some(e),
        }
    };
    // The last input's assembly starts beside its last commit, when it can (`derive::Planning`).
    let planning = std::cell::RefCell::new(None);
    let start_planning = || match super::derive::Planning::start(arrived.take()) {
        Ok(p) => *planning.borrow_mut() = Some(p),
        Err(back) => *arrived.borrow_mut() = back,
    };
    let mut run = Run {
        store: &mut *store,
        opts,
        reading,
        observer,
        report: &mut report,
        import_id,
        arrived: &arrived,
        assemble: &assemble,
        start_planning: &start_planning,
        last: false,
        seen: None,
        next: None,
        ahead: None,
        first,
        keys: HashSet::new(),
        commits: pipeline::CommitSchedule::default(),
    };
    for (i, path) in paths.iter().enumerate() {
        if run.report.interrupted(opts) {
            break;
        }
        run.next = paths.get(i + 1).map(String::as_str);
        run.last = i + 1 == paths.len();
        run.input(path)?;
    }
    // A next input got ready and not taken up (the import stopped) ends here.
    drop(run);
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    let arrived = arrived.into_inner();
    let mut series = assembled.into_inner();
    if let Some(Some(mut beside)) = assembler.into_inner() {
        series.absorb(beside.settle(store, &opts.trust)?);
    }
    series.absorb(match planning.into_inner() {
        Some(planning) => planning.derive(store, &opts.trust)?,
        None => super::derive(store, Some(arrived), &opts.trust)?,
    });
    report.series = series;
    report.elapsed = started.elapsed();
    store.finish_import(import_id, &report.counts, report.elapsed.as_millis() as u64)?;
    Ok(report)
}

/// Starts reading an mbox input, from where the last import stopped (`row`, when the database
/// knows the input) when it grew since (`held`: once the gate returned is dropped); `None` when
/// it is unchanged since the last import.
fn start_mbox(
    reading: &Reading,
    max: usize,
    input: &Input,
    row: Option<&SourceRow>,
    held: bool,
) -> Option<(MboxRead, Option<Gate>)> {
    // A FIFO or a device is read as it comes, like standard input: opening it to take a
    // fingerprint would take (and lose) what its writer sends.
    let is_file = input.kind == InputKind::File && input.regular;
    let fingerprint = is_file
        .then(|| source::fingerprint(&input.path).ok())
        .flatten()
        .map(|f| (f.size, f.mtime_ns, f.edges));
    if fingerprint.is_some() && row.is_some_and(|r| r.fingerprint == fingerprint) {
        return None;
    }
    let resume = match (is_file, row) {
        (true, Some(r)) if r.read_offset > 0 => r.read_hash.map(|hash| MboxResume {
            offset: r.read_offset,
            hash,
        }),
        _ => None,
    };
    let path = input.path.clone();
    let read = move |sink: &mut dyn Sink| read_mbox(&path, resume.as_ref(), max, sink);
    let (started, gate) = match held {
        true => {
            let (started, gate) = pipeline::start_held(reading, read);
            (started, Some(gate))
        }
        false => (pipeline::start(reading, read), None),
    };
    let read = MboxRead {
        is_file,
        fingerprint,
        started,
    };
    Some((read, gate))
}

/// Starts reading a Maildir (all of it: what is stored already is recognised when written).
fn start_maildir(reading: &Reading, max: usize, input: &Input) -> Started<Vec<SourceError>> {
    let root = input.path.clone();
    pipeline::start(reading, move |sink| {
        let mut unreadable = Vec::new();
        read_maildir(&root, max, sink, &mut |e| unreadable.push(e)).map(|_| unreadable)
    })
}

/// One import in progress.
struct Run<'a> {
    store: &'a mut Store,
    opts: &'a ImportOptions,
    reading: Reading,
    observer: &'a mut dyn ImportObserver,
    report: &'a mut ImportReport,
    import_id: i64,
    arrived: &'a std::cell::RefCell<super::Arrivals>,
    assemble: &'a dyn Fn(&mut Store, super::Arrivals),
    /// Starts the assembly of what arrived beside the commit that ends the import's last input.
    start_planning: &'a dyn Fn(),
    /// The current input is the import's last.
    last: bool,
    /// Message-IDs the current input holds, when they are wanted (see `Forward`).
    seen: Option<HashSet<String>>,
    /// The input after the current one, until it is looked at (`look_ahead`).
    next: Option<&'a str>,
    /// The next input, its reading started while the current one is written.
    ahead: Option<Ahead>,
    /// The first input, its reading started before the database was opened.
    first: Option<FirstInput>,
    /// The inputs this import has taken up so far.
    keys: HashSet<String>,
    commits: pipeline::CommitSchedule,
}

/// An mbox input whose reading started while the input before it was written.
struct Ahead {
    /// As given on the command line.
    arg: String,
    input: Input,
    row: SourceRow,
    read: MboxRead,
    /// Holds its reader back until the current input is read (see `look_ahead`).
    gate: Option<Gate>,
}

/// An mbox input being read.
struct MboxRead {
    is_file: bool,
    /// Taken before reading, kept once the whole file is read.
    fingerprint: Option<(u64, i64, u128)>,
    started: Started<MboxOutcome>,
}

impl Run<'_> {
    fn input(&mut self, path: &str) -> Result<(), AppError> {
        let (input, row, ready) = match self.take_started(path)? {
            Some((input, row, ready)) => (input, row, Some(ready)),
            None => {
                let input = match source::detect(path) {
                    Ok(i) => i,
                    Err(e) => return self.failed(path, None, &e),
                };
                let row = self.store.source(
                    &input.key(),
                    input.kind.as_str(),
                    self.opts.list.as_deref(),
                )?;
                (input, row, None)
            }
        };
        let key = input.key();
        self.keys.insert(key.clone());
        let size = std::fs::metadata(&input.path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        self.observer.input(&key, size);
        let read_before = self.report.counts.read;
        let rejected_before = self.report.counts.rejected;
        match input.kind {
            InputKind::File | InputKind::Stdin => self.mbox(&input, &row, ready)?,
            InputKind::Maildir => self.maildir(&input, &row, ready)?,
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

    /// The input `path` with its reading, when that was started before its turn: read ahead
    /// while the input before it was written (`look_ahead`), or as the first input before the
    /// database was opened, kept only if the database knows nothing of it (that reading
    /// starts at the beginning: an mbox read before must be read on from where it stopped,
    /// or not at all if it is unchanged).
    fn take_started(&mut self, path: &str) -> Result<Option<(Input, SourceRow, Ready)>, AppError> {
        if let Some(a) = self.ahead.take().filter(|a| a.arg == path) {
            return Ok(Some((a.input, a.row, Ready::Mbox(a.read))));
        }
        let Some(first) = self.first.take().filter(|f| f.arg == path) else {
            return Ok(None);
        };
        let row = self.store.source(
            &first.input.key(),
            first.input.kind.as_str(),
            self.opts.list.as_deref(),
        )?;
        let unknown = row.read_offset == 0 && row.fingerprint.is_none();
        let fits = unknown || matches!(first.read, Ready::Maildir(_));
        Ok(fits.then_some((first.input, row, first.read)))
    }

    /// `ready`: its reading, when it was started before its turn (`take_started`).
    fn mbox(
        &mut self,
        input: &Input,
        row: &SourceRow,
        ready: Option<Ready>,
    ) -> Result<(), AppError> {
        let key = input.key();
        let ahead = match ready {
            Some(Ready::Mbox(read)) => Some(read),
            _ => None,
        };
        let started = || start_mbox(&self.reading, self.opts.max_size, input, Some(row), false);
        let Some(read) = ahead.or_else(|| started().map(|r| r.0)) else {
            self.report.notes.push(ImportNote::Unchanged(key));
            return Ok(());
        };
        self.look_ahead()?;
        match self.pipeline(row.id, &key, read.started, self.last)? {
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
                if read.is_file && outcome.completed {
                    self.store.set_fingerprint(row.id, read.fingerprint)?;
                }
                Ok(())
            }
            Some(Err(e)) => self.failed(&key, None, &e),
        }
    }

    /// Gets the next input ready, when it is an mbox file this import has not taken up yet, and
    /// starts reading it as soon as the current one is read, so that its parsing goes on while
    /// the writer finishes the current one: each input ended with the writer storing the
    /// batches parsed ahead of it, up to 16 (4,000 messages), alone, while the parsers stood
    /// idle, about 50 ms of one core per input boundary of the four archives. (Read from the
    /// start, the next input filled its queues early and its parsers stood idle all the same.)
    /// Its failures are told in its turn. Called by the mbox and Maildir inputs, read in one
    /// pipeline (a public-inbox's epochs are several: the next input is read in its turn).
    fn look_ahead(&mut self) -> Result<(), AppError> {
        let Some(next) = self.next.take() else {
            return Ok(());
        };
        let Ok(input) = source::detect(next) else {
            return Ok(());
        };
        if input.kind != InputKind::File || !input.regular || self.keys.contains(&input.key()) {
            return Ok(());
        }
        let row =
            self.store
                .source(&input.key(), input.kind.as_str(), self.opts.list.as_deref())?;
        if let Some((read, gate)) =
            start_mbox(&self.reading, self.opts.max_size, &input, Some(&row), true)
        {
            self.ahead = Some(Ahead {
                arg: next.to_string(),
                input,
                row,
                read,
                gate,
            });
        }
        Ok(())
    }

    /// `ready`: its reading, when it was started before its turn (`take_started`).
    fn maildir(
        &mut self,
        input: &Input,
        row: &SourceRow,
        ready: Option<Ready>,
    ) -> Result<(), AppError> {
        let key = input.key();
        let started = match ready {
            Some(Ready::Maildir(started)) => started,
            _ => start_maildir(&self.reading, self.opts.max_size, input),
        };
        self.look_ahead()?;
        let result = self.pipeline(row.id, &key, started, self.last)?;
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
        let started = pipeline::start(&self.reading, move |sink| {
            read_epoch(&dir_owned, epoch, last.as_deref(), since, max, sink)
        });
        // A public-inbox's epochs are several pipelines: none is taken for the import's end.
        let result = self.pipeline(row.id, key, started, false)?;
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

    /// Writes what `started` reads (and lets the next input be read once it is, when
    /// `look_ahead` got it ready); `None` when the user stopped it while it waited for input.
    /// `ends_import`: nothing is read after it.
    fn pipeline<R>(
        &mut self,
        source_id: i64,
        name: &str,
        started: Started<R>,
        ends_import: bool,
    ) -> Result<Option<Result<R, SourceError>>, AppError> {
        let target = Target {
            arrived: self.arrived,
            assemble: self.assemble,
            ending: ends_import.then_some(self.start_planning),
            commits: &self.commits,
            import_id: self.import_id,
            source_id,
            source_name: name,
        };
        let mut events = Forward {
            observer: &mut *self.observer,
            seen: self.seen.take(),
            next: self.ahead.as_mut().and_then(|a| a.gate.take()),
        };
        let result = pipeline::finish(
            started,
            self.store,
            &target,
            &mut self.report.counts,
            &mut events,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(i: u32) -> String {
        format!(
            "From x Mon Jan  1 00:00:00 2024\nMessage-ID: <m{i}@x>\nFrom: A <a@x>\n\
             Subject: note {i}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\ntext {i}\n\n"
        )
    }

    /// Imports `file`, its reading started as a first input before the database was opened.
    fn import_first(store: &mut Store, file: &Path) -> ImportReport {
        let paths = [file.to_string_lossy().into_owned()];
        let opts = ImportOptions::default();
        let first = start_first_input(&paths[0], &opts);
        assert!(first.is_some(), "an mbox file is started early");
        import_started(store, &paths, &opts, &mut QuietObserver, first).unwrap()
    }

    /// An import of several inputs commits after a few hundred messages once, then every few
    /// thousand, whichever input it is at (an input's end also commits): each commit writes a
    /// segment of the search index, and starting over at every input wrote 19 for the four
    /// real archives, enough for FTS5 to merge them all in the middle of the import. Five
    /// inputs of 600 messages: the first commits at 496 (the batches of 16, 32, 64, 128 and 256
    /// messages) and at its end, the others at their ends; 6 commits, 6 segments (10 when
    /// every input started over).
    #[test]
    fn the_commits_of_an_import_of_several_inputs_grow_once_not_per_input() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<String> = (0..5)
            .map(|n| {
                let file = dir.path().join(format!("in{n}.mbox"));
                std::fs::write(
                    &file,
                    (n * 600..(n + 1) * 600).map(mail).collect::<String>(),
                )
                .unwrap();
                file.to_string_lossy().into_owned()
            })
            .collect();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let opts = ImportOptions::default();
        let r = import(&mut store, &paths, &opts, &mut QuietObserver).unwrap();
        assert_eq!(r.counts.new, 3000);
        assert_eq!(store.search_segments().unwrap(), 6);
        let hits = store.search_messages("\"text 2999\"", Some(10)).unwrap();
        assert_eq!(hits.len(), 1, "the last message is in the index");
    }

    /// A first input started before the database was opened reads from the start, which is
    /// right only for an input the database knows nothing of: one it knows is read as any
    /// other input is, from where the last import stopped, or not at all when unchanged.
    #[test]
    fn a_first_input_started_early_is_dropped_when_the_database_knows_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.mbox");
        std::fs::write(&file, (0..3).map(mail).collect::<String>()).unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let r = import_first(&mut store, &file);
        assert_eq!((r.counts.read, r.counts.new), (3, 3));

        let r = import_first(&mut store, &file);
        assert_eq!(r.counts.read, 0, "unchanged: nothing read");
        let key = source::detect(&file.to_string_lossy()).unwrap().key();
        assert_eq!(r.notes, vec![ImportNote::Unchanged(key.clone())]);

        let mut grown = std::fs::read(&file).unwrap();
        grown.extend(mail(3).bytes());
        std::fs::write(&file, grown).unwrap();
        let r = import_first(&mut store, &file);
        assert_eq!(
            (r.counts.read, r.counts.new),
            (1, 1),
            "read on from where it stopped"
        );
        assert!(
            matches!(&r.notes[..], [ImportNote::Resumed { input, offset }] if *input == key && *offset > 0),
            "{:?}",
            r.notes
        );
    }
}
