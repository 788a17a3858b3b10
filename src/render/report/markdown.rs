//! The report in Markdown for a mail: preformatted tables, mail text escaped.
//!
//! Must not: compute numbers (the report holds them all).

use std::fmt::Write;

use super::*;
use crate::render::escape::{markdown_text, terminal_safe};
use crate::render::series::clip;

/// The report in Markdown: mail text outside code blocks escaped (no HTML, no Markdown syntax
/// comes through from a subject or a name); inside them, nothing can close the block.
pub fn markdown(r: &Report) -> String {
    let text = markdown_text;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", title(r));
    if !r.scope.is_empty() {
        let _ = writeln!(
            o,
            "Subsystems: {}\n",
            r.scope
                .iter()
                .map(|s| text(s))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    md_activity(&mut o, r);
    md_subsystems(&mut o, r);
    md_attention(&mut o, r);
    md_people(&mut o, r);
    md_ages(&mut o, r);
    let _ = writeln!(o, "```");
    o
}

/// The activity table: each count against the period before.
fn md_activity(o: &mut String, r: &Report) {
    let _ = writeln!(o, "## Activity\n\n```");
    let _ = writeln!(
        o,
        "{:<28} {:>10} {:>10} {:>8}",
        "", "this", "before", "change"
    );
    for (label, c) in activity_rows(r) {
        let _ = writeln!(
            o,
            "{label:<28} {:>10} {:>10} {:>8}",
            c.value,
            c.previous,
            change(&c)
        );
    }
}

/// The 25 busiest subsystems.
fn md_subsystems(o: &mut String, r: &Report) {
    let safe = |s: &str| terminal_safe(s, false).replace(['|', '*', '_', '`'], " ");
    let _ = writeln!(o, "```\n\n## Subsystems\n\n```");
    let _ = writeln!(
        o,
        "{:<26} {:>9} {:>8} {:>8} {:>11} {:>10}",
        "subsystem", "open", "new", "accepted", "1st review", "to accept"
    );
    for s in r.subsystems.iter().take(25) {
        let days = s
            .median_days_to_accept
            .map_or("-".into(), |d| format!("{d:.1} d"));
        let _ = writeln!(
            o,
            "{:<26} {:>9} {:>8} {:>8} {:>11} {:>10}",
            clip(&safe(&s.name), 26),
            with_change(s.outstanding, s.previous.outstanding),
            with_change(s.new, s.previous.new),
            with_change(s.accepted, s.previous.accepted),
            hours(s.median_hours_to_first_review),
            days
        );
    }
    if r.subsystems.len() > 25 {
        let _ = writeln!(o, "... and {} more", r.subsystems.len() - 25);
    }
}

/// The series that need attention, a list per reason.
fn md_attention(o: &mut String, r: &Report) {
    let text = markdown_text;
    let _ = writeln!(o, "```\n\n## Needs attention");
    for (label, list) in attention_lists(r) {
        let _ = writeln!(o, "\n### {label} ({})\n", list.len());
        if list.is_empty() {
            let _ = writeln!(o, "- none");
        }
        for w in list.iter().take(LISTED) {
            let line = format!(
                "- #{} {} ({}, {} days)",
                w.id,
                text(&w.name),
                text(&w.submitter),
                w.days
            );
            let _ = writeln!(o, "{}", clip(&line, 78));
        }
        if list.len() > LISTED {
            let _ = writeln!(o, "- ... and {} more", list.len() - LISTED);
        }
    }
}

/// The most active people (and bots, when some replied).
fn md_people(o: &mut String, r: &Report) {
    let text = markdown_text;
    let _ = writeln!(o, "\n## People");
    let people = [
        (
            "Most active reviewers (trailers and review replies):",
            &r.top_reviewers,
        ),
        ("Most active submitters (series posted):", &r.top_submitters),
    ];
    // Bots only when some replied.
    let bots = ("Bots (replies; not counted as review):", &r.bots);
    for (label, list) in people
        .into_iter()
        .chain((!r.bots.is_empty()).then_some(bots))
    {
        let _ = writeln!(o, "\n{label}\n");
        for p in list {
            let n = with_change(p.count, p.previous);
            let line = format!("- {} ({}): {n}", text(&p.name), text(&p.email));
            let _ = writeln!(o, "{}", clip(&line, 78));
        }
    }
}

/// The age histogram of the queue, as bars of #.
fn md_ages(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\n## Age of outstanding series\n\n```");
    let max = r
        .age_histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    for b in &r.age_histogram {
        let bar = "#".repeat(((b.count * 40 + max - 1) / max) as usize);
        let _ = writeln!(
            o,
            "{:<12} {:>10} {bar}",
            b.label,
            with_change(b.count, b.previous)
        );
    }
}
