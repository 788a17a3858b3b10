//! Message-IDs: the one identity every message, series and review state hangs on.

use std::fmt;

/// A normalised Message-ID: no angle brackets, no whitespace, case kept (ids are case-sensitive),
/// control characters (which RFC 5322 does not allow, and which would break `git am` or a
/// terminal) written as `%XX`, so that an id is always safe to print and to write into a mail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(String);

impl MessageId {
    /// Normalises `raw` (`" <a@b> "` -> `a@b`); `None` when nothing usable is left.
    ///
    /// A value holding several bracketed ids keeps the first; a bare id without brackets is
    /// accepted as is, minus whitespace.
    pub fn parse(raw: &str) -> Option<MessageId> {
        let raw = raw.trim();
        let inner = match (raw.find('<'), raw.find('>')) {
            (Some(open), Some(close)) if open < close => &raw[open + 1..close],
            _ => raw.trim_matches(|c| c == '<' || c == '>'),
        };
        let mut id = String::with_capacity(inner.len());
        for c in inner.chars().filter(|c| !c.is_whitespace()) {
            if c.is_control() {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    id.push_str(&format!("%{b:02X}"));
                }
            } else {
                id.push(c);
            }
        }
        if id.is_empty() || id.len() > 998 {
            None
        } else {
            Some(MessageId(id))
        }
    }

    /// Wraps an id already known to be normalised (read back from the database).
    pub fn from_normalised(id: String) -> MessageId {
        MessageId(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every Message-ID named in a `References:` or `In-Reply-To:` value, in order, without repeats.
///
/// Bracketed ids are taken first (`<a@b> <c@d>`); text outside brackets such as
/// `(message from Foo on ...)` is ignored. A value without any bracket is split on whitespace and
/// commas, keeping tokens that contain `@` (some mailers drop the brackets).
pub fn extract_message_ids(value: &str) -> Vec<MessageId> {
    let mut out: Vec<MessageId> = Vec::new();
    // Repeats are found through a set: a hostile header may name 100,000 ids.
    let mut seen: std::collections::HashSet<MessageId> = std::collections::HashSet::new();
    let mut push = |id: Option<MessageId>| {
        if let Some(id) = id
            && seen.insert(id.clone())
        {
            out.push(id);
        }
    };
    if value.contains('<') {
        let mut rest = value;
        while let Some(open) = rest.find('<') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('>') else { break };
            push(MessageId::parse(&after[..close]));
            rest = &after[close + 1..];
        }
    } else {
        for token in value.split(|c: char| c.is_whitespace() || c == ',') {
            if token.contains('@') {
                push(MessageId::parse(token));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_brackets_and_whitespace() {
        assert_eq!(MessageId::parse(" <a@b.c> ").unwrap().as_str(), "a@b.c");
        assert_eq!(MessageId::parse("a@b.c").unwrap().as_str(), "a@b.c");
        assert_eq!(MessageId::parse("<a@\n b.c>").unwrap().as_str(), "a@b.c");
        assert!(MessageId::parse("<>").is_none());
        assert!(MessageId::parse("   ").is_none());
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            MessageId::parse("<a\u{1b}[31m\u{7}b\0@x>")
                .unwrap()
                .as_str(),
            "a%1B[31m%07b%00@x"
        );
        assert_eq!(
            MessageId::parse("<a\u{80}@x>").unwrap().as_str(),
            "a%C2%80@x"
        );
        // The same id named in a reply's References maps to the same text.
        let ids = extract_message_ids("<a\u{1b}b@x>");
        assert_eq!(ids[0].as_str(), "a%1Bb@x");
    }

    #[test]
    fn keeps_case() {
        assert_eq!(MessageId::parse("<AbC@X>").unwrap().as_str(), "AbC@X");
    }

    #[test]
    fn extracts_reference_lists_in_order_without_repeats() {
        let ids = extract_message_ids("<a@x>\n <b@x> <a@x>\t<c@x> (comment <d@x>)");
        let ids: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
        assert_eq!(ids, ["a@x", "b@x", "c@x", "d@x"]);
    }

    #[test]
    fn in_reply_to_with_trailing_comment() {
        let ids = extract_message_ids("<x@y> (Joe's message of Mon, 1 Jan 2024)");
        assert_eq!(ids.len(), 1);
        assert_eq!(ids[0].as_str(), "x@y");
    }

    #[test]
    fn bare_ids_without_brackets() {
        let ids = extract_message_ids("a@x, b@x junk");
        let ids: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
        assert_eq!(ids, ["a@x", "b@x"]);
    }
}
