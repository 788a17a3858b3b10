//! The series objects of the command-line contract (`list`, `show`, `search` JSON): field order
//! is the declaration order, and changing a field is a breaking change.
//!
//! Must not: write text (the callers serialise) or read anything but the rows given.

use serde::Serialize;

use super::super::time::rfc3339;
use crate::store::{EventRow, PatchRow, ReplyRow, SeriesRow, TrailerRow};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PersonJson {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TagsJson {
    pub reviewed: u32,
    pub acked: u32,
    pub tested: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TrailerJson {
    pub kind: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub value: String,
    /// The reply that gave it.
    pub msgid: String,
    /// reply | cover | carried
    pub source: String,
    /// For carried trailers: the key of the series they were given to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// verified | unverified | failed: a list server vouched for the giver, and the trailer
    /// names the giver's own address.
    pub attestation: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PatchJson {
    pub number: u32,
    pub msgid: String,
    pub subject: String,
    /// The first commit that applied it.
    pub commit: Option<String>,
    /// Every commit that applied it (cherry-picks too), earliest first.
    pub commits: Vec<CommitJson>,
    pub duplicate: bool,
    /// Another sender's different patch for this slot (not taken, `show` warns).
    pub conflict: bool,
    /// The patch's sender's address.
    pub from: String,
    /// verified | unverified | failed
    pub attestation: String,
    pub tags: TagsJson,
    /// `show` only: trailers collected from replies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trailers: Option<Vec<TrailerJson>>,
    /// `show` only: person trailers whose person did not send the reply (not applied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mismatches: Option<Vec<TrailerJson>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CommitJson {
    pub sha: String,
    /// link-trailer | patch-id | diff | subject | reply-diff | squash | pull
    pub method: String,
    pub date: String,
    /// For `squash`: the percentage of the patch's changed lines the commit holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<u32>,
}

/// Where a series belongs among the linked repositories.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RepositoryJson {
    /// The last part of its path, `.git` dropped.
    pub name: String,
    pub path: String,
    /// `landed` (its commits are there) or `paths` (its tree holds the files it touches).
    pub how: String,
}

/// The series object of the contract; `R` is the reply count (`list`) or the replies (`show`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SeriesJson<R> {
    pub id: i64,
    pub msgid: String,
    pub name: String,
    pub version: u32,
    pub total: u32,
    pub received: u32,
    pub complete: bool,
    pub submitter: PersonJson,
    pub date: String,
    pub last_activity: String,
    pub state: String,
    pub state_source: String,
    pub delegate: Option<String>,
    /// The linked repositories it belongs to (`link` routes it), those it landed in first.
    pub repositories: Vec<RepositoryJson>,
    pub list: Option<String>,
    pub subsystems: Vec<String>,
    pub tags: TagsJson,
    pub replies: R,
    pub previous: Option<i64>,
    pub superseded_by: Option<i64>,
    pub cover: Option<String>,
    pub patches: Vec<PatchJson>,
    /// Patches with a commit.
    pub landed: u32,
    pub kind: String,
    pub prefixes: Vec<String>,
    pub archived: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReplyJson {
    pub msgid: String,
    pub from: PersonJson,
    pub date: String,
    pub subject: String,
    /// The cover letter or patch it answers.
    pub answers: Option<String>,
    /// The first line it says itself (quotes and attribution skipped).
    pub first_line: Option<String>,
    /// verified | unverified | failed, and what it rests on.
    pub attestation: String,
    pub attest_detail: String,
    /// A program sent it (it does not count as review); absent for people.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bot: bool,
}

/// One revision of the chain and what changed from the one before, as the mails tell.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VersionJson {
    pub id: i64,
    pub version: u32,
    pub date: String,
    pub patches: u32,
    pub state: String,
    /// Patch numbers whose patch-id differs from the previous revision's same number.
    pub changed: Vec<u32>,
    /// Patch numbers the previous revision did not have / this one no longer has.
    pub added: Vec<u32>,
    pub dropped: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EventJson {
    pub at: String,
    pub kind: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub who: String,
    pub why: Option<String>,
    /// The replica a person's change was made on; absent for automatic events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica: Option<String>,
}

/// `patchq show`: the series object with replies listed, revisions and events.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShowJson {
    #[serde(flatten)]
    pub series: SeriesJson<Vec<ReplyJson>>,
    /// Ids of every version of this series, oldest first.
    pub revisions: Vec<i64>,
    /// The same versions with what changed between them.
    pub versions: Vec<VersionJson>,
    pub events: Vec<EventJson>,
}

/// Each revision compared with the one before it, by patch number and patch-id.
pub fn versions_json(versions: &[SeriesRow]) -> Vec<VersionJson> {
    let mut out = Vec::with_capacity(versions.len());
    let mut prev: Option<&SeriesRow> = None;
    for v in versions {
        let ids = |s: &SeriesRow| -> Vec<(u32, Option<String>)> {
            s.patches
                .iter()
                .filter(|p| !p.duplicate)
                .map(|p| (p.number, p.patch_id.clone()))
                .collect()
        };
        let now = ids(v);
        let before = prev.map(ids).unwrap_or_default();
        let (mut changed, mut added, mut dropped) = (Vec::new(), Vec::new(), Vec::new());
        if prev.is_some() {
            for (n, pid) in &now {
                match before.iter().find(|(m, _)| m == n) {
                    Some((_, old)) if old != pid => changed.push(*n),
                    Some(_) => {}
                    None => added.push(*n),
                }
            }
            dropped = before
                .iter()
                .filter(|(m, _)| !now.iter().any(|(n, _)| n == m))
                .map(|(m, _)| *m)
                .collect();
        }
        out.push(VersionJson {
            id: v.id,
            version: v.version,
            date: rfc3339(v.date),
            patches: now.len() as u32,
            state: v.state.clone(),
            changed,
            added,
            dropped,
        });
        prev = Some(v);
    }
    out
}

fn patch_json(p: &PatchRow) -> PatchJson {
    PatchJson {
        number: p.number,
        msgid: p.msgid.clone(),
        subject: p.subject.clone(),
        commit: p.commits.first().map(|c| c.sha.clone()),
        commits: p
            .commits
            .iter()
            .map(|c| CommitJson {
                sha: c.sha.clone(),
                method: c.method.clone(),
                date: rfc3339(c.commit_time),
                held: c.held_pct,
            })
            .collect(),
        duplicate: p.duplicate,
        conflict: p.conflict,
        from: p.from_email.clone(),
        attestation: p.attestation.as_str().to_string(),
        tags: TagsJson {
            reviewed: p.reviewed,
            acked: p.acked,
            tested: p.tested,
        },
        trailers: None,
        mismatches: None,
    }
}

/// The contract's series object for `s`.
pub fn series_json<R>(s: &SeriesRow, replies: R) -> SeriesJson<R> {
    SeriesJson {
        id: s.id,
        msgid: s.key.clone(),
        name: s.name.clone(),
        version: s.version,
        total: s.total,
        received: s.received,
        complete: s.complete,
        submitter: PersonJson {
            name: s.submitter_name.clone(),
            email: s.submitter_email.clone(),
        },
        date: rfc3339(s.date),
        last_activity: rfc3339(s.last_activity),
        state: s.state.clone(),
        state_source: s.state_source.clone(),
        delegate: s.delegate.clone(),
        repositories: s
            .repositories
            .iter()
            .map(|(path, how)| RepositoryJson {
                name: crate::model::repo_name(path).to_string(),
                path: path.clone(),
                how: how.clone(),
            })
            .collect(),
        list: s.list_id.clone(),
        subsystems: s.subsystems.clone(),
        tags: TagsJson {
            reviewed: s.reviewed,
            acked: s.acked,
            tested: s.tested,
        },
        replies,
        previous: s.previous,
        superseded_by: s.superseded_by,
        cover: s.cover.clone(),
        patches: s.patches.iter().map(patch_json).collect(),
        landed: s
            .patches
            .iter()
            .filter(|p| !p.duplicate && !p.commits.is_empty())
            .count() as u32,
        kind: s.kind.clone(),
        prefixes: s
            .prefixes
            .split(' ')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        archived: s.archived,
    }
}

/// `patchq show`'s object.
pub fn show_json(
    s: &SeriesRow,
    trailers: &[TrailerRow],
    replies: &[ReplyRow],
    versions: &[SeriesRow],
    events: &[EventRow],
) -> ShowJson {
    let replies: Vec<ReplyJson> = replies
        .iter()
        .map(|r| ReplyJson {
            msgid: r.msgid.clone(),
            from: PersonJson {
                name: r.from_name.clone(),
                email: r.from_email.clone(),
            },
            date: rfc3339(r.date),
            subject: r.subject.clone(),
            answers: r.target.clone(),
            first_line: r.first_line.clone(),
            attestation: r.attestation.as_str().to_string(),
            attest_detail: r.attest_detail.clone(),
            bot: r.bot,
        })
        .collect();
    let mut series = series_json(s, replies);
    for (patch, row) in series.patches.iter_mut().zip(&s.patches) {
        let mine = |applied: bool| -> Vec<TrailerJson> {
            trailers
                .iter()
                .filter(|t| t.patch == row.message_id && t.applied == applied)
                .map(trailer_json)
                .collect()
        };
        patch.trailers = Some(mine(true));
        patch.mismatches = Some(mine(false));
    }
    ShowJson {
        series,
        revisions: versions.iter().map(|v| v.id).collect(),
        versions: versions_json(versions),
        events: events
            .iter()
            .map(|e| EventJson {
                at: rfc3339(e.at),
                kind: e.kind.clone(),
                old: e.old.clone(),
                new: e.new.clone(),
                who: e.who.clone(),
                why: e.why.clone(),
                replica: e.replica.clone(),
            })
            .collect(),
    }
}

fn trailer_json(t: &TrailerRow) -> TrailerJson {
    TrailerJson {
        kind: t.name.clone(),
        name: t.person_name.clone(),
        email: t.person_email.clone(),
        value: t.value.clone(),
        msgid: t.given_by.clone(),
        source: t.source.clone(),
        carried_from: t.carried_from.clone(),
        attestation: t.attestation.as_str().to_string(),
    }
}
