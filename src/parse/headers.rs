//! Header fields read from a mail-parser message: ids, sender, date, subject, list.

use std::borrow::Cow;
use std::sync::LazyLock;

use mail_parser::{Header, HeaderName, HeaderValue, Message, MessageParser};

use super::attest::Trace;
use super::rfc2047;
use crate::model::{DateSource, MailDate, MessageId, extract_message_ids};

/// One parser for every message: MIME headers for the body and `Date`; every other header is
/// skipped by mail-parser and read raw by offset when needed (`From` and `Subject` are decoded
/// with git's rules, see `rfc2047`), which keeps parsing cheap.
pub(super) static PARSER: LazyLock<MessageParser> = LazyLock::new(|| {
    MessageParser::new()
        .with_mime_headers()
        .header_date(HeaderName::Date)
        .default_header_ignore()
});

/// The header fields patchq keeps.
#[derive(Debug, Default)]
pub(super) struct Headers {
    pub msgid: Option<MessageId>,
    /// `From:` value, RFC 2047 decoded (git's reading, for `mailinfo`).
    pub from: Option<String>,
    /// `From:` value as written (for the sender's address, see `address`).
    pub from_raw: Option<String>,
    /// `List-Post:` value.
    pub list_post: Option<String>,
    pub subject: Option<String>,
    pub date: Option<MailDate>,
    /// The `Date:` value as written (git mailinfo prints it).
    pub date_text: Option<String>,
    pub in_reply_to: Option<MessageId>,
    pub references: Vec<MessageId>,
    pub list_id: Option<String>,
    pub change_id: Option<String>,
    /// `Reply-To:` and `X-Original-From:`, as written (decoded only when needed): where lists
    /// that rewrite `From:` for DMARC ("Name via List <list@...>") keep the real sender.
    pub reply_to: Option<String>,
    pub original_from: Option<String>,
    /// `Auto-Submitted:` other than `no`, or `X-Patchwork-Bot:`: a program sent it.
    pub automated: bool,
    /// How many of From, Subject, Date and Message-ID are present.
    pub known: usize,
}

/// Reads the top-level headers of `msg`.
pub(super) fn read(msg: &Message<'_>) -> Headers {
    let raw = msg.raw_message();
    let mut h = Headers::default();
    let mut received: Option<MailDate> = None;
    let mut mailing_list: Option<String> = None;
    for header in msg.headers() {
        match &header.name {
            HeaderName::MessageId if h.msgid.is_none() => {
                h.msgid = MessageId::parse(&raw_value(raw, header));
                h.known += 1;
            }
            HeaderName::From if h.from.is_none() => {
                let value = raw_value(raw, header);
                h.from = Some(rfc2047::decode(&value));
                h.from_raw = Some(value.into_owned());
                h.known += 1;
            }
            HeaderName::ListPost if h.list_post.is_none() => {
                h.list_post = Some(raw_value(raw, header).into_owned());
            }
            HeaderName::Subject if h.subject.is_none() => {
                h.subject = Some(rfc2047::decode(&raw_value(raw, header)));
                h.known += 1;
            }
            HeaderName::Date if h.date_text.is_none() => {
                h.date_text = Some(raw_value(raw, header).into_owned());
                h.date = match &header.value {
                    HeaderValue::DateTime(d) => mail_date(d, DateSource::Header),
                    _ => None,
                };
                h.known += 1;
            }
            HeaderName::InReplyTo if h.in_reply_to.is_none() => {
                h.in_reply_to = extract_message_ids(&raw_value(raw, header))
                    .into_iter()
                    .next();
            }
            HeaderName::References if h.references.is_empty() => {
                h.references = extract_message_ids(&raw_value(raw, header));
            }
            HeaderName::ListId if h.list_id.is_none() => {
                h.list_id = list_id(&raw_value(raw, header));
            }
            HeaderName::ReplyTo if h.reply_to.is_none() => {
                h.reply_to = Some(raw_value(raw, header).into_owned());
            }
            HeaderName::Received if received.is_none() => {
                received = received_date(&raw_value(raw, header));
            }
            // RFC 3834: anything but `no` says a program sent it.
            HeaderName::AutoSubmitted => {
                let v = raw_value(raw, header).to_ascii_lowercase();
                h.automated |= !v.is_empty() && !v.starts_with("no");
            }
            HeaderName::Other(name) => {
                if name.eq_ignore_ascii_case("X-Mailing-List") && mailing_list.is_none() {
                    mailing_list = mailing_list_id(&raw_value(raw, header));
                } else if name.eq_ignore_ascii_case("X-Original-From") && h.original_from.is_none()
                {
                    h.original_from = Some(raw_value(raw, header).into_owned());
                } else if name.eq_ignore_ascii_case("X-Patchwork-Bot") {
                    h.automated = true;
                } else if name.eq_ignore_ascii_case("X-Change-ID") && h.change_id.is_none() {
                    let v = raw_value(raw, header);
                    h.change_id = (!v.is_empty()).then(|| v.into_owned());
                }
            }
            _ => {}
        }
    }
    if h.date.is_none() {
        h.date = received;
    }
    if h.list_id.is_none() {
        h.list_id = mailing_list;
    }
    h
}

/// The `Received:` and `Authentication-Results:` headers of `msg`, top first (see `attest`):
/// read only for mail whose list trusts a server to have checked it, most mail's headers being
/// mostly these.
pub(super) fn trace(msg: &Message<'_>) -> Vec<Trace> {
    let raw = msg.raw_message();
    let value = |header| raw_value(raw, header).into_owned();
    msg.headers()
        .iter()
        .filter_map(|header| match &header.name {
            HeaderName::Received => Some(Trace::Received(value(header))),
            HeaderName::AuthenticationResults => Some(Trace::AuthResults(value(header))),
            HeaderName::ArcAuthenticationResults => Some(Trace::ArcAuthResults(value(header))),
            _ => None,
        })
        .collect()
}

/// The mailboxes of every `To:` and `Cc:` field of a raw message, in order.
pub(crate) fn recipients(raw: &[u8]) -> Vec<crate::model::Person> {
    let Some(msg) = PARSER.parse(raw) else {
        return Vec::new();
    };
    let bytes = msg.raw_message();
    msg.headers()
        .iter()
        .filter(|h| matches!(h.name, HeaderName::To | HeaderName::Cc))
        .flat_map(|h| super::address::mailboxes(&raw_value(bytes, h)))
        .collect()
}

/// The raw value of a header, unfolded, trimmed, invalid UTF-8 replaced: borrowed from `raw`
/// when it is one line of UTF-8, as most are (the headers of every message are read so, and
/// copying each value twice was a tenth of parsing).
fn raw_value<'a>(raw: &'a [u8], header: &Header<'_>) -> Cow<'a, str> {
    let start = header.offset_start as usize;
    let end = (header.offset_end as usize).min(raw.len());
    let bytes = raw.get(start..end).unwrap_or_default();
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let mut value = Cow::Borrowed(lines.next().unwrap_or_default());
    for line in lines {
        match line.first() {
            None => continue,
            Some(b' ' | b'\t') => value.to_mut().extend_from_slice(line),
            Some(_) => break,
        }
    }
    match value {
        Cow::Borrowed(b) => match super::text::lossy(b) {
            Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
            Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
        },
        Cow::Owned(b) => Cow::Owned(super::text::lossy(&b).trim().to_string()),
    }
}

fn mail_date(d: &mail_parser::DateTime, source: DateSource) -> Option<MailDate> {
    if !d.is_valid() {
        return None;
    }
    let minutes = d.tz_hour as i32 * 60 + d.tz_minute as i32;
    Some(MailDate {
        utc: d.to_timestamp(),
        offset_minutes: if d.tz_before_gmt { -minutes } else { minutes },
        source,
    })
}

/// The date at the end of a `Received:` value (after the last `;`).
fn received_date(value: &str) -> Option<MailDate> {
    let (_, date) = value.rsplit_once(';')?;
    let d = mail_parser::DateTime::parse_rfc822(date.trim())?;
    mail_date(&d, DateSource::Received)
}

/// `List-Id: Some list <name.example.org>` -> `name.example.org`.
pub(crate) fn list_id(value: &str) -> Option<String> {
    let inner = match (value.rfind('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close => &value[open + 1..close],
        _ => value,
    };
    let id = inner.trim().to_ascii_lowercase();
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(id)
}

/// `X-Mailing-List: <linux-kernel@vger.kernel.org>` -> `linux-kernel.vger.kernel.org`, the
/// form a `List-Id` of the same list has.
fn mailing_list_id(value: &str) -> Option<String> {
    let first = value.split_whitespace().next()?;
    list_id(first).map(|id| id.replacen('@', ".", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(raw: &str) -> Headers {
        read(&PARSER.parse(raw.as_bytes()).unwrap())
    }

    #[test]
    fn ids_dates_and_lists() {
        let h = headers(
            "Message-Id: <a@b>\nIn-Reply-To: <p@b> (x)\nReferences: <r@b>\n <p@b>\n\
             List-Id: The list for\n a thing <Thing.Example.org>\n\
             Date: Mon, 1 Jan 2024 10:00:00 -0700\nSubject: s\n\nbody\n",
        );
        assert_eq!(h.msgid.unwrap().as_str(), "a@b");
        assert_eq!(h.in_reply_to.unwrap().as_str(), "p@b");
        assert_eq!(h.references.len(), 2);
        assert_eq!(h.list_id.as_deref(), Some("thing.example.org"));
        let d = h.date.unwrap();
        assert_eq!(
            (d.utc, d.offset_minutes, d.source),
            (1704128400, -420, DateSource::Header)
        );
        assert_eq!(
            h.date_text.as_deref(),
            Some("Mon, 1 Jan 2024 10:00:00 -0700")
        );
    }

    #[test]
    fn received_date_is_the_fallback() {
        let h = headers(
            "Received: from x by y; Tue, 2 Jan 2024 00:00:00 +0000\n\
             Received: from z; Mon, 1 Jan 2024 00:00:00 +0000\nSubject: s\n\nb\n",
        );
        let d = h.date.unwrap();
        assert_eq!((d.utc, d.source), (1704153600, DateSource::Received));
    }

    #[test]
    fn x_mailing_list_when_no_list_id() {
        let h = headers(
            "X-Mailing-List: <linux-kernel@vger.kernel.org> archive/latest/1\nSubject: s\n\nb\n",
        );
        assert_eq!(h.list_id.as_deref(), Some("linux-kernel.vger.kernel.org"));
    }

    #[test]
    fn the_trace_keeps_received_and_authentication_results_in_order() {
        let raw = "Authentication-Results: a.example; dmarc=pass header.from=x.org\n\
                   Received: from m.x.org by a.example; Mon, 1 Jan 2024 00:00:00 +0000\n\
                   ARC-Authentication-Results: i=1; a.example; dkim=pass header.d=x.org\n\
                   Subject: s\n\nb\n";
        assert_eq!(
            trace(&PARSER.parse(raw.as_bytes()).unwrap()),
            [
                Trace::AuthResults("a.example; dmarc=pass header.from=x.org".into()),
                Trace::Received("from m.x.org by a.example; Mon, 1 Jan 2024 00:00:00 +0000".into()),
                Trace::ArcAuthResults("i=1; a.example; dkim=pass header.d=x.org".into()),
            ]
        );
    }

    /// Values as written: continuation lines joined (CRLF or LF line ends), the whole
    /// trimmed, bytes that are not UTF-8 replaced, a value at the end of the input read whole.
    #[test]
    fn raw_values_are_unfolded_trimmed_and_made_utf8() {
        let raw: &[u8] = b"Reply-To: A\r\n\t<a@x>  \r\n  (c) \r\n\
            X-Change-ID:  v\xe2\x82 \n\
            List-Post: <mailto:l@x>\n\
            X-Original-From: B \xff<b@x>\n \xe2\x82\n\
            Date:   Mon, 1 Jan 2024 10:00:00 -0700   ";
        let msg = PARSER.parse(raw).unwrap();
        let values: Vec<Cow<'_, str>> = msg
            .headers()
            .iter()
            .map(|h| raw_value(msg.raw_message(), h))
            .collect();
        assert_eq!(
            values,
            [
                "A\t<a@x>    (c)",
                "v\u{fffd}",
                "<mailto:l@x>",
                "B \u{fffd}<b@x> \u{fffd}",
                "Mon, 1 Jan 2024 10:00:00 -0700"
            ]
        );
        assert!(
            matches!(values[2], Cow::Borrowed(_)),
            "one line of UTF-8 is not copied"
        );
    }

    #[test]
    fn encoded_words_in_from_and_subject() {
        let h = headers("From: =?utf-8?q?J=C3=B6rg?= <j@x>\nSubject: =?utf-8?b?w6l0w6k=?=\n\nb\n");
        assert_eq!(h.from.as_deref(), Some("Jörg <j@x>"));
        assert_eq!(h.subject.as_deref(), Some("été"));
    }
}
