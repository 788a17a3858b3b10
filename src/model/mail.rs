//! A parsed message and the parts of it later layers reason about.

use super::{MessageId, SubjectTags, Trailer, to_hex};

/// A person as written in a header or trailer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// Where a message's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The `Date:` header.
    Header,
    /// The `Date:` header was missing or unreadable; the first `Received:` header's date was used.
    Received,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::Received => "received",
        }
    }
}

/// A point in time with the zone it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailDate {
    /// Seconds since the Unix epoch, UTC.
    pub utc: i64,
    /// Minutes east of UTC as written in the header (`-0700` is -420).
    pub offset_minutes: i32,
    pub source: DateSource,
}

/// What a message is, as far as its own content tells (series roles come from threading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Carries a diff and is not a reply.
    Patch,
    /// A `git request-pull` message (may carry a diff too).
    PullRequest,
    /// Anything else: cover letters, reviews, discussion.
    Comment,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Patch => "patch",
            MailKind::PullRequest => "pull",
            MailKind::Comment => "comment",
        }
    }

    pub fn from_db(s: &str) -> MailKind {
        match s {
            "patch" => MailKind::Patch,
            "pull" => MailKind::PullRequest,
            _ => MailKind::Comment,
        }
    }
}

/// How a diff changes one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeStatus {
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
    /// Only the file mode changed.
    ModeChange,
}

impl ChangeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Modified => "modified",
            ChangeStatus::Added => "added",
            ChangeStatus::Deleted => "deleted",
            ChangeStatus::Renamed => "renamed",
            ChangeStatus::Copied => "copied",
            ChangeStatus::ModeChange => "mode",
        }
    }
}

/// One file touched by a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path before the change; `None` for a new file.
    pub old_path: Option<String>,
    /// Path after the change; `None` for a deleted file.
    pub new_path: Option<String>,
    pub status: ChangeStatus,
    pub binary: bool,
    pub added: u32,
    pub removed: u32,
}

impl FileChange {
    /// The path to show and match on: the new name, else the old one.
    pub fn path(&self) -> &str {
        self.new_path
            .as_deref()
            .or(self.old_path.as_deref())
            .unwrap_or("")
    }
}

/// git's stable patch-id (`git patch-id --stable`): 20 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PatchId(pub [u8; 20]);

impl PatchId {
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }
}

/// A pull request found in a message (`git request-pull` output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRequest {
    pub url: String,
    /// Branch or tag after the URL, when given.
    pub branch: Option<String>,
    /// The commit the pull brings the tree up to ("for you to fetch changes up to SHA"), full
    /// lowercase hex: the merge that pulls it has it as a parent.
    pub tip: Option<String>,
}

/// A message as the rest of patchq sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    pub msgid: MessageId,
    /// The id was missing and derived from the content.
    pub msgid_synthetic: bool,
    /// The sender: the addr-spec of `From:` (or, for a list that rewrites From, of
    /// `X-Original-From:`/`Reply-To:`, see `sender_via`).
    pub from: Person,
    /// The list address that had rewritten `From:` (the sender comes from another header).
    pub sender_via: Option<String>,
    /// Whether a list server patchq trusts vouched for the sender.
    pub attestation: super::Attestation,
    /// The patch author when the body names another one (an in-body `From:` line).
    pub author: Option<Person>,
    pub date: Option<MailDate>,
    /// Decoded subject, whitespace collapsed, prefixes kept.
    pub subject: String,
    /// What the subject's prefixes say (version, counter, reply ...).
    pub tags: SubjectTags,
    pub in_reply_to: Option<MessageId>,
    /// `References:` ids, oldest first.
    pub references: Vec<MessageId>,
    /// The list the message was read from (`List-Id`, else `X-Mailing-List`, else the import's).
    pub list_id: Option<String>,
    /// b4's change-id (`X-Change-ID:` header or a `change-id:` line), when present.
    pub change_id: Option<String>,
    /// The review state a `pw-bot:` line asks for.
    pub pw_bot: Option<String>,
    /// A program sent it (see `is_bot`): it never starts or counts as review.
    pub bot: bool,
    pub kind: MailKind,
    /// Decoded text of every text part, LF line ends.
    pub body: String,
    /// The commit message part, as `git mailinfo` would split it (in-body headers removed).
    pub message: String,
    /// The diff text alone (file headers and hunks), when there is one.
    pub diff: Option<String>,
    pub files: Vec<FileChange>,
    /// A `N files changed` diffstat line is present (cover letters have one).
    pub has_diffstat: bool,
    /// Patches: the trailers of their commit message. Other messages: the trailers they give
    /// (b4's follow-up rules).
    pub trailers: Vec<Trailer>,
    pub patch_id: Option<PatchId>,
    pub pull: Option<PullRequest>,
    /// Non-fatal problems seen while parsing (bad charset, broken MIME ...).
    pub warnings: Vec<String>,
}

impl Mail {
    /// Every path the message's diff touches, old and new names, sorted, without repeats.
    pub fn touched_paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self
            .files
            .iter()
            .flat_map(|f| [f.old_path.as_deref(), f.new_path.as_deref()])
            .flatten()
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths
    }
}
