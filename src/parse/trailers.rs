//! Finding trailers in message text with b4's rules: `Name: value` lines (quoted `>` lines never
//! match), nothing below a `-- ` signature, wrapped `Fixes:`/address lines joined, `# comment` and
//! `[extra info]` tails dropped. In follow-ups only person trailers with an address, known
//! non-person trailers, and links in link trailers count.

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
    scan_followup(body).unwrap_or_else(|| find(body, true))
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

/// Everything above a `-- ` signature line.
fn above_signature(body: &str) -> &str {
    match memchr::memmem::find(body.as_bytes(), b"\n-- \n") {
        Some(i) => &body[..i],
        None => body,
    }
}

/// `find(body, true)` without walking every line: only a line with a colon can be a trailer, and
/// replies are long, mostly quoted, with few colons. Where a `Subject:`/`Date:` line makes the
/// count of lines before it matter, returns `None` and the caller walks the lines.
fn scan_followup(body: &str) -> Option<Vec<Trailer>> {
    let body = above_signature(body).trim();
    let bytes = body.as_bytes();
    let line_end =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    let mut trailers = Vec::new();
    // The first byte of the first line not yet looked at.
    let mut next_line = 0;
    for colon in memchr::memchr_iter(b':', bytes) {
        if colon < next_line {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..colon]).map_or(0, |i| i + 1);
        let end = line_end(colon);
        next_line = end + 1;
        let line = body[start..end].trim_end_matches('\r');
        let Some((_, value)) = split_trailer(line) else {
            continue;
        };
        let mut joined = None;
        if end < bytes.len() {
            let next_end = line_end(end + 1);
            let next = body[end + 1..next_end].trim_end_matches('\r');
            if wraps(value, next) {
                joined = Some(format!("{line} {next}"));
                next_line = next_end + 1;
            }
        }
        let Some((name, value)) = split_trailer(joined.as_deref().unwrap_or(line)) else {
            continue;
        };
        let (name, value) = inner_trailer(name, value);
        let lname = name.to_lowercase();
        if HEADERS.contains(&lname.as_str()) {
            return None;
        }
        if IGNORED.contains(&lname.as_str()) || !acceptable_followup(&lname, value) {
            continue;
        }
        trailers.push(Trailer::new(name, strip_hashtag(value)));
    }
    Some(trailers)
}

/// b4's `find_trailers`, line by line.
fn find(body: &str, followup: bool) -> Vec<Trailer> {
    let body = above_signature(body);
    let mut lines = super::lines::lines(body.trim())
        .map(|l| l.strip_suffix('\n').unwrap_or(l).trim_end_matches('\r'))
        .peekable();
    let mut trailers: Vec<Trailer> = Vec::new();
    let mut others = 0usize;
    let mut was_trailer = false;
    while let Some(line) = lines.next() {
        let found = split_trailer(line);
        // A trailer wrapped onto the next line is joined first, as b4 does.
        let wrapped = match (found, lines.peek()) {
            (Some((_, value)), Some(&next)) if wraps(value, next) => Some(format!("{line} {next}")),
            _ => None,
        };
        if wrapped.is_some() {
            lines.next();
        }
        let found = match &wrapped {
            Some(joined) => split_trailer(joined),
            None => found,
        };
        if let Some((name, value)) = found {
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
        if was_trailer && line.len() > 2 {
            let t = line.trim();
            if t.starts_with('[') && t.ends_with(']') {
                // "[for the foo bits]" under a trailer: extra info, not content.
                was_trailer = false;
                continue;
            }
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

/// The two kinds of wrapped trailer b4 repairs, given the trailer's value and the next line:
/// `Fixes: abc (subject` + `rest)` and `Signed-off-by: Long Name` + `<addr>`.
fn wraps(value: &str, next: &str) -> bool {
    wrapped_fixes(value, next) || wrapped_address(value, next)
}

fn wrapped_fixes(value: &str, line: &str) -> bool {
    let mut words = value.splitn(2, char::is_whitespace);
    let hash = words.next().unwrap_or("");
    let rest = words.next().unwrap_or("").trim_start();
    !hash.is_empty()
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && rest.starts_with('(')
        && !rest.contains(')')
        && line.ends_with(')')
}

fn wrapped_address(value: &str, line: &str) -> bool {
    !value.contains('<')
        && line.starts_with('<')
        && line.ends_with('>')
        && line[1..line.len() - 1].find(['<', '>']).is_none()
}

#[cfg(test)]
mod tests;
