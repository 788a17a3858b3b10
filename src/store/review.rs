//! Automatic review-state changes: a rule sets or takes back a state, never over one a person
//! set, and every change is an event naming the rule's reason.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

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
    let old = match current_state(conn, key)? {
        Some((_, source)) if source == "person" => return Ok(false),
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
    event(conn, key, at, &old, state, why)?;
    Ok(true)
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
    event(conn, key, at, state, "new", why)?;
    Ok(true)
}

fn event(
    conn: &Connection,
    key: &str,
    at: i64,
    old: &str,
    new: &str,
    why: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO events(key, at, kind, old, new, who, why) VALUES (?1, ?2, 'state', ?3, ?4, ?5, ?6)",
    )?
    .execute(params![key, at, old, new, AUTO, why])?;
    Ok(())
}
