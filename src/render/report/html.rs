//! The report as one HTML page: headline numbers, SVG charts, the busiest subsystems (the rest
//! folded), the lists; no script, nothing fetched, mail text escaped.
//!
//! Must not: compute numbers (the report holds them all).

use std::fmt::Write;

use super::*;
use crate::render::escape::terminal_safe;

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
