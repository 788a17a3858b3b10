//! Mailboxes for `git am`: one message per patch with an envelope line, headers (non-ASCII
//! names and subjects RFC 2047-encoded), an 8-bit UTF-8 body, and body lines that would start a
//! new message escaped the mboxrd way.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::model::Person;

/// One message of a mailbox.
pub fn message(from: &Person, date: &str, subject: &str, msgid: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("From git@z Thu Jan  1 00:00:00 1970\n");
    out.push_str(&format!("From: {}\n", address(from)));
    out.push_str(&format!("Date: {date}\n"));
    out.push_str(&format!("Subject: {}\n", encode_word(subject)));
    out.push_str(&format!("Message-ID: <{msgid}>\n"));
    with_body(out, body)
}

/// The headers of a reply (a thank-you): who, to whom, and what it answers.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub from: Person,
    pub to: Vec<Person>,
    pub cc: Vec<Person>,
    pub date: String,
    pub subject: String,
    pub msgid: String,
    pub in_reply_to: String,
    /// Message-IDs, oldest first (ending with `in_reply_to`).
    pub references: Vec<String>,
}

/// A reply as one message of a mailbox (`git send-email` sends such a file as it is).
pub fn reply(r: &Reply, body: &str) -> String {
    let list = |people: &[Person]| {
        let all: Vec<String> = people.iter().map(address).collect();
        all.join(",\n    ")
    };
    let refs: Vec<String> = r.references.iter().map(|m| format!("<{m}>")).collect();
    let mut out = String::from("From git@z Thu Jan  1 00:00:00 1970\n");
    out.push_str(&format!("From: {}\n", address(&r.from)));
    out.push_str(&format!("To: {}\n", list(&r.to)));
    if !r.cc.is_empty() {
        out.push_str(&format!("Cc: {}\n", list(&r.cc)));
    }
    out.push_str(&format!("Subject: {}\n", encode_word(&r.subject)));
    out.push_str(&format!("Date: {}\n", r.date));
    out.push_str(&format!("Message-ID: <{}>\n", r.msgid));
    out.push_str(&format!("In-Reply-To: <{}>\n", r.in_reply_to));
    out.push_str(&format!("References: {}\n", refs.join("\n ")));
    with_body(out, body)
}

/// `headers` completed with the MIME fields of an 8-bit UTF-8 text body, and `body`.
fn with_body(mut headers: String, body: &str) -> String {
    headers.push_str("MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\n");
    headers.push_str("Content-Transfer-Encoding: 8bit\n\n");
    let mut bytes = headers.into_bytes();
    push_escaped(&mut bytes, body.as_bytes());
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

/// `Name <address>` for a header, the name quoted and encoded as needed.
fn address(p: &Person) -> String {
    if p.name.is_empty() || p.name == p.email {
        format!("<{}>", p.email)
    } else {
        format!("{} <{}>", encode_word(&quote_name(&p.name)), p.email)
    }
}

/// A stored message as it came, as one message of an mboxrd mailbox.
pub fn raw(message: &[u8]) -> Vec<u8> {
    let mut out = b"From mboxrd@z Thu Jan  1 00:00:00 1970\n".to_vec();
    push_escaped(&mut out, message);
    out
}

/// `text` appended with lines that would start a new message (`>*From `) escaped the mboxrd
/// way, ending in a newline and the blank line that separates messages.
fn push_escaped(out: &mut Vec<u8>, text: &[u8]) {
    for line in text.split_inclusive(|&b| b == b'\n') {
        let bare = line
            .iter()
            .position(|&b| b != b'>')
            .map_or(&[][..], |i| &line[i..]);
        if bare.starts_with(b"From ") {
            out.push(b'>');
        }
        out.extend_from_slice(line);
    }
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// A display name with specials is quoted (`"Doe, Jane"`).
fn quote_name(name: &str) -> String {
    if name.contains([',', '.', ';', ':', '<', '>', '@', '(', ')', '"', '[', ']']) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        name.to_string()
    }
}

/// `text` as is when it is printable ASCII, else one RFC 2047 base64 encoded-word per
/// 45 bytes of UTF-8 (whole characters).
pub fn encode_word(text: &str) -> String {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", STANDARD.encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", STANDARD.encode(chunk.as_bytes())));
    }
    words.join("\n ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words() {
        assert_eq!(encode_word("plain"), "plain");
        assert_eq!(encode_word("Édouard"), "=?UTF-8?B?w4lkb3VhcmQ=?=");
    }

    #[test]
    fn from_lines_are_escaped() {
        let p = Person {
            name: "Doe, Jane".into(),
            email: "j@x".into(),
        };
        let m = message(
            &p,
            "Thu, 1 Jan 2026 00:00:00 +0000",
            "s",
            "id@x",
            "From here\n>From there\nok\n",
        );
        assert!(m.contains("From: \"Doe, Jane\" <j@x>\n"));
        assert!(m.contains("\n>From here\n>>From there\nok\n"));
    }
}
