//! File names in diff headers: prefixes, timestamps and git's C-style quoting.

/// The path in a `---`/`+++` line: quoted names unquoted, a trailing tab and timestamp dropped.
pub(crate) fn header_path(p: &str) -> String {
    let p = p.trim_end();
    if p.starts_with('"') {
        return unquote(p);
    }
    let p = p.split('\t').next().unwrap_or(p);
    // "--- a/file 2024-01-01 12:00:00.000000000 +0100" written without a tab.
    let p = match p.find("  ") {
        Some(i) => &p[..i],
        None => p,
    };
    p.trim_end().to_string()
}

/// Drops the leading `a/`/`b/` of git paths, or the first directory of other `-p1` paths.
pub(super) fn strip_component(p: &str, git: bool) -> String {
    if git {
        for prefix in ["a/", "b/", "i/", "w/", "c/", "o/"] {
            if let Some(rest) = p.strip_prefix(prefix) {
                return rest.to_string();
            }
        }
        return p.to_string();
    }
    match p.split_once('/') {
        Some((_, rest)) if !rest.is_empty() => rest.to_string(),
        _ => p.to_string(),
    }
}

/// The two paths of a `diff --git a/X b/Y` line, prefixes removed.
pub(super) fn split_git_paths(rest: &str) -> Option<(String, String)> {
    if rest.starts_with('"') {
        let end = closing_quote(rest)?;
        let a = unquote(&rest[..=end]);
        let b = unquote(rest[end + 1..].trim_start());
        return Some((strip_component(&a, true), strip_component(&b, true)));
    }
    if let Some(q) = rest.find(" \"") {
        let a = &rest[..q];
        let b = unquote(&rest[q + 1..]);
        return Some((strip_component(a, true), strip_component(&b, true)));
    }
    // Same name on both sides ("a/x y b/x y"): split in the middle.
    let bytes = rest.as_bytes();
    if bytes.len() % 2 == 1 {
        let half = bytes.len() / 2;
        if bytes[half] == b' '
            && let (Some(a), Some(b)) = (rest.get(2..half), rest.get(half + 3..))
            && a == b
        {
            return Some((a.to_string(), a.to_string()));
        }
    }
    let split = rest.find(" b/").or_else(|| rest.find(' '))?;
    Some((
        strip_component(&rest[..split], true),
        strip_component(&rest[split + 1..], true),
    ))
}

fn closing_quote(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Undoes git's C-style quoting of a path (`"a/f\303\266o"` -> `a/föo`).
pub(super) fn unquote(p: &str) -> String {
    let p = p.trim();
    let Some(inner) = p.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return p.to_string();
    };
    let mut out: Vec<u8> = Vec::with_capacity(inner.len());
    let b = inner.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let c = b[i + 1];
        let octal = b
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|x| (b'0'..=b'7').contains(x)));
        if let Some(d) = octal {
            out.push(((d[0] - b'0') << 6) | ((d[1] - b'0') << 3) | (d[2] - b'0'));
            i += 4;
            continue;
        }
        out.push(match c {
            b'n' => b'\n',
            b't' => b'\t',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'r' => b'\r',
            b'v' => 11,
            other => other,
        });
        i += 2;
    }
    String::from_utf8_lossy(&out).into_owned()
}
