//! `patchq ty`: thank-you mails for series whose patches landed, like `b4 ty`. Each answers the
//! cover letter (or the first patch): To its sender, Cc everyone it was sent to and those whose
//! trailers went into the commits; it quotes the start of the cover letter, says where it was
//! applied and names each patch's commit. Mails are values: the CLI writes them, the user's
//! mailer sends them; the series thanked are remembered so the next run skips them.
//!
//! Trust: Cc'd trailer givers are those whose trailer was applied and whose attestation did not
//! fail (a forged reply cannot pull a stranger into the thread).
//!
//! Must not: print, write files or send mail.

use chrono::{FixedOffset, TimeZone};
use xxhash_rust::xxh3::xxh3_64;

use super::AppError;
use crate::model::{AttestState, MessageId, Person, repo_name};
use crate::parse::{ParseOptions, cleanup_subject, parse_mail, recipients};
use crate::render::mbox::{Reply, reply};
use crate::store::{Applied, SeriesFilter, SeriesRow, Store};

/// Which series to thank, and as whom.
#[derive(Debug, Clone)]
pub struct TyOptions {
    /// These series (ids), thanked again if they were; empty: every landed series not yet
    /// thanked whose last commit is at or after `since`.
    pub series: Vec<i64>,
    pub since: Option<i64>,
    pub me: Person,
    /// "Applied to BRANCH"; default: the repository and revision the commits were found in.
    pub branch: Option<String>,
    /// Unix seconds and offset (minutes) of the mails' Date.
    pub now: i64,
    pub offset_minutes: i32,
}

/// One thank-you.
#[derive(Debug, Clone)]
pub struct Thanks {
    pub series: i64,
    pub key: String,
    pub version: u32,
    /// The patches' short subjects and their commits (none when the patch did not land).
    pub patches: Vec<(u32, String, Option<String>)>,
    pub headers: Reply,
    /// The whole message, an mbox entry.
    pub mail: String,
}

/// The thank-you mails `opts` asks for, in series order.
pub fn thanks(store: &Store, opts: &TyOptions) -> Result<Vec<Thanks>, AppError> {
    let rows = if opts.series.is_empty() {
        let done = store.thanked()?;
        let filter = SeriesFilter {
            all: true,
            ..SeriesFilter::default()
        };
        let mut rows = Vec::new();
        for applied in [Applied::All, Applied::Some] {
            rows.extend(store.list_series(&SeriesFilter {
                applied: Some(applied),
                ..filter.clone()
            })?);
        }
        rows.retain(|s| !done.contains(&s.key) && landed_since(s, opts.since));
        rows.sort_by_key(|s| s.id);
        rows
    } else {
        let mut rows = Vec::new();
        for &id in &opts.series {
            let s = store
                .series_by_id(id)?
                .ok_or_else(|| AppError::User(format!("no series {id}")))?;
            if !s.patches.iter().any(|p| !p.commits.is_empty()) {
                return Err(AppError::User(format!(
                    "series {id} has no commits linked yet (run patchq link)"
                )));
            }
            rows.push(s);
        }
        rows
    };
    rows.iter().map(|s| one(store, s, opts)).collect()
}

/// Remembers `t` as sent.
pub fn remember(store: &Store, t: &[Thanks], at: i64) -> Result<(), AppError> {
    for x in t {
        store.mark_thanked(&x.key, &x.headers.msgid, at)?;
    }
    Ok(())
}

fn landed_since(s: &SeriesRow, since: Option<i64>) -> bool {
    let last = s
        .patches
        .iter()
        .flat_map(|p| p.commits.iter().map(|c| c.commit_time))
        .max();
    match (last, since) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(t), Some(since)) => t >= since,
    }
}

fn one(store: &Store, s: &SeriesRow, opts: &TyOptions) -> Result<Thanks, AppError> {
    let answered = s
        .cover
        .clone()
        .or_else(|| s.patches.first().map(|p| p.msgid.clone()))
        .ok_or_else(|| AppError::User(format!("series {} has no messages", s.id)))?;
    let raw = store
        .raw_message(&MessageId::from_normalised(answered.clone()))?
        .ok_or_else(|| AppError::User(format!("message <{answered}> is not stored")))?;
    let mail = parse_mail(&raw, &ParseOptions::default())
        .map_err(|e| AppError::User(format!("<{answered}>: {e}")))?;
    let mut patches = Vec::new();
    let mut first_sha = None;
    for p in s.patches.iter().filter(|p| !p.duplicate) {
        let sha = p.commits.first().map(|c| c.sha.clone());
        first_sha = first_sha.or(sha.clone());
        patches.push((p.number, cleanup_subject(&p.subject), sha));
    }
    let where_ = match (&opts.branch, &first_sha) {
        (Some(b), _) => format!("Applied to {b}, thanks!"),
        (None, Some(sha)) => match store.revs_reaching(sha)?.first() {
            Some((repo, rev)) => format!("Applied to {} ({rev}), thanks!", repo_name(repo)),
            None => "Applied, thanks!".to_string(),
        },
        (None, None) => "Applied, thanks!".to_string(),
    };
    let body = body(
        &mail.message,
        &mail.from,
        &raw_date(&raw),
        &where_,
        s,
        &patches,
        opts,
    );
    let mut cc = Vec::new();
    for p in recipients(&raw) {
        add(&mut cc, p);
    }
    for t in store.series_trailers(s.id)? {
        if t.applied
            && t.attestation != AttestState::Failed
            && let Some(email) = t.person_email
        {
            let name = t.person_name.unwrap_or_default();
            add(&mut cc, Person { name, email });
        }
    }
    let same = |a: &Person, b: &Person| a.email.eq_ignore_ascii_case(&b.email);
    cc.retain(|p| !same(p, &mail.from) && !same(p, &opts.me));
    let mut references: Vec<String> = mail.references.iter().map(|m| m.to_string()).collect();
    if !references.contains(&answered) {
        references.push(answered.clone());
    }
    let headers = Reply {
        from: opts.me.clone(),
        to: vec![mail.from.clone()],
        cc,
        date: rfc2822(opts.now, opts.offset_minutes),
        subject: format!("Re: {}", mail.subject),
        msgid: new_msgid(opts, &s.key),
        in_reply_to: answered,
        references,
    };
    Ok(Thanks {
        series: s.id,
        key: s.key.clone(),
        version: s.version,
        patches,
        mail: reply(&headers, &body),
        headers,
    })
}

fn add(people: &mut Vec<Person>, p: Person) {
    if !people
        .iter()
        .any(|q| q.email.eq_ignore_ascii_case(&p.email))
    {
        people.push(p);
    }
}

/// b4's body: who wrote what (the first lines of the cover letter quoted), where it went, one
/// line per patch with its commit, and the signature.
fn body(
    message: &str,
    from: &Person,
    date: &str,
    where_: &str,
    s: &SeriesRow,
    patches: &[(u32, String, Option<String>)],
    opts: &TyOptions,
) -> String {
    let name = if from.name.is_empty() {
        &from.email
    } else {
        &from.name
    };
    let mut out = format!("On {date}, {name} wrote:\n");
    let quoted: Vec<&str> = message
        .trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .lines()
        .take(5)
        .collect();
    for l in &quoted {
        out.push_str(&format!("> {}\n", l.trim_end()));
    }
    if quoted.len() == 5 {
        out.push_str("> [...]\n");
    }
    out.push_str(&format!("\n{where_}\n\n"));
    let width = s.total.to_string().len();
    for (n, subject, sha) in patches {
        let counter = format!("[{n:0width$}/{}]", s.total);
        out.push_str(&format!("{counter} {subject}\n"));
        let pad = " ".repeat(counter.len() + 1);
        match sha {
            Some(c) => out.push_str(&format!("{pad}commit: {}\n", &c[..c.len().min(12)])),
            None => out.push_str(&format!("{pad}(no commit info)\n")),
        }
    }
    out.push_str(&format!(
        "\nBest regards,\n-- \n{} <{}>\n",
        opts.me.name, opts.me.email
    ));
    out
}

/// The `Date:` header as written (for "On DATE, NAME wrote:").
fn raw_date(raw: &[u8]) -> String {
    let head = &raw[..raw
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(raw.len())];
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|l| {
            l.get(..5)
                .filter(|k| k.eq_ignore_ascii_case("date:"))
                .map(|_| l[5..].trim().to_string())
        })
        .unwrap_or_default()
}

fn rfc2822(now: i64, offset_minutes: i32) -> String {
    let zone =
        FixedOffset::east_opt(offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).unwrap());
    match zone.timestamp_opt(now, 0).single() {
        Some(t) => t.to_rfc2822(),
        None => String::new(),
    }
}

/// A Message-ID unique to this series and moment, at the sender's domain.
fn new_msgid(opts: &TyOptions, key: &str) -> String {
    let domain = opts
        .me
        .email
        .rsplit_once('@')
        .map_or("patchq.invalid", |(_, d)| d);
    let stamp = chrono::DateTime::from_timestamp(opts.now, 0)
        .map(|t| t.format("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default();
    format!("{stamp}.{:016x}-ty@{domain}", xxh3_64(key.as_bytes()))
}
