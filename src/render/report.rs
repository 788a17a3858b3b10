//! The weekly report as Markdown that reads well as plain text in a mail (78 columns where the
//! text allows), and as one self-contained HTML page with inline SVG charts (no script, no
//! external resource, every piece of mail text escaped).

use std::fmt::Write;

use crate::report::{Count, Report, Waiting};

use super::escape::{markdown_text, terminal_safe};
use super::series::clip;

/// At most this many series per "needs attention" list.
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

fn esc(s: &str) -> String {
    terminal_safe(s, false)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const COLORS: [&str; 5] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

/// Vertical bars with labels under them.
fn bars(title: &str, items: &[(String, i64)]) -> String {
    let (w, h, pad) = (640.0, 220.0, 30.0);
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1) as f64;
    let step = (w - 2.0 * pad) / items.len().max(1) as f64;
    let mut o = format!(
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" role=\"img\">",
        esc(title)
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let bh = (h - 2.0 * pad - 10.0) * *v as f64 / max;
        let x = pad + i as f64 * step + step * 0.15;
        let y = h - pad - bh;
        let _ = write!(
            o,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#4a78b5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{v}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            step * 0.7,
            x + step * 0.35,
            y - 3.0,
            x + step * 0.35,
            h - pad + 14.0,
            esc(label)
        );
    }
    o.push_str("</svg></figure>\n");
    o
}

/// One line per subsystem over the weeks.
fn lines(r: &Report) -> String {
    let (w, h, pad) = (640.0, 240.0, 30.0);
    let names: Vec<&String> = r
        .weeks
        .first()
        .map(|p| p.outstanding.keys().collect())
        .unwrap_or_default();
    let max = r
        .weeks
        .iter()
        .flat_map(|p| p.outstanding.values())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = r.weeks.len().max(2) as f64;
    let mut o = format!(
        "<figure><figcaption>Outstanding series per subsystem, last 12 weeks</figcaption>\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"{}\" role=\"img\">",
        h + 12.0 + 14.0 * names.len() as f64
    );
    for (k, name) in names.iter().enumerate() {
        let pts: Vec<String> = r
            .weeks
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let x = pad + (w - 2.0 * pad) * i as f64 / (n - 1.0);
                let y = h - pad - (h - 2.0 * pad) * p.outstanding[*name] as f64 / max;
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let color = COLORS[k % COLORS.len()];
        let _ = write!(
            o,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>\
             <rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            pts.join(" "),
            pad,
            h + 4.0 + 14.0 * k as f64,
            pad + 14.0,
            h + 13.0 + 14.0 * k as f64,
            esc(name)
        );
    }
    o.push_str("</svg></figure>\n");
    o
}

/// The report as one HTML page.
/// Subsystems shown before the rest fold into a `<details>` element.
const BUSIEST: usize = 15;

fn subsystem_table(rows: &[crate::report::SubsystemRow]) -> String {
    let mut o = String::from(
        "<table><tr><th>subsystem</th><th>open</th><th>new</th><th>accepted</th><th>first review</th><th>to accept</th></tr>\n",
    );
    for s in rows {
        let days = s
            .median_days_to_accept
            .map_or("-".into(), |d| format!("{d:.1} d"));
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.name),
            with_change(s.outstanding, s.previous.outstanding),
            with_change(s.new, s.previous.new),
            with_change(s.accepted, s.previous.accepted),
            hours(s.median_hours_to_first_review),
            days
        );
    }
    o.push_str("</table>\n");
    o
}

pub fn html(r: &Report) -> String {
    let mut o = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
    );
    let _ = write!(
        o,
        "<title>{}</title><style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;color:#222}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:2px 8px;text-align:right}}\
         td:first-child,th:first-child{{text-align:left}}figure{{margin:1em 0}}</style></head><body>\n<h1>{}</h1>\n",
        esc(&title(r)),
        esc(&title(r))
    );
    if !r.scope.is_empty() {
        let _ = writeln!(o, "<p>Subsystems: {}</p>", esc(&r.scope.join(", ")));
    }
    html_activity(&mut o, r);
    html_charts(&mut o, r);
    html_subsystems(&mut o, r);
    html_attention(&mut o, r);
    html_people(&mut o, r);
    o.push_str("</body></html>\n");
    o
}

/// The headline numbers: each count against the period before.
fn html_activity(o: &mut String, r: &Report) {
    o.push_str(
        "<h2>Activity</h2>\n<table><tr><th></th><th>this</th><th>before</th><th>change</th></tr>\n",
    );
    for (label, c) in activity_rows(r) {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(label.trim()),
            c.value,
            c.previous,
            change(&c)
        );
    }
    o.push_str("</table>\n");
}

/// The three charts. They come right after the headline numbers: a reader sees them without
/// scrolling past a subsystem table that, list-wide with Linux's MAINTAINERS, has hundreds of
/// rows.
fn html_charts(o: &mut String, r: &Report) {
    o.push_str(&lines(r));
    let ages: Vec<(String, i64)> = r
        .age_histogram
        .iter()
        .map(|b| (b.label.clone(), b.count))
        .collect();
    o.push_str(&bars("Age of outstanding series", &ages));
    let activity: Vec<(String, i64)> = r
        .weeks
        .iter()
        .map(|w| (w.week_ending[5..].to_string(), w.review_activity))
        .collect();
    o.push_str(&bars(
        "Review activity per week (replies and trailers)",
        &activity,
    ));
}

/// The busiest subsystems, the rest folded into a `<details>` element (no script).
fn html_subsystems(o: &mut String, r: &Report) {
    let (busiest, rest) = r.subsystems.split_at(r.subsystems.len().min(BUSIEST));
    o.push_str("<h2>Subsystems</h2>\n");
    o.push_str(&subsystem_table(busiest));
    if !rest.is_empty() {
        let _ = writeln!(
            o,
            "<details><summary>{} more subsystems</summary>",
            rest.len()
        );
        o.push_str(&subsystem_table(rest));
        o.push_str("</details>\n");
    }
}

/// The series that need attention, a list per reason.
fn html_attention(o: &mut String, r: &Report) {
    o.push_str("<h2>Needs attention</h2>\n");
    for (label, list) in attention_lists(r) {
        let _ = writeln!(o, "<h3>{} ({})</h3>\n<ul>", esc(label), list.len());
        for w in list.iter().take(LISTED) {
            let _ = writeln!(
                o,
                "<li>#{} {} ({}, {} days)</li>",
                w.id,
                esc(&w.name),
                esc(&w.submitter),
                w.days
            );
        }
        if list.len() > LISTED {
            let _ = writeln!(o, "<li>... and {} more</li>", list.len() - LISTED);
        }
        o.push_str("</ul>\n");
    }
}

/// The most active people (and bots, when some replied).
fn html_people(o: &mut String, r: &Report) {
    o.push_str("<h2>People</h2>\n");
    let bots = ("Bots (not counted as review)", &r.bots);
    for (label, people) in [
        ("Most active reviewers", &r.top_reviewers),
        ("Most active submitters", &r.top_submitters),
    ]
    .into_iter()
    .chain((!r.bots.is_empty()).then_some(bots))
    {
        let _ = writeln!(o, "<h3>{label}</h3>\n<ol>");
        for p in people {
            let n = with_change(p.count, p.previous);
            let _ = writeln!(
                o,
                "<li>{} &lt;{}&gt;: {n}</li>",
                esc(&p.name),
                esc(&p.email)
            );
        }
        o.push_str("</ol>\n");
    }
}
