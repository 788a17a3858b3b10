//! The weekly status report: every number computed from the facts the store read, a period and
//! `now`, with the same numbers for the period before.
//!
//! Pure and deterministic: must not read the clock, the database or the environment; the same
//! facts, period and `now` give the same report.

mod charts;
mod index;
mod people;

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::store::{FactSeries, ReportFacts};

use charts::{ages, weeks};
use index::Index;
pub use people::PersonCount;

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// States that take a series out of the queue.
const CLOSED: [&str; 4] = ["accepted", "rejected", "superseded", "not-applicable"];

/// The period reported on: `[since, until)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub label: String,
    pub since: i64,
    pub until: i64,
}

/// A number and the same number for the period before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: i64,
    pub previous: i64,
    pub change: i64,
}

impl Count {
    fn new(value: i64, previous: i64) -> Count {
        Count {
            value,
            previous,
            change: value - previous,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    pub series_posted: Count,
    pub new_work: Count,
    pub new_revisions: Count,
    pub patches_posted: Count,
    pub review_replies: Count,
    pub reviewed_by: Count,
    pub acked_by: Count,
    pub tested_by: Count,
    pub accepted: Count,
    pub superseded: Count,
    pub rejected: Count,
    /// Open at the end of the period.
    pub outstanding: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubsystemRow {
    pub name: String,
    pub outstanding: i64,
    pub new: i64,
    pub accepted: i64,
    /// Hours from posting to the first reply by someone else, for reviews begun in the period.
    pub median_hours_to_first_review: Option<f64>,
    /// Days from posting to acceptance, for series accepted in the period.
    pub median_days_to_accept: Option<f64>,
    /// The same numbers for the period before.
    pub previous: SubsystemPrevious,
}

/// A subsystem's numbers in the period before.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SubsystemPrevious {
    pub outstanding: i64,
    pub new: i64,
    pub accepted: i64,
    pub median_hours_to_first_review: Option<f64>,
    pub median_days_to_accept: Option<f64>,
}

/// A series that needs someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiting {
    pub id: i64,
    pub msgid: String,
    pub name: String,
    pub submitter: String,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attention {
    /// No reply from anyone but the submitter after 7 days, oldest first.
    pub no_reply: Vec<Waiting>,
    /// Reviewed or acked, not applied after 14 days.
    pub reviewed_not_applied: Vec<Waiting>,
    /// Changes requested, no new version yet.
    pub waiting_for_new_version: Vec<Waiting>,
    /// Only the submitter answered.
    pub submitter_only: Vec<Waiting>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub label: String,
    pub count: i64,
    /// At the end of the period before.
    pub previous: i64,
}

/// One week of the last twelve, for the charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekPoint {
    /// The week's last day (YYYY-MM-DD).
    pub week_ending: String,
    /// Outstanding series per subsystem (the report's busiest), at the end of the week.
    pub outstanding: BTreeMap<String, i64>,
    /// Review replies and trailers given in the week.
    pub review_activity: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Period,
    pub previous_period: Period,
    pub now: i64,
    /// The subsystems the report is narrowed to (empty: everything).
    pub scope: Vec<String>,
    pub activity: Activity,
    pub subsystems: Vec<SubsystemRow>,
    pub attention: Attention,
    pub top_reviewers: Vec<PersonCount>,
    pub top_submitters: Vec<PersonCount>,
    /// Bots that replied to series (CI, test robots, trackers): not reviewers, listed apart.
    pub bots: Vec<PersonCount>,
    pub age_histogram: Vec<Bucket>,
    pub weeks: Vec<WeekPoint>,
}

/// Builds the report on `period` (and the period of the same length before it).
pub fn build(facts: &ReportFacts, period: Period, scope: &[String], now: i64) -> Report {
    let ix = Index::new(facts, scope);
    let len = period.until - period.since;
    let previous = Period {
        label: "previous".into(),
        since: period.since - len,
        until: period.since,
    };
    let first = ix.first_review();
    let activity = activity(&ix, &period, &previous);
    let mut subsystems = subsystems(&ix, &period, &first);
    let before: HashMap<String, SubsystemRow> = self::subsystems(&ix, &previous, &first)
        .into_iter()
        .map(|r| (r.name.clone(), r))
        .collect();
    for row in subsystems.iter_mut() {
        if let Some(b) = before.get(&row.name) {
            row.previous = SubsystemPrevious {
                outstanding: b.outstanding,
                new: b.new,
                accepted: b.accepted,
                median_hours_to_first_review: b.median_hours_to_first_review,
                median_days_to_accept: b.median_days_to_accept,
            };
        }
    }
    let attention = attention(&ix, period.until, &first);
    let (top_reviewers, top_submitters) = people::top(&ix, &period, &previous);
    let bots = people::bots(&ix, &period, &previous);
    let mut age_histogram = ages(&ix, period.until);
    for (b, p) in age_histogram.iter_mut().zip(ages(&ix, previous.until)) {
        b.previous = p.count;
    }
    let weeks = weeks(&ix, period.until, &subsystems);
    Report {
        period,
        previous_period: previous,
        now,
        scope: scope.to_vec(),
        activity,
        subsystems,
        attention,
        top_reviewers,
        bots,
        top_submitters,
        age_histogram,
        weeks,
    }
}

fn activity(ix: &Index<'_>, p: &Period, q: &Period) -> Activity {
    let within = |t: i64, p: &Period| (p.since..p.until).contains(&t);
    let count = |f: &dyn Fn(&Period) -> usize| Count::new(f(p) as i64, f(q) as i64);
    let posted = |p: &Period, rev: Option<bool>| {
        ix.series
            .iter()
            .filter(|s| within(s.date, p) && rev.is_none_or(|r| is_revision(s) == r))
            .count()
    };
    let trailers = |p: &Period, kind: &str| {
        ix.facts
            .trailers
            .iter()
            .filter(|t| t.kind.eq_ignore_ascii_case(kind) && within(t.date, p))
            .filter(|t| ix.by_id.contains_key(&t.series))
            .count()
    };
    Activity {
        series_posted: count(&|p| posted(p, None)),
        new_work: count(&|p| posted(p, Some(false))),
        new_revisions: count(&|p| posted(p, Some(true))),
        patches_posted: count(&|p| {
            ix.facts
                .patches
                .iter()
                .filter(|(s, d)| ix.by_id.contains_key(s) && within(*d, p))
                .count()
        }),
        review_replies: count(&|p| ix.reviews().filter(|(_, r)| within(r.date, p)).count()),
        reviewed_by: count(&|p| trailers(p, "Reviewed-by")),
        acked_by: count(&|p| trailers(p, "Acked-by")),
        tested_by: count(&|p| trailers(p, "Tested-by")),
        accepted: count(&|p| ix.entered("accepted", p.since, p.until).len()),
        superseded: count(&|p| ix.entered("superseded", p.since, p.until).len()),
        rejected: count(&|p| ix.entered("rejected", p.since, p.until).len()),
        outstanding: count(&|p| ix.series.iter().filter(|s| ix.open_at(s, p.until)).count()),
    }
}

/// A new revision of earlier work: linked to a previous revision, or numbered v2 or later (the
/// earlier ones may not be in the archive).
fn is_revision(s: &FactSeries) -> bool {
    s.previous.is_some() || s.version > 1
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let m = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((m * 10.0).round() / 10.0)
}

/// Per subsystem: outstanding, new, accepted, hours to first review, days to acceptance.
type Tally = (i64, i64, i64, Vec<f64>, Vec<f64>);

fn subsystems(ix: &Index<'_>, p: &Period, first: &HashMap<i64, i64>) -> Vec<SubsystemRow> {
    let within = |t: i64| (p.since..p.until).contains(&t);
    let accepted = ix.entered("accepted", p.since, p.until);
    let mut rows: FxHashMap<&str, Tally> = FxHashMap::default();
    for s in &ix.series {
        let open = ix.open_at(s, p.until);
        let acc_at = accepted
            .contains(s.key.as_str())
            .then(|| ix.entered_at(s, "accepted").unwrap_or(p.until));
        let review = first.get(&s.id).copied().filter(|t| within(*t));
        for name in &s.subsystems {
            let row = rows.entry(name).or_default();
            row.0 += i64::from(open);
            row.1 += i64::from(within(s.date));
            if let Some(at) = acc_at {
                row.2 += 1;
                row.4.push((at - s.date) as f64 / DAY as f64);
            }
            if let Some(t) = review {
                row.3.push((t - s.date) as f64 / 3600.0);
            }
        }
    }
    let mut out: Vec<SubsystemRow> = rows
        .into_iter()
        .filter(|(_, r)| r.0 + r.1 + r.2 > 0)
        .map(
            |(name, (outstanding, new, accepted, hours, days))| SubsystemRow {
                name: name.to_string(),
                outstanding,
                new,
                accepted,
                median_hours_to_first_review: median(hours),
                median_days_to_accept: median(days),
                previous: SubsystemPrevious::default(),
            },
        )
        .collect();
    // Busiest first; catch-all sections (THE REST) after every other.
    let last = |r: &SubsystemRow| ix.facts.catch_all.contains(&r.name);
    out.sort_by(|a, b| (last(a), b.outstanding, &a.name).cmp(&(last(b), a.outstanding, &b.name)));
    out
}

fn waiting(s: &FactSeries, since: i64, until: i64) -> Waiting {
    Waiting {
        id: s.id,
        msgid: s.key.clone(),
        name: s.name.clone(),
        submitter: if s.submitter_name.is_empty() {
            s.submitter_email.clone()
        } else {
            s.submitter_name.clone()
        },
        days: (until - since) / DAY,
    }
}

fn attention(ix: &Index<'_>, until: i64, first: &HashMap<i64, i64>) -> Attention {
    let open: Vec<&FactSeries> = ix
        .series
        .iter()
        .copied()
        .filter(|s| ix.open_at(s, until))
        .collect();
    let firsts = &ix.facts.firsts;
    let mut a = Attention {
        no_reply: Vec::new(),
        reviewed_not_applied: Vec::new(),
        waiting_for_new_version: Vec::new(),
        submitter_only: Vec::new(),
    };
    for s in open {
        let reviewed_at = first.get(&s.id).filter(|t| **t < until);
        if reviewed_at.is_none() && s.date <= until - WEEK {
            if firsts.get(&s.id).is_some_and(|f| f.reply.is_some()) {
                a.submitter_only.push(waiting(s, s.date, until));
            } else {
                a.no_reply.push(waiting(s, s.date, until));
            }
        }
        if let Some(t) = firsts
            .get(&s.id)
            .and_then(|f| f.ack)
            .filter(|t| *t <= until - 2 * WEEK)
        {
            a.reviewed_not_applied.push(waiting(s, t, until));
        }
        if ix.state_at(s, until) == "changes-requested"
            && ix.revised.get(s.key.as_str()).is_none_or(|t| *t >= until)
        {
            let since = ix.entered_at(s, "changes-requested").unwrap_or(s.date);
            a.waiting_for_new_version.push(waiting(s, since, until));
        }
    }
    for list in [
        &mut a.no_reply,
        &mut a.reviewed_not_applied,
        &mut a.waiting_for_new_version,
        &mut a.submitter_only,
    ] {
        list.sort_by(|x, y| y.days.cmp(&x.days).then(x.id.cmp(&y.id)));
    }
    a
}
/// `YYYY-MM-DD` of a Unix time (UTC).
pub fn day(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
