//! The writer of the import pipeline: parsed batches stored in order, raw mail packed into
//! chunks, search index and assembly fed, progress saved with the rows it covers, a commit after
//! a few hundred messages, then every few thousand.
//!
//! Must not: parse mail (the workers did) or read the input.

use super::*;

/// Writes parsed batches in order, committing after a few hundred messages of the import, then
/// every few thousand (`CommitSchedule`), and at the input's end, with the progress of the last
/// message written, so a crash loses at most the open transaction.
pub(super) fn write_all(
    store: &mut Store,
    target: &Target<'_>,
    counts: &mut ImportCounts,
    events: &mut dyn Events,
    order_rx: Receiver<Receiver<ParsedBatch>>,
    reading: Progress<'_>,
) -> Result<(), StoreError> {
    let read = reading.read;
    let mut told = false;
    let mut progress = Resume::None;
    let mut messages = 0u64;
    loop {
        // Waiting for the first message of a batch is done outside its transaction: a source
        // that gives nothing for a while (a FIFO) must not hold the write lock meanwhile.
        let Some(first) = next_batch(&order_rx, events, messages, read) else {
            return Ok(());
        };
        let batch = store.batch()?;
        let mut in_batch = 0u64;
        let mut finished = true;
        let mut next = Some(first);
        loop {
            let rx = match next.take().map_or_else(|| order_rx.recv_timeout(IDLE), Ok) {
                Ok(rx) => rx,
                // Nothing came for a while: commit what there is.
                Err(RecvTimeoutError::Timeout) => {
                    finished = false;
                    break;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Workers cannot die on a message (`parse_message` catches every failure).
            let Ok(parsed) = rx.recv() else { continue };
            let mut chunks = Chunks::new(&parsed.chunks);
            for (item, resume) in parsed.items {
                write_one(&batch, target, counts, events, &mut chunks, item)?;
                messages += 1;
                in_batch += 1;
                if resume != Resume::None {
                    progress = resume;
                }
            }
            batch.index_pending()?;
            events.written(messages, read.load(Ordering::Relaxed));
            if !told && reading.read_all.load(Ordering::Acquire) {
                told = true;
                events.read_all();
            }
            if in_batch >= target.commits.at() {
                finished = false;
                break;
            }
        }
        save_progress(&batch, target.source_id, &progress)?;
        if finished && let Some(ending) = target.ending {
            ending();
        }
        batch.commit()?;
        target.commits.committed();
        if window_due(target, &reading) {
            (target.assemble)(store, target.arrived.take());
        }
        if finished {
            return Ok(());
        }
    }
}

/// Whether what arrived is to be assembled now (see `Target::ending`).
fn window_due(target: &Target<'_>, reading: &Progress<'_>) -> bool {
    let arrived = target.arrived.borrow();
    let waits = target.ending.is_some() && arrived.keep && reading.read_all.load(Ordering::Acquire);
    arrived.ids.len() >= assemble_every() && !waits
}

fn save_progress(b: &Batch<'_>, source_id: i64, progress: &Resume) -> Result<(), StoreError> {
    match progress {
        Resume::Mbox(m) => b.set_mbox_progress(source_id, m.offset, m.hash),
        Resume::Epoch(e) => b.set_epoch_progress(source_id, e.epoch, &e.commit),
        Resume::None => Ok(()),
    }
}

/// A batch's chunks as they get written: each is stored when the first of its messages to be
/// kept is written; a chunk of messages all known already is never written.
struct Chunks<'a> {
    data: &'a [Vec<u8>],
    ids: Vec<Option<i64>>,
}

impl<'a> Chunks<'a> {
    fn new(data: &'a [Vec<u8>]) -> Self {
        Chunks {
            data,
            ids: vec![None; data.len()],
        }
    }

    fn id(&mut self, b: &Batch<'_>, chunk: usize) -> Result<i64, StoreError> {
        if let Some(id) = self.ids[chunk] {
            return Ok(id);
        }
        let id = b.insert_chunk(&self.data[chunk])?;
        self.ids[chunk] = Some(id);
        Ok(id)
    }
}

/// A message just stored: its id, why it was kept unparsed (if it was), where it came from.
struct New<'a> {
    id: i64,
    parse_error: Option<&'a str>,
    locator: &'a str,
}

/// Counts a new message, names its parse problems, indexes it for search and hands it to
/// assembly.
fn stored_new(
    b: &Batch<'_>,
    target: &Target<'_>,
    counts: &mut ImportCounts,
    events: &mut dyn Events,
    new: New<'_>,
    mut mail: Box<Mail>,
    (text, paths): (String, String),
) {
    let (id, locator) = (new.id, new.locator);
    counts.new += 1;
    if mail.kind == MailKind::Patch {
        counts.patches += 1;
    }
    if let Some(why) = new.parse_error {
        counts.unparsed += 1;
        events.warning(format!(
            "{} {locator} <{}>: {why}",
            target.source_name, mail.msgid
        ));
    }
    for w in &mail.warnings {
        events.warning(format!(
            "{} {locator} <{}>: {w}",
            target.source_name, mail.msgid
        ));
    }
    b.index(id, std::mem::take(&mut mail.subject), text, paths);
    target
        .arrived
        .borrow_mut()
        .add(id, || Msg::from_mail(id, *mail));
}

/// Writes one item; returns its raw size.
fn write_one(
    b: &Batch<'_>,
    target: &Target<'_>,
    counts: &mut ImportCounts,
    events: &mut dyn Events,
    chunks: &mut Chunks<'_>,
    item: Parsed,
) -> Result<u64, StoreError> {
    match item {
        Parsed::Message {
            mail,
            search,
            parse_error,
            slot,
            hash,
            raw_hash,
            origin,
            ..
        } => {
            counts.read += 1;
            events.seen(mail.msgid.as_str());
            let locator = origin.locator();
            let mut raw = || {
                Ok(RawRef {
                    chunk: chunks.id(b, slot.chunk)?,
                    offset: slot.offset,
                    size: slot.size,
                })
            };
            let message = NewMessage {
                mail: &mail,
                parse_error: parse_error.as_deref(),
                content_hash: hash,
                raw_hash,
                source_id: target.source_id,
                locator: &locator,
                import_id: target.import_id,
            };
            let inserted = b.insert(&message, &mut raw)?;
            match inserted {
                Inserted::New(id) => {
                    let new = New {
                        id,
                        parse_error: parse_error.as_deref(),
                        locator: &locator,
                    };
                    stored_new(b, target, counts, events, new, mail, search);
                }
                Inserted::Duplicate => counts.duplicates += 1,
                Inserted::Conflict { recorded } => {
                    counts.duplicates += 1;
                    if recorded {
                        events.warning(format!(
                            "{} {locator} <{}>: a different message with a Message-ID already \
                             imported; the first is kept, this one is stored as a conflict",
                            target.source_name, mail.msgid
                        ));
                    }
                }
            }
            Ok(slot.size as u64)
        }
        Parsed::Rejected {
            origin,
            msgid,
            reason,
            raw_z,
        } => {
            counts.read += 1;
            counts.rejected += 1;
            let locator = origin.locator();
            let id = msgid
                .as_deref()
                .map(|m| format!(" <{m}>"))
                .unwrap_or_default();
            events.warning(format!("{} {locator}{id}: {reason}", target.source_name));
            let reject = Reject {
                import_id: target.import_id,
                source: target.source_name,
                locator: Some(&locator),
                msgid: msgid.as_deref(),
                reason: &reason,
                raw_z: raw_z.as_deref(),
            };
            b.reject(&reject)?;
            Ok(0)
        }
        Parsed::Deleted { msgid, origin } => {
            if let Some(id) = msgid
                && !b.mark_deleted(&id)?
            {
                events.warning(format!(
                    "{} {origin}: removal of <{id}>, which was never imported",
                    target.source_name
                ));
            }
            Ok(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A window is due once `assemble_every()` messages arrived; the import's last input holds
    /// it back once that input is all read, and only while what arrived is kept for an assembly
    /// from memory (otherwise the window goes as it would, memory bounded as before).
    #[test]
    fn the_last_inputs_kept_window_waits_once_its_input_is_all_read() {
        let every = assemble_every();
        let ending = || {};
        let assemble = |_: &mut Store, _: crate::app::Arrivals| {};
        let commits = CommitSchedule::default();
        let read = AtomicU64::new(0);
        // (messages arrived, kept, last input, all read) -> due
        let cases = [
            ((every - 1, true, true, false), false),
            ((every, true, false, false), true),
            ((every, true, false, true), true),
            ((every, true, true, false), true),
            ((every, true, true, true), false),
            ((every, false, true, true), true),
        ];
        for ((n, keep, last, all_read), due) in cases {
            let arrived = std::cell::RefCell::new(crate::app::Arrivals {
                ids: (1..=n as i64).collect(),
                keep,
                ..Default::default()
            });
            let target = Target {
                arrived: &arrived,
                assemble: &assemble,
                ending: last.then_some(&ending as &dyn Fn()),
                commits: &commits,
                import_id: 1,
                source_id: 1,
                source_name: "test",
            };
            let read_all = AtomicBool::new(all_read);
            let progress = Progress {
                read: &read,
                read_all: &read_all,
            };
            assert_eq!(
                window_due(&target, &progress),
                due,
                "{n} arrived, kept {keep}, last {last}, all read {all_read}"
            );
        }
    }
}
