//! The most active people of a period: reviewers (trailers given and review replies) and
//! submitters (series posted); and, apart, the bots that replied.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Index, Period};

/// A person and how many things they did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonCount {
    pub name: String,
    pub email: String,
    pub count: i64,
    /// The same count in the period before.
    pub previous: i64,
}

/// The ten most active reviewers and submitters, most first, then by address, with their
/// counts in the period `q` before.
pub(super) fn top(ix: &Index<'_>, p: &Period, q: &Period) -> (Vec<PersonCount>, Vec<PersonCount>) {
    let (reviewers, submitters) = counts(ix, p);
    let (r0, s0) = counts(ix, q);
    (ranked(reviewers, &r0), ranked(submitters, &s0))
}

type Tallies = BTreeMap<String, (String, i64)>;

fn counts(ix: &Index<'_>, p: &Period) -> (Tallies, Tallies) {
    let within = |t: i64| (p.since..p.until).contains(&t);
    let mut reviewers: BTreeMap<String, (String, i64)> = BTreeMap::new();
    let add = |map: &mut BTreeMap<String, (String, i64)>, name: &str, email: &str| {
        let e = map
            .entry(email.to_ascii_lowercase())
            .or_insert((name.to_string(), 0));
        e.1 += 1;
    };
    for t in ix
        .facts
        .trailers
        .iter()
        .filter(|t| within(t.date) && ix.by_id.contains_key(&t.series))
    {
        if !t.person_email.is_empty() {
            add(&mut reviewers, &t.person_name, &t.person_email);
        }
    }
    for (_, r) in ix.reviews().filter(|(_, r)| within(r.date)) {
        add(&mut reviewers, &r.from_name, &r.from_email);
    }
    let mut submitters: Tallies = BTreeMap::new();
    for s in ix.series.iter().filter(|s| within(s.date)) {
        add(&mut submitters, &s.submitter_name, &s.submitter_email);
    }
    (reviewers, submitters)
}

/// Bots that replied to series in scope, most first, with their counts in the period `q`.
pub(super) fn bots(ix: &Index<'_>, p: &Period, q: &Period) -> Vec<PersonCount> {
    let count = |p: &Period| {
        let mut map: Tallies = BTreeMap::new();
        for r in ix.facts.replies.iter().filter(|r| {
            r.bot && (p.since..p.until).contains(&r.date) && ix.by_id.contains_key(&r.series)
        }) {
            let e = map
                .entry(r.from_email.to_ascii_lowercase())
                .or_insert((r.from_name.clone(), 0));
            e.1 += 1;
        }
        map
    };
    ranked(count(p), &count(q))
}

fn ranked(map: Tallies, before: &Tallies) -> Vec<PersonCount> {
    let mut v: Vec<PersonCount> = map
        .into_iter()
        .map(|(email, (name, count))| PersonCount {
            previous: before.get(&email).map_or(0, |(_, n)| *n),
            name,
            email,
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.email.cmp(&b.email)));
    v.truncate(10);
    v
}
