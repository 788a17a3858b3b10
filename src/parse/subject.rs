//! Subject lines: `Re:`/`Fwd:` and their translations, every leading bracket group with its
//! tokens split on commas and white space (`[PATCH v6,19/24]` included), versions in every
//! spelling (`v3`, `V3`, `PATCHv3`, `RFCv2`, a trailing `(v3)`), counters (`02/15`, `2 of 15`),
//! `GIT PULL`, and the subject proper.

use crate::model::SubjectTags;

/// Parses a (decoded) subject line.
pub fn parse_subject(subject: &str) -> SubjectTags {
    let mut tags = SubjectTags::default();
    let mut rest = subject.trim();
    loop {
        rest = rest.trim_start();
        if let Some((after, forward)) = strip_reply_marker(rest) {
            if forward {
                tags.forward = true;
            } else {
                tags.reply = true;
            }
            rest = after;
            continue;
        }
        if let Some(inner) = rest.strip_prefix('[')
            && let Some(end) = inner.find(']')
        {
            group(&inner[..end], &mut tags);
            rest = &inner[end + 1..];
            continue;
        }
        break;
    }
    let mut name = rest.trim();
    if let Some((before, v)) = trailing_version(name) {
        tags.version.get_or_insert(v);
        name = before;
    }
    tags.name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    tags
}

/// Notices that a patch was queued somewhere, which carry its diff but ask nothing of the list:
/// `Patch "x" has been added to the 6.1-stable tree`, `FAILED: patch "x" failed to apply to
/// 5.15-stable tree`, `+ x.patch added to mm-hotfixes-unstable branch`.
pub fn is_tree_notice(name: &str) -> bool {
    let quoted = |prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.rfind("\" ").map(|i| &rest[i + 2..]))
    };
    if let Some(tail) = quoted("Patch \"").or_else(|| quoted("patch \"")) {
        return tail.starts_with("has been added to") || tail.starts_with("added to");
    }
    if let Some(tail) = quoted("FAILED: patch \"") {
        return tail.starts_with("failed to apply");
    }
    ["+ ", "- "].iter().any(|p| {
        name.strip_prefix(p).is_some_and(|rest| {
            rest.split_once(' ').is_some_and(|(file, tail)| {
                file.ends_with(".patch")
                    && (tail.starts_with("added to") || tail.starts_with("removed from"))
            })
        })
    })
}

/// `Re:`, `RE :`, `Re[2]:`, `AW:`, `Fwd:` ... at the start: the rest, and whether it forwards.
fn strip_reply_marker(s: &str) -> Option<(&str, bool)> {
    const REPLY: [&str; 12] = [
        "re", "aw", "sv", "antw", "odp", "vs", "ynt", "r", "res", "回复", "答复", "wg",
    ];
    const FORWARD: [&str; 4] = ["fwd", "fw", "tr", "转发"];
    let colon = s
        .char_indices()
        .take(12)
        .find(|(_, c)| *c == ':' || *c == '：')?;
    let word = s[..colon.0].trim();
    let word = match word.find(['[', '(']) {
        Some(i) if word.ends_with([']', ')']) => &word[..i],
        _ => word,
    };
    let lower = word.to_lowercase();
    let after = &s[colon.0 + colon.1.len_utf8()..];
    if REPLY.contains(&lower.as_str()) {
        Some((after, false))
    } else if FORWARD.contains(&lower.as_str()) {
        Some((after, true))
    } else {
        None
    }
}

/// The tokens of one bracket group.
fn group(content: &str, tags: &mut SubjectTags) {
    let tokens: Vec<&str> = content
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        tags.prefixes.push(t.to_string());
        // "2 of 15"
        if i + 2 < tokens.len()
            && tokens[i + 1].eq_ignore_ascii_case("of")
            && let (Ok(n), Ok(total)) = (t.parse::<u32>(), tokens[i + 2].parse::<u32>())
        {
            tags.counter.get_or_insert((n, total));
            tags.prefixes.push(tokens[i + 1].to_string());
            tags.prefixes.push(tokens[i + 2].to_string());
            i += 3;
            continue;
        }
        token(t, tags);
        i += 1;
    }
}

fn token(t: &str, tags: &mut SubjectTags) {
    let lower = t.to_ascii_lowercase();
    let lower = lower.trim_end_matches(':');
    if let Some((n, total)) = counter(lower) {
        tags.counter.get_or_insert((n, total));
        return;
    }
    if let Some(v) = version(lower) {
        tags.version.get_or_insert(v);
        return;
    }
    for (word, flag) in [("patch", 0), ("rfc", 1)] {
        if let Some(rest) = lower.strip_prefix(word)
            && let Some(v) = version(rest.trim_start_matches('-'))
        {
            tags.version.get_or_insert(v);
            if flag == 0 {
                tags.patch = true;
            } else {
                tags.rfc = true;
            }
            return;
        }
    }
    match lower {
        "patch" | "patches" => tags.patch = true,
        "rfc" => tags.rfc = true,
        "resend" => tags.resend = true,
        "pull" | "pull-request" => tags.pull = true,
        _ => {}
    }
}

/// `2/7`, `02/15`.
fn counter(t: &str) -> Option<(u32, u32)> {
    let (n, total) = t.split_once('/')?;
    Some((n.parse().ok()?, total.parse().ok()?))
}

/// `v3` (digits only after the `v`).
fn version(t: &str) -> Option<u32> {
    let digits = t.strip_prefix('v')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|v| *v > 0)
}

/// `subject (v3)` -> (`subject`, 3).
fn trailing_version(name: &str) -> Option<(&str, u32)> {
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let v = version(&inner[open + 1..].to_ascii_lowercase())?;
    Some((inner[..open].trim_end(), v))
}

#[cfg(test)]
mod tests;
