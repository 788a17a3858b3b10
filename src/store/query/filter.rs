//! Which series to list (`SeriesFilter`), and the WHERE, ORDER BY and LIMIT parts of
//! `list_series` that depend on the filter alone (the subsystem condition, which asks the
//! database, stays with the query).
//!
//! Must not: run SQL (it writes text and binds values).

use rusqlite::types::Value;

use super::{CLOSED_STATES, marks};

/// Which series to list.
#[derive(Debug, Clone, Default)]
pub struct SeriesFilter {
    /// Only these states (else: outstanding ones, unless `all`).
    pub states: Vec<String>,
    pub all: bool,
    pub list: Option<String>,
    /// Matches submitter name or address (case-insensitive substring).
    pub from: Option<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// No message since this time.
    pub inactive_since: Option<i64>,
    pub delegate: Option<String>,
    /// Only series routed to this repository (canonical path).
    pub repository: Option<String>,
    /// Only series touching this subsystem (row id).
    pub subsystem: Option<i64>,
    /// Only series touching a subsystem where this address is `M:` or `R:`.
    pub maintainer: Option<String>,
    /// Only series with a message matching this FTS5 query.
    pub search: Option<String>,
    /// Only series whose patches landed: all of them, some, or none.
    pub applied: Option<Applied>,
    pub sort: SeriesSort,
    pub limit: Option<u64>,
    /// Leave `patches` empty (a table or CSV needs none; reading them is most of a long list's
    /// cost).
    pub without_patches: bool,
}

/// How much of a series has commits (`list --applied`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    All,
    Some,
    None,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SeriesSort {
    #[default]
    Date,
    Activity,
    Subsystem,
}
/// `f`'s conditions on the series' own fields (state, list, sender, dates, delegate,
/// repository).
pub(super) fn filter_fields(f: &SeriesFilter, sql: &mut String, args: &mut Vec<Value>) {
    if !f.states.is_empty() {
        sql.push_str(&format!(
            " AND coalesce(r.state, 'new') IN ({})",
            marks(f.states.len())
        ));
        args.extend(f.states.iter().map(|s| Value::Text(s.clone())));
    } else if !f.all {
        sql.push_str(&format!(
            " AND coalesce(r.state, 'new') NOT IN ({}) AND coalesce(r.archived, 0) = 0",
            marks(CLOSED_STATES.len())
        ));
        args.extend(CLOSED_STATES.iter().map(|s| Value::Text(s.to_string())));
    }
    if let Some(list) = &f.list {
        sql.push_str(" AND s.list_id = ?");
        args.push(Value::Text(list.to_ascii_lowercase()));
    }
    if let Some(from) = &f.from {
        sql.push_str(" AND (instr(lower(s.submitter_name), ?) > 0 OR instr(lower(s.submitter_email), ?) > 0)");
        args.push(Value::Text(from.to_lowercase()));
        args.push(Value::Text(from.to_lowercase()));
    }
    for (cond, v) in [
        (" AND s.date >= ?", f.since),
        (" AND s.date < ?", f.until),
        (" AND s.last_activity < ?", f.inactive_since),
    ] {
        if let Some(v) = v {
            sql.push_str(cond);
            args.push(Value::Integer(v));
        }
    }
    if let Some(d) = &f.delegate {
        sql.push_str(" AND lower(r.delegate) = ?");
        args.push(Value::Text(d.to_lowercase()));
    }
    if let Some(repo) = &f.repository {
        sql.push_str(" AND s.key IN (SELECT series_key FROM series_repos WHERE repo = ?)");
        args.push(Value::Text(repo.clone()));
    }
}

/// `f`'s conditions on what the series holds: a maintainer's subsystems, matching text, how
/// much of it landed.
pub(super) fn filter_content(f: &SeriesFilter, sql: &mut String, args: &mut Vec<Value>) {
    if let Some(email) = &f.maintainer {
        sql.push_str(
            " AND s.id IN (SELECT x.series_id FROM series_subsystems x
                   JOIN subsystem_people sp ON sp.subsystem_id = x.subsystem_id
                   WHERE sp.email = ?)",
        );
        args.push(Value::Text(email.to_lowercase()));
    }
    if let Some(q) = &f.search {
        sql.push_str(
            " AND s.id IN (SELECT p.series_id FROM placement p WHERE p.message_id IN
                   (SELECT rowid FROM message_fts WHERE message_fts MATCH ?))",
        );
        args.push(Value::Text(q.clone()));
    }
    if let Some(a) = f.applied {
        let landed = "(SELECT count(*) FROM placement p JOIN messages m ON m.id = p.message_id
                WHERE p.series_id = s.id AND p.role = 'patch' AND p.duplicate = 0
                AND EXISTS (SELECT 1 FROM commit_links l WHERE l.msgid = m.msgid))";
        let patches = "(SELECT count(*) FROM placement p WHERE p.series_id = s.id
                AND p.role = 'patch' AND p.duplicate = 0)";
        sql.push_str(&match a {
            Applied::All => format!(" AND {landed} = {patches} AND {patches} > 0"),
            Applied::Some => format!(" AND {landed} > 0 AND {landed} < {patches}"),
            Applied::None => format!(" AND {landed} = 0"),
        });
    }
}

pub(super) fn order_and_limit(f: &SeriesFilter, sql: &mut String, args: &mut Vec<Value>) {
    sql.push_str(match f.sort {
        SeriesSort::Date => " ORDER BY s.date DESC, s.id DESC",
        SeriesSort::Activity => " ORDER BY s.last_activity DESC, s.id DESC",
        // The series' first subsystem (unmapped last), newest first within one.
        SeriesSort::Subsystem => {
            " ORDER BY (SELECT u.name FROM series_subsystems x JOIN subsystems u
                    ON u.id = x.subsystem_id WHERE x.series_id = s.id ORDER BY x.rank LIMIT 1)
                    IS NULL, (SELECT u.name FROM series_subsystems x JOIN subsystems u
                    ON u.id = x.subsystem_id WHERE x.series_id = s.id ORDER BY x.rank LIMIT 1),
                    s.date DESC, s.id DESC"
        }
    });
    if let Some(n) = f.limit {
        sql.push_str(" LIMIT ?");
        args.push(Value::Integer(n as i64));
    }
}
