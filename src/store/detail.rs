//! One series in detail: collected trailers, replies, and the history of its review state.

use rusqlite::params;

use super::{Store, StoreError};
use crate::model::AttestState;

/// A trailer collected for a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailerRow {
    /// messages.id of the patch (the cover letter for a mismatch given there).
    pub patch: i64,
    pub name: String,
    pub value: String,
    pub person_name: Option<String>,
    pub person_email: Option<String>,
    /// Message-ID of the reply that gave it.
    pub given_by: String,
    pub source: String,
    pub carried_from: Option<String>,
    pub applied: bool,
    pub attestation: AttestState,
}

/// A reply to a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRow {
    pub msgid: String,
    pub from_name: String,
    pub from_email: String,
    pub date: i64,
    pub subject: String,
    /// Message-ID of the cover letter or patch it answers.
    pub target: Option<String>,
    /// The first line the reply says itself (filled by the caller from the mail).
    pub first_line: Option<String>,
    pub attestation: AttestState,
    pub attest_detail: String,
    /// A program sent it: it does not count as review.
    pub bot: bool,
}

/// A change of review state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub at: i64,
    pub kind: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub who: String,
    pub why: Option<String>,
    /// The replica a person's event was made on (`None` for automatic events).
    pub replica: Option<String>,
}

impl Store {
    pub fn series_trailers(&self, series: i64) -> Result<Vec<TrailerRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.patch_id, t.name, t.value, t.person_name, t.person_email, m.msgid, t.source,
                    t.carried_from, t.applied, t.attestation
             FROM trailers t JOIN messages m ON m.id = t.given_by
             WHERE t.series_id = ?1 ORDER BY t.seq",
        )?;
        let rows = stmt.query_map([series], |r| {
            Ok(TrailerRow {
                patch: r.get(0)?,
                name: r.get(1)?,
                value: r.get(2)?,
                person_name: r.get(3)?,
                person_email: r.get(4)?,
                given_by: r.get(5)?,
                source: r.get(6)?,
                carried_from: r.get(7)?,
                applied: r.get(8)?,
                attestation: AttestState::from_db(r.get::<_, Option<String>>(9)?.as_deref()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn series_replies(&self, series: i64) -> Result<Vec<ReplyRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.msgid, m.from_name, m.from_email, coalesce(m.date, 0), m.subject, t.msgid,
                    m.attestation, coalesce(m.attest_detail, ''), m.bot
             FROM placement p JOIN messages m ON m.id = p.message_id
             LEFT JOIN messages t ON t.id = p.target_id
             WHERE p.series_id = ?1 AND p.role = 'reply' ORDER BY m.date, m.msgid",
        )?;
        let rows = stmt.query_map([series], |r| {
            Ok(ReplyRow {
                msgid: r.get(0)?,
                from_name: r.get(1)?,
                from_email: r.get(2)?,
                date: r.get(3)?,
                subject: r.get(4)?,
                target: r.get(5)?,
                first_line: None,
                attestation: AttestState::from_db(r.get::<_, Option<String>>(6)?.as_deref()),
                attest_detail: r.get(7)?,
                bot: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn events(&self, key: &str) -> Result<Vec<EventRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, kind, old, new, who, why, replica FROM events WHERE key = ?1
             ORDER BY at, lamport IS NOT NULL, lamport, who, uid, id",
        )?;
        let rows = stmt.query_map(params![key], |r| {
            Ok(EventRow {
                at: r.get(0)?,
                kind: r.get(1)?,
                old: r.get(2)?,
                new: r.get(3)?,
                who: r.get(4)?,
                why: r.get(5)?,
                replica: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
