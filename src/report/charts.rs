//! The series behind the report's charts: the age histogram of the queue and the last twelve
//! weeks (outstanding per busy subsystem, review activity).
//!
//! Pure: must not read the clock, the database or the environment.

use std::collections::BTreeMap;

use super::{Bucket, DAY, Index, SubsystemRow, WEEK, WeekPoint, day};

pub(super) fn ages(ix: &Index<'_>, until: i64) -> Vec<Bucket> {
    let bounds: [(&str, i64); 6] = [
        ("< 1 week", WEEK),
        ("1-2 weeks", 2 * WEEK),
        ("2-4 weeks", 4 * WEEK),
        ("1-3 months", 91 * DAY),
        ("3-6 months", 182 * DAY),
        ("> 6 months", i64::MAX),
    ];
    let mut counts = [0i64; 6];
    for s in ix.series.iter().filter(|s| ix.open_at(s, until)) {
        let age = until - s.date;
        let i = bounds.iter().position(|(_, b)| age < *b).unwrap_or(5);
        counts[i] += 1;
    }
    bounds
        .iter()
        .zip(counts)
        .map(|((label, _), count)| Bucket {
            label: label.to_string(),
            count,
            previous: 0,
        })
        .collect()
}

/// The last twelve weeks up to `until`: outstanding per subsystem (the five busiest) and review
/// activity.
pub(super) fn weeks(ix: &Index<'_>, until: i64, rows: &[SubsystemRow]) -> Vec<WeekPoint> {
    let top: Vec<&str> = rows.iter().take(5).map(|r| r.name.as_str()).collect();
    // Week k (0 = the last) is [until - (k + 1) weeks, until - k weeks).
    let week_of = |t: i64| {
        (t < until)
            .then(|| ((until - 1 - t) / WEEK) as usize)
            .filter(|k| *k < 12)
    };
    let mut activity = [0i64; 12];
    for (_, r) in ix.reviews() {
        if let Some(k) = week_of(r.date) {
            activity[k] += 1;
        }
    }
    for t in ix
        .facts
        .trailers
        .iter()
        .filter(|t| ix.by_id.contains_key(&t.series))
    {
        if let Some(k) = week_of(t.date) {
            activity[k] += 1;
        }
    }
    let mut open: Vec<BTreeMap<String, i64>> = (0..12)
        .map(|_| top.iter().map(|n| (n.to_string(), 0)).collect())
        .collect();
    for s in ix
        .series
        .iter()
        .filter(|s| s.subsystems.iter().any(|n| top.contains(&n.as_str())))
    {
        for (k, counts) in open.iter_mut().enumerate() {
            if ix.open_at(s, until - k as i64 * WEEK) {
                for n in &s.subsystems {
                    if let Some(c) = counts.get_mut(n) {
                        *c += 1;
                    }
                }
            }
        }
    }
    (0..12)
        .rev()
        .map(|k| WeekPoint {
            week_ending: day(until - k as i64 * WEEK - 1),
            outstanding: std::mem::take(&mut open[k]),
            review_activity: activity[k],
        })
        .collect()
}
