//! Finding trailers in message text with b4's rules: `Name: value` lines (quoted `>` lines never
//! match), nothing below a `-- ` signature, wrapped `Fixes:`/address lines joined, `# comment` and
//! `[extra info]` tails dropped. In follow-ups only person trailers with an address, known
//! non-person trailers, and links in link trailers count.

use std::borrow::Cow;

use crate::model::Trailer;

const IGNORED: [&str; 3] = ["phone", "email", "prerequisite-message-id"];
const HEADERS: [&str; 3] = ["subject", "date", "from"];
const LINKS: [&str; 3] = ["link", "buglink", "closes"];
const NON_PERSON: [&str; 9] = [
    "link",
    "buglink",
    "closes",
    "fixes",
    "subject",
    "date",
    "obsoleted-by",
    "change-id",
    "base-commit",
];

/// Trailers given in a reply's text.
pub fn followup_trailers(body: &str) -> Vec<Trailer> {
    find(body, true)
}

/// The trailers of a patch's own commit message (its last paragraph, as b4 reads it).
pub fn own_trailers(message: &str) -> Vec<Trailer> {
    let message = message.trim_matches('\n');
    let last = match memchr::memmem::rfind(message.as_bytes(), b"\n\n") {
        Some(i) => &message[i + 2..],
        None => message,
    };
    find(last, false)
}

/// b4's `find_trailers`.
fn find(body: &str, followup: bool) -> Vec<Trailer> {
    let body = match memchr::memmem::find(body.as_bytes(), b"\n-- \n") {
        Some(i) => &body[..i],
        None => body,
    };
    let lines = join_wrapped(body.trim());
    let mut trailers: Vec<Trailer> = Vec::new();
    let mut others = 0usize;
    let mut was_trailer = false;
    for line in &lines {
        let line = line.trim_end_matches('\r');
        if let Some((name, value)) = split_trailer(line) {
            let (name, value) = match followup {
                true => inner_trailer(name, value),
                false => (name, value),
            };
            let lname = name.to_lowercase();
            if IGNORED.contains(&lname.as_str())
                || (others > 0 && HEADERS.contains(&lname.as_str()))
            {
                continue;
            }
            if followup && !acceptable_followup(&lname, value) {
                continue;
            }
            trailers.push(Trailer::new(name, strip_hashtag(value)));
            was_trailer = true;
            continue;
        }
        let t = line.trim();
        if was_trailer && line.len() > 2 && t.starts_with('[') && t.ends_with(']') {
            // "[for the foo bits]" under a trailer: extra info, not content.
            was_trailer = false;
            continue;
        }
        was_trailer = false;
        others += 1;
    }
    trailers
}

/// `Otherwise: Reviewed-by: ...` -> `Reviewed-by: ...`: prose before a follow-up trailer.
fn inner_trailer<'a>(name: &'a str, value: &'a str) -> (&'a str, &'a str) {
    if name.contains('-') {
        return (name, value);
    }
    match split_trailer(value) {
        Some((inner, v)) if inner.contains('-') => (inner, v),
        _ => (name, value),
    }
}

/// b4's follow-up test, plus one of ours: the name is hyphenated (`Acked-by`) or a known
/// non-person trailer, so that prose such as `nit: ... <addr>` is not taken for a trailer.
fn acceptable_followup(lname: &str, value: &str) -> bool {
    if !lname.is_ascii() || !(lname.contains('-') || NON_PERSON.contains(&lname)) {
        return false;
    }
    let person = value.split_whitespace().any(|w| {
        w.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty()
                && d.split_once('.')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        })
    });
    if !person && !NON_PERSON.contains(&lname) {
        return false;
    }
    !(value.contains("http://") || value.contains("https://")) || LINKS.contains(&lname)
}

/// `^\s*(\w\S+):\s+(\S.*)`: the name and value of a trailer-shaped line. The first word must
/// end with the colon, since the name cannot hold white space and the colon needs some after it.
fn split_trailer(line: &str) -> Option<(&str, &str)> {
    let s = line.trim_start_matches([' ', '\t']);
    let bytes = s.as_bytes();
    // Most lines fail on their first byte (quotes, diff lines, punctuation).
    let first = *bytes.first()?;
    if !(first.is_ascii_alphanumeric() || first == b'_' || first >= 0x80) {
        return None;
    }
    let token_end = bytes.iter().position(|b| b.is_ascii_whitespace())?;
    if token_end < 3 || bytes[token_end - 1] != b':' {
        return None;
    }
    let name = &s[..token_end - 1];
    let first = name.chars().next()?;
    if !(first.is_alphanumeric() || first == '_') || name.chars().count() < 2 {
        return None;
    }
    let value = s[token_end..].trim();
    (!value.is_empty()).then_some((name, value))
}

/// `value # comment` -> `value`.
fn strip_hashtag(value: &str) -> &str {
    match value.rfind(" #").or_else(|| value.rfind("\t#")) {
        Some(i) if !value[i + 2..].contains('#') && !value[..i].trim().is_empty() => {
            value[..i].trim_end()
        }
        _ => value,
    }
}

/// Joins the two kinds of wrapped trailer b4 repairs: `Fixes: abc (subject` + `rest)` and
/// `Signed-off-by: Long Name` + `<addr>`. Lines are borrowed; only joined ones are allocated.
fn join_wrapped(body: &str) -> Vec<Cow<'_, str>> {
    let mut out: Vec<Cow<'_, str>> = Vec::new();
    for line in super::lines::lines(body) {
        let line = line.strip_suffix('\n').unwrap_or(line);
        if let Some(prev) = out.last_mut()
            && (wrapped_fixes(prev, line) || wrapped_address(prev, line))
        {
            let joined = format!("{prev} {line}");
            *prev = Cow::Owned(joined);
            continue;
        }
        out.push(Cow::Borrowed(line));
    }
    out
}

fn wrapped_fixes(prev: &str, line: &str) -> bool {
    let Some((_, value)) = split_trailer(prev) else {
        return false;
    };
    let mut words = value.splitn(2, char::is_whitespace);
    let hash = words.next().unwrap_or("");
    let rest = words.next().unwrap_or("").trim_start();
    !hash.is_empty()
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && rest.starts_with('(')
        && !rest.contains(')')
        && line.ends_with(')')
}

fn wrapped_address(prev: &str, line: &str) -> bool {
    let Some((_, value)) = split_trailer(prev) else {
        return false;
    };
    !value.contains('<')
        && line.starts_with('<')
        && line.ends_with('>')
        && line[1..line.len() - 1].find(['<', '>']).is_none()
}

#[cfg(test)]
mod tests;
