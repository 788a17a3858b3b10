//! Series assembly: which messages form one posting of a series.
//!
//! A numbered patch joins the cover letter or the first patch found above it in its thread (same
//! sender, total and version; a patch without a version takes its cover letter's). Walking up
//! stops at a patch with a number already seen on the way, so a re-post threaded to the old one is
//! a new series. Patches left over join, by time (within 12 hours, nearest first), a series of the
//! same sender, version and total with that number free: unthreaded series, series with a lost
//! first patch, partial re-rolls answering an older version. Unnumbered patches, pull requests and
//! lone cover letters are series of their own.

use std::collections::BTreeSet;

use super::jwz::Threads;
use super::{Msg, same_person};
use crate::model::{MailKind, MessageId, Person};

/// How long apart the pieces of one unthreaded series may arrive.
pub const WINDOW: i64 = 12 * 3600;
/// Messages this close were sent together (one `git send-email` run), whatever their subjects
/// say about the version.
const BATCH: i64 = 600;

/// One patch of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPatch {
    pub number: u32,
    pub msg: usize,
    /// Another patch holds this number in the series (this one was sent again, or competes).
    pub duplicate: bool,
    /// A competing patch: another sender's, with another diff, for a slot the submitter's patch
    /// holds (or should). Never taken silently.
    pub conflict: bool,
}

/// One posting of a series, with everything later stages add to it.
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// Message-ID of the cover letter, else of the first patch: the series' identity.
    pub key: MessageId,
    pub pull: bool,
    pub cover: Option<usize>,
    pub patches: Vec<SeriesPatch>,
    pub name: String,
    pub version: u32,
    /// The version was written in a subject (else it is 1, or inferred from the previous one).
    pub version_explicit: bool,
    pub total: u32,
    pub received: u32,
    pub complete: bool,
    pub submitter: Person,
    pub date: i64,
    pub last_activity: i64,
    pub list_id: Option<String>,
    pub prefixes: Vec<String>,
    pub rfc: bool,
    pub resend: bool,
    pub change_id: Option<String>,
    /// Message-ID at the top of the anchor's thread.
    pub root: String,
    /// Key of the previous revision.
    pub previous: Option<MessageId>,
    /// Replies: (reply, the series message it answers).
    pub replies: Vec<(usize, usize)>,
    /// The first reply (by date) from someone other than the submitter.
    pub first_review: Option<usize>,
    /// When it was first answered at all, and first given a Reviewed-by or Acked-by.
    pub first_reply_at: Option<i64>,
    pub first_ack_at: Option<i64>,
    pub participants: u32,
    pub trailers: Vec<super::CollectedTrailer>,
    pub tags: super::TagCounts,
}

impl Series {
    /// Every message of the series proper: cover first, then patches.
    pub fn members(&self) -> impl Iterator<Item = usize> + '_ {
        self.cover
            .into_iter()
            .chain(self.patches.iter().map(|p| p.msg))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Cover,
    Patch,
    Pull,
    Other,
}

/// What a message contributes to series assembly.
#[derive(Debug, Clone, Copy)]
struct Part {
    role: Role,
    /// Counter number (0 for covers); `None` for unnumbered patches.
    number: Option<u32>,
    total: u32,
    version: Option<u32>,
}

pub fn assemble(msgs: &[Msg], order: &[usize], threads: &Threads<'_>) -> Vec<Series> {
    let parts = parts(msgs, threads);
    let mut uf = UnionFind::new(&parts);
    for &i in order {
        if parts[i].role == Role::Patch
            && parts[i].number.is_some()
            && let Some(up) = thread_anchor(msgs, &parts, threads, i)
        {
            uf.union(up, i);
        }
    }
    let mut groups = Groups::new(msgs, &parts, threads, &mut uf, order);
    groups.join_leftovers();
    groups.into_series()
}

/// Roles, numbers and versions; a "naked" cover letter (a non-patch with a diffstat that the
/// sender's numbered patches answer) counts as a cover letter, and a forwarded patch that answers
/// nothing we hold is a patch of its own (inside a thread it is a reply).
fn parts(msgs: &[Msg], threads: &Threads<'_>) -> Vec<Part> {
    let mut parts: Vec<Part> = msgs.iter().map(part).collect();
    for (i, m) in msgs.iter().enumerate() {
        if m.tags.forward
            && !m.tags.reply
            && m.kind == MailKind::Patch
            && threads.parent_msg(i).is_none()
        {
            parts[i].role = Role::Patch;
        }
    }
    for (i, m) in msgs.iter().enumerate() {
        if parts[i].role != Role::Patch || parts[i].number.is_none() {
            continue;
        }
        let Some(p) = threads.parent_msg(i) else {
            continue;
        };
        let up = &msgs[p];
        if parts[p].role == Role::Other
            && !up.tags.reply
            && !up.has_diff
            && up.has_diffstat
            && same_person(&up.from, &m.from)
        {
            parts[p] = Part {
                role: Role::Cover,
                number: Some(0),
                total: parts[i].total,
                version: m.tags.version,
            };
        }
    }
    parts
}

fn part(m: &Msg) -> Part {
    let (number, total) = match m.tags.counter {
        Some((n, t)) => (Some(n), t.max(1)),
        None => (None, 1),
    };
    let role = if m.tags.reply || m.tags.forward {
        Role::Other
    } else if m.kind == MailKind::PullRequest {
        Role::Pull
    } else if number == Some(0) {
        Role::Cover
    } else if m.kind == MailKind::Patch && number != Some(0) {
        Role::Patch
    } else {
        Role::Other
    };
    Part {
        role,
        number,
        total,
        version: m.tags.version,
    }
}

/// Messages looked at above a patch for its cover letter or first patch (a deep-threaded series
/// of this many patches is beyond any real one).
const MAX_ANCHOR_WALK: usize = 4096;

/// The cover letter, or the topmost patch of the same series, above patch `i` in its thread.
fn thread_anchor(msgs: &[Msg], parts: &[Part], threads: &Threads<'_>, i: usize) -> Option<usize> {
    let me = &parts[i];
    let mut numbers = BTreeSet::from([me.number?]);
    let mut top = None;
    // Bounded: a deep chain of patches each answering the one before stays linear work.
    for a in threads.ancestor_msgs(i).take(MAX_ANCHOR_WALK) {
        if !same_person(&msgs[a].from, &msgs[i].from) {
            continue;
        }
        let p = &parts[a];
        match p.role {
            Role::Cover if cover_fits(p, me) || same_batch(msgs, threads, a, i) => return Some(a),
            Role::Patch if patch_fits(p, me) => {
                let n = p.number?;
                if !numbers.insert(n) {
                    break;
                }
                top = Some(a);
            }
            _ => {}
        }
    }
    top
}

/// A patch belongs under a cover letter with its total and version (a patch without a version
/// takes the cover letter's).
fn cover_fits(cover: &Part, patch: &Part) -> bool {
    cover.total == patch.total
        && patch
            .version
            .is_none_or(|v| v == cover.version.unwrap_or(1))
}

/// A patch answering a cover letter of its sender within minutes was sent with it, whatever
/// version either says (`[PATCH v1 0/10]` sent with `[PATCH v2 1/10]`); a partial re-roll
/// answering an older cover letter comes days later.
fn same_batch(msgs: &[Msg], threads: &Threads<'_>, cover: usize, patch: usize) -> bool {
    threads.parent_msg(patch) == Some(cover) && (msgs[patch].date - msgs[cover].date).abs() <= BATCH
}

fn patch_fits(a: &Part, b: &Part) -> bool {
    a.number.is_some() && a.total == b.total && a.version.unwrap_or(1) == b.version.unwrap_or(1)
}

/// Union-find over message indices that keeps at most one cover letter per group.
struct UnionFind {
    up: Vec<usize>,
    cover: Vec<Option<usize>>,
}

impl UnionFind {
    fn new(parts: &[Part]) -> Self {
        UnionFind {
            up: (0..parts.len()).collect(),
            cover: (0..parts.len())
                .map(|i| (parts[i].role == Role::Cover).then_some(i))
                .collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.up[x] != x {
            self.up[x] = self.up[self.up[x]];
            x = self.up[x];
        }
        x
    }

    /// Joins the groups of `a` and `b` unless each already holds a cover letter.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || (self.cover[ra].is_some() && self.cover[rb].is_some()) {
            return;
        }
        self.up[rb] = ra;
        self.cover[ra] = self.cover[ra].or(self.cover[rb]);
    }
}

mod groups;
use groups::Groups;
