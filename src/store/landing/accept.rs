//! The series state that follows from landed patches: how much of each series landed, accepted
//! when every patch did (older revisions superseded), taken back when the commits disappear.
//!
//! Must not: decide links (`gitlink` does) or touch a state a person set.

use std::collections::BTreeSet;

use rusqlite::OptionalExtension;

use super::super::review::{set_auto_state, take_back_auto_state};
use super::{Landing, Store, StoreError};

impl Store {
    /// How much of each series in `ids` has landed.
    pub fn landings(&self, ids: &BTreeSet<i64>) -> Result<Vec<Landing>, StoreError> {
        let mut head = self
            .conn
            .prepare_cached("SELECT key, previous, version, complete FROM series WHERE id = ?1")?;
        // A patch landed through its own link or, re-posted unchanged (a newer revision, a
        // maintainer's pull batch), through the link of an identical posting (`repost`).
        let mut patches = self.conn.prepare_cached(
            "SELECT m.msgid, coalesce(
               (SELECT c.sha || ' ' || l.method || ' ' || c.commit_time
                FROM commit_links l JOIN commits c ON c.id = l.commit_id WHERE l.msgid = m.msgid
                ORDER BY c.commit_time, c.id LIMIT 1),
               (SELECT c.sha || ' repost ' || c.commit_time
                FROM messages o JOIN commit_links l ON l.msgid = o.msgid
                JOIN commits c ON c.id = l.commit_id
                WHERE m.patch_id IS NOT NULL AND o.patch_id = m.patch_id AND o.id <> m.id
                ORDER BY c.commit_time, c.id LIMIT 1))
             FROM placement p JOIN messages m ON m.id = p.message_id
             WHERE p.series_id = ?1 AND p.role = 'patch' AND p.duplicate = 0 ORDER BY p.number",
        )?;
        let mut out = Vec::new();
        for &id in ids {
            let Some((key, previous, version, complete)) = head
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?
            else {
                continue;
            };
            let rows: Vec<(String, Option<String>)> = patches
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let commits: Vec<(String, String, i64)> = rows
                .iter()
                .filter_map(|(_, c)| c.as_deref())
                .filter_map(|c| {
                    let mut it = c.split(' ');
                    Some((
                        it.next()?.to_string(),
                        it.next()?.to_string(),
                        it.next()?.parse().ok()?,
                    ))
                })
                .collect();
            out.push(Landing {
                series_id: id,
                key,
                previous,
                version,
                patches: rows.len() as u32,
                complete,
                landed: commits.len() as u32,
                commits,
            });
        }
        Ok(out)
    }

    /// Applies the state rules to `landings`: a complete series whose every patch landed is
    /// `accepted` (older revisions `superseded`); an automatic `accepted` whose commits are gone
    /// is taken back. A state a person set is never touched. Returns the keys accepted.
    pub fn apply_landings(
        &mut self,
        landings: &[Landing],
        now: i64,
    ) -> Result<Vec<String>, StoreError> {
        let tx = self.tx()?;
        let mut accepted = Vec::new();
        for l in landings {
            if l.complete && l.patches > 0 && l.landed == l.patches {
                let at = l.commits.iter().map(|c| c.2).max().unwrap_or(now);
                let shas: Vec<String> = l
                    .commits
                    .iter()
                    .map(|(s, m, _)| format!("{} ({m})", &s[..12.min(s.len())]))
                    .collect();
                let why = format!("landed as {}", shas.join(", "));
                if set_auto_state(&tx, &l.key, "accepted", &[], at, &why)? {
                    accepted.push(l.key.clone());
                }
                supersede_older(&tx, l, at)?;
            } else {
                let why = "its commits are no longer on a scanned branch";
                take_back_auto_state(&tx, &l.key, "accepted", now, why)?;
            }
        }
        tx.commit()?;
        Ok(accepted)
    }
}

/// Every older revision of an accepted series becomes `superseded` (unless accepted itself).
fn supersede_older(tx: &rusqlite::Connection, l: &Landing, at: i64) -> Result<(), StoreError> {
    let mut seen = BTreeSet::new();
    let mut prev = l.previous.clone();
    while let Some(key) = prev {
        if !seen.insert(key.clone()) {
            break;
        }
        let why = format!("v{} <{}> was accepted", l.version, l.key);
        set_auto_state(tx, &key, "superseded", &["accepted"], at, &why)?;
        prev = tx
            .prepare_cached("SELECT previous FROM series WHERE key = ?1")?
            .query_row([&key], |r| r.get(0))
            .optional()?
            .flatten();
    }
    Ok(())
}
