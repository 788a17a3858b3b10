//! Writing an assembly: thread placement and series membership of each message, series
//! (keeping each key's row id), their trailers, and the automatic `superseded` state of older revisions.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::review::{set_auto_state, take_back_auto_state};

use super::{Store, StoreError};
use crate::model::REVIEW_STATES;
use crate::thread::{Assembly, Msg, Series, TagCounts, patch_tags};

/// What is written on a message row.
#[derive(Default, Clone, Copy)]
struct Place {
    series: Option<i64>,
    role: Option<&'static str>,
    number: Option<u32>,
    duplicate: bool,
    conflict: bool,
    target: Option<i64>,
    tags: TagCounts,
}

impl Store {
    /// Replaces what was stored for the messages in `msgs` with `asm`, in one transaction;
    /// returns the row ids of the series written.
    /// `replaced` are the series previously built from these messages.
    /// With `full`, `msgs` are all messages: everything derived is replaced wholesale, with the
    /// secondary indexes rebuilt in bulk at the end (far cheaper than updating them row by row).
    pub fn save_assembly(
        &mut self,
        msgs: &[Msg],
        asm: &Assembly,
        replaced: &[i64],
        full: bool,
    ) -> Result<Vec<i64>, StoreError> {
        let tx = self.tx()?;
        let mut written = Vec::with_capacity(asm.series.len());
        let old_ids = old_series_ids(&tx, replaced, &asm.series)?;
        // New keys get ids above every id in use, so that none takes an id an older key is
        // about to get back (their members would end up in the wrong series).
        let mut next_id: i64 = tx.query_row(
            match reassembling(&tx)? {
                true => {
                    "SELECT max(coalesce((SELECT max(id) FROM series), 0),
                                coalesce((SELECT max(id) FROM temp.series_before), 0)) + 1"
                }
                false => "SELECT coalesce(max(id), 0) + 1 FROM series",
            },
            [],
            |r| r.get(0),
        )?;
        if full {
            for (name, _) in BULK_INDEXES {
                tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
            }
            tx.execute_batch(
                "DELETE FROM trailers; DELETE FROM series; DELETE FROM placement;
                 DELETE FROM thread_ids; DELETE FROM series_subsystems;",
            )?;
        } else {
            for id in replaced {
                tx.execute("DELETE FROM series WHERE id = ?1", [id])?;
                tx.execute("DELETE FROM series_subsystems WHERE series_id = ?1", [id])?;
            }
        }
        let mut places = vec![Place::default(); msgs.len()];
        for s in &asm.series {
            let old = old_ids.get(s.key.as_str()).copied();
            if let Some(old) = old {
                tx.execute("DELETE FROM series WHERE id = ?1", [old])?;
            }
            let id = old.unwrap_or_else(|| {
                next_id += 1;
                next_id - 1
            });
            insert_series(&tx, msgs, s, id)?;
            written.push(id);
            place_members(msgs, s, id, &mut places);
            insert_trailers(&tx, msgs, s, id)?;
        }
        let threads = thread_ids(&tx, asm, full)?;
        save_places(&tx, msgs, asm, &places, &threads)?;
        if !full {
            detach_deleted(&tx, replaced)?;
        }
        save_missing(&tx, msgs, asm, &threads, full)?;
        automatic_states(&tx, msgs, &asm.series)?;
        if full {
            for (_, sql) in BULK_INDEXES {
                tx.execute_batch(sql)?;
            }
        }
        // While everything is reassembled window by window, series of later windows are not
        // back yet: their states are settled once, at the end.
        if !reassembling(&tx)? {
            let at = asm.series.iter().map(|s| s.date).max().unwrap_or(0);
            settle_auto_states(&tx, at)?;
        }
        tx.commit()?;
        Ok(written)
    }

    /// Starts reassembling every message from scratch, a window at a time: everything
    /// assembled is cleared, while each series key keeps its row id (the ids users saw) until
    /// [`Store::end_reassembly`]. Meant for one write transaction holding both.
    pub fn begin_reassembly(&mut self) -> Result<(), StoreError> {
        let tx = self.tx()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS series_before(key TEXT PRIMARY KEY, id INTEGER NOT NULL);
             DELETE FROM temp.series_before;
             INSERT INTO temp.series_before(key, id) SELECT key, id FROM series;
             DELETE FROM trailers; DELETE FROM series; DELETE FROM placement;
             DELETE FROM thread_ids; DELETE FROM series_subsystems;",
        )?;
        tx.commit()
    }

    /// Ends what [`Store::begin_reassembly`] began: the automatic states of series that are
    /// gone or no longer superseded are settled, as after any assembly.
    pub fn end_reassembly(&mut self) -> Result<(), StoreError> {
        let tx = self.tx()?;
        tx.execute_batch("DROP TABLE IF EXISTS temp.series_before")?;
        let at: i64 = tx.query_row("SELECT coalesce(max(date), 0) FROM series", [], |r| {
            r.get(0)
        })?;
        settle_auto_states(&tx, at)?;
        tx.commit()
    }
}

/// Whether a reassembly ([`Store::begin_reassembly`]) is under way.
fn reassembling(tx: &Connection) -> Result<bool, StoreError> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM temp.sqlite_master WHERE name = 'series_before'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Takes back `superseded` where no newer revision names a series any more, and drops a rule's
/// state on a key that is no longer a series (a patch that was its own series until its cover
/// letter arrived); a person's stays, whatever happens.
fn settle_auto_states(tx: &Connection, at: i64) -> Result<(), StoreError> {
    unsupersede_orphans(tx, at)?;
    tx.execute(
        "DELETE FROM review_state WHERE source = 'auto'
         AND NOT EXISTS (SELECT 1 FROM series s WHERE s.key = review_state.key)",
        [],
    )?;
    Ok(())
}

/// Secondary indexes dropped and rebuilt around a full rebuild: exactly as `schema/0002` creates
/// them (a test compares).
pub(super) const BULK_INDEXES: [(&str, &str); 7] = [
    (
        "placement_thread",
        "CREATE INDEX placement_thread ON placement(thread)",
    ),
    (
        "placement_series",
        "CREATE INDEX placement_series ON placement(series_id, role, number) WHERE series_id IS NOT NULL",
    ),
    (
        "series_submitter",
        "CREATE INDEX series_submitter ON series(submitter_email COLLATE NOCASE, date)",
    ),
    ("series_date", "CREATE INDEX series_date ON series(date)"),
    (
        "series_previous",
        "CREATE INDEX series_previous ON series(previous) WHERE previous IS NOT NULL",
    ),
    (
        "series_change_id",
        "CREATE INDEX series_change_id ON series(change_id) WHERE change_id IS NOT NULL",
    ),
    (
        "series_thread",
        "CREATE INDEX series_thread ON series(thread)",
    ),
];

/// Where each series message goes: cover, patches (with tag counts) and replies.
fn place_members(msgs: &[Msg], s: &Series, id: i64, places: &mut [Place]) {
    let base = Place {
        series: Some(id),
        ..Place::default()
    };
    if let Some(c) = s.cover {
        places[c] = Place {
            role: Some("cover"),
            number: Some(0),
            ..base
        };
    }
    for p in &s.patches {
        places[p.msg] = Place {
            role: Some("patch"),
            number: Some(p.number),
            duplicate: p.duplicate,
            conflict: p.conflict,
            tags: patch_tags(msgs, s, p.msg),
            ..base
        };
    }
    for &(r, target) in &s.replies {
        places[r] = Place {
            role: Some("reply"),
            target: Some(msgs[target].id),
            ..base
        };
    }
}

/// Thread ids by root Message-ID, created as needed. A full rebuild reads the whole (small)
/// table once instead of asking root by root.
fn thread_ids(
    tx: &Connection,
    asm: &Assembly,
    full: bool,
) -> Result<FxHashMap<String, i64>, StoreError> {
    let mut out = FxHashMap::default();
    if full {
        let mut all = tx.prepare("SELECT root, id FROM threads")?;
        for row in all.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (root, id) = row?;
            out.insert(root, id);
        }
    }
    let mut get = tx.prepare_cached("SELECT id FROM threads WHERE root = ?1")?;
    let mut add = tx.prepare_cached("INSERT INTO threads(root) VALUES (?1)")?;
    for p in &asm.placements {
        if out.contains_key(p.root.as_str()) {
            continue;
        }
        let known = match full {
            true => None,
            false => get
                .query_row([p.root.as_str()], |r| r.get::<_, i64>(0))
                .optional()?,
        };
        let id = match known {
            Some(id) => id,
            None => {
                add.execute([p.root.as_str()])?;
                tx.last_insert_rowid()
            }
        };
        out.insert(p.root.to_string(), id);
    }
    Ok(out)
}

/// One row per message: its thread and series membership. An upsert, not `INSERT OR REPLACE`:
/// a REPLACE may delete a row and then still fail on a NOT NULL column, so SQLite keeps a
/// statement journal for it (a copy of every 16 KiB page the statement touches); at 1M messages
/// that copying was 90% of this function.
fn save_places(
    tx: &Connection,
    msgs: &[Msg],
    asm: &Assembly,
    places: &[Place],
    threads: &FxHashMap<String, i64>,
) -> Result<(), StoreError> {
    let mut set = tx.prepare_cached(
        "INSERT INTO placement(message_id, thread, series_id, role, number, duplicate,
             target_id, reviewed, acked, tested, conflict)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(message_id) DO UPDATE SET thread = ?2, series_id = ?3, role = ?4, number = ?5,
             duplicate = ?6, target_id = ?7, reviewed = ?8, acked = ?9, tested = ?10,
             conflict = ?11",
    )?;
    for ((m, p), place) in msgs.iter().zip(&asm.placements).zip(places) {
        set.execute(params![
            m.id,
            threads[p.root.as_str()],
            place.series,
            place.role,
            place.number,
            place.duplicate,
            place.target,
            place.tags.reviewed,
            place.tags.acked,
            place.tags.tested,
            place.conflict
        ])?;
    }
    Ok(())
}

/// Deleted messages (removed or purged from their inbox) are not derived again: the series they
/// belonged to no longer claim them, so that a deleted message leads to no series that is gone.
fn detach_deleted(tx: &Connection, replaced: &[i64]) -> Result<(), StoreError> {
    let mut detach = tx.prepare_cached(
        "UPDATE placement SET series_id = NULL, role = NULL, number = NULL, target_id = NULL
         WHERE series_id = ?1
         AND EXISTS (SELECT 1 FROM messages m WHERE m.id = placement.message_id AND m.deleted = 1)",
    )?;
    for id in replaced {
        detach.execute([id])?;
    }
    Ok(())
}

/// Forgets a missing message's name once it is a message, placed or deleted.
const FORGET_ARRIVED: &str = "DELETE FROM thread_ids WHERE msgid = ?1 AND EXISTS (
    SELECT 1 FROM messages m WHERE m.msgid = ?1
      AND (m.deleted = 1 OR EXISTS (SELECT 1 FROM placement p WHERE p.message_id = m.id)))";

/// Forgets the name of a message just deleted: no thread waits for it any more (as for one
/// placed, which `save_missing` forgets).
pub(super) fn forget_name(tx: &Connection, msgid: &str) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM thread_ids WHERE msgid = ?1")?
        .execute([msgid])?;
    Ok(())
}

/// Message-IDs the threads name but that are not imported: remembered for late arrivals.
/// `full`: the names were all cleared before this save.
fn save_missing(
    tx: &Connection,
    msgs: &[Msg],
    asm: &Assembly,
    threads: &FxHashMap<String, i64>,
    full: bool,
) -> Result<(), StoreError> {
    let mut seen: FxHashSet<&str> = msgs.iter().map(|m| m.msgid.as_str()).collect();
    let mut named = Vec::new();
    let mut known = tx.prepare_cached(
        "INSERT INTO thread_ids(msgid, thread) VALUES (?1, ?2)
             ON CONFLICT(msgid) DO UPDATE SET thread = ?2",
    )?;
    for (m, p) in msgs.iter().zip(&asm.placements) {
        for id in m.in_reply_to.iter().chain(m.references.iter()) {
            // Each missing name once (a thread's replies all name its lost parent).
            if seen.insert(id.as_str()) {
                known.execute(params![id.as_str(), threads[p.root.as_str()]])?;
                named.push(id.as_str());
            }
        }
    }
    // Names that are messages now, placed or deleted, are no longer missing. Only two kinds of
    // name can have become so here: those of the messages just placed, and those just written
    // (a name for a message stored earlier). A message stored but not yet assembled (an import
    // stores the next window while this one is saved) keeps its name, to find the thread that
    // named it. Looking up only these keeps each save to its window: going through every name
    // kept was a fifth of the writer's time at 1M messages.
    // After the clearing of a full save, no name of a message just placed was written (they
    // are `seen`): nothing of theirs to forget (a lookup per message, 23,426 on the four archives).
    let placed = match full {
        true => &[][..],
        false => msgs,
    };
    let mut arrived = tx.prepare_cached(FORGET_ARRIVED)?;
    for name in placed.iter().map(|m| m.msgid.as_str()).chain(named) {
        arrived.execute([name])?;
    }
    Ok(())
}

/// Row ids of series being rebuilt, by key, so a rebuilt series keeps its id.
fn old_series_ids(
    tx: &Connection,
    replaced: &[i64],
    new: &[Series],
) -> Result<HashMap<String, i64>, StoreError> {
    let mut out = HashMap::new();
    let mut by_id = tx.prepare_cached("SELECT key FROM series WHERE id = ?1")?;
    for id in replaced {
        if let Some(key) = by_id
            .query_row([id], |r| r.get::<_, String>(0))
            .optional()?
        {
            out.insert(key, *id);
        }
    }
    // During a reassembly a key gets back the id it had before it.
    let by_key = match reassembling(tx)? {
        true => {
            "SELECT id FROM series WHERE key = ?1
                 UNION ALL SELECT id FROM temp.series_before WHERE key = ?1 LIMIT 1"
        }
        false => "SELECT id FROM series WHERE key = ?1",
    };
    let mut by_key = tx.prepare_cached(by_key)?;
    for s in new {
        if !out.contains_key(s.key.as_str())
            && let Some(id) = by_key
                .query_row([s.key.as_str()], |r| r.get(0))
                .optional()?
        {
            out.insert(s.key.to_string(), id);
        }
    }
    Ok(out)
}

fn insert_series(tx: &Connection, msgs: &[Msg], s: &Series, id: i64) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO series(id, key, kind, name, version, version_explicit, total, received,
             complete, cover_id, submitter_name, submitter_email, date, last_activity, list_id,
             prefixes, rfc, resend, change_id, thread, previous, replies, participants, reviewed,
             acked, tested, first_reply, first_review, first_ack)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
    )?
    .execute(params![
        id,
        s.key.as_str(),
        if s.pull { "pull" } else { "patch" },
        s.name,
        s.version,
        s.version_explicit,
        s.total,
        s.received,
        s.complete,
        s.cover.map(|c| msgs[c].id),
        s.submitter.name,
        s.submitter.email,
        s.date,
        s.last_activity,
        s.list_id,
        s.prefixes.join(" "),
        s.rfc,
        s.resend,
        s.change_id,
        s.root,
        s.previous.as_ref().map(|p| p.as_str()),
        s.replies.len() as i64,
        s.participants,
        s.tags.reviewed,
        s.tags.acked,
        s.tags.tested,
        s.first_reply_at,
        s.first_review.map(|r| msgs[r].date),
        s.first_ack_at,
    ])?;
    Ok(())
}

fn insert_trailers(tx: &Connection, msgs: &[Msg], s: &Series, id: i64) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO trailers(series_id, seq, patch_id, name, value, person_name, person_email,
             given_by, source, carried_from, applied, attestation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (seq, t) in s.trailers.iter().enumerate() {
        let carried = match &t.source {
            crate::thread::TrailerSource::Carried(k) => Some(k.as_str()),
            _ => None,
        };
        stmt.execute(params![
            id,
            seq as i64,
            msgs[t.patch].id,
            t.trailer.name,
            t.trailer.value,
            t.trailer.person.as_ref().map(|p| p.name.as_str()),
            t.trailer.person.as_ref().map(|p| p.email.as_str()),
            t.by,
            t.source.as_str(),
            carried,
            t.applied,
            t.attestation.as_str()
        ])?;
    }
    Ok(())
}

/// The automatic states the series of an assembly call for, applied in the order the mail that
/// calls for them arrived (a newer revision's first message, a reply), not in the order of the
/// series: the order an import split into several (killed and run again, or imported in parts)
/// applies them in. A v1 superseded by its v2 the same day stayed superseded when a reply to
/// the v1 came months later in a later import, but one import applied that reply first
/// (`new -> under-review -> superseded`).
fn automatic_states(tx: &Connection, msgs: &[Msg], series: &[Series]) -> Result<(), StoreError> {
    let mut due: Vec<(i64, bool, &Series)> = Vec::new();
    for s in series {
        if s.previous.is_some() {
            let first = s.cover.into_iter().chain(s.patches.iter().map(|p| p.msg));
            if let Some(arrived) = first.map(|i| msgs[i].id).min() {
                due.push((arrived, true, s));
            }
        }
        if let Some(r) = s.first_review {
            due.push((msgs[r].id, false, s));
        }
    }
    // Stable: a message calling for both keeps the series' order.
    due.sort_by_key(|(arrived, ..)| *arrived);
    for (_, newer_revision, s) in due {
        match newer_revision {
            true => supersede(tx, s)?,
            false => review_started(tx, msgs, s)?,
        }
    }
    Ok(())
}

/// The older revision of `s` becomes `superseded`, automatically, unless a person set its state
/// (or it is already superseded or accepted).
fn supersede(tx: &Connection, s: &Series) -> Result<(), StoreError> {
    if let Some(prev) = &s.previous {
        let why = format!("superseded by v{} <{}>", s.version, s.key);
        set_auto_state(tx, prev.as_str(), "superseded", &["accepted"], s.date, &why)?;
    }
    Ok(())
}

/// A `new` series someone other than its submitter answered is `under-review`, automatically.
fn review_started(tx: &Connection, msgs: &[Msg], s: &Series) -> Result<(), StoreError> {
    let Some(r) = s.first_review else {
        return Ok(());
    };
    let m = &msgs[r];
    let why = format!("reply from {} <{}>", m.from.email, m.msgid);
    let not_new: Vec<&str> = REVIEW_STATES
        .iter()
        .copied()
        .filter(|s| *s != "new")
        .collect();
    set_auto_state(tx, s.key.as_str(), "under-review", &not_new, m.date, &why)?;
    Ok(())
}

/// An automatic `superseded` whose newer revision no longer names it (mail that arrived later
/// showed a better previous revision) is taken back, and the event says so.
fn unsupersede_orphans(tx: &Connection, at: i64) -> Result<(), StoreError> {
    let orphans: Vec<String> = tx
        .prepare_cached(
            "SELECT key FROM review_state r WHERE state = 'superseded' AND source = 'auto'
             AND NOT EXISTS (SELECT 1 FROM series s WHERE s.previous = r.key)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for key in orphans {
        let why = "no newer revision names it any more";
        take_back_auto_state(tx, &key, "superseded", at, why)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: saving an assembly went through every missing name kept (one more with each
    /// thread whose parent never arrived) to forget those that had arrived: at 1M messages a
    /// fifth of the import's writer. Forgetting a name is lookups by key, whatever is kept.
    #[test]
    fn forgetting_an_arrived_name_looks_it_up_and_scans_nothing() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(
            store.query_plan(FORGET_ARRIVED),
            [
                "SEARCH thread_ids USING PRIMARY KEY (msgid=?)",
                "SCALAR SUBQUERY 2",
                "SEARCH m USING INDEX sqlite_autoindex_messages_1 (msgid=?)",
                "CORRELATED SCALAR SUBQUERY 1",
                "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"
            ]
        );
    }
}
