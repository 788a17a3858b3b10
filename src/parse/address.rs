//! Mailboxes in header fields (`From:`, `Reply-To:`, `X-Original-From:`), read as RFC 5322 says:
//! the address is the addr-spec (in angle brackets when there are any, found outside quoted
//! strings and comments), never a word of the display name; the display name is decoded (RFC
//! 2047) only after the address is found, and loses control characters and line breaks. Anyone
//! can write any display name: `"Boss <maint@kernel.org>" <mallory@evil.example>` is Mallory.
//!
//! (The in-body `From:` of a patch is read with git's own rules instead, in `mailinfo`, so that
//! the author is the one `git am` records.)

use super::rfc2047;
use crate::model::Person;

/// The first mailbox of a raw (undecoded) header value.
pub fn mailbox(raw: &str) -> Person {
    let (display, address) = match angle_addr(raw) {
        Some((lt, gt)) => (raw[..lt].to_string(), raw[lt + 1..gt].to_string()),
        None => bare(raw),
    };
    let email = clean_address(&address);
    let name = clean_name(&rfc2047::decode(&unquote(&display)));
    Person {
        name: sane_name(name, &email),
        email,
    }
}

/// Every mailbox of a raw header value (`To:`, `Cc:`): split at commas outside quoted strings,
/// comments and angle brackets; parts without an address are dropped.
pub fn mailboxes(raw: &str) -> Vec<Person> {
    let mut out = Vec::new();
    let (mut start, mut angle) = (0, false);
    for (i, c, plain) in scan(raw).chain(std::iter::once((raw.len(), ',', true))) {
        match c {
            '<' if plain => angle = true,
            '>' if plain => angle = false,
            ',' if plain && !angle => {
                let p = mailbox(&raw[start..i]);
                if p.email.contains('@') {
                    out.push(p);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// Where the first `<...>` outside quoted strings and comments is: byte offsets of `<` and `>`.
fn angle_addr(raw: &str) -> Option<(usize, usize)> {
    let mut lt = None;
    for (i, c, plain) in scan(raw) {
        match (c, lt) {
            ('<', None) if plain => lt = Some(i),
            ('>', Some(open)) if plain => return Some((open, i)),
            // The first mailbox ends at a comma (a list of mailboxes).
            (',', None) if plain => return None,
            _ => {}
        }
    }
    None
}

/// An addr-spec without angle brackets (`jane@example.org (Jane Dev)`): the first word with an
/// `@` outside quotes and comments, and the first comment as the display name.
fn bare(raw: &str) -> (String, String) {
    let mut word = String::new();
    let mut address = None;
    for (_, c, plain) in scan(raw) {
        if !plain {
            continue;
        }
        if c.is_whitespace() || c == ',' {
            if word.contains('@') {
                address = Some(std::mem::take(&mut word));
                break;
            }
            word.clear();
            if c == ',' {
                break;
            }
        } else {
            word.push(c);
        }
    }
    if address.is_none() && word.contains('@') {
        address = Some(word);
    }
    (
        first_comment(raw).unwrap_or_default(),
        address.unwrap_or_default(),
    )
}

/// The text of the first comment outside quoted strings, its own nested parentheses kept.
fn first_comment(raw: &str) -> Option<String> {
    let (mut depth, mut quoted, mut escaped) = (0u32, false, false);
    let mut out = String::new();
    for c in raw.chars() {
        if escaped {
            escaped = false;
            if depth > 0 {
                out.push(c);
            }
            continue;
        }
        match c {
            '\\' if quoted || depth > 0 => escaped = true,
            '"' if depth == 0 => quoted = !quoted,
            '(' if !quoted => {
                if depth > 0 {
                    out.push(c);
                }
                depth += 1;
            }
            ')' if !quoted && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return Some(out);
                }
                out.push(c);
            }
            c if depth > 0 => out.push(c),
            _ => {}
        }
    }
    None
}

/// The characters of `raw` with their byte offsets, and whether each is plain (outside quoted
/// strings and comments; quote marks and parentheses themselves are not plain).
fn scan(raw: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let mut quoted = false;
    let mut depth = 0u32;
    let mut escaped = false;
    raw.char_indices().map(move |(i, c)| {
        if escaped {
            escaped = false;
            return (i, c, false);
        }
        match c {
            '\\' if quoted || depth > 0 => {
                escaped = true;
                (i, c, false)
            }
            '"' if depth == 0 => {
                quoted = !quoted;
                (i, c, false)
            }
            '(' if !quoted => {
                depth += 1;
                (i, c, false)
            }
            ')' if !quoted && depth > 0 => {
                depth -= 1;
                (i, c, false)
            }
            _ => (i, c, !quoted && depth == 0),
        }
    })
}

/// Quoted strings unquoted (escapes undone); the rest as written.
fn unquote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// An address as stored: no white space or control characters, no source route, no quotes
/// around a plain local part.
fn clean_address(address: &str) -> String {
    let a: String = address
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    // Obsolete source routes: `<@relay.example:jane@example.org>`.
    let a = match a.strip_prefix('@').and_then(|r| r.split_once(':')) {
        Some((_, rest)) => rest.to_string(),
        None => a,
    };
    if a.matches('@').count() == 0 {
        return String::new();
    }
    a
}

/// A display name as shown: control characters, line breaks and bidirectional overrides gone,
/// white space collapsed.
fn clean_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_control() || c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// As git does: an empty name, or one that itself looks like an address, gives way to the
/// address (so no display name can pass for another address).
fn sane_name(name: String, email: &str) -> String {
    if name.is_empty() || name.contains(['@', '<', '>']) {
        email.to_string()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mb(raw: &str) -> (String, String) {
        let p = mailbox(raw);
        (p.name, p.email)
    }

    fn pair(name: &str, email: &str) -> (String, String) {
        (name.to_string(), email.to_string())
    }

    #[test]
    fn the_address_is_the_addr_spec_never_the_display_name() {
        assert_eq!(
            mb("Jane Dev <jane@example.org>"),
            pair("Jane Dev", "jane@example.org")
        );
        assert_eq!(
            mb("\"Boss <maint@kernel.org>\" <mallory@evil.example>"),
            pair("mallory@evil.example", "mallory@evil.example")
        );
        assert_eq!(
            mb("=?utf-8?q?boss@kernel.org?= <mallory@evil.example>"),
            pair("mallory@evil.example", "mallory@evil.example")
        );
        // An encoded "<addr>" in the name is not an angle address either.
        assert_eq!(
            mb("=?utf-8?q?Boss_=3Cmaint@kernel.org=3E?= <mallory@evil.example>").1,
            "mallory@evil.example"
        );
        assert_eq!(
            mb("\"Dev, Jane (Kernel)\" <jane@example.org>"),
            pair("Dev, Jane (Kernel)", "jane@example.org")
        );
    }

    #[test]
    fn display_names_lose_line_breaks_and_control_characters() {
        let (name, email) = mb("=?utf-8?q?D=0AFrom:_evil@x?= <d@example.org>");
        assert_eq!(email, "d@example.org");
        assert!(!name.contains('\n'), "{name:?}");
        assert_eq!(
            mb("=?utf-8?q?J=C3=B6rg=07=1B[31m?= <j@x.org>").0,
            "Jörg [31m"
        );
        assert_eq!(mb("\"A\\\"B\" <a@x.org>").0, "A\"B");
    }

    #[test]
    fn bare_addresses_comments_and_lists() {
        assert_eq!(
            mb("jane@example.org"),
            pair("jane@example.org", "jane@example.org")
        );
        assert_eq!(
            mb("jane@example.org (Jane Dev)"),
            pair("Jane Dev", "jane@example.org")
        );
        assert_eq!(mb("Jane <jane@x.org>, Bob <bob@x.org>").1, "jane@x.org");
        assert_eq!(mb("jane@x.org, bob@x.org").1, "jane@x.org");
        assert_eq!(
            mb("<@relay.example:jane@example.org>").1,
            "jane@example.org"
        );
        assert_eq!(mb("Jane Dev <jane>"), pair("Jane Dev", ""));
        assert_eq!(mb(""), pair("", ""));
        assert_eq!(mb("(comment only)"), pair("comment only", ""));
    }
}
