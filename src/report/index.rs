//! The report's facts indexed once: the series in scope, each one's state changes in time
//! order, which were revised, and the replies that count as review.
//!
//! Pure: must not read the clock, the database or the environment.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use super::CLOSED;
use crate::store::{FactReply, FactSeries, ReportFacts};
use crate::thread::same_sender;

/// What the counting needs, indexed once.
pub(super) struct Index<'a> {
    pub(super) facts: &'a ReportFacts,
    pub(super) series: Vec<&'a FactSeries>,
    pub(super) by_id: FxHashMap<i64, &'a FactSeries>,
    /// State changes per series (by row id), in time order, each with whether it closes it.
    pub(super) states: FxHashMap<i64, Vec<(i64, &'a str, bool)>>,
    /// Keys that have a newer revision, with its posting date.
    pub(super) revised: FxHashMap<&'a str, i64>,
    /// Replies to series in scope from someone other than the submitter (worked out once).
    pub(super) reviews: Vec<(&'a FactSeries, &'a FactReply)>,
}

impl<'a> Index<'a> {
    pub(super) fn new(facts: &'a ReportFacts, scope: &[String]) -> Index<'a> {
        let series: Vec<&FactSeries> = facts
            .series
            .iter()
            .filter(|s| scope.is_empty() || s.subsystems.iter().any(|n| scope.contains(n)))
            .collect();
        let by_id: FxHashMap<i64, &FactSeries> = series.iter().map(|s| (s.id, *s)).collect();
        let id_of: FxHashMap<&str, i64> = series.iter().map(|s| (s.key.as_str(), s.id)).collect();
        let mut states: FxHashMap<i64, Vec<(i64, &str, bool)>> = FxHashMap::default();
        for e in &facts.events {
            if let Some(id) = id_of.get(e.key.as_str()) {
                let closes = CLOSED.contains(&e.state.as_str());
                states
                    .entry(*id)
                    .or_default()
                    .push((e.at, &e.state, closes));
            }
        }
        let mut revised: FxHashMap<&str, i64> = FxHashMap::default();
        for s in &facts.series {
            if let Some(p) = &s.previous {
                let at = revised.entry(p.as_str()).or_insert(s.date);
                *at = (*at).min(s.date);
            }
        }
        let reviews = facts
            .replies
            .iter()
            .filter_map(|r| {
                let s: &FactSeries = by_id.get(&r.series)?;
                let from = (r.from_name.as_str(), r.from_email.as_str());
                let submitter = (s.submitter_name.as_str(), s.submitter_email.as_str());
                (!r.bot && !same_sender(from, submitter)).then_some((s, r))
            })
            .collect();
        Index {
            facts,
            series,
            by_id,
            states,
            revised,
            reviews,
        }
    }

    /// The last state change of `s` before `t`.
    pub(super) fn change_at(&self, s: &FactSeries, t: i64) -> Option<&(i64, &'a str, bool)> {
        self.states
            .get(&s.id)?
            .iter()
            .rev()
            .find(|(at, _, _)| *at < t)
    }

    /// The state of `s` just before `t`.
    pub(super) fn state_at(&self, s: &FactSeries, t: i64) -> &str {
        self.change_at(s, t).map_or("new", |(_, st, _)| st)
    }

    pub(super) fn open_at(&self, s: &FactSeries, t: i64) -> bool {
        s.date < t && !self.change_at(s, t).is_some_and(|(_, _, closed)| *closed)
    }

    /// When `s` last entered `state`.
    pub(super) fn entered_at(&self, s: &FactSeries, state: &str) -> Option<i64> {
        self.states
            .get(&s.id)?
            .iter()
            .rev()
            .find(|(_, st, _)| *st == state)
            .map(|(at, _, _)| *at)
    }

    /// Series that entered `state` within `[a, b)` and were still in it at `b`.
    pub(super) fn entered(&self, state: &str, a: i64, b: i64) -> BTreeSet<&str> {
        self.series
            .iter()
            .filter(|s| {
                self.states.get(&s.id).is_some_and(|v| {
                    v.iter()
                        .any(|(at, st, _)| *st == state && (a..b).contains(at))
                        && self.state_at(s, b) == state
                })
            })
            .map(|s| s.key.as_str())
            .collect()
    }

    /// Replies to series in scope from someone other than the submitter, not a bot.
    pub(super) fn reviews(&self) -> impl Iterator<Item = (&'a FactSeries, &'a FactReply)> + '_ {
        self.reviews.iter().copied()
    }

    /// The first reply by someone else, per series.
    pub(super) fn first_review(&self) -> HashMap<i64, i64> {
        self.facts
            .firsts
            .iter()
            .filter_map(|(id, f)| Some((*id, f.review?)))
            .collect()
    }
}
