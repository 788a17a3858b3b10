//! The import pipeline for one input: a reader thread splits the archive into raw messages, worker
//! threads parse and compress them in batches (`start`), and the calling thread writes the
//! batches in archive order, one transaction per few thousand messages together with the
//! input's progress (`finish`). Bounded queues keep memory flat whatever the archive's size. An
//! input can be started before the one ahead of it is written, its reader held back until that
//! one is read (`start_held`, `Events::read_all`): its parsing then fills the time the writer
//! spends on the batches left queued.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, bounded};

use crate::model::{Mail, MailKind, MessageId, Origin};
use xxhash_rust::xxh3::xxh3_64;

use crate::parse::{ParseOptions, content_hash, minimal_record, parse_mail};
use crate::source::{Item, Resume, Sink, SourceError};
use crate::store::{
    Batch, ImportCounts, Inserted, NewMessage, RawRef, Reject, Store, StoreError, compress,
};
use crate::thread::Msg;
use write::write_all;

mod write;

/// Raw messages per parse batch, and the raw bytes after which a batch is sent anyway.
const BATCH_ITEMS: usize = 256;
const BATCH_BYTES: usize = 4 << 20;
/// Raw messages in the first batch; each next one holds twice as many, up to `BATCH_ITEMS`: the
/// writer starts as soon as a few messages are parsed instead of waiting for a full batch,
/// which is most of a small import's time.
const FIRST_BATCH_ITEMS: usize = 16;
/// Batches hold at most `SMALL_BATCH_ITEMS` over the first `SMALL_BATCHES_FOR` messages of an
/// input. A batch is parsed by one thread and written only once all of it is parsed, so while
/// the parsers and the writer share the two cores, a batch of 256 kept the writer waiting, then
/// left it a backlog at the end. The 1,386-message Maildir: 0.145 -> 0.138 s (medians of 41
/// interleaved runs); the four archives 1.947 -> 1.920 s (11 runs, within the noise), peak RSS
/// 156 -> 143 MB. Batches of 64 throughout did as well on both, but took 2.7% more CPU at
/// 234,260 messages (35.9 -> 36.9 s): each batch costs a little (a reply channel, a partial
/// compressed chunk, a call into the search index).
const SMALL_BATCH_ITEMS: usize = 64;
const SMALL_BATCHES_FOR: usize = 4096;
/// Raw batches queued for the parsing threads.
const QUEUE: usize = 8;
/// Batches between the batching thread and the writer, in archive order, parsed or not yet:
/// what the parsers may run ahead of the writer. Each time the writer stores an assembly
/// window it stops taking batches for a few hundred milliseconds; with 8 the parsers soon
/// stood still behind it, with 16 (about 4,000 messages) they mostly go on. At 1,007,318
/// messages, interleaved: 71.2 s with 8, 62.9-65.2 s with 16 (peak RSS 213 -> 251 MB), 64.3 s
/// with 12 (229 MB), 63.2 s with 24 (287 MB); at 234,260 messages 13.97 -> 13.41 s.
const PARSED_QUEUE: usize = 16;
/// Raw messages queued between the reader and the batching thread.
const ITEM_QUEUE: usize = 64;
/// How long a stopped import waits for its reader to return before leaving it behind.
const READER_GRACE: std::time::Duration = std::time::Duration::from_millis(300);
/// A batch not yet full is sent when the source has been quiet this long.
const QUIET: std::time::Duration = std::time::Duration::from_millis(100);
/// Messages per write transaction.
const COMMIT_EVERY: u64 = 4000;
/// Messages in an import's first write transaction; each next one may hold twice as many, up
/// to `COMMIT_EVERY`. What a commit wrote is copied into the database and synced by the
/// checkpointing thread while the import goes on: a small import with one commit at its end
/// (the 1,386-message Maildir) then waited for its whole log, two `fsync`s of about 10 MB,
/// and wrote its whole search index at that commit, alone on one core (0.34 -> 0.28-0.29 s,
/// interleaved, on a slow day).
const FIRST_COMMIT: u64 = 250;

/// When the writer commits, over a whole import ([`FIRST_COMMIT`], then twice as many messages
/// each time up to [`COMMIT_EVERY`]; an input's end commits too). Not started over at each
/// input: every commit writes a segment of the search index, and FTS5 merges a level's
/// segments once it holds 16. Started over, the four real archives committed 19 times and the
/// index merged 16 segments in one 161 ms commit in the middle of the import; carried over,
/// 11 commits, no merge: 1.966 -> 1.873 s, peak RSS 180 -> 155 MB (medians of 9 interleaved
/// runs on a quiet machine).
pub(super) struct CommitSchedule(std::cell::Cell<u64>);

impl Default for CommitSchedule {
    fn default() -> Self {
        CommitSchedule(std::cell::Cell::new(FIRST_COMMIT))
    }
}

impl CommitSchedule {
    /// Messages after which the open transaction commits.
    fn at(&self) -> u64 {
        self.0.get()
    }

    /// A transaction committed: the next may hold twice as many.
    fn committed(&self) {
        self.0.set((self.0.get() * 2).min(COMMIT_EVERY));
    }
}

/// New messages after which an import assembles threads and series, between batches: what it
/// holds in memory for assembly is bounded by this, not by the size of the input.
const ASSEMBLE_EVERY: usize = 20_000;

/// `ASSEMBLE_EVERY`, or `PATCHQ_ASSEMBLE_EVERY` (for tests).
pub(super) fn assemble_every() -> usize {
    super::work_size("PATCHQ_ASSEMBLE_EVERY", ASSEMBLE_EVERY)
}
/// Raw bytes of consecutive messages compressed together.
const CHUNK_BYTES: usize = 128 * 1024;

/// A message after the workers are done with it.
enum Parsed {
    Message {
        mail: Box<Mail>,
        /// Why the full parse failed (`mail` is then the minimal record): kept, not parsed.
        parse_error: Option<String>,
        /// What the search index holds of it besides the subject (text, paths), worked out
        /// here rather than on the writer, the import's critical path at scale.
        search: (String, String),
        /// The raw bytes until they are packed into a chunk.
        raw: Vec<u8>,
        slot: Slot,
        hash: u128,
        raw_hash: u64,
        origin: Origin,
    },
    Rejected {
        origin: Origin,
        msgid: Option<String>,
        reason: String,
        raw_z: Option<Vec<u8>>,
    },
    Deleted {
        msgid: Option<MessageId>,
        origin: Origin,
    },
}

/// Where a message's raw bytes went: chunk number within the batch, offset and size.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    chunk: usize,
    offset: u32,
    size: u32,
}

/// A batch after parsing: the items in order and the compressed chunks holding their raw bytes.
struct ParsedBatch {
    items: Vec<(Parsed, Resume)>,
    chunks: Vec<Vec<u8>>,
}

/// A batch of raw items for a worker, and where to send it back parsed.
type Work = (Vec<(Item, Resume)>, Sender<ParsedBatch>);

/// What the writer needs to know about the input being imported.
pub(super) struct Target<'a> {
    /// The messages this import added and not yet assembled.
    pub arrived: &'a std::cell::RefCell<super::Arrivals>,
    /// Assembles what arrived, between batches, once enough has (memory stays bounded however
    /// big the input).
    pub assemble: &'a dyn Fn(&mut Store, super::Arrivals),
    /// Set when nothing is read after this input: called before the commit that ends it, so
    /// that its assembly can start beside that commit. While what arrived is kept for an
    /// assembly from memory (see `Arrivals::keep`), its window waits once the input is all read:
    /// what is left is what the queues hold, and the window is assembled whole at the end,
    /// beside that commit, instead of on the writer now with the rest after.
    pub ending: Option<&'a dyn Fn()>,
    /// When to commit, carried from one input of the import to the next.
    pub commits: &'a CommitSchedule,
    pub import_id: i64,
    pub source_id: i64,
    pub source_name: &'a str,
}

/// How an input is read and parsed.
#[derive(Clone)]
pub(super) struct Reading {
    pub parse: Arc<ParseOptions>,
    /// Parsing threads.
    pub jobs: usize,
    /// Set when the user asks to stop (Ctrl-C): the source stops, what it handed over is kept.
    pub stop: Option<&'static AtomicBool>,
}

/// How far the reading has got, for the writer.
#[derive(Clone, Copy)]
pub(super) struct Progress<'a> {
    /// Bytes the source has read.
    read: &'a AtomicU64,
    /// Set once everything is read and queued.
    read_all: &'a AtomicBool,
}

/// Called by the writer as it goes.
pub(super) trait Events {
    /// Messages written so far, and bytes the source has read.
    fn written(&mut self, messages: u64, bytes: u64);
    fn warning(&mut self, text: String);
    /// A message the source holds (new or known already).
    fn seen(&mut self, _msgid: &str) {}
    /// The source is read to its end; what remains is to write the batches it left queued
    /// (once, between batches).
    fn read_all(&mut self) {}
}

/// How often the writer reports the source's progress while no message arrives.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(250);
/// A transaction is committed when no message came for this long (a FIFO, a slow network).
const IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// The next parsed batch; reports the source's progress while waiting; `None` at the end.
fn next_batch(
    order_rx: &Receiver<Receiver<ParsedBatch>>,
    events: &mut dyn Events,
    messages: u64,
    read: &AtomicU64,
) -> Option<Receiver<ParsedBatch>> {
    loop {
        match order_rx.recv_timeout(PROGRESS_EVERY) {
            Ok(rx) => return Some(rx),
            Err(RecvTimeoutError::Timeout) => {
                events.written(messages, read.load(Ordering::Relaxed))
            }
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// An input being read and parsed, on threads of its own, ahead of its writing: its batches
/// come out parsed and in order, as many as the bounded queues hold until the writer takes them.
/// Dropped unwritten (the import stopped or failed), its threads see their queues closed and end.
pub(super) struct Started<R> {
    order_rx: Receiver<Receiver<ParsedBatch>>,
    read_bytes: Arc<AtomicU64>,
    result_rx: Receiver<Result<R, SourceError>>,
    stop: Option<&'static AtomicBool>,
    /// Set once the reader is done and its last batch queued.
    read_all: Arc<AtomicBool>,
    /// The batching and parsing threads (the reader may be left behind, see `finish`).
    threads: Vec<std::thread::JoinHandle<()>>,
}

/// Holds the reader of an input started by [`start_held`] back until dropped.
pub(super) struct Gate(#[allow(dead_code)] Sender<()>);

/// Starts reading with `read` on a reader thread, and batching and parsing what it yields.
pub(super) fn start<R: Send + 'static>(
    reading: &Reading,
    read: impl FnOnce(&mut dyn Sink) -> Result<R, SourceError> + Send + 'static,
) -> Started<R> {
    start_after(reading, None, read)
}

/// [`start`], its reader waiting until the gate returned is dropped.
pub(super) fn start_held<R: Send + 'static>(
    reading: &Reading,
    read: impl FnOnce(&mut dyn Sink) -> Result<R, SourceError> + Send + 'static,
) -> (Started<R>, Gate) {
    let (gate, held) = bounded(0);
    (start_after(reading, Some(held), read), Gate(gate))
}

fn start_after<R: Send + 'static>(
    reading: &Reading,
    held: Option<Receiver<()>>,
    read: impl FnOnce(&mut dyn Sink) -> Result<R, SourceError> + Send + 'static,
) -> Started<R> {
    let read_bytes = Arc::new(AtomicU64::new(0));
    let (item_tx, item_rx) = bounded::<(Item, Resume)>(ITEM_QUEUE);
    let (result_tx, result_rx) = bounded(1);
    let stop = reading.stop;
    let mut feeder = Feeder {
        tx: item_tx,
        read: read_bytes.clone(),
        stop,
    };
    spawn("patchq-read", move || {
        // Nothing is ever sent: the gate's drop ends the wait.
        if let Some(held) = held {
            let _ = held.recv();
        }
        let _ = result_tx.send(read(&mut feeder));
    });
    let (work_tx, work_rx) = bounded::<Work>(QUEUE);
    let (order_tx, order_rx) = bounded::<Receiver<ParsedBatch>>(PARSED_QUEUE);
    let read_all = Arc::new(AtomicBool::new(false));
    let done = read_all.clone();
    let mut threads = vec![spawn("patchq-batch", move || {
        Batcher::new(work_tx, order_tx, stop).run(item_rx);
        done.store(true, Ordering::Release);
    })];
    for _ in 0..reading.jobs.max(1) {
        let rx = work_rx.clone();
        let opts = reading.parse.clone();
        threads.push(spawn("patchq-parse", move || {
            for (items, reply) in rx {
                let items = items
                    .into_iter()
                    .map(|(i, r)| (parse_item(i, &opts), r))
                    .collect();
                let _ = reply.send(pack(items));
            }
        }));
    }
    Started {
        order_rx,
        read_bytes,
        result_rx,
        stop,
        read_all,
        threads,
    }
}

/// Writes what `started` reads; returns the reader's own result, or `None` when the user
/// stopped the import while the reader was blocked (a FIFO nobody writes to, a stalled device):
/// what it had handed over is written, and the reader is left behind (it ends with the process).
pub(super) fn finish<R>(
    started: Started<R>,
    store: &mut Store,
    target: &Target<'_>,
    counts: &mut ImportCounts,
    events: &mut dyn Events,
) -> Result<Option<Result<R, SourceError>>, StoreError> {
    let Started {
        order_rx,
        read_bytes,
        result_rx,
        stop,
        read_all,
        threads,
    } = started;
    let progress = Progress {
        read: &read_bytes,
        read_all: &read_all,
    };
    // Gone, the queue tells the batching thread to stop, and the parsers after it.
    let written = write_all(store, target, counts, events, order_rx, progress);
    for t in threads {
        if let Err(panic) = t.join() {
            std::panic::resume_unwind(panic);
        }
    }
    written?;
    let stopped = stop.is_some_and(|s| s.load(Ordering::Relaxed));
    Ok(match stopped {
        true => result_rx.recv_timeout(READER_GRACE).ok(),
        false => Some(
            result_rx
                .recv()
                .expect("the reader thread sends its result"),
        ),
    })
}

/// Starts a named thread (names show in profilers and debuggers).
fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(f)
        .expect("spawning an import thread")
}

/// What the reader hands items to (on to the batching thread), and asks whether to stop.
struct Feeder {
    tx: Sender<(Item, Resume)>,
    /// Bytes the source has read, for the writer's progress reports.
    read: Arc<AtomicU64>,
    stop: Option<&'static AtomicBool>,
}

impl Sink for Feeder {
    fn item(&mut self, item: Item, resume: Resume) -> bool {
        !self.stopped() && self.tx.send((item, resume)).is_ok()
    }

    fn read_so_far(&mut self, bytes: u64) {
        self.read.store(bytes, Ordering::Relaxed);
    }

    fn stopped(&self) -> bool {
        self.stop.is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// Collects raw items into batches and queues them, keeping their order: a batch goes when it is
/// full, or when the source has given nothing for a moment (a FIFO or a slow network, whose
/// reader may block for as long as it likes: what it gave is written meanwhile).
struct Batcher {
    work_tx: Sender<Work>,
    order_tx: Sender<Receiver<ParsedBatch>>,
    pending: Vec<(Item, Resume)>,
    bytes: usize,
    /// Items after which the pending batch is sent.
    limit: usize,
    /// Items sent so far.
    sent: usize,
    /// Once set, what came is sent on and nothing more is waited for.
    stop: Option<&'static AtomicBool>,
}

impl Batcher {
    fn new(
        work_tx: Sender<Work>,
        order_tx: Sender<Receiver<ParsedBatch>>,
        stop: Option<&'static AtomicBool>,
    ) -> Self {
        Batcher {
            work_tx,
            order_tx,
            pending: Vec::new(),
            bytes: 0,
            limit: FIRST_BATCH_ITEMS,
            sent: 0,
            stop,
        }
    }

    fn run(&mut self, items: Receiver<(Item, Resume)>) {
        loop {
            match items.recv_timeout(QUIET) {
                Ok((item, resume)) => {
                    if !self.add(item, resume) {
                        return;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    let stopped = self.stop.is_some_and(|s| s.load(Ordering::Relaxed));
                    if !self.flush() || stopped {
                        return;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.flush();
                    return;
                }
            }
        }
    }

    /// Adds an item, sending the batch when it is full; false when the writer has gone away.
    fn add(&mut self, item: Item, resume: Resume) -> bool {
        self.bytes += match &item {
            Item::Message { raw, .. } | Item::Truncated { raw, .. } | Item::Deleted { raw, .. } => {
                raw.len()
            }
            Item::Oversized { head, .. } => head.len(),
        };
        self.pending.push((item, resume));
        if self.pending.len() >= self.limit || self.bytes >= BATCH_BYTES {
            return self.flush();
        }
        true
    }

    /// Queues the pending batch; false when the writer has gone away.
    fn flush(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let items = std::mem::take(&mut self.pending);
        self.bytes = 0;
        self.sent += items.len();
        self.limit = next_limit(self.limit, self.sent);
        let (tx, rx) = bounded(1);
        self.order_tx.send(rx).is_ok() && self.work_tx.send((items, tx)).is_ok()
    }
}

/// The item limit of the batch after one of `limit` items, `sent` items into the input.
fn next_limit(limit: usize, sent: usize) -> usize {
    let most = match sent < SMALL_BATCHES_FOR {
        true => SMALL_BATCH_ITEMS,
        false => BATCH_ITEMS,
    };
    (limit * 2).min(most)
}

fn parse_item(item: Item, opts: &ParseOptions) -> Parsed {
    match item {
        Item::Message { raw, origin } => parse_message(raw, origin, opts),
        Item::Oversized { origin, size, head } => Parsed::Rejected {
            msgid: msgid_of(&head, opts),
            reason: format!(
                "message of {size} bytes is over the size limit (--max-size); it was not imported"
            ),
            origin,
            raw_z: None,
        },
        Item::Truncated { raw, origin } => Parsed::Rejected {
            msgid: msgid_of(&raw, opts),
            reason: "message cut short: the input ended with a read error".into(),
            raw_z: Some(compress(&raw)),
            origin,
        },
        Item::Deleted { raw, origin } => Parsed::Deleted {
            msgid: parse_mail(&raw, opts)
                .ok()
                .filter(|m| !m.msgid_synthetic)
                .map(|m| m.msgid),
            origin,
        },
    }
}

/// A raw message parsed in full, or, when the parser fails on it, its minimal record with the
/// reason: its bytes are stored either way and `rebuild` parses them again. Only bytes that are
/// not a mail at all (no header naming it) are rejected, and kept with the rejection. Nothing
/// here can lose the message: a panic is caught with the bytes still at hand.
fn parse_message(raw: Vec<u8>, origin: Origin, opts: &ParseOptions) -> Parsed {
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (mail, error) = match parse_mail(&raw, opts) {
            Ok(mail) => (mail, None),
            Err(e) => match minimal_record(&raw) {
                Some(mail) => (mail, Some(format!("kept, not parsed: {e}"))),
                None => return Err(e.to_string()),
            },
        };
        Ok((content_hash(&mail), xxh3_64(&raw), mail, error))
    }))
    .unwrap_or_else(|_| Err("internal error while reading this message (please report it)".into()));
    match read {
        Ok((hash, raw_hash, mut mail, parse_error)) => Parsed::Message {
            search: crate::app::search::take_indexed(&mut mail),
            mail: Box::new(mail),
            parse_error,
            raw,
            slot: Slot::default(),
            hash,
            raw_hash,
            origin,
        },
        Err(reason) => Parsed::Rejected {
            origin,
            msgid: None,
            reason,
            raw_z: Some(compress(&raw)),
        },
    }
}

/// Packs the raw bytes of the batch's messages into compressed chunks of about `CHUNK_BYTES`.
fn pack(mut items: Vec<(Parsed, Resume)>) -> ParsedBatch {
    let mut chunks = Vec::new();
    let mut current: Vec<u8> = Vec::with_capacity(CHUNK_BYTES * 2);
    for (item, _) in items.iter_mut() {
        if let Parsed::Message { raw, slot, .. } = item {
            if !current.is_empty() && current.len() + raw.len() > CHUNK_BYTES {
                chunks.push(compress(&current));
                current.clear();
            }
            *slot = Slot {
                chunk: chunks.len(),
                offset: current.len() as u32,
                size: raw.len() as u32,
            };
            current.extend_from_slice(raw);
            *raw = Vec::new();
        }
    }
    if !current.is_empty() {
        chunks.push(compress(&current));
    }
    ParsedBatch { items, chunks }
}

fn msgid_of(raw: &[u8], opts: &ParseOptions) -> Option<String> {
    parse_mail(raw, opts)
        .ok()
        .filter(|m| !m.msgid_synthetic)
        .map(|m| m.msgid.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes of the batches the batching thread sends for an input of `n` messages.
    fn batch_sizes(n: usize) -> Vec<usize> {
        let (item_tx, item_rx) = bounded(n);
        for i in 0..n {
            let raw = format!("Message-ID: <{i}@x>\n\nhi\n").into_bytes();
            let item = Item::Message {
                raw,
                origin: crate::model::Origin::Offset(i as u64),
            };
            item_tx.send((item, Resume::None)).unwrap();
        }
        drop(item_tx);
        let (work_tx, work_rx) = bounded(n);
        let (order_tx, _order_rx) = bounded(n);
        Batcher::new(work_tx, order_tx, None).run(item_rx);
        work_rx.iter().map(|(items, _)| items.len()).collect()
    }

    #[test]
    fn batches_stay_small_over_an_inputs_first_messages_then_grow() {
        let sizes = batch_sizes(5000);
        assert_eq!(sizes.iter().sum::<usize>(), 5000);
        // 16 + 32 + 63 batches of 64 reach 4,080: one more of 64 crosses 4,096, then they double.
        let mut want = vec![16, 32];
        want.extend([64; 64]);
        want.extend([128, 256, 256, 216]);
        assert_eq!(sizes, want);
        // A small input (the 1,386-message Maildir) never waits on a batch of 256.
        assert_eq!(batch_sizes(1386).iter().max(), Some(&64));
    }
}
