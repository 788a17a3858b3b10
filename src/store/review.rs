//! Automatic review-state changes: a rule sets or takes back a state, never over one a person
//! set, and every change is an event naming the rule's reason.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::model::AttestState;

/// Who automatic rules act as in the events table.
pub const AUTO: &str = "patchq";

/// The stored state of `key` and who set it (`person` | `auto`); `None` means `new`.
pub(super) fn current_state(
    conn: &Connection,
    key: &str,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT state, source FROM review_state WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Sets `state` on `key` automatically, unless a person set its state or its state is one of
/// `keep`; true when it changed.
pub(super) fn set_auto_state(
    conn: &Connection,
    key: &str,
    state: &str,
    keep: &[&str],
    at: i64,
    why: &str,
) -> Result<bool, StoreError> {
    set_auto_state_by(conn, key, state, keep, at, why, AUTO)
}

/// [`set_auto_state`] on behalf of `who` (a maintainer's command in a mail).
fn set_auto_state_by(
    conn: &Connection,
    key: &str,
    state: &str,
    keep: &[&str],
    at: i64,
    why: &str,
    who: &str,
) -> Result<bool, StoreError> {
    let old = match current_state(conn, key)? {
        Some((s, source)) if source == "person" => {
            if s != state {
                held_back(conn, key, state, at, why)?;
            }
            return Ok(false);
        }
        Some((s, _)) if s == state || keep.contains(&s.as_str()) => return Ok(false),
        Some((s, _)) => s,
        None if state == "new" => return Ok(false),
        None => "new".to_string(),
    };
    conn.prepare_cached(
        "INSERT INTO review_state(key, state, source, updated) VALUES (?1, ?2, 'auto', ?3)
         ON CONFLICT(key) DO UPDATE SET state = ?2, source = 'auto', updated = ?3",
    )?
    .execute(params![key, state, at])?;
    event(conn, key, at, &old, state, why, who)?;
    Ok(true)
}

/// Records, once, a mail command that does not count, with the reason.
fn ignored(conn: &Connection, c: &MailCommand, why: &str) -> Result<(), StoreError> {
    let seen: bool = conn
        .prepare_cached("SELECT 1 FROM events WHERE key = ?1 AND kind = 'ignored' AND why = ?2")?
        .exists(params![c.key, why])?;
    if !seen {
        conn.prepare_cached(
            "INSERT INTO events(key, at, kind, old, new, who, why)
             VALUES (?1, ?2, 'ignored', NULL, ?3, ?4, ?5)",
        )?
        .execute(params![c.key, c.at, c.state, c.from, why])?;
    }
    Ok(())
}

/// Records, once, that a rule would have set `state` on `key` but a person's state stands
/// (`show` tells it). A rule that already acted for the same reason before the person's change
/// (a later rebuild evaluates it again) is not recorded again: what the history says must not
/// depend on whether the rebuild came before or after the person's change.
fn held_back(
    conn: &Connection,
    key: &str,
    state: &str,
    at: i64,
    why: &str,
) -> Result<(), StoreError> {
    let seen: bool = conn
        .prepare_cached(
            "SELECT 1 FROM events WHERE key = ?1 AND kind IN ('rule', 'state') AND new = ?2
             AND why = ?3",
        )?
        .exists(params![key, state, why])?;
    if !seen {
        conn.prepare_cached(
            "INSERT INTO events(key, at, kind, old, new, who, why) VALUES (?1, ?2, 'rule', NULL, ?3, ?4, ?5)",
        )?
        .execute(params![key, at, state, AUTO, why])?;
    }
    Ok(())
}

/// Takes back an automatic `state` on `key` (back to `new`); true when it did.
pub(super) fn take_back_auto_state(
    conn: &Connection,
    key: &str,
    state: &str,
    at: i64,
    why: &str,
) -> Result<bool, StoreError> {
    match current_state(conn, key)? {
        Some((s, source)) if s == state && source == "auto" => {}
        _ => return Ok(false),
    }
    conn.prepare_cached("DELETE FROM review_state WHERE key = ?1")?
        .execute([key])?;
    event(conn, key, at, state, "new", why, AUTO)?;
    Ok(true)
}

fn event(
    conn: &Connection,
    key: &str,
    at: i64,
    old: &str,
    new: &str,
    why: &str,
    who: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO events(key, at, kind, old, new, who, why) VALUES (?1, ?2, 'state', ?3, ?4, ?5, ?6)",
    )?
    .execute(params![key, at, old, new, who, why])?;
    Ok(())
}

/// A `pw-bot:` command in a reply to a series, and what is known of who gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailCommand {
    pub series: i64,
    pub key: String,
    pub msgid: String,
    pub from: String,
    pub at: i64,
    pub state: String,
    /// The sender is an `M:` of one of the series' subsystems.
    pub maintainer: bool,
    pub attestation: AttestState,
    pub attest_detail: String,
    pub list: Option<String>,
    /// Why it does not count (set by the caller's rules); `None`: it is obeyed.
    pub ignored: Option<String>,
}

/// A change a person makes to a series' review record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonChange {
    State(String),
    /// `None` clears the delegate.
    Delegate(Option<String>),
    Archived(bool),
    Note(String),
}

impl super::Store {
    /// Every delegate named, sorted.
    pub fn delegates(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT lower(delegate) FROM review_state WHERE delegate IS NOT NULL ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Commands given in replies to series, oldest first.
    pub fn mail_commands(&self) -> Result<Vec<MailCommand>, StoreError> {
        // Runs after every import: CROSS JOIN keeps the few messages with a command (partial
        // index messages_pw_bot) as the outer loop instead of every reply.
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.key, m.msgid, m.from_email, coalesce(m.date, 0), m.pw_bot,
               EXISTS (SELECT 1 FROM series_subsystems x
                 JOIN subsystem_people sp ON sp.subsystem_id = x.subsystem_id
                 WHERE x.series_id = s.id AND sp.role = 'M' AND sp.email = m.from_email),
               m.attestation, coalesce(m.attest_detail, ''), m.list_id
             FROM messages m CROSS JOIN placement p ON p.message_id = m.id AND p.role = 'reply'
             JOIN series s ON s.id = p.series_id
             WHERE m.pw_bot IS NOT NULL
             ORDER BY m.date, m.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MailCommand {
                series: r.get(0)?,
                key: r.get(1)?,
                msgid: r.get(2)?,
                from: r.get(3)?,
                at: r.get(4)?,
                state: r.get(5)?,
                maintainer: r.get(6)?,
                attestation: AttestState::from_db(r.get::<_, Option<String>>(7)?.as_deref()),
                attest_detail: r.get(8)?,
                list: r.get(9)?,
                ignored: None,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Applies each command once (a command already recorded is not applied again, so a later
    /// rule such as `superseded` stands); a person's state is never changed. A command the
    /// caller marked ignored is recorded once as an `ignored` event with the reason (`show`
    /// tells it). Returns how many changed a state.
    pub fn apply_mail_commands(&mut self, cmds: &[MailCommand]) -> Result<usize, StoreError> {
        let tx = self.tx()?;
        let mut n = 0;
        for c in cmds {
            let why = format!("pw-bot: {} <{}>", c.state, c.msgid);
            let done = tx
                .prepare_cached(
                    "SELECT 1 FROM events WHERE key = ?1 AND kind = 'state' AND why = ?2",
                )?
                .exists(params![c.key, why])?;
            if done {
                continue;
            }
            match &c.ignored {
                None => {
                    if set_auto_state_by(&tx, &c.key, &c.state, &[], c.at, &why, &c.from)? {
                        n += 1;
                    }
                }
                Some(reason) => ignored(&tx, c, &format!("{why}: {reason}"))?,
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// Applies `change` to the series `key` as `who` at `at`, with an event; `why` is the note
    /// given with it. Returns false when nothing changed (the same state or delegate again).
    pub fn person_change(
        &mut self,
        key: &str,
        change: &PersonChange,
        who: &str,
        at: i64,
        why: Option<&str>,
    ) -> Result<bool, StoreError> {
        let tx = self.tx()?;
        let (state, source, delegate, archived): (String, String, Option<String>, bool) = tx
            .query_row(
                "SELECT state, source, delegate, archived FROM review_state WHERE key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .unwrap_or_else(|| ("new".into(), "auto".into(), None, false));
        let (kind, old, new) = match change {
            PersonChange::State(s) if *s == state && source == "person" => return Ok(false),
            PersonChange::State(s) => ("state", Some(state.clone()), Some(s.clone())),
            PersonChange::Delegate(d) if *d == delegate => return Ok(false),
            PersonChange::Delegate(d) => ("delegate", delegate.clone(), d.clone()),
            PersonChange::Archived(a) if *a == archived => return Ok(false),
            PersonChange::Archived(a) => {
                ("archive", Some(archived.to_string()), Some(a.to_string()))
            }
            PersonChange::Note(text) => ("note", None, Some(text.clone())),
        };
        let event = super::share::PersonEvent {
            key,
            kind,
            old: old.as_deref(),
            new: new.as_deref(),
            who,
            at,
            why,
        };
        super::share::record_person_event(&tx, &event)?;
        tx.commit()?;
        Ok(true)
    }
}
