//! What the weekly report is computed from, read in a few scans: series, their state changes,
//! patches, replies and trailers with their dates, and their subsystems. The report module does
//! the counting; nothing here decides what a number means.

use std::collections::HashMap;

use rusqlite::params;

use super::{Store, StoreError};

/// One series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactSeries {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub version: u32,
    pub date: i64,
    pub submitter_name: String,
    pub submitter_email: String,
    /// Key of the previous revision (a new revision when set).
    pub previous: Option<String>,
    pub subsystems: Vec<String>,
}

/// A reply to a series, with its sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactReply {
    pub series: i64,
    /// The reply's row id (to merge the same reply read twice).
    pub message: i64,
    pub date: i64,
    pub from_name: String,
    pub from_email: String,
    /// A program sent it: not a review, counted apart.
    pub bot: bool,
}

/// A trailer given in a reply (or on a cover letter), dated by the message that gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactTrailer {
    pub series: i64,
    /// The message that gave it (a cover letter's trailer reaches every patch: one gift).
    pub given_by: i64,
    pub date: i64,
    pub kind: String,
    pub person_name: String,
    pub person_email: String,
}

/// A state change of a series (by key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactEvent {
    pub key: String,
    pub at: i64,
    pub state: String,
}

/// When a series was first answered, first answered by someone else, first reviewed or acked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Firsts {
    pub reply: Option<i64>,
    pub review: Option<i64>,
    pub ack: Option<i64>,
}

/// Everything the report counts, for series posted before `until`.
#[derive(Debug, Clone, Default)]
pub struct ReportFacts {
    /// Per series: its first reply, review and Reviewed-by/Acked-by before `until`.
    pub firsts: rustc_hash::FxHashMap<i64, Firsts>,
    pub series: Vec<FactSeries>,
    /// `(series, date)` of every patch.
    pub patches: Vec<(i64, i64)>,
    pub replies: Vec<FactReply>,
    pub trailers: Vec<FactTrailer>,
    pub events: Vec<FactEvent>,
    /// The names of catch-all sections (THE REST): listed after the others.
    pub catch_all: Vec<String>,
}

impl Store {
    /// The facts for a report ending at `until`: every series posted before it with its state
    /// changes, and the patches and replies dated from `from` on. Trailers, and the replies of
    /// other times, are added by [`Store::report_history`] for the series that need them.
    pub fn report_facts(&self, until: i64, from: i64) -> Result<ReportFacts, StoreError> {
        let _read = self.read_tx()?;
        let series = self.fact_series(until)?;
        let mut stmt = self.conn.prepare(
            "SELECT p.series_id, coalesce(m.date, 0) FROM placement p
             JOIN messages m ON m.id = p.message_id
             WHERE p.role = 'patch' AND p.duplicate = 0 AND m.date >= ?2 AND m.date < ?1",
        )?;
        let patches = stmt
            .query_map([until, from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let replies = self.fact_replies(until, from)?;
        let trailers = self.fact_trailers(until, from)?;
        let mut stmt = self.conn.prepare(
            "SELECT key, at, new FROM events WHERE kind = 'state' AND at < ?1 ORDER BY at, id",
        )?;
        let events = stmt
            .query_map([until], |r| {
                Ok(FactEvent {
                    key: r.get(0)?,
                    at: r.get(1)?,
                    state: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let catch_all = self
            .conn
            .prepare("SELECT name FROM subsystems WHERE catch_all ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut facts = ReportFacts {
            firsts: Default::default(),
            series,
            patches,
            replies,
            trailers,
            events,
            catch_all,
        };
        self.firsts(&mut facts, until)?;
        Ok(facts)
    }

    /// The series posted before `until`, with their subsystems.
    fn fact_series(&self, until: i64) -> Result<Vec<FactSeries>, StoreError> {
        let mut subsystems: HashMap<i64, Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT x.series_id, u.name FROM series_subsystems x
             JOIN subsystems u ON u.id = x.subsystem_id ORDER BY x.series_id, x.rank",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            subsystems.entry(id).or_default().push(name);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, key, name, version, date, submitter_name, submitter_email, previous
             FROM series WHERE date < ?1 AND kind = 'patch' ORDER BY date, id",
        )?;
        let series = stmt
            .query_map([until], |r| {
                let id: i64 = r.get(0)?;
                Ok(FactSeries {
                    id,
                    key: r.get(1)?,
                    name: r.get(2)?,
                    version: r.get(3)?,
                    date: r.get(4)?,
                    submitter_name: r.get(5)?,
                    submitter_email: r.get(6)?,
                    previous: r.get(7)?,
                    subsystems: subsystems.remove(&id).unwrap_or_default(),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(series)
    }

    /// Replies to series dated in `[from, until)`.
    fn fact_replies(&self, until: i64, from: i64) -> Result<Vec<FactReply>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.series_id, coalesce(m.date, 0), m.from_name, m.from_email, m.id, m.bot
             FROM placement p
             JOIN messages m ON m.id = p.message_id
             WHERE p.role = 'reply' AND p.series_id IS NOT NULL AND m.date >= ?2 AND m.date < ?1",
        )?;
        let replies = stmt
            .query_map([until, from], |r| {
                Ok(FactReply {
                    series: r.get(0)?,
                    date: r.get(1)?,
                    from_name: r.get(2)?,
                    from_email: r.get(3)?,
                    message: r.get(4)?,
                    bot: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(replies)
    }

    /// Trailers given in `[from, until)`: by replies and cover letters dated in it (a bot's
    /// are no review).
    fn fact_trailers(&self, until: i64, from: i64) -> Result<Vec<FactTrailer>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT t.series_id, t.given_by, coalesce(m.date, 0), t.name,
                    coalesce(t.person_name, ''), coalesce(t.person_email, '')
             FROM messages m JOIN trailers t ON t.series_id = (SELECT p.series_id FROM placement p
               WHERE p.message_id = m.id) AND t.given_by = m.id
             WHERE m.date >= ?2 AND m.date < ?1 AND t.source != 'carried' AND t.applied = 1
               AND m.bot = 0",
        )?;
        let trailers = stmt
            .query_map(params![until, from], |r| {
                Ok(FactTrailer {
                    series: r.get(0)?,
                    given_by: r.get(1)?,
                    date: r.get(2)?,
                    kind: r.get(3)?,
                    person_name: r.get(4)?,
                    person_email: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(trailers)
    }

    /// The first reply, review and ack of every series, as assembly recorded them (dates after
    /// `until` do not count).
    fn firsts(&self, facts: &mut ReportFacts, until: i64) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, first_reply, first_review, first_ack FROM series
             WHERE date < ?1 AND coalesce(first_reply, first_ack) IS NOT NULL",
        )?;
        let mut rows = stmt.query([until])?;
        let before = |t: Option<i64>| t.filter(|t| *t < until);
        while let Some(r) = rows.next()? {
            let f = Firsts {
                reply: before(r.get(1)?),
                review: before(r.get(2)?),
                ack: before(r.get(3)?),
            };
            if f != Firsts::default() {
                facts.firsts.insert(r.get(0)?, f);
            }
        }
        Ok(())
    }
}
