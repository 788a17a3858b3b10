//! Raw message bytes -> `Mail`: headers, MIME and charsets, the git-style split into commit
//! message and patch, the diff and the files it touches, the stable patch-id, pull requests.
//!
//! Owns: everything about reading one message. It is the only user of `mail-parser`.
//! Must not: know where the bytes came from, keep state between messages, or do I/O.

mod address;
mod attest;
mod body;
pub mod diff;
pub mod fingerprint;
mod headers;
mod lines;
pub mod mailinfo;
mod minimal;
pub mod patchid;
pub mod pull;
mod rfc2047;
pub mod subject;
mod text;
pub mod trailers;

use mail_parser::Message;
use xxhash_rust::xxh3::xxh3_128;

use crate::model::{ListTrust, Mail, MailKind, MessageId, Person, Trust};
pub use address::mailbox;
pub use lines::lines;

/// Who a raw message was sent to: the mailboxes of its `To:` and `Cc:` fields.
pub fn recipients(raw: &[u8]) -> Vec<Person> {
    headers::recipients(raw)
}
pub use mailinfo::{SplitOptions, cleanup_subject};
pub use minimal::minimal_record;

/// Why a message could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not a mail message: no header lines")]
    NoHeaders,
    #[error("not a mail message: none of From, Subject, Date or Message-ID")]
    NoKnownHeaders,
    /// The parser itself failed (a bug): the message is kept unparsed and read again by
    /// `patchq rebuild` once the parser is fixed.
    #[error("internal error while parsing (please report it): {0}")]
    Internal(String),
}

/// What the caller knows about a message besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The list to assume when the message names none (`import --list`).
    pub default_list: Option<String>,
    /// Whose word about the sender patchq takes (list servers, lists that rewrite From).
    pub trust: Trust,
}

/// Parses one raw message. A failure of the parser itself (a panic: a bug, never the mail's
/// fault) is caught and returned as [`ParseError::Internal`], so that no caller (import,
/// rebuild, search, link, show) loses the message or stops over it.
pub fn parse_mail(raw: &[u8], opts: &ParseOptions) -> Result<Mail, ParseError> {
    if failure_for_tests(raw) {
        return Err(ParseError::Internal("PATCHQ_TEST_PARSE_FAILURE".into()));
    }
    guarded(|| parse_mail_with(raw, opts, false))
}

/// The integration tests stand in for a parser bug: with `PATCHQ_TEST_PARSE_FAILURE=TEXT`, a
/// message holding TEXT fails to parse (so that keeping it, and `rebuild` reading it again
/// once "fixed", can be tested end to end).
fn failure_for_tests(raw: &[u8]) -> bool {
    static NEEDLE: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    NEEDLE
        .get_or_init(|| {
            std::env::var_os("PATCHQ_TEST_PARSE_FAILURE")
                .filter(|v| !v.is_empty())
                .map(|v| v.as_encoded_bytes().to_vec())
        })
        .as_deref()
        .is_some_and(|n| memchr::memmem::find(raw, n).is_some())
}

/// Runs `f`, turning a panic into [`ParseError::Internal`] with its message.
fn guarded<T>(f: impl FnOnce() -> Result<T, ParseError>) -> Result<T, ParseError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let text = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        Err(ParseError::Internal(text))
    })
}

/// The text `K:` regexes are tried on: a patch's commit message, `---`, and its diff, exactly
/// as [`parse_mail`] splits them (`message` and `diff`), without the rest of a full parse
/// (headers, patch-id, trailers, attestation): `maintainers load` reads every stored patch again
/// for a new regex. `None` when the bytes hold no message.
pub fn keyword_text(raw: &[u8]) -> Option<String> {
    guarded(|| {
        let (_, body) = read_message(raw, false)?;
        let split = mailinfo::split_body(&body.text, &SplitOptions::default(), &rfc2047::decode);
        let diff = diff::extract(&split.patch).map(|d| d.text);
        Ok(format!(
            "{}\n---\n{}",
            split.message,
            diff.unwrap_or_default()
        ))
    })
    .ok()
}

/// True when each line of the text [`keyword_text`] gives for `raw` is a line of `raw` as it
/// is: a line regex that matches nothing in `raw` (in multi-line mode) matches none of them.
pub fn text_is_raw(raw: &[u8]) -> bool {
    body::text_is_raw(raw)
}

/// A message's headers and decoded body: read by its headers alone when they say the body is one
/// plain text part as it stands (most list mail; see `body::plain`), else parsed whole, its
/// headers then parsed twice (a fifth of list mail: the shortcut saves more than that costs).
/// `whole` always parses it whole (to check that both readings agree).
fn read_message(raw: &[u8], whole: bool) -> Result<(Message<'_>, body::Body), ParseError> {
    if !whole
        && let Some(head) = headers::PARSER.parse_headers(raw)
        && let Some(body) = body::plain(&head)
    {
        return Ok((head, body));
    }
    let msg = headers::PARSER.parse(raw).ok_or(ParseError::NoHeaders)?;
    let body = body::text(&msg);
    Ok((msg, body))
}

/// [`parse_mail`] with every message parsed whole by mail-parser, never read by its headers
/// alone: for tests that check both readings give the same `Mail`.
#[doc(hidden)]
pub fn parse_mail_whole(raw: &[u8], opts: &ParseOptions) -> Result<Mail, ParseError> {
    guarded(|| parse_mail_with(raw, opts, true))
}

/// True when `raw` is read by its headers alone (see `body::plain`).
#[doc(hidden)]
pub fn read_by_headers(raw: &[u8]) -> bool {
    headers::PARSER
        .parse_headers(raw)
        .is_some_and(|head| body::plain(&head).is_some())
}

fn parse_mail_with(raw: &[u8], opts: &ParseOptions, whole: bool) -> Result<Mail, ParseError> {
    let (msg, mut body) = read_message(raw, whole)?;
    let h = headers::read(&msg);
    if h.known == 0 {
        return Err(ParseError::NoKnownHeaders);
    }
    if !headers_are_utf8(raw) {
        body.warnings
            .push("the headers hold bytes that are not UTF-8; they were replaced".into());
    }
    let split = mailinfo::split_body(&body.text, &SplitOptions::default(), &rfc2047::decode);
    let diff = diff::extract(&split.patch);
    let patch_id = diff.as_ref().and_then(|_| patchid::patch_id(&split.patch));
    let pull = pull::find(&body.text);
    let subject = mailinfo::cleanup_space(h.subject.as_deref().unwrap_or(""))
        .trim()
        .to_string();
    let from = h
        .from_raw
        .as_deref()
        .map(address::mailbox)
        .unwrap_or_default();
    let list_id = h.list_id.clone().or_else(|| opts.default_list.clone());
    let trust = opts.trust.for_list(list_id.as_deref());
    let relay = opts.trust.is_relay(&from.email);
    // A relay's mail is vouched for as the relay's (which vouches for its sender); a list's
    // rewritten mail as its sender's (the list server checked it before rewriting).
    let attested = match relay {
        true => from.email.clone(),
        false => String::new(),
    };
    let (from, sender_via) = unmunge(from, &h, &trust, relay);
    let attested = if relay { attested } else { from.email.clone() };
    // Only a list that trusts a server reads the trace (every other verdict needs none of it).
    let trace = match trust.authserv.is_empty() {
        true => Vec::new(),
        false => headers::trace(&msg),
    };
    let attestation = attest::attest(&trace, &attested, &trust);
    let author = split
        .from
        .as_deref()
        .filter(|_| diff.is_some())
        .map(mailinfo::parse_from)
        .filter(|a| *a != from && !a.email.is_empty());
    let bot = crate::model::is_bot(&from, h.automated, &opts.trust.bots);
    let tags = subject::parse_subject(&subject);
    let kind = if pull.is_some() && !tags.reply {
        MailKind::PullRequest
    } else if diff.is_some() && !tags.reply && !subject::is_tree_notice(&tags.name) {
        MailKind::Patch
    } else {
        MailKind::Comment
    };
    let change_id = h.change_id.clone().or_else(|| body_change_id(&body.text));
    let trailers = if kind == MailKind::Patch {
        trailers::own_trailers(&split.message)
    } else {
        trailers::followup_trailers(&body.text)
    };
    let has_diffstat = has_diffstat(&body.text);
    let (msgid, msgid_synthetic) = match h.msgid.clone() {
        Some(id) => (id, false),
        None => (
            synthetic_id(&from, h.date_text.as_deref(), &subject, &body.text),
            true,
        ),
    };
    let (diff_text, files) = match diff {
        Some(d) => (Some(d.text), d.files),
        None => (None, Vec::new()),
    };
    Ok(Mail {
        msgid,
        msgid_synthetic,
        from,
        author,
        date: h.date,
        subject,
        tags,
        in_reply_to: h.in_reply_to,
        references: h.references,
        list_id,
        sender_via,
        attestation,
        change_id,
        pw_bot: pw_bot(&body.text),
        bot,
        kind,
        message: split.message,
        body: body.text,
        diff: diff_text,
        files,
        has_diffstat,
        trailers,
        patch_id,
        pull,
        warnings: body.warnings,
    })
}

/// What `git mailinfo` reports for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailInfo {
    pub author: Option<Person>,
    pub subject: Option<String>,
    pub date: Option<String>,
    pub message: String,
    pub patch: String,
}

impl MailInfo {
    /// The info block in `git mailinfo`'s own format.
    pub fn info_text(&self) -> String {
        let mut out = String::new();
        if let Some(a) = &self.author {
            out.push_str(&format!("Author: {}\nEmail: {}\n", a.name, a.email));
        }
        if let Some(s) = &self.subject {
            out.push_str(&format!("Subject: {s}\n"));
        }
        if let Some(d) = &self.date {
            out.push_str(&format!("Date: {d}\n"));
        }
        out.push('\n');
        out
    }
}

/// Splits a message as `git mailinfo` (with `-u`) would: author, subject, date, message, patch.
pub fn mailinfo(raw: &[u8], opts: &SplitOptions) -> Result<MailInfo, ParseError> {
    guarded(|| mailinfo_unguarded(raw, opts))
}

fn mailinfo_unguarded(raw: &[u8], opts: &SplitOptions) -> Result<MailInfo, ParseError> {
    let (msg, body) = read_message(raw, false)?;
    let h = headers::read(&msg);
    let mut opts = opts.clone();
    if opts.message_id.is_some() {
        opts.message_id = h.msgid.as_ref().map(|id| format!("<{id}>"));
    }
    let split = mailinfo::split_body(&body.text, &opts, &rfc2047::decode);
    // In-body headers only count when there is a patch, as in git.
    let has_patch = !split.patch.is_empty();
    let pick = |inbody: &Option<String>, header: Option<String>| {
        inbody.clone().filter(|_| has_patch).or(header)
    };
    let from = pick(&split.from, h.from.clone());
    let subject = pick(&split.subject, h.subject.clone());
    let date = pick(&split.date, h.date_text.clone());
    Ok(MailInfo {
        author: from.as_deref().map(mailinfo::parse_from),
        subject: subject.as_deref().map(cleanup_subject),
        date: date.as_deref().map(mailinfo::cleanup_space),
        message: split.message,
        patch: split.patch,
    })
}

/// A git diffstat summary line (` 3 files changed, 10 insertions(+)`).
fn has_diffstat(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), b" changed, ").any(|at| {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let head = text[line_start..at].trim_start();
        let mut words = head.split(' ');
        words.next().is_some_and(|n| n.parse::<u32>().is_ok())
            && matches!(words.next(), Some("file" | "files"))
    })
}

/// True when the header block (up to the first blank line) is valid UTF-8.
fn headers_are_utf8(raw: &[u8]) -> bool {
    let end = memchr::memmem::find(raw, b"\n\n")
        .or_else(|| memchr::memmem::find(raw, b"\r\n\r\n"))
        .unwrap_or(raw.len());
    std::str::from_utf8(&raw[..end]).is_ok()
}

/// Lists that rewrite `From:` for DMARC write "Name via List <list@...>": the real sender is in
/// `X-Original-From:`, else in `Reply-To:` (when it is not the list itself), else only the name
/// is known. Believed only when the From address is the list's own posting address, or the list
/// is configured as rewriting From and the name says " via ", or `relay` (a relay that sends for
/// people it authenticated): anyone else may write those headers. Returns the sender and the
/// address that had replaced it.
fn unmunge(
    from: Person,
    h: &headers::Headers,
    trust: &ListTrust,
    relay: bool,
) -> (Person, Option<String>) {
    let list_address = posting_address(h.list_post.as_deref(), trust.list.as_str());
    let is_list = !from.email.is_empty()
        && list_address
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case(&from.email));
    let via = from.name.to_ascii_lowercase().rfind(" via ");
    let believed = is_list || relay || (trust.munges_from && via.is_some());
    if !believed {
        return (from, None);
    }
    // ASCII case only: the byte positions must stay those of `from.name`.
    let name = match via {
        Some(at) => from.name[..at].trim().to_string(),
        None => from.name.clone(),
    };
    let rewritten_by = Some(from.email.clone()).filter(|e| !e.is_empty());
    if let Some(p) = h
        .original_from
        .as_deref()
        .map(address::mailbox)
        .filter(|p| !p.email.is_empty())
    {
        return (p, rewritten_by);
    }
    if let Some(p) = h
        .reply_to
        .as_deref()
        .map(address::mailbox)
        .filter(|p| !p.email.is_empty() && !p.email.eq_ignore_ascii_case(&from.email))
    {
        let real_name = if p.name.is_empty() || p.name == p.email {
            name
        } else {
            p.name
        };
        return (
            Person {
                name: real_name,
                email: p.email,
            },
            rewritten_by,
        );
    }
    (
        Person {
            name,
            email: String::new(),
        },
        rewritten_by,
    )
}

/// A list's posting address: `List-Post: <mailto:ltp@lists.linux.it>`, else its List-Id with
/// the first dot made an `@` (`ltp.lists.linux.it`).
fn posting_address(list_post: Option<&str>, list_id: &str) -> Option<String> {
    if let Some(addr) = list_post
        .and_then(|v| v.split("mailto:").nth(1))
        .map(|v| {
            v.split(['>', '?', ','])
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .filter(|a| a.contains('@'))
    {
        return Some(addr);
    }
    list_id
        .split_once('.')
        .filter(|(_, d)| d.contains('.'))
        .map(|(l, d)| format!("{l}@{d}"))
}

/// b4 writes `change-id: 20240101-topic-0123456789ab` at the end of cover letters.
fn body_change_id(body: &str) -> Option<String> {
    memchr::memmem::find(body.as_bytes(), b"change-id:")?;
    body.lines()
        .filter_map(|l| l.strip_prefix("change-id:"))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty() && !v.contains(char::is_whitespace))
}

/// The state a `pw-bot: <state>` line asks for (netdev's convention; `cr` is
/// changes-requested), the last one not quoted; `None` without a known one.
pub fn pw_bot(body: &str) -> Option<String> {
    memchr::memmem::find(body.as_bytes(), b"pw-bot:")?;
    body.lines()
        .rev()
        .filter_map(|l| l.trim_end().strip_prefix("pw-bot:"))
        .find_map(|v| {
            let v = v.trim().to_ascii_lowercase();
            let state = match v.as_str() {
                "cr" | "changes-requested" => "changes-requested",
                "reject" | "rejected" => "rejected",
                "accept" | "accepted" | "applied" => "accepted",
                "na" | "not-applicable" => "not-applicable",
                "defer" | "deferred" => "deferred",
                "superseded" | "under-review" | "rfc" | "awaiting-upstream" | "new" => {
                    return Some(v);
                }
                _ => return None,
            };
            Some(state.to_string())
        })
}

/// A stable id for a message that has none, from what makes it that message.
fn synthetic_id(from: &Person, date: Option<&str>, subject: &str, body: &str) -> MessageId {
    let key = format!(
        "{}\0{}\0{}\0{}",
        from.email,
        date.unwrap_or(""),
        subject,
        body
    );
    let hash = xxh3_128(key.as_bytes());
    MessageId::from_normalised(format!("{hash:032x}@synthetic.patchq.invalid"))
}

/// A hash of what identifies a message's content (date, subject, patch), used to tell a second
/// copy of a message (another list's, with other transport headers, footers, a `[list]` subject
/// tag and a `From:` rewritten for DMARC) from a different message reusing its Message-ID.
pub fn content_hash(mail: &Mail) -> u128 {
    let t = &mail.tags;
    let key = format!(
        "{}\0{}\0{:?}\0{:?}\0{}\0{}",
        mail.date.map(|d| d.utc).unwrap_or(0),
        t.name,
        t.version,
        t.counter,
        t.reply,
        mail.patch_id.map(|p| p.to_hex()).unwrap_or_default()
    );
    xxh3_128(key.as_bytes())
}

#[cfg(test)]
mod tests;
