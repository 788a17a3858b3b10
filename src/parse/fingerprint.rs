//! Changed-line fingerprints of a diff: one hash per added or removed line, keyed by file and
//! sign, with all white space removed, so that a patch applied with fuzz, on a base where the
//! context or line numbers moved, or with a small edit still shares most of its fingerprints with
//! the commit it became.
//!
//! Lines with fewer than three letters or digits (`}`, `*/`, blank lines) are left out: every
//! patch has them and they would make unrelated changes look alike.
//! Must not: decide what overlap is enough (that is the linker's policy).

use xxhash_rust::xxh3::Xxh3;

use super::diff::header_path;
use super::patchid::scan_hunk_header;

/// A sorted multiset of changed-line hashes.
pub type Fingerprint = Vec<u64>;

/// The fingerprint of every file diff in `diff` (text with `diff --git`/`---`/`+++` headers and
/// hunks; anything else is skipped).
pub fn changed_lines(diff: &str) -> Fingerprint {
    let mut out = Vec::new();
    let mut path = String::new();
    let (mut old, mut new) = (0i64, 0i64);
    for line in diff.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if old > 0 || new > 0 {
            match line.as_bytes().first() {
                Some(b'+') => {
                    new -= 1;
                    push(&mut out, &path, b'+', &line[1..]);
                    continue;
                }
                Some(b'-') => {
                    old -= 1;
                    push(&mut out, &path, b'-', &line[1..]);
                    continue;
                }
                Some(b' ') | None => {
                    old -= 1;
                    new -= 1;
                    continue;
                }
                Some(b'\\') => continue,
                _ => (old, new) = (0, 0),
            }
        }
        if let Some(p) = line.strip_prefix("--- ") {
            path = strip_prefix_dir(&header_path(p));
        } else if let Some(p) = line.strip_prefix("+++ ") {
            let p = strip_prefix_dir(&header_path(p));
            if p != "/dev/null" {
                path = p;
            }
        } else if line.starts_with("@@ -")
            && let Some((b, a)) = scan_hunk_header(line.as_bytes())
        {
            (old, new) = (b, a);
        }
    }
    out.sort_unstable();
    out
}

/// `a/x` and `b/x` are both `x`; `/dev/null` stays.
fn strip_prefix_dir(p: &str) -> String {
    if p == "/dev/null" {
        return p.to_string();
    }
    match p.split_once('/') {
        Some((_, rest)) if !rest.is_empty() => rest.to_string(),
        _ => p.to_string(),
    }
}

fn push(out: &mut Vec<u64>, path: &str, sign: u8, text: &str) {
    if text.bytes().filter(u8::is_ascii_alphanumeric).count() < 3
        && !text.chars().any(|c| c.is_alphanumeric() && !c.is_ascii())
    {
        return;
    }
    let mut h = Xxh3::new();
    h.update(path.as_bytes());
    h.update(&[0, sign]);
    for b in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        h.update(&[b]);
    }
    out.push(h.digest());
}

/// How many changed lines two fingerprints share.
pub fn overlap(a: &[u64], b: &[u64]) -> usize {
    crate::model::sorted_overlap(a, b)
}

/// Dice similarity of two fingerprints: 2·shared / (|a| + |b|), 0 when both are empty.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * overlap(a, b) as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATCH: &str = "diff --git a/src/foo.c b/src/foo.c\nindex 1111111..2222222 100644\n\
        --- a/src/foo.c\n+++ b/src/foo.c\n@@ -10,6 +10,7 @@ int foo(void)\n {\n \tint a;\n\
        -\treturn bar(a);\n+\tint b = baz();\n+\treturn bar(a + b);\n }\n \n static int x;\n";

    #[test]
    fn keeps_changed_lines_only_with_white_space_ignored() {
        let fp = changed_lines(PATCH);
        assert_eq!(fp.len(), 3);
        let reindented = PATCH
            .replace("+\tint b = baz();", "+    int b =  baz();")
            .replace("@@ -10,6 +10,7 @@", "@@ -40,6 +52,7 @@");
        assert_eq!(changed_lines(&reindented), fp);
    }

    #[test]
    fn context_does_not_count_but_sign_and_file_do() {
        let moved = PATCH.replace(" \tint a;\n", " \tint a = 1;\n");
        assert_eq!(changed_lines(&moved), changed_lines(PATCH));
        let reverted = PATCH
            .replace("-\treturn bar(a);", "+\treturn bar(a);")
            .replace("+\tint b", "-\tint b")
            .replace("+\treturn bar(a + b)", "-\treturn bar(a + b)");
        assert_eq!(overlap(&changed_lines(&reverted), &changed_lines(PATCH)), 0);
        let elsewhere = PATCH.replace("src/foo.c", "src/other.c");
        assert_eq!(
            overlap(&changed_lines(&elsewhere), &changed_lines(PATCH)),
            0
        );
    }

    #[test]
    fn trivial_lines_are_left_out() {
        let text = "--- a/x\n+++ b/x\n@@ -1,2 +1,4 @@\n+}\n+\n+/* */\n+ok = 1;\n a\n-b\n";
        assert_eq!(changed_lines(text).len(), 1);
    }

    #[test]
    fn new_and_deleted_files_keep_their_name() {
        let new = "--- /dev/null\n+++ b/new.c\n@@ -0,0 +1 @@\n+int added;\n";
        let del = "--- a/new.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-int added;\n";
        let readd = "--- /dev/null\n+++ b/new.c\n@@ -0,0 +1 @@\n+int added;\n";
        assert_eq!(changed_lines(new), changed_lines(readd));
        assert_eq!(overlap(&changed_lines(new), &changed_lines(del)), 0);
    }

    #[test]
    fn dice_similarity() {
        assert_eq!(similarity(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0);
        assert_eq!(similarity(&[1, 2, 3, 4], &[1, 2, 3, 5]), 0.75);
        assert_eq!(similarity(&[1, 1, 2], &[1, 2]), 0.8);
        assert_eq!(similarity(&[], &[]), 0.0);
    }
}
