//! The record kept for a message the full parser fails on: what a plain line-by-line reading of
//! its header block gives (Message-ID, From, Subject, Date, threading headers), so that the raw
//! bytes are stored under a name and `patchq rebuild` can read them again once the parser is
//! fixed.
//!
//! Must not: use mail-parser or anything else the failure may have come from beyond the small
//! header decoders; it has to work on exactly the messages the rest cannot read.

use xxhash_rust::xxh3::xxh3_128;

use super::{mailinfo, rfc2047, subject};
use crate::model::{DateSource, Mail, MailDate, MailKind, MessageId, extract_message_ids};

/// How much of a message is looked at for its header block.
const HEADER_LIMIT: usize = 256 * 1024;

/// The minimal record of `raw`; `None` when it has no header line that names it (From, Subject,
/// Date or Message-ID): then it is not a mail message at all.
pub fn minimal_record(raw: &[u8]) -> Option<Mail> {
    let found = std::panic::catch_unwind(|| read_headers(raw)).unwrap_or_default();
    if found.known == 0 {
        return None;
    }
    let (msgid, msgid_synthetic) = match found.msgid.as_deref().and_then(MessageId::parse) {
        Some(id) => (id, false),
        None => (synthetic(raw), true),
    };
    let subject = found
        .subject
        .map(|s| {
            mailinfo::cleanup_space(&rfc2047::decode(&s))
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    let from = found
        .from
        .map(|f| super::address::mailbox(&f))
        .unwrap_or_default();
    let refs = |v: Option<String>| v.map(|v| extract_message_ids(&v)).unwrap_or_default();
    Some(Mail {
        msgid,
        msgid_synthetic,
        from,
        author: None,
        date: found.date.as_deref().and_then(date),
        tags: subject::parse_subject(&subject),
        subject,
        in_reply_to: refs(found.in_reply_to).into_iter().next(),
        references: refs(found.references),
        list_id: None,
        change_id: None,
        pw_bot: None,
        bot: false,
        kind: MailKind::Comment,
        body: String::new(),
        message: String::new(),
        diff: None,
        files: Vec::new(),
        has_diffstat: false,
        trailers: Vec::new(),
        patch_id: None,
        pull: None,
        warnings: Vec::new(),
        sender_via: None,
        attestation: Default::default(),
    })
}

/// A stable id from the bytes themselves (the same message imported again gets the same one).
fn synthetic(raw: &[u8]) -> MessageId {
    let hash = xxh3_128(raw);
    MessageId::from_normalised(format!("{hash:032x}@unparsed.patchq.invalid"))
}

#[derive(Default)]
struct Found {
    msgid: Option<String>,
    from: Option<String>,
    subject: Option<String>,
    date: Option<String>,
    in_reply_to: Option<String>,
    references: Option<String>,
    known: usize,
}

/// The first value of each header wanted, continuation lines joined, read as lossy UTF-8.
fn read_headers(raw: &[u8]) -> Found {
    let head = &raw[..raw.len().min(HEADER_LIMIT)];
    let mut found = Found::default();
    let mut current: Option<(String, String)> = None;
    for (n, line) in head.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.first().is_some_and(|&b| b == b' ' || b == b'\t') {
            if let Some((_, value)) = current.as_mut() {
                value.push(' ');
                value.push_str(String::from_utf8_lossy(line).trim());
            }
            continue;
        }
        if let Some((name, value)) = current.take() {
            keep(&mut found, &name, value);
        }
        if line.is_empty() {
            break;
        }
        // The mbox envelope line may come first.
        if n == 0 && line.starts_with(b"From ") {
            continue;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            break;
        };
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|&b| b.is_ascii_graphic()) {
            break;
        }
        let value = String::from_utf8_lossy(&line[colon + 1..])
            .trim()
            .to_string();
        current = Some((String::from_utf8_lossy(name).to_ascii_lowercase(), value));
    }
    if let Some((name, value)) = current {
        keep(&mut found, &name, value);
    }
    found
}

fn keep(found: &mut Found, name: &str, value: String) {
    let (slot, known) = match name {
        "message-id" => (&mut found.msgid, true),
        "from" => (&mut found.from, true),
        "subject" => (&mut found.subject, true),
        "date" => (&mut found.date, true),
        "in-reply-to" => (&mut found.in_reply_to, false),
        "references" => (&mut found.references, false),
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(value);
        found.known += usize::from(known);
    }
}

/// An RFC 2822 date, as far as chrono reads one.
fn date(text: &str) -> Option<MailDate> {
    let d = chrono::DateTime::parse_from_rfc2822(text.trim()).ok()?;
    Some(MailDate {
        utc: d.timestamp(),
        offset_minutes: d.offset().local_minus_utc() / 60,
        source: DateSource::Header,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_can_of_the_header_block() {
        let raw = b"From x Mon Sep 17 00:00:00 2001\nMessage-ID: <a@b>\nFrom: =?utf-8?q?J=C3=B6rg?= <j@x.org>\nSubject: [PATCH v2 1/3]\n foo: bar\nDate: Mon, 1 Jan 2024 10:00:00 +0100\nReferences: <r1@x>\n <r2@x>\n\nbody From: no\n";
        let m = minimal_record(raw).unwrap();
        assert_eq!(m.msgid.as_str(), "a@b");
        assert!(!m.msgid_synthetic);
        assert_eq!(
            (m.from.name.as_str(), m.from.email.as_str()),
            ("Jörg", "j@x.org")
        );
        assert_eq!(m.subject, "[PATCH v2 1/3] foo: bar");
        assert_eq!(m.tags.version, Some(2));
        assert_eq!(m.date.unwrap().utc, 1_704_099_600);
        let refs: Vec<&str> = m.references.iter().map(|r| r.as_str()).collect();
        assert_eq!(refs, ["r1@x", "r2@x"]);
        assert_eq!(m.kind, MailKind::Comment);
    }

    #[test]
    fn a_missing_id_is_made_from_the_bytes() {
        let a = minimal_record(b"Subject: x\n\nbody\n").unwrap();
        let b = minimal_record(b"Subject: x\n\nbody\n").unwrap();
        let c = minimal_record(b"Subject: x\n\nother\n").unwrap();
        assert!(a.msgid_synthetic);
        assert_eq!(a.msgid, b.msgid);
        assert_ne!(a.msgid, c.msgid);
    }

    #[test]
    fn bytes_without_a_known_header_are_no_mail() {
        assert!(minimal_record(b"").is_none());
        assert!(minimal_record(b"\xff\xfe garbage\n\nmore").is_none());
        assert!(minimal_record(b"X-Foo: bar\n\n").is_none());
    }
}
