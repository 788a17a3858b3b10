//! Review trailers given in replies, with b4's rules: a reply counts when its subject says so
//! (or it answers a message, gives trailers and carries no diff); a person trailer applies when
//! the reply's sender is that person (address, ignoring `+tags` and one sub-domain, or name),
//! otherwise it is kept as a mismatch; trailers on a cover letter apply to every patch; trailers a
//! patch already carries are not added again; trailers carry over from the previous revision to a
//! patch whose patch-id did not change.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use super::jwz::Threads;
use super::{GivenTrailer, Msg, Prior, Series};
use crate::model::{AttestState, MessageId, Person, Trailer};

/// Names that are message metadata, never review trailers (b4's list).
const NOT_TRAILERS: [&str; 10] = [
    "from",
    "author",
    "cc",
    "to",
    "date",
    "subject",
    "subscribe",
    "unsubscribe",
    "base-commit",
    "change-id",
];

/// Where a collected trailer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrailerSource {
    /// A reply to the patch (or to a reply to it).
    Reply,
    /// A reply to the cover letter: applies to every patch.
    Cover,
    /// Given to the same patch (same patch-id) in an earlier revision, this series' key.
    Carried(MessageId),
}

impl TrailerSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            TrailerSource::Reply => "reply",
            TrailerSource::Cover => "cover",
            TrailerSource::Carried(_) => "carried",
        }
    }
}

/// A trailer collected for one patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectedTrailer {
    /// The patch (or, for a mismatch on a cover letter, the cover letter) it is for.
    pub patch: usize,
    pub trailer: Trailer,
    /// The reply that gave it (its `Msg::id`).
    pub by: i64,
    pub source: TrailerSource,
    /// False: a person trailer whose person is not the reply's sender (reported, not applied).
    pub applied: bool,
    /// Verified: a list server vouched for the reply's sender, and the trailer names that very
    /// address; failed: the sender's check failed, or the trailer names someone else.
    pub attestation: AttestState,
}

/// Review tags counted per person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagCounts {
    pub reviewed: u32,
    pub acked: u32,
    pub tested: u32,
}

/// When the series was first given a Reviewed-by or Acked-by (in a reply or on its cover).
fn first_ack(msgs: &[Msg], s: &Series) -> Option<i64> {
    let date_of = |id: i64| {
        s.replies
            .iter()
            .map(|(r, _)| *r)
            .chain(s.members())
            .find(|&m| msgs[m].id == id)
            .map(|m| msgs[m].date)
    };
    s.trailers
        .iter()
        .filter(|t| t.applied && !matches!(t.source, TrailerSource::Carried(_)))
        .filter(|t| matches!(t.trailer.name.as_str(), "Reviewed-by" | "Acked-by"))
        .filter_map(|t| date_of(t.by))
        .min()
}

pub fn collect(msgs: &[Msg], threads: &Threads<'_>, series: &mut [Series], prior: &[Prior]) {
    let by_key: HashMap<MessageId, usize> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    let prior_by_key: HashMap<&MessageId, &Prior> = prior.iter().map(|p| (&p.key, p)).collect();
    for s in 0..series.len() {
        let mut collected = from_replies(msgs, &series[s]);
        if let Some(key) = &series[s].previous {
            let given = match by_key.get(key) {
                Some(&p) if p < s => given_by_patch_id(msgs, &series[p]),
                Some(_) => Vec::new(),
                None => prior_by_key
                    .get(key)
                    .map(|p| p.trailers.clone())
                    .unwrap_or_default(),
            };
            carry_over(msgs, key, &series[s], &given, &mut collected);
            if let Some(&p) = by_key.get(key).filter(|&&p| p < s)
                && partial_reroll(threads, &series[p], &series[s])
            {
                inherit_cover(msgs, &series[p], &series[s], &mut collected);
            }
        }
        series[s].trailers = collected;
        series[s].tags = series_tags(msgs, &series[s]);
        series[s].first_ack_at = first_ack(msgs, &series[s]);
    }
}

fn from_replies(msgs: &[Msg], ser: &Series) -> Vec<CollectedTrailer> {
    let mut out: Vec<CollectedTrailer> = Vec::new();
    let patches: Vec<usize> = ser
        .patches
        .iter()
        .filter(|p| !p.duplicate)
        .map(|p| p.msg)
        .collect();
    for &(r, target) in &ser.replies {
        let reply = &msgs[r];
        let followup = reply.tags.reply || (reply.in_reply_to.is_some() && !reply.has_diff);
        if !followup {
            continue;
        }
        let on_cover = Some(target) == ser.cover;
        for t in reply
            .trailers
            .iter()
            .filter(|t| !NOT_TRAILERS.contains(&t.lname().as_str()))
        {
            let applied = t.person.as_ref().is_none_or(|p| sender_is(&reply.from, p));
            let attestation = trailer_attestation(reply, t, applied);
            let source = if on_cover {
                TrailerSource::Cover
            } else {
                TrailerSource::Reply
            };
            let targets: Vec<usize> = if on_cover && applied {
                patches.clone()
            } else {
                vec![target]
            };
            if !applied && already_on(msgs, ser, target, t) {
                // Restating a trailer the patch carries is not news, nor a mismatch.
                continue;
            }
            for patch in targets {
                let c = CollectedTrailer {
                    patch,
                    trailer: t.clone(),
                    by: reply.id,
                    source: source.clone(),
                    applied,
                    attestation,
                };
                push(msgs, &mut out, c);
            }
        }
    }
    out
}

/// Does the patch (every patch, for a cover letter) already carry trailer `t`?
fn already_on(msgs: &[Msg], ser: &Series, target: usize, t: &Trailer) -> bool {
    let carries = |m: usize| msgs[m].trailers.iter().any(|o| o.same_as(t));
    if Some(target) == ser.cover {
        !ser.patches.is_empty() && ser.patches.iter().all(|p| carries(p.msg))
    } else {
        carries(target)
    }
}

/// Adds `c` unless the patch already carries it, or it was collected already.
fn push(msgs: &[Msg], out: &mut Vec<CollectedTrailer>, c: CollectedTrailer) {
    let own = &msgs[c.patch].trailers;
    if c.applied && own.iter().any(|t| t.same_as(&c.trailer)) {
        return;
    }
    if out
        .iter()
        .any(|o| o.patch == c.patch && o.applied == c.applied && o.trailer.same_as(&c.trailer))
    {
        return;
    }
    out.push(c);
}

/// How far a trailer a reply gives is vouched for (see [`CollectedTrailer::attestation`]).
fn trailer_attestation(reply: &Msg, t: &Trailer, applied: bool) -> AttestState {
    let names_sender = t
        .person
        .as_ref()
        .is_none_or(|p| email_eq(&reply.from.email, &p.email));
    match reply.attestation {
        _ if !applied => AttestState::Failed,
        AttestState::Failed => AttestState::Failed,
        AttestState::Verified if names_sender => AttestState::Verified,
        _ => AttestState::Unverified,
    }
}

/// The applied trailers of a series by patch-id.
fn given_by_patch_id(msgs: &[Msg], ser: &Series) -> Vec<GivenTrailer> {
    ser.trailers
        .iter()
        .filter(|t| t.applied)
        .filter_map(|t| {
            Some(GivenTrailer {
                patch_id: msgs[t.patch].patch_id.clone()?,
                trailer: t.trailer.clone(),
                by: t.by,
                carried_from: match &t.source {
                    TrailerSource::Carried(k) => Some(k.clone()),
                    _ => None,
                },
                attestation: t.attestation,
            })
        })
        .collect()
}

/// A partial re-roll: no cover letter of its own, and every patch answers the patch with the
/// same number in the previous revision (b4's test).
fn partial_reroll(threads: &Threads<'_>, prev: &Series, ser: &Series) -> bool {
    ser.cover.is_none()
        && !ser.patches.is_empty()
        && ser.patches.iter().all(|p| {
            threads.parent_msg(p.msg).is_some_and(|up| {
                prev.patches
                    .iter()
                    .any(|q| q.msg == up && q.number == p.number)
            })
        })
}

/// A partial re-roll stands in for patches of the previous revision: what reviewers said of
/// that whole series (on its cover letter) applies to it too, as b4 does.
fn inherit_cover(msgs: &[Msg], prev: &Series, ser: &Series, out: &mut Vec<CollectedTrailer>) {
    let series_wide: Vec<&CollectedTrailer> = prev
        .trailers
        .iter()
        .filter(|t| t.applied && t.source == TrailerSource::Cover)
        .collect();
    for p in ser.patches.iter().filter(|p| !p.duplicate) {
        for t in &series_wide {
            let c = CollectedTrailer {
                patch: p.msg,
                trailer: t.trailer.clone(),
                by: t.by,
                source: TrailerSource::Carried(prev.key.clone()),
                applied: true,
                attestation: t.attestation,
            };
            push(msgs, out, c);
        }
    }
}

/// Trailers given in the previous revision (`prev`) to a patch with the same patch-id.
fn carry_over(
    msgs: &[Msg],
    prev: &MessageId,
    ser: &Series,
    given: &[GivenTrailer],
    out: &mut Vec<CollectedTrailer>,
) {
    for p in ser.patches.iter().filter(|p| !p.duplicate) {
        let Some(pid) = msgs[p.msg].patch_id.as_deref() else {
            continue;
        };
        for g in given.iter().filter(|g| g.patch_id == pid) {
            let from = g.carried_from.clone().unwrap_or_else(|| prev.clone());
            let c = CollectedTrailer {
                patch: p.msg,
                trailer: g.trailer.clone(),
                by: g.by,
                source: TrailerSource::Carried(from),
                applied: true,
                attestation: g.attestation,
            };
            push(msgs, out, c);
        }
    }
}

/// b4's test: the reply's sender is the trailer's person, by address or by name.
pub fn sender_is(sender: &Person, person: &Person) -> bool {
    if email_eq(&sender.email, &person.email) {
        return true;
    }
    let (from, named) = (sender.name.to_lowercase(), person.name.to_lowercase());
    let named = named.trim_matches('"');
    if !from.is_empty() && from == named {
        return true;
    }
    // "Last, First" in the header: every part must appear in the trailer's name.
    from.contains(',') && from.split(',').all(|chunk| named.contains(chunk.trim()))
}

/// Addresses equal ignoring case, `+tags`, and one extra sub-domain (`foo@linux.intel.com` is
/// `foo@intel.com`).
pub fn email_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let strip = |s: &str| -> Option<(String, String)> {
        let (local, domain) = s.split_once('@')?;
        let local = local.split('+').next().unwrap_or(local);
        Some((local.to_string(), domain.to_string()))
    };
    let (Some((la, da)), Some((lb, db))) = (strip(&a), strip(&b)) else {
        return false;
    };
    if la != lb {
        return false;
    }
    if da == db {
        return true;
    }
    let dots = |d: &str| d.matches('.').count() as i64;
    (dots(&da) - dots(&db)).abs() == 1
        && (da.ends_with(&format!(".{db}")) || db.ends_with(&format!(".{da}")))
}

/// Distinct reviewers, ackers and testers over the series (patches' own trailers included).
fn series_tags(msgs: &[Msg], ser: &Series) -> TagCounts {
    let own = ser.patches.iter().flat_map(|p| msgs[p.msg].trailers.iter());
    let given = ser
        .trailers
        .iter()
        .filter(|t| t.applied)
        .map(|t| &t.trailer);
    distinct_tags(own.chain(given))
}

/// Tag counts for one patch: its own trailers and those collected for it.
pub fn patch_tags(msgs: &[Msg], ser: &Series, patch: usize) -> TagCounts {
    let given = ser
        .trailers
        .iter()
        .filter(|t| t.applied && t.patch == patch)
        .map(|t| &t.trailer);
    distinct_tags(msgs[patch].trailers.iter().chain(given))
}

/// Tag counts with each (kind, person) counted once.
fn distinct_tags<'a>(trailers: impl Iterator<Item = &'a Trailer>) -> TagCounts {
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for t in trailers {
        let who = t
            .person
            .as_ref()
            .map_or_else(|| t.value.to_lowercase(), |p| p.email.to_lowercase());
        seen.insert((t.lname(), who));
    }
    count(seen.iter().map(|(k, _)| k.as_str()))
}

fn count<'a>(names: impl Iterator<Item = &'a str>) -> TagCounts {
    let mut c = TagCounts::default();
    for n in names {
        match n {
            "reviewed-by" => c.reviewed += 1,
            "acked-by" => c.acked += 1,
            "tested-by" => c.tested += 1,
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_like_b4() {
        assert!(email_eq("Foo@Example.com", "foo@example.com"));
        assert!(email_eq("foo+kernel@example.com", "foo@example.com"));
        assert!(email_eq("foo@linux.intel.com", "foo@intel.com"));
        assert!(!email_eq("foo@a.intel.com.cn", "foo@intel.com"));
        assert!(!email_eq("bar@example.com", "foo@example.com"));
    }

    #[test]
    fn senders_match_by_address_or_name() {
        let p = |n: &str, e: &str| Person {
            name: n.into(),
            email: e.into(),
        };
        assert!(sender_is(
            &p("Rita R", "rita@x.org"),
            &p("Other Name", "rita@x.org")
        ));
        assert!(sender_is(
            &p("Rita R", "rita@gmail.com"),
            &p("rita r", "rita@x.org")
        ));
        assert!(sender_is(
            &p("Doe, Jane", "j@a.org"),
            &p("\"Jane Doe, \"", "j@b.org")
        ));
        assert!(!sender_is(
            &p("Mismatched Reviewer", "m@example.com"),
            &p("Mismatched Reviewer1", "m@example.net")
        ));
    }
}
