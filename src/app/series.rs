//! Keeping threads and series up to date as mail arrives: after an import only the part the new
//! messages touch is reassembled: their threads, the series in them, series of the same senders
//! close enough in time to be pieces of the same posting or newer revisions of it, and the
//! revisions that follow any of those. Older series the senders posted are passed in as settled
//! "priors" (candidates for previous revisions).

use std::collections::{BTreeMap, BTreeSet};

use super::AppError;
use crate::model::MailKind;
use crate::store::Store;
use crate::thread::{self, Msg};

/// How long after a new series a newer revision of it may follow, and how long before it an
/// older one may have been posted: `thread`'s own revision rule.
const REVISION_SPAN: i64 = thread::REVISION_GAP;
/// Unthreaded pieces of one posting arrive within this time (`thread`'s rule).
const POSTING_SPAN: i64 = thread::POSTING_WINDOW;
/// Rounds of widening the scope before giving up on being clever (then it is simply large).
const MAX_ROUNDS: usize = 16;

/// What a rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildStats {
    /// Messages reassembled.
    pub messages: u64,
    /// Series written.
    pub series: u64,
    /// Series that did not exist before.
    pub new_series: u64,
    /// Row ids of the series written, and whether that was all of them.
    pub series_ids: Vec<i64>,
    pub full: bool,
}

impl RebuildStats {
    /// Adds what a later assembly of the same run did.
    pub fn absorb(&mut self, later: RebuildStats) {
        self.messages += later.messages;
        self.series += later.series;
        self.new_series += later.new_series;
        self.series_ids.extend(later.series_ids);
        self.full &= later.full;
    }
}

/// The messages to assemble: their row ids, and (when an import kept them) what assembly needs
/// of them, so that a first import need not read them back; `msgs` may be empty.
#[derive(Default)]
pub struct Arrivals {
    pub ids: BTreeSet<i64>,
    pub msgs: Vec<Msg>,
    /// Whether `add` keeps the summaries: only while everything stored is new (the first window
    /// of an import into an empty database), the one case where assembly uses them instead of
    /// reading its scope back. Off again once these arrivals are taken.
    pub keep: bool,
}

impl Arrivals {
    /// Arrivals into a database holding `stored` messages so far.
    pub fn into_store_of(stored: u64) -> Arrivals {
        Arrivals {
            keep: stored == 0,
            ..Arrivals::default()
        }
    }

    /// Adds message `id`; `summary` is made only when it is kept.
    pub fn add(&mut self, id: i64, summary: impl FnOnce() -> Msg) {
        self.ids.insert(id);
        if self.keep {
            self.msgs.push(summary());
        }
    }
}

/// Reassembles everything the way an import assembles it: a window of messages at a time, in
/// the order they arrived, each with what it touches, so that memory is bounded by the window
/// and not by the archive. Each window sees only the messages up to its end, as the import did
/// (the result is the import's). Every series keeps its row id. Meant for one write transaction.
pub fn reassemble_all(store: &mut Store, every: usize) -> Result<RebuildStats, AppError> {
    let ids = store.message_ids()?;
    store.begin_reassembly()?;
    let mut stats = RebuildStats {
        full: true,
        ..RebuildStats::default()
    };
    let mut end = 0;
    while end < ids.len() {
        let start = end;
        end = (end + every.max(1)).min(ids.len());
        let arrived = Arrivals {
            ids: ids[start..end].iter().copied().collect(),
            ..Arrivals::default()
        };
        stats.absorb(assemble_arrivals(store, arrived, Some(&ids[..end]))?);
    }
    store.end_reassembly()?;
    Ok(stats)
}

/// Reassembles what the messages that arrived touch ([`plan_after`] then [`save_planned`]),
/// seeing only the messages `seen` (all of them: `None`).
fn assemble_arrivals(
    store: &mut Store,
    arrived: Arrivals,
    seen: Option<&[i64]>,
) -> Result<RebuildStats, AppError> {
    let planned = plan_arrivals(store, arrived, seen)?;
    save_planned(store, planned)
}

/// An assembly worked out but not yet written: the messages it covers, what was assembled from
/// them, the series it replaces, and whether that is all of them.
pub struct Planned {
    msgs: Vec<Msg>,
    asm: thread::Assembly,
    replaced: Vec<i64>,
    full: bool,
}

/// Works out, by reading only, how the messages that arrived reassemble (`None`: nothing to
/// do); [`save_planned`] writes it. Both on the same snapshot, or the reads on one taken after
/// everything the writer committed that assembly reads (see `app::assembler`).
pub fn plan_after(store: &Store, arrived: Arrivals) -> Result<Option<Planned>, AppError> {
    plan_arrivals(store, arrived, None)
}

/// [`plan_after`], seeing only the messages `seen` (all of them: `None`).
fn plan_arrivals(
    store: &Store,
    arrived: Arrivals,
    seen: Option<&[i64]>,
) -> Result<Option<Planned>, AppError> {
    let Arrivals {
        ids, msgs: kept, ..
    } = arrived;
    let new = &ids;
    if new.is_empty() {
        return Ok(None);
    }
    let total = match seen {
        Some(seen) => seen.len() as u64,
        None => store.message_rows()?,
    };
    let seen_msgs = |store: &Store| match seen {
        Some(seen) => store.thread_msgs(Some(&seen.iter().copied().collect())),
        None => store.thread_msgs(None),
    };
    if new.len() as u64 == total {
        // Everything is new: no need to read it back, when the import kept it.
        let msgs = match kept.len() == new.len() {
            true => kept,
            false => seen_msgs(store)?,
        };
        return Ok(Some(plan_new(msgs)));
    }
    // What the import kept is not used from here on: only the stored summaries of the scope.
    if !kept.is_empty() {
        drop_later(kept);
    }
    // Mostly new mail: rebuilding everything is cheaper than finding the scope.
    if new.len() as u64 * 2 >= total {
        let msgs = seen_msgs(store)?;
        let replaced = store.all_series_ids()?;
        return Ok(Some(plan(msgs, Vec::new(), replaced, true)));
    }
    let mut subset: BTreeSet<i64> = new.clone();
    let mut series: BTreeSet<i64> = BTreeSet::new();
    let mut msgs: Vec<Msg>;
    let mut rounds = 0;
    loop {
        rounds += 1;
        close_over_threads(store, &mut subset, &mut series)?;
        msgs = store.thread_msgs(Some(&subset))?;
        let more = related_series(store, &msgs, new)?;
        let fresh: BTreeSet<i64> = more.difference(&series).copied().collect();
        if fresh.is_empty() || rounds >= MAX_ROUNDS {
            break;
        }
        series.extend(fresh.iter().copied());
        subset.extend(store.series_message_ids(&fresh)?);
    }
    let prior_ids: BTreeSet<i64> = prior_candidates(store, &msgs)?
        .difference(&series)
        .copied()
        .collect();
    let priors = store.priors(&prior_ids)?;
    Ok(Some(plan(
        msgs,
        priors,
        series.into_iter().collect(),
        false,
    )))
}

/// Assembles `msgs`, every message stored and none assembled before: nothing to read back.
pub fn plan_new(mut msgs: Vec<Msg>) -> Planned {
    msgs.sort_by_key(|m| m.id);
    plan(msgs, Vec::new(), Vec::new(), true)
}

/// Assembles `msgs` (with settled `priors`).
fn plan(msgs: Vec<Msg>, priors: Vec<thread::Prior>, replaced: Vec<i64>, full: bool) -> Planned {
    let asm = thread::assemble(&msgs, &priors);
    Planned {
        msgs,
        asm,
        replaced,
        full,
    }
}

/// Writes what [`plan_after`] worked out.
pub fn save_planned(store: &mut Store, planned: Option<Planned>) -> Result<RebuildStats, AppError> {
    let Some(Planned {
        msgs,
        asm,
        replaced,
        full,
    }) = planned
    else {
        return Ok(RebuildStats::default());
    };
    let before = store.series_count()?;
    let series_ids = store.save_assembly(&msgs, &asm, &replaced, full)?;
    let after = store.series_count()?;
    let stats = RebuildStats {
        messages: msgs.len() as u64,
        series: asm.series.len() as u64,
        new_series: after.saturating_sub(before),
        series_ids,
        full,
    };
    drop_later((asm, msgs));
    Ok(stats)
}

/// Frees `what` on a thread of its own: freeing a window's worth of message summaries (tens of
/// thousands of small strings) takes a while (30 ms for 23,000 messages; 2-3% of an import's
/// writer at 234k messages), and nothing waits for it.
/// Should no thread start, it is freed here (the closure holding it is dropped).
fn drop_later<T: Send + 'static>(what: T) {
    let _ = std::thread::Builder::new()
        .name("patchq-free".into())
        .spawn(move || drop(what));
}

/// Adds whole threads and whole series until the subset is closed under both.
fn close_over_threads(
    store: &Store,
    subset: &mut BTreeSet<i64>,
    series: &mut BTreeSet<i64>,
) -> Result<(), AppError> {
    loop {
        let before = subset.len();
        let named = store.named_ids(subset)?;
        let threads = store.threads_of(&named)?;
        subset.extend(store.thread_members(&threads)?);
        let (touching, members) = store.series_touching(subset)?;
        series.extend(touching);
        subset.extend(members);
        if subset.len() == before {
            return Ok(());
        }
    }
}

/// Whether a message can start or join a series (patch, pull request, cover letter).
fn series_message(m: &Msg) -> bool {
    !m.tags.reply
        && (m.kind == MailKind::Patch || m.kind == MailKind::PullRequest || m.tags.is_cover())
}

/// Stored series that the new messages may join (same sender, same posting), that may be newer
/// revisions of new series, or that follow any series of the subset.
fn related_series(
    store: &Store,
    msgs: &[Msg],
    new: &BTreeSet<i64>,
) -> Result<BTreeSet<i64>, AppError> {
    let mut out = BTreeSet::new();
    for (email, (first, last)) in sender_spans(msgs.iter().filter(|m| new.contains(&m.id))) {
        out.extend(store.series_of_sender(&email, first - POSTING_SPAN, last + REVISION_SPAN)?);
    }
    for m in msgs.iter().filter(|m| series_message(m)) {
        out.extend(store.series_linked_to(m.msgid.as_str(), m.change_id.as_deref())?);
    }
    Ok(out)
}

/// Stored series that may be previous revisions of the subset's series.
fn prior_candidates(store: &Store, msgs: &[Msg]) -> Result<BTreeSet<i64>, AppError> {
    let mut out = BTreeSet::new();
    for (email, (first, last)) in sender_spans(msgs.iter()) {
        out.extend(store.series_of_sender(&email, first - REVISION_SPAN, last)?);
    }
    let change_ids: BTreeSet<&str> = msgs.iter().filter_map(|m| m.change_id.as_deref()).collect();
    for id in change_ids {
        out.extend(store.series_linked_to("", Some(id))?);
    }
    Ok(out)
}

/// For each sender of series messages: the first and last dates.
fn sender_spans<'a>(msgs: impl Iterator<Item = &'a Msg>) -> BTreeMap<String, (i64, i64)> {
    let mut spans: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for m in msgs.filter(|m| series_message(m)) {
        let e = spans
            .entry(m.from.email.to_ascii_lowercase())
            .or_insert((m.date, m.date));
        e.0 = e.0.min(m.date);
        e.1 = e.1.max(m.date);
    }
    spans
}
