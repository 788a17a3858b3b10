//! `patchq apply`: a series taken into a git repository, like `b4 shazam`. The mailbox
//! `patchq am` writes is read back the way `git am` reads it (mailinfo: author, date, subject,
//! message, patch) and each patch committed with the user's committer identity, so the commits
//! are the ones `git am` makes from that mailbox.
//!
//! Where: onto the current branch (its working tree checked out); or a new branch (`branch`) made
//! at the series applied onto its base; or (`merge`) the series applied onto its base and merged
//! into the current branch with b4's merge message. The base is `base`, else the `base-commit:`
//! the cover letter names when the repository has it, else HEAD.
//!
//! Must not: print, or move a ref before every patch applied.

use std::path::Path;

use super::AppError;
use super::am::{AmExport, AmOptions, Unattested, export, is_trailer_line};
use crate::gitlink::{GitRepo, NewCommit, Stamp, am_message, parse_date};
use crate::model::{MessageId, Person};
use crate::parse::{MailInfo, SplitOptions, mailinfo};
use crate::store::Store;

/// Where the series goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// On top of the current branch.
    Head,
    /// A new branch of this name.
    Branch(String),
    /// A merge into the current branch.
    Merge,
}

/// How to apply.
#[derive(Debug, Clone)]
pub struct ApplyOptions {
    pub am: AmOptions,
    pub target: Target,
    /// Apply onto this revision (not with `Target::Head`).
    pub base: Option<String>,
    /// Prefix of the merge message's `Link:` to the cover letter.
    pub link_prefix: String,
}

/// Where the base came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseFrom {
    Flag,
    BaseCommit,
    Head,
}

/// What was made.
#[derive(Debug, Clone)]
pub struct Applied {
    pub series: i64,
    pub version: u32,
    pub key: String,
    pub base: String,
    pub base_from: BaseFrom,
    /// `base-commit:` named by the series but not in the repository (or not used).
    pub base_commit_unused: Option<String>,
    /// (commit id, subject), oldest first.
    pub commits: Vec<(String, String)>,
    /// The branch that now holds the series (`refs/heads/...`).
    pub branch: String,
    pub merge: Option<String>,
    pub unverified: Vec<Unattested>,
    pub left_out: Vec<Unattested>,
}

/// Applies series `id` to the repository at `repo`.
pub fn apply(
    store: &Store,
    id: i64,
    repo: &Path,
    opts: &ApplyOptions,
) -> Result<Applied, AppError> {
    let x = export(store, id, &opts.am)?;
    let git = GitRepo::open(repo)?;
    let committer = git.committer()?;
    let (head, head_branch) = git.head()?;
    let cover = match &x.cover {
        Some(c) => Some(info_of(store, c)?),
        None => None,
    };
    let named_base = match &cover {
        Some(c) => base_commit(c),
        None => match x.messages.first() {
            Some((msgid, _)) => base_commit(&info_of(store, msgid)?),
            None => None,
        },
    };
    let usable = named_base
        .as_ref()
        .and_then(|b| git.resolve(b).ok().map(|r| r.tip));
    let (base, base_from) = choose_base(&git, opts, &head, usable.as_deref())?;
    let base_commit_unused = named_base.filter(|_| usable.as_ref() != Some(&base));
    let mut commits = Vec::new();
    for (n, (msgid, text)) in x.messages.iter().enumerate() {
        commits.push(new_commit(n + 1, msgid, text)?);
    }
    let subjects: Vec<String> = commits
        .iter()
        .map(|c| c.message.lines().next().unwrap_or("").to_string())
        .collect();
    let made = git.make_commits(&base, &commits, &committer)?;
    let tip = made.last().cloned().unwrap_or_else(|| base.clone());
    let reflog = format!("patchq apply: series {} v{}", x.series, x.version);
    let need_head = || {
        head_branch
            .clone()
            .ok_or_else(|| AppError::User("HEAD is detached: name a branch with --branch".into()))
    };
    let (branch, merge) = match &opts.target {
        Target::Branch(name) => {
            git.create_branch(name, &tip)?;
            (format!("refs/heads/{name}"), None)
        }
        Target::Head => {
            let branch = need_head()?;
            git.advance_head(&head, &tip, &reflog)?;
            (branch, None)
        }
        Target::Merge => {
            let branch = need_head()?;
            let message = merge_text(store, &x, cover, opts, &committer)?;
            let m = git.merge_commit(&tip, &message, &committer)?;
            git.advance_head(&head, &m, &reflog)?;
            (branch, Some(m))
        }
    };
    Ok(Applied {
        series: x.series,
        version: x.version,
        key: x.key,
        base,
        base_from,
        base_commit_unused,
        commits: made.into_iter().zip(subjects).collect(),
        branch,
        merge,
        unverified: x.unverified,
        left_out: x.left_out,
    })
}

/// The commit to apply onto: HEAD for the current branch (which `base` cannot move); else
/// `base`, else the series' `base-commit:` when the repository has it (`usable`), else HEAD.
fn choose_base(
    git: &GitRepo,
    opts: &ApplyOptions,
    head: &str,
    usable: Option<&str>,
) -> Result<(String, BaseFrom), AppError> {
    Ok(match (&opts.target, &opts.base, usable) {
        (Target::Head, Some(_), _) => {
            return Err(AppError::User(
                "--base needs --branch or --merge (the current branch grows from HEAD)".into(),
            ));
        }
        (Target::Head, None, _) => (head.to_string(), BaseFrom::Head),
        (_, Some(rev), _) => (git.resolve(rev)?.tip, BaseFrom::Flag),
        (_, None, Some(b)) => (b.to_string(), BaseFrom::BaseCommit),
        (_, None, None) => (head.to_string(), BaseFrom::Head),
    })
}

/// The merge message for `--merge`: about the cover letter, else the first patch.
fn merge_text(
    store: &Store,
    x: &AmExport,
    cover: Option<MailInfo>,
    opts: &ApplyOptions,
    committer: &Stamp,
) -> Result<String, AppError> {
    let first = x.messages.first().map(|(m, _)| m.clone());
    let (about, msgid) = match (cover, first) {
        (Some(c), _) => (c, x.cover.clone().unwrap_or_default()),
        (None, Some(m)) => (info_of(store, &m)?, m),
        (None, None) => return Err(AppError::User("the series has no patches".into())),
    };
    let word = match x.messages.len() > 1 {
        true => "patch series",
        false => "patch",
    };
    let link = format!("{}{msgid}", opts.link_prefix);
    Ok(merge_message(word, &about, &link, committer))
}

/// A stored message read as `git mailinfo` reads it.
fn info_of(store: &Store, msgid: &str) -> Result<MailInfo, AppError> {
    let raw = store
        .raw_message(&MessageId::from_normalised(msgid.to_string()))?
        .ok_or_else(|| AppError::User(format!("message <{msgid}> is not stored")))?;
    mailinfo(&raw, &SplitOptions::default()).map_err(|e| AppError::User(format!("<{msgid}>: {e}")))
}

/// One message of `patchq am`'s mailbox as the commit `git am` makes of it.
fn new_commit(n: usize, msgid: &str, text: &str) -> Result<NewCommit, AppError> {
    let label = format!("patch {n} <{msgid}>");
    let mail = text.split_once('\n').map_or(text, |(_, rest)| rest);
    let info = mailinfo(mail.as_bytes(), &SplitOptions::default())
        .map_err(|e| AppError::User(format!("{label}: {e}")))?;
    let when = info
        .date
        .as_deref()
        .and_then(parse_date)
        .ok_or_else(|| AppError::User(format!("{label}: no date git can read")))?;
    let author = info.author.clone().unwrap_or(Person::default());
    Ok(NewCommit {
        label,
        author: Stamp {
            person: author,
            when,
        },
        message: am_message(info.subject.as_deref().unwrap_or(""), &info.message),
        patch: info.patch,
    })
}

/// The `base-commit:` a b4-style cover letter (or single patch) names below its `---`.
fn base_commit(info: &MailInfo) -> Option<String> {
    info.message
        .lines()
        .chain(info.patch.lines())
        .filter_map(|l| l.strip_prefix("base-commit:"))
        .map(str::trim)
        .find(|v| v.len() >= 7 && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

/// b4's merge message: `Merge patch series "SUBJECT"`, who says what (the cover letter's text
/// without its trailers), a `Link:` to it, the committer's `Signed-off-by:`.
fn merge_message(series_word: &str, about: &MailInfo, link: &str, by: &Stamp) -> String {
    let subject = about.subject.as_deref().unwrap_or("");
    let mut text = about.message.trim_end().to_string();
    if let Some((rest, last)) = text.rsplit_once("\n\n")
        && last.lines().all(is_trailer_line)
    {
        text = rest.trim_end().to_string();
    } else if text.lines().all(is_trailer_line) {
        text.clear();
    }
    let who = about
        .author
        .as_ref()
        .map(|p| format!("{} <{}> says:\n\n", p.name, p.email))
        .unwrap_or_default();
    let body = format!(
        "{who}{text}\n\nLink: {link}\nSigned-off-by: {} <{}>",
        by.person.name, by.person.email
    );
    am_message(&format!("Merge {series_word} \"{subject}\""), &body)
}
