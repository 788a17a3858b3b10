//! Series output: the contract's JSON objects (`json`), CSV, and a terminal table.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::escape::{csv_field, terminal_safe};
use super::time::{age, rfc3339};
use crate::store::SeriesRow;

mod json;

pub use json::{
    CommitJson, EventJson, PatchJson, PersonJson, ReplyJson, RepositoryJson, SeriesJson, ShowJson,
    TagsJson, TrailerJson, VersionJson, series_json, show_json, versions_json,
};

/// A table, one series per line, fitted to `width` columns: the subsystem and submitter
/// columns give way before the subject does. With `color`, the state is coloured.
pub fn series_table(rows: &[SeriesRow], now: i64, width: Option<usize>, color: bool) -> String {
    // ID STATE AGE VER N/N R/A/T and the spaces between all columns.
    let fixed = 6 + 17 + 4 + 4 + 6 + 6 + 8;
    let side = match width {
        Some(width) => (width.saturating_sub(fixed).saturating_sub(40) / 2).clamp(10, 24),
        None => 24,
    };
    let mut out = format!(
        "{:<6} {:<17} {:>4} {:<side$} {:<4} {:<6} {:<6} {:<side$} SUBJECT\n",
        "ID", "STATE", "AGE", "SUBSYSTEM", "VER", "N/N", "R/A/T", "SUBMITTER"
    );
    for s in rows {
        let submitter = if s.submitter_name.is_empty() {
            &s.submitter_email
        } else {
            &s.submitter_name
        };
        let subsystem = s.subsystems.first().map_or("-", String::as_str);
        let state = format!("{:<17}", s.state);
        let line = format!(
            "{:<6} {} {:>4} {} {:<4} {:<6} {:<6} {} {}",
            s.id,
            state,
            age(now, s.date),
            cell(&terminal_safe(subsystem, false), side),
            format!("v{}", s.version),
            format!("{}/{}", s.received, s.total),
            format!("{}/{}/{}", s.reviewed, s.acked, s.tested),
            cell(&terminal_safe(submitter, false), side),
            terminal_safe(&s.name, false),
        );
        // On a terminal (or with COLUMNS) a line fits it; piped, nothing is cut.
        let line = match width {
            Some(width) => clip(&line, width),
            None => line,
        };
        // The state column starts after the id column (six wide, or the id's width) and a space.
        let at = format!("{:<6} ", s.id).len();
        let cut = line
            .get(..at)
            .zip(line.get(at..at + state.len()))
            .zip(line.get(at + state.len()..));
        match (state_color(&s.state).filter(|_| color), cut) {
            (Some(code), Some(((id, st), rest))) => {
                out.push_str(&format!("{id}\x1b[{code}m{st}\x1b[0m{rest}"))
            }
            _ => out.push_str(&line),
        }
        out.push('\n');
    }
    out
}

/// The SGR colour of a state on a terminal.
fn state_color(state: &str) -> Option<&'static str> {
    Some(match state {
        "new" => "1",
        "under-review" => "33",
        "changes-requested" => "31",
        "accepted" => "32",
        "rejected" | "not-applicable" => "2;31",
        "superseded" => "2",
        "deferred" | "awaiting-upstream" => "34",
        "rfc" => "36",
        _ => return None,
    })
}

/// CSV with a header row (RFC 4180 quoting).
pub fn series_csv(rows: &[SeriesRow]) -> String {
    let mut out = String::from(
        "id,msgid,state,date,version,received,total,complete,reviewed,acked,tested,submitter,email,name,subsystems\n",
    );
    for s in rows {
        let fields = [
            s.id.to_string(),
            s.key.clone(),
            s.state.clone(),
            rfc3339(s.date),
            s.version.to_string(),
            s.received.to_string(),
            s.total.to_string(),
            s.complete.to_string(),
            s.reviewed.to_string(),
            s.acked.to_string(),
            s.tested.to_string(),
            s.submitter_name.clone(),
            s.submitter_email.clone(),
            s.name.clone(),
            s.subsystems.join("; "),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// At most `n` characters (display width is approximated by characters).
/// `s` cut to `n` terminal columns (by display width: a CJK character or an emoji takes two),
/// ending in `…` when cut.
pub fn clip(s: &str, n: usize) -> String {
    if UnicodeWidthStr::width(s) <= n {
        return s.to_string();
    }
    let mut t = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > n.saturating_sub(1) {
            break;
        }
        used += w;
        t.push(c);
    }
    t.push('…');
    t
}

/// `s` clipped to `n` columns and padded with spaces to exactly `n` (by display width).
pub fn cell(s: &str, n: usize) -> String {
    let mut t = clip(s, n);
    let w = UnicodeWidthStr::width(t.as_str());
    t.extend(std::iter::repeat_n(' ', n.saturating_sub(w)));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn clipping() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        // By display width: each of these takes two columns.
        assert_eq!(clip("日本語の件名", 7), "日本語…");
        assert_eq!(cell("日本", 6), "日本  ");
        assert_eq!(cell("Zoë", 5), "Zoë  ");
    }
}
