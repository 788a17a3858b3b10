//! Links from posted patches to the commits that merged them, and how each was found.

/// How a commit was tied to a patch, strongest first (the order conflicts are settled in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkMethod {
    /// The commit message names the patch's Message-ID (`Link:`, `Message-Id:` ...).
    LinkTrailer,
    /// The commit's stable patch-id equals the patch's.
    PatchId,
    /// Most changed lines are the same (fuzz, moved context, a small edit).
    Diff,
    /// Same subject and author, close in time, a path in common.
    Subject,
    /// The diff of a reply (a fix offered in review, "something like this?"), by patch-id or
    /// changed lines: ranks below every signal for a patch (a patch applied and then reworked
    /// as a reviewer suggested is still that patch landing).
    ReplyDiff,
    /// One of several patches of a series squashed into one commit, each mostly held in it.
    Squash,
    /// A pull request, tied to the merge whose parent is the commit it names as its tip.
    Pull,
}

impl LinkMethod {
    /// The contract's name (`link-trailer|patch-id|diff|subject|reply-diff|squash|pull`).
    pub fn as_str(self) -> &'static str {
        match self {
            LinkMethod::LinkTrailer => "link-trailer",
            LinkMethod::PatchId => "patch-id",
            LinkMethod::Diff => "diff",
            LinkMethod::ReplyDiff => "reply-diff",
            LinkMethod::Subject => "subject",
            LinkMethod::Squash => "squash",
            LinkMethod::Pull => "pull",
        }
    }
}

/// Where a commit message names a Message-ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// A `Link:` trailer or a lore / patch.msgid.link URL anywhere in the message.
    Link,
    /// A `Message-Id:` / `Message-ID:` trailer.
    MessageId,
    /// `Closes:` or `References:`: counts only when it names a patch.
    Closes,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Link => "link",
            RefKind::MessageId => "message-id",
            RefKind::Closes => "closes",
        }
    }
}

/// A linked repository's short name: the last part of its path, `.git` dropped.
pub fn repo_name(path: &str) -> &str {
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    last.strip_suffix(".git").unwrap_or(last)
}
