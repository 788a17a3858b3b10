//! `patchq am`: a series as a mailbox `git am` applies. Each patch is rebuilt from its stored
//! mail as `git mailinfo` reads it (author, date, subject, commit message, patch), with the
//! trailers collected from replies added after its own (b4's placement: the submitter's
//! `Signed-off-by` stays where it is) and a `Link:` to its Message-ID.
//!
//! Trust: a trailer whose attestation failed (its giver's check failed, or it names someone
//! other than its giver) is never added; unverified ones are added and named to the caller (as
//! b4 shows its attestation), or left out with `verified_only`. A slot another sender's patch
//! competes for is refused until the caller says which patch to take.
//!
//! Must not: print or write files (the CLI does).

use super::AppError;
use crate::model::{AttestState, MessageId, Person};
use crate::parse::{SplitOptions, mailinfo};
use crate::render::mbox;
use crate::store::{PatchRow, SeriesRow, Store};

/// How to export.
#[derive(Debug, Clone)]
pub struct AmOptions {
    /// Export this version of the revision chain (default: the newest).
    pub version: Option<u32>,
    /// Export an incomplete series anyway.
    pub force: bool,
    /// Put the cover letter first (apply with `git am --empty=drop`).
    pub cover: bool,
    /// `Link:` prefix before the Message-ID; `None` adds no link.
    pub link_prefix: Option<String>,
    /// Leave out trailers no list server vouched for.
    pub verified_only: bool,
    /// Message-IDs of the patches to take where several compete for one slot.
    pub take: Vec<String>,
}

/// A trailer added that no list server vouched for, or one left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unattested {
    pub patch: u32,
    pub trailer: String,
    /// The reply that gave it.
    pub msgid: String,
    /// unverified | failed
    pub attestation: AttestState,
}

/// The mailbox and what went into it.
#[derive(Debug, Clone)]
pub struct AmExport {
    pub mbox: String,
    pub series: i64,
    pub key: String,
    pub version: u32,
    pub patches: usize,
    pub trailers_added: usize,
    /// Unverified trailers added (named so the maintainer sees them).
    pub unverified: Vec<Unattested>,
    /// Trailers left out: failed ones always, unverified ones with `verified_only`.
    pub left_out: Vec<Unattested>,
    /// Each message of the mailbox with the Message-ID it was made from, in order.
    pub messages: Vec<(String, String)>,
    /// The cover letter's Message-ID, if the series has one (written only with `cover`).
    pub cover: Option<String>,
}

/// What to run instead of `git am` for a pull request.
fn pull_instead(store: &Store, series: &crate::store::SeriesRow) -> Result<String, AppError> {
    let pull = match series.patches.first() {
        Some(p) => store.pull_request(&p.msgid)?,
        None => None,
    };
    Ok(match pull {
        Some((url, branch)) => format!(
            "series {} is a pull request, not patches: git pull {}{}",
            series.id,
            shell_word(&url),
            branch
                .map(|b| format!(" {}", shell_word(&b)))
                .unwrap_or_default()
        ),
        None => format!("series {} is a pull request, not patches", series.id),
    })
}

/// `s` quoted for a POSIX shell when it holds anything but safe characters (mail is untrusted:
/// the command is shown to be copied).
fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-~".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        return s.to_string();
    }
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    format!("'{}'", clean.replace('\'', "'\\''"))
}

/// Exports series `id` (or the chosen revision of its chain).
pub fn export(store: &Store, id: i64, opts: &AmOptions) -> Result<AmExport, AppError> {
    let series = revision(store, id, opts.version)?;
    exportable(store, &series, opts.force)?;
    let chosen = choose(&series, &opts.take)?;
    let trailers = store.series_trailers(series.id)?;
    let mut messages = Vec::new();
    if opts.cover
        && let Some(cover) = &series.cover
    {
        let prefix = counter(series.version, 0, series.total);
        messages.push((cover.clone(), rebuild(store, cover, &prefix, &[], None)?));
    }
    let mut added = 0;
    let (mut unverified, mut left_out) = (Vec::new(), Vec::new());
    for p in chosen {
        let mut extra: Vec<String> = Vec::new();
        for t in trailers
            .iter()
            .filter(|t| t.patch == p.message_id && t.applied)
        {
            let line = format!("{}: {}", t.name, t.value);
            let note = Unattested {
                patch: p.number,
                trailer: line.clone(),
                msgid: t.given_by.clone(),
                attestation: t.attestation,
            };
            match t.attestation {
                AttestState::Verified => extra.push(line),
                AttestState::Unverified if !opts.verified_only => {
                    extra.push(line);
                    unverified.push(note);
                }
                _ => left_out.push(note),
            }
        }
        let link = opts
            .link_prefix
            .as_ref()
            .map(|pre| format!("Link: {pre}{}", p.msgid));
        let prefix = counter(series.version, p.number, series.total);
        let text = rebuild(store, &p.msgid, &prefix, &extra, link.as_deref())?;
        added += extra.len();
        messages.push((p.msgid.clone(), text));
    }
    Ok(AmExport {
        mbox: messages.iter().map(|(_, m)| m.as_str()).collect(),
        series: series.id,
        key: series.key,
        version: series.version,
        patches: series.patches.iter().filter(|p| !p.duplicate).count(),
        trailers_added: added,
        unverified,
        left_out,
        messages,
        cover: series.cover.clone(),
    })
}

/// Version `version` of series `id`'s revision chain, else its newest.
fn revision(store: &Store, id: i64, version: Option<u32>) -> Result<SeriesRow, AppError> {
    let mut rows = Vec::new();
    for r in store.revisions(id)? {
        rows.extend(store.series_by_id(r)?);
    }
    match version {
        Some(v) => rows
            .into_iter()
            .rfind(|s| s.version == v)
            .ok_or_else(|| AppError::User(format!("no v{v} in the revision chain of series {id}"))),
        None => rows
            .pop()
            .ok_or_else(|| AppError::User(format!("no series {id}"))),
    }
}

/// Refuses what `git am` cannot take: a pull request, no patches, or (unless `force`) an
/// incomplete series.
fn exportable(store: &Store, series: &SeriesRow, force: bool) -> Result<(), AppError> {
    let mut numbers: Vec<u32> = series
        .patches
        .iter()
        .filter(|p| !p.duplicate)
        .map(|p| p.number)
        .collect();
    numbers.sort_unstable();
    let missing: Vec<String> = (1..=series.total)
        .filter(|n| !numbers.contains(n))
        .map(|n| n.to_string())
        .collect();
    if series.kind == "pull" {
        return Err(AppError::User(pull_instead(store, series)?));
    }
    if series.patches.is_empty() {
        return Err(AppError::User(format!(
            "series {} has no patches",
            series.id
        )));
    }
    if !missing.is_empty() && !force {
        return Err(AppError::User(format!(
            "series {} (v{}) is incomplete: patch {} of {} missing; --force exports what there is",
            series.id,
            series.version,
            missing.join(", "),
            series.total
        )));
    }
    Ok(())
}

/// The patch for each slot: the one assembly chose, unless another sender's patch competes for
/// the slot; then the one named in `take`, and without one the export is refused.
fn choose<'a>(series: &'a SeriesRow, take: &[String]) -> Result<Vec<&'a PatchRow>, AppError> {
    let mut out = Vec::new();
    let mut unresolved = Vec::new();
    let mut numbers: Vec<u32> = series.patches.iter().map(|p| p.number).collect();
    numbers.dedup();
    for n in numbers {
        let slot: Vec<&PatchRow> = series.patches.iter().filter(|p| p.number == n).collect();
        let taken = slot
            .iter()
            .find(|p| take.iter().any(|t| t.trim_matches(['<', '>']) == p.msgid));
        let contested = slot.iter().any(|p| p.conflict);
        match (taken, contested) {
            (Some(p), _) => out.push(*p),
            (None, false) => out.extend(slot.iter().find(|p| !p.duplicate)),
            (None, true) => unresolved.push(
                slot.iter()
                    .map(|p| {
                        format!(
                            "<{}> from {} ({})",
                            p.msgid,
                            p.from_email,
                            p.attestation.as_str()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" or "),
            ),
        }
    }
    if !unresolved.is_empty() {
        return Err(AppError::User(format!(
            "patches from different senders compete for a slot of series {}: {}; say which to \
             take with --take MSGID",
            series.id,
            unresolved.join("; ")
        )));
    }
    Ok(out)
}

/// `[PATCH v2 3/5]`, `[PATCH 1/2]` or `[PATCH]`.
fn counter(version: u32, number: u32, total: u32) -> String {
    let v = if version > 1 {
        format!(" v{version}")
    } else {
        String::new()
    };
    let n = if total > 1 || number == 0 {
        format!(" {number}/{total}")
    } else {
        String::new()
    };
    format!("[PATCH{v}{n}]")
}

/// One stored message rebuilt for `git am`, with `extra` trailers and `link` appended.
fn rebuild(
    store: &Store,
    msgid: &str,
    prefix: &str,
    extra: &[String],
    link: Option<&str>,
) -> Result<String, AppError> {
    let id = MessageId::from_normalised(msgid.to_string());
    let raw = store
        .raw_message(&id)?
        .ok_or_else(|| AppError::User(format!("message <{msgid}> is not stored")))?;
    let info = mailinfo(&raw, &SplitOptions::default())
        .map_err(|e| AppError::User(format!("<{msgid}>: {e}")))?;
    let mut lines: Vec<String> = extra.to_vec();
    lines.extend(link.map(str::to_string));
    let message = with_trailers(&info.message, &lines);
    // mailinfo's patch part starts at the `---` line when the mail has one (then the diffstat).
    let body = match info.patch.is_empty() {
        true => message,
        false if info.patch.starts_with("---\n") => format!("{message}{}", info.patch),
        false => format!("{message}---\n{}", info.patch),
    };
    let from = info.author.unwrap_or(Person::default());
    let subject = format!("{prefix} {}", info.subject.unwrap_or_default());
    let date = info.date.unwrap_or_default();
    Ok(mbox::message(&from, &date, &subject, msgid, &body))
}

/// `message` with `trailers` added to its trailer block (or as a new one), skipping any it
/// already has; ends with a newline.
pub fn with_trailers(message: &str, trailers: &[String]) -> String {
    let mut text = message.trim_end().to_string();
    let last_par = text.rsplit("\n\n").next().unwrap_or("");
    let is_block = !last_par.is_empty() && last_par.lines().all(is_trailer_line);
    let have: Vec<String> = text
        .lines()
        .map(|l| l.trim().to_ascii_lowercase())
        .collect();
    let mut first = true;
    for t in trailers {
        if have.contains(&t.trim().to_ascii_lowercase()) {
            continue;
        }
        if first && !is_block {
            text.push_str(if text.is_empty() { "" } else { "\n\n" });
        } else {
            text.push('\n');
        }
        first = false;
        text.push_str(t);
    }
    text.push('\n');
    text
}

pub(crate) fn is_trailer_line(line: &str) -> bool {
    match line.split_once(':') {
        Some((key, value)) => {
            !key.is_empty()
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && value.starts_with(' ')
        }
        None => line.starts_with(' ') || line.starts_with('\t'),
    }
}

#[cfg(test)]
mod tests {
    use super::with_trailers;

    #[test]
    fn trailers_go_after_the_existing_block() {
        let msg = "Fix it.\n\nSigned-off-by: A <a@x>\n";
        let t = vec![
            "Reviewed-by: R <r@x>".to_string(),
            "Signed-off-by: A <a@x>".to_string(),
        ];
        assert_eq!(
            with_trailers(msg, &t),
            "Fix it.\n\nSigned-off-by: A <a@x>\nReviewed-by: R <r@x>\n"
        );
        assert_eq!(
            with_trailers("Fix it.\n", &t[..1]),
            "Fix it.\n\nReviewed-by: R <r@x>\n"
        );
        assert_eq!(
            with_trailers("Fix it.\n\nSee: the docs are wrong\nhere.\n", &t[..1]),
            "Fix it.\n\nSee: the docs are wrong\nhere.\n\nReviewed-by: R <r@x>\n"
        );
    }
}
