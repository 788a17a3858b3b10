//! Threads, patch series, revisions, replies and review trailers, from message summaries.
//!
//! Owns: the rules that turn messages into what a maintainer triages: JWZ-style threading, series
//! assembly (cover letters, threaded and unthreaded series, partial re-rolls, duplicates), revision
//! chains, reply attachment and b4's trailer rules.
//! Must not: do I/O or keep state; the same messages always give the same result, whatever order
//! they arrived in (everything is processed in date, then Message-ID, order).

mod jwz;
mod replies;
mod revisions;
mod series;
mod trailers;

use crate::model::{AttestState, Mail, MailKind, MessageId, Person, SubjectTags, Trailer};

pub use jwz::Placement;
pub use revisions::MAX_GAP as REVISION_GAP;
pub use series::{Series, SeriesPatch, WINDOW as POSTING_WINDOW};

pub use trailers::{CollectedTrailer, TagCounts, TrailerSource, patch_tags};

/// What threading and series assembly need to know about one message.
#[derive(Debug, Clone)]
pub struct Msg {
    /// The caller's handle (the database row id).
    pub id: i64,
    pub msgid: MessageId,
    pub in_reply_to: Option<MessageId>,
    pub references: Vec<MessageId>,
    pub from: Person,
    /// Seconds since the epoch, UTC.
    pub date: i64,
    pub kind: MailKind,
    pub tags: SubjectTags,
    pub has_diff: bool,
    pub has_diffstat: bool,
    pub patch_id: Option<String>,
    pub change_id: Option<String>,
    pub list_id: Option<String>,
    /// For patches their own trailers; for other messages the trailers they give (b4's rules).
    pub trailers: Vec<Trailer>,
    /// Whether a list server vouched for the sender.
    pub attestation: AttestState,
    /// A program sent it: it never starts review.
    pub bot: bool,
}

impl Msg {
    /// What assembly needs of a parsed mail stored with row id `id` (the same values the store
    /// reads back for it), taken from the mail rather than copied.
    pub fn from_mail(id: i64, mail: Mail) -> Msg {
        Msg {
            id,
            date: mail.date.map(|d| d.utc).unwrap_or(0),
            has_diff: !mail.files.is_empty(),
            has_diffstat: mail.has_diffstat,
            patch_id: mail.patch_id.map(|p| p.to_hex()),
            msgid: mail.msgid,
            in_reply_to: mail.in_reply_to,
            references: mail.references,
            from: mail.from,
            kind: mail.kind,
            tags: mail.tags,
            change_id: mail.change_id,
            list_id: mail.list_id,
            trailers: mail.trailers,
            attestation: mail.attestation.state,
            bot: mail.bot,
        }
    }
}

/// A series settled earlier and not reassembled now, which may be the previous revision of one
/// that is: what revision linking and trailer carry-over need of it.
#[derive(Debug, Clone, Default)]
pub struct Prior {
    pub key: MessageId,
    pub date: i64,
    pub version: u32,
    pub submitter: Person,
    /// Its cover letter's subject name, if it has one.
    pub cover_name: Option<String>,
    /// Its first patch's subject name.
    pub first_name: Option<String>,
    /// Without a cover letter: every patch's subject name, in order.
    pub patch_names: Vec<String>,
    pub change_id: Option<String>,
    pub pull: bool,
    /// Its subject prefix tokens (`PATCH`, `net-next`, `6.9` ...).
    pub prefixes: Vec<String>,
    /// Applied trailers of its patches, by the patches' patch-ids.
    pub trailers: Vec<GivenTrailer>,
    /// The revision it follows, as settled when it was assembled.
    pub previous: Option<MessageId>,
}

/// A trailer applied to a patch of an earlier revision, carried to a patch with its patch-id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenTrailer {
    pub patch_id: String,
    pub trailer: Trailer,
    /// The reply that gave it (`Msg::id`).
    pub by: i64,
    /// The key of the series it was first given to, when it was itself carried.
    pub carried_from: Option<MessageId>,
    pub attestation: AttestState,
}

/// Everything assembled from a set of messages.
#[derive(Debug, Clone, Default)]
pub struct Assembly {
    /// Per message (same order as the input): its parent and thread root.
    pub placements: Vec<Placement>,
    /// Series, ordered by date then key.
    pub series: Vec<Series>,
}

/// Assembles threads, series, revisions, replies and trailers from `msgs`; `prior` are series
/// settled before that may be previous revisions of the new ones.
pub fn assemble(msgs: &[Msg], prior: &[Prior]) -> Assembly {
    let order = canonical_order(msgs);
    let threads = jwz::Threads::build(msgs, &order);
    let mut series = series::assemble(msgs, &order, &threads);
    revisions::link(msgs, &threads, &mut series, prior);
    replies::attach(msgs, &order, &threads, &mut series);
    trailers::collect(msgs, &threads, &mut series, prior);
    Assembly {
        placements: threads.placements(msgs),
        series,
    }
}

/// Message indices sorted by date, then Message-ID: the order every rule sees messages in.
fn canonical_order(msgs: &[Msg]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..msgs.len()).collect();
    order.sort_by(|&a, &b| {
        msgs[a]
            .date
            .cmp(&msgs[b].date)
            .then_with(|| msgs[a].msgid.cmp(&msgs[b].msgid))
    });
    order
}

/// The same person: address equal ignoring case and `+tags`, or the same non-empty name (a list
/// rewriting From for DMARC keeps the name, `Name via List`).
pub fn same_person(a: &Person, b: &Person) -> bool {
    same_sender((&a.name, &a.email), (&b.name, &b.email))
}

/// [`same_person`] on `(name, address)` pairs, for callers holding borrowed text.
pub fn same_sender(a: (&str, &str), b: (&str, &str)) -> bool {
    if !a.1.is_empty() && same_address(a.1, b.1) {
        return true;
    }
    let (mut x, mut y) = (name_words(a.0), name_words(b.0));
    let mut any = false;
    loop {
        match (x.next(), y.next()) {
            (None, None) => return any,
            (Some(p), Some(q))
                if p.chars()
                    .flat_map(char::to_lowercase)
                    .eq(q.chars().flat_map(char::to_lowercase)) =>
            {
                any = true
            }
            _ => return false,
        }
    }
}

/// Addresses equal ignoring case and a `+tag` (without allocating: this runs for every reply).
pub(crate) fn same_address(a: &str, b: &str) -> bool {
    let split = |e: &str| -> (String, String) {
        let (local, host) = e.split_once('@').unwrap_or((e, ""));
        (
            local.split('+').next().unwrap_or(local).to_string(),
            host.to_string(),
        )
    };
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    if !a.contains('+') && !b.contains('+') {
        return false;
    }
    let ((la, ha), (lb, hb)) = (split(a), split(b));
    la.eq_ignore_ascii_case(&lb) && ha.eq_ignore_ascii_case(&hb)
}

/// A display name's words, without a list's " via List" suffix.
fn name_words(name: &str) -> impl Iterator<Item = &str> + '_ {
    name.split(" via ").next().unwrap_or("").split_whitespace()
}

#[cfg(test)]
mod tests;
