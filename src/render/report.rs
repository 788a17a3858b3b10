//! The weekly report as Markdown that reads well as plain text in a mail (78 columns where the
//! text allows), and as one self-contained HTML page with inline SVG charts (no script, no
//! external resource, every piece of mail text escaped).

use crate::report::{Count, Report, Waiting};

/// At most this many series per "needs attention" list.
mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

const LISTED: usize = 15;

/// `12 (+2)`: a value and its change from the period before.
fn with_change(value: i64, previous: i64) -> String {
    match value - previous {
        0 => format!("{value} (=)"),
        d if d > 0 => format!("{value} (+{d})"),
        d => format!("{value} ({d})"),
    }
}

fn change(c: &Count) -> String {
    match c.change {
        0 => "=".to_string(),
        d if d > 0 => format!("+{d}"),
        d => d.to_string(),
    }
}

fn activity_rows(r: &Report) -> Vec<(&'static str, Count)> {
    let a = &r.activity;
    vec![
        ("Series posted", a.series_posted),
        ("  new work", a.new_work),
        ("  new revisions", a.new_revisions),
        ("Patches posted", a.patches_posted),
        ("Review replies", a.review_replies),
        ("Reviewed-by given", a.reviewed_by),
        ("Acked-by given", a.acked_by),
        ("Tested-by given", a.tested_by),
        ("Series accepted", a.accepted),
        ("Series superseded", a.superseded),
        ("Series rejected", a.rejected),
        ("Outstanding at the end", a.outstanding),
    ]
}

fn attention_lists(r: &Report) -> Vec<(&'static str, &Vec<Waiting>)> {
    let a = &r.attention;
    vec![
        ("No reply after 7 days", &a.no_reply),
        (
            "Reviewed, not applied after 14 days",
            &a.reviewed_not_applied,
        ),
        (
            "Changes requested, waiting for a new version",
            &a.waiting_for_new_version,
        ),
        ("Only the submitter answered", &a.submitter_only),
    ]
}

fn title(r: &Report) -> String {
    if r.period.label.contains("-W") {
        format!(
            "Patch queue status, {} ({} to {})",
            r.period.label,
            crate::report::day(r.period.since),
            crate::report::day(r.period.until - 1)
        )
    } else {
        format!("Patch queue status, {}", r.period.label)
    }
}

fn hours(h: Option<f64>) -> String {
    match h {
        None => "-".into(),
        Some(h) if h < 48.0 => format!("{h:.1} h"),
        Some(h) => format!("{:.1} d", h / 24.0),
    }
}
