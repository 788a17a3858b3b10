//! The decoded text of a message: every text part in document order (inline text, `text/x-patch`
//! and `text/x-diff` attachments, `*.patch` files sent as octet-stream), HTML parts left out
//! unless there is nothing else, format=flowed undone, CRLF turned into LF.

use std::borrow::Cow;

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{
    GetHeader, HeaderName, HeaderValue, Message, MessagePart, MimeHeaders, PartType,
};

/// The body text and any problems met while decoding it.
pub(super) struct Body {
    pub text: String,
    pub warnings: Vec<String>,
}

pub(super) fn text(msg: &Message<'_>) -> Body {
    let mut body = Body {
        text: String::new(),
        warnings: Vec::new(),
    };
    if !msg.parts.is_empty() {
        walk(msg, 0, &mut body, 0);
    }
    if body.text.is_empty()
        && msg.html_body_count() > 0
        && let Some(html) = msg.body_text(0)
    {
        add(&mut body.text, &html);
    }
    body
}

/// The body of a message read by its headers alone (`MessageParser::parse_headers`) when they
/// say it is one plain text part as it stands: `text/plain` or no type, neither base64 nor
/// quoted-printable, and a charset mail-parser reads as UTF-8 (none, UTF-8, one it does not
/// know) or one of ASCII's single-byte supersets with ASCII bytes. That is most list mail, and
/// its text is then the bytes after the header block exactly as mail-parser's whole parse gives
/// them, without its byte-at-a-time walk to the end and charset copy. `None`: parse it whole.
pub(super) fn plain(head: &Message<'_>) -> Option<Body> {
    let part = head.parts.first()?;
    let content_type = part.content_type();
    // The same tests mail-parser makes to choose a text part and its decoding.
    if content_type.is_some_and(|ct| ct.ctype() != "text" || ct.subtype() != Some("plain")) {
        return None;
    }
    // mail-parser's own lookup: of several fields the last counts.
    if let Some(HeaderValue::Text(encoding)) = part
        .headers
        .header_value(&HeaderName::ContentTransferEncoding)
        && (encoding.eq_ignore_ascii_case("base64")
            || encoding.eq_ignore_ascii_case("quoted-printable"))
    {
        return None;
    }
    let bytes = head.raw_message().get(body_start(head)?..)?;
    if bytes.is_empty() {
        return None;
    }
    let charset = content_type.and_then(|ct| ct.attribute("charset"));
    let text = match charset {
        Some(c) if charset_decoder(c.as_bytes()).is_some() => {
            if !ascii_superset(c) || !bytes.is_ascii() {
                return None;
            }
            Cow::Borrowed(std::str::from_utf8(bytes).ok()?)
        }
        _ => super::text::lossy(bytes),
    };
    let mut body = Body {
        text: String::new(),
        warnings: Vec::new(),
    };
    add_text(&mut body.text, part, &text);
    Some(body)
}

/// Where the body of a message read by its headers alone starts, as mail-parser's header loop
/// finds it: after its last header, the first line of nothing but whitespace ends the header
/// block (a line with no header name in between is skipped). `None` when there is none.
fn body_start(head: &Message<'_>) -> Option<usize> {
    let raw = head.raw_message();
    let mut at = head
        .parts
        .first()?
        .headers
        .last()
        .map_or(0, |h| h.offset_end as usize);
    loop {
        let line_end = at + memchr::memchr(b'\n', raw.get(at..)?)?;
        let blank = raw[at..line_end].iter().all(u8::is_ascii_whitespace);
        at = line_end + 1;
        if blank {
            return Some(at);
        }
    }
}

fn walk(msg: &Message<'_>, id: usize, body: &mut Body, depth: usize) {
    let Some(part) = msg.parts.get(id) else {
        return;
    };
    if part.is_encoding_problem {
        body.warnings.push(format!(
            "MIME part {id} is malformed; its raw text was kept"
        ));
    }
    match &part.body {
        PartType::Multipart(children) if depth < 32 => {
            for &child in children {
                walk(msg, child as usize, body, depth + 1);
            }
        }
        PartType::Text(text) => add_text(&mut body.text, part, text),
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) if is_patch_file(part) => {
            add(&mut body.text, &super::text::lossy(bytes));
        }
        // HTML alternatives, images, signatures, forwarded messages: not the message's text.
        _ => {}
    }
}

/// Appends the text of a text `part`, format=flowed undone.
fn add_text(out: &mut String, part: &MessagePart<'_>, text: &str) {
    if is_flowed(part) {
        add(out, &unflow(text, has_param(part, "delsp", "yes")));
    } else {
        add(out, text);
    }
}

/// Appends `text` with LF line ends, making sure the result ends with a newline.
fn add(out: &mut String, text: &str) {
    if text.contains('\r') {
        out.push_str(&text.replace("\r\n", "\n"));
    } else {
        out.push_str(text);
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn content_type<'a>(part: &'a MessagePart<'_>) -> Option<&'a mail_parser::ContentType<'a>> {
    part.content_type()
}

fn has_param(part: &MessagePart<'_>, name: &str, value: &str) -> bool {
    content_type(part)
        .and_then(|ct| ct.attribute(name))
        .is_some_and(|v| v.eq_ignore_ascii_case(value))
}

fn is_flowed(part: &MessagePart<'_>) -> bool {
    has_param(part, "format", "flowed")
}

/// A non-text attachment that is really a patch: `*.patch`/`*.diff` names or x-patch/x-diff types.
fn is_patch_file(part: &MessagePart<'_>) -> bool {
    let ct = content_type(part);
    let subtype = ct.and_then(|c| c.subtype()).unwrap_or("");
    if subtype.contains("x-patch") || subtype.contains("x-diff") {
        return true;
    }
    let name = part.attachment_name().unwrap_or("");
    name.ends_with(".patch") || name.ends_with(".diff")
}

/// RFC 3676: joins soft-broken lines (ending in a space), removes space-stuffing.
fn unflow(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = String::new();
    for line in super::lines::lines(text) {
        let content = line.trim_end_matches(['\n', '\r']);
        if content == "-- " {
            if !pending.is_empty() {
                out.push_str(&pending);
                out.push('\n');
                pending.clear();
            }
            out.push_str("-- \n");
            continue;
        }
        let content = content.strip_prefix(' ').unwrap_or(content);
        if let Some(soft) = content.strip_suffix(' ') {
            pending.push_str(if delsp { soft } else { content });
            continue;
        }
        out.push_str(&pending);
        pending.clear();
        out.push_str(content);
        out.push('\n');
    }
    if !pending.is_empty() {
        out.push_str(&pending);
        out.push('\n');
    }
    out
}

/// True when every line of the decoded text of `raw` is one of its raw lines as they are (so a
/// line regex that finds nothing in the raw bytes finds nothing in the text): the bytes are
/// UTF-8 with LF line ends only, and no `Content-*` field (of the message or of a MIME part)
/// asks for decoding (base64, quoted-printable, format=flowed, HTML) or names a charset other
/// than UTF-8, unless the bytes are ASCII and the charset one of ASCII's single-byte supersets
/// (US-ASCII among them).
/// Conservative: a line anywhere that looks like such a field counts.
pub(super) fn text_is_raw(raw: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(raw) else {
        return false;
    };
    if memchr::memchr(b'\r', raw).is_some() {
        return false;
    }
    let ascii = text.is_ascii();
    content_fields(raw).all(|field| plain_field(field, ascii))
}

/// Every field whose name starts with `Content-` (any case), with its continuation lines.
fn content_fields(raw: &[u8]) -> impl Iterator<Item = &[u8]> {
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', raw).map(|i| i + 1));
    starts.filter_map(move |start| {
        let line = &raw[start..];
        if !line.get(..8)?.eq_ignore_ascii_case(b"content-") {
            return None;
        }
        let mut end = start;
        loop {
            end = memchr::memchr(b'\n', &raw[end..]).map_or(raw.len(), |i| end + i + 1);
            if !matches!(raw.get(end), Some(b' ' | b'\t')) {
                return Some(&raw[start..end]);
            }
        }
    })
}

/// A `Content-*` field that leaves the text as its raw bytes (`ascii`: they are all ASCII).
fn plain_field(field: &[u8], ascii: bool) -> bool {
    static HINTS: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(
            r#"(?i)base64|quoted-printable|flowed|html|charset\s*=\s*"?\s*([a-z0-9_.:\-]*)"#,
        )
        .expect("a valid regex")
    });
    HINTS.captures_iter(field).all(|c| {
        let Some(charset) = c.get(1) else {
            return false;
        };
        let charset = String::from_utf8_lossy(charset.as_bytes());
        charset.eq_ignore_ascii_case("utf-8")
            || charset.eq_ignore_ascii_case("utf8")
            || ascii && ascii_superset(&charset)
    })
}

/// A single-byte charset whose bytes below 0x80 are ASCII (mail-parser reads US-ASCII as
/// Windows-1252): text of ASCII bytes reads as it is in it, any other byte becomes something else.
fn ascii_superset(charset: &str) -> bool {
    // Compared in place, without a lowercased copy: this runs for most messages.
    let starts = |prefix: &str| {
        charset
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    ["us-ascii", "ascii", "latin1"]
        .iter()
        .any(|name| charset.eq_ignore_ascii_case(name))
        || ["iso-8859-", "windows-125", "cp125"]
            .iter()
            .any(|prefix| starts(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::headers::PARSER;

    fn body(raw: &str) -> Body {
        text(&PARSER.parse(raw.as_bytes()).unwrap())
    }

    /// What reading by the headers alone gives (`None`: it declines), checked against the
    /// whole parse wherever it reads.
    fn by_headers(raw: &[u8]) -> Option<String> {
        let fast = plain(&PARSER.parse_headers(raw)?)?;
        let whole = text(&PARSER.parse(raw).unwrap());
        assert_eq!((&fast.text, &fast.warnings), (&whole.text, &whole.warnings));
        Some(fast.text)
    }

    #[test]
    fn plain_mail_is_read_by_its_headers_alone_as_the_whole_parse_reads_it() {
        let read = |raw: &[u8]| by_headers(raw);
        assert_eq!(read(b"Subject: x\n\nhello\n").as_deref(), Some("hello\n"));
        assert_eq!(read(b"Subject: x\r\n\r\na\r\nb").as_deref(), Some("a\nb\n"));
        // A separator line of whitespace, a folded header, a line with no header name.
        let odd = b"Subject: x\n y\nnot a header line\n \t\nbody\n";
        assert_eq!(read(odd).as_deref(), Some("body\n"));
        let ascii = b"Subject: x\nContent-Type: text/plain; charset=\"us-ascii\"\n\nok\n";
        assert_eq!(read(ascii).as_deref(), Some("ok\n"));
        let latin1 = b"Subject: x\nContent-Type: text/plain; charset=ISO-8859-1\n\nok\n";
        assert_eq!(read(latin1).as_deref(), Some("ok\n"));
        // Bad UTF-8 is replaced as the whole parse replaces it; an unknown charset is UTF-8.
        let bad = b"Subject: x\nContent-Type: text/plain; charset=utf-8\n\nbad \xff\n";
        assert_eq!(read(bad).as_deref(), Some("bad \u{fffd}\n"));
        let unknown = b"Subject: x\nContent-Type: text/plain; charset=x-nonesuch\n\n\xc3\xa9\n";
        assert_eq!(read(unknown).as_deref(), Some("\u{e9}\n"));
        let flowed = b"Subject: x\nContent-Type: text/plain; format=flowed; delsp=yes\n\nab \ncd\n";
        assert_eq!(read(flowed).as_deref(), Some("abcd\n"));
        let seven = b"Subject: x\nContent-Transfer-Encoding: 7bit\n\nplain\n";
        assert_eq!(read(seven).as_deref(), Some("plain\n"));
    }

    #[test]
    fn ascii_supersets_are_named_in_any_case() {
        for yes in [
            "US-ASCII",
            "ascii",
            "Latin1",
            "ISO-8859-15",
            "windows-1252",
            "CP1250",
        ] {
            assert!(ascii_superset(yes), "{yes}");
        }
        for no in [
            "utf-8",
            "iso-2022-jp",
            "koi8-r",
            "cp",
            "iso-8859",
            "é-8859-1",
            "",
        ] {
            assert!(!ascii_superset(no), "{no}");
        }
    }

    #[test]
    fn other_mail_is_parsed_whole() {
        for raw in [
            &b"Subject: x\nContent-Transfer-Encoding: base64\n\naGVsbG8K\n"[..],
            b"Subject: x\nContent-Transfer-Encoding: Quoted-Printable\n\na=3Db\n",
            b"Subject: x\nContent-Type: text/html\n\n<p>hi</p>\n",
            b"Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\nhi\n--B--\n",
            // 8-bit bytes in a single-byte charset, and a charset that is not ASCII's superset.
            b"Subject: x\nContent-Type: text/plain; charset=iso-8859-1\n\nK\xe5gedal\n",
            b"Subject: x\nContent-Type: text/plain; charset=iso-2022-jp\n\n\x1b$B$3\x1b(B\n",
            b"Subject: x\nContent-Type: text/plain; charset=utf-16\n\nab\n",
            // Of two encodings the last counts, as in mail-parser (found by the fuzzer).
            b"Subject: x\nContent-Transfer-Encoding: 8bit\nContent-Transfer-Encoding: base64\n\naGVsbG8K\n",
            // No body, and no line ending the header block.
            b"Subject: x\n\n",
            b"Subject: x\nFrom: a@b\n",
        ] {
            assert_eq!(by_headers(raw), None, "{}", String::from_utf8_lossy(raw));
        }
    }

    #[test]
    fn plain_crlf_becomes_lf() {
        assert_eq!(body("Subject: x\r\n\r\na\r\nb\r\n").text, "a\nb\n");
    }

    #[test]
    fn attachments_follow_the_text_and_html_is_left_out() {
        let raw = "Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\
                   Content-Type: multipart/alternative; boundary=C\n\n--C\nContent-Type: text/plain\n\nhello\n\
                   --C\nContent-Type: text/html\n\n<div>hello</div>\n--C--\n\
                   --B\nContent-Type: text/x-patch; name=a.patch\nContent-Disposition: attachment; filename=a.patch\n\n\
                   diff --git a/a b/a\n--B\nContent-Type: application/octet-stream; name=b.diff\n\
                   Content-Transfer-Encoding: base64\n\nZGlmZiAtLWdpdCBhL2IgYi9iCg==\n--B--\n";
        assert_eq!(
            body(raw).text,
            "hello\ndiff --git a/a b/a\ndiff --git a/b b/b\n"
        );
    }

    #[test]
    fn base64_and_quoted_printable_are_decoded() {
        let b64 = "Subject: x\nContent-Transfer-Encoding: base64\n\naGVsbG8Kd29ybGQK\n";
        assert_eq!(body(b64).text, "hello\nworld\n");
        let qp = "Subject: x\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nK=E5gedal =3D x=\n y\n";
        assert_eq!(body(qp).text, "Kågedal = x y\n");
    }

    #[test]
    fn invalid_bytes_are_replaced_not_fatal() {
        let raw = b"Subject: x\nContent-Type: text/plain; charset=utf-8\n\nbad \xff byte\n";
        let b = text(&PARSER.parse(&raw[..]).unwrap());
        assert_eq!(b.text, "bad \u{fffd} byte\n");
    }

    #[test]
    fn flowed_text_is_joined() {
        assert_eq!(
            unflow("a long \nline\n>quoted\n-- \nsig\n", false),
            "a long line\n>quoted\n-- \nsig\n"
        );
        assert_eq!(unflow("ab \ncd\n", true), "abcd\n");
    }
}
