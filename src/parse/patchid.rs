//! git's stable patch-id, computed the way `git patch-id --stable` does on the same text.
//!
//! Per file: SHA-1 over the diff lines with all whitespace removed, `index` lines and hunk line
//! numbers left out (the `diff --git`, mode, rename and `---`/`+++` lines are hashed); binary
//! files hash their blob ids. The per-file hashes are added as 20-byte little-endian numbers.
//! Lines before the first `diff ` line (commit message, diffstat) are skipped and the patch ends
//! at the first line that is neither hunk content nor a new header (a `-- ` signature).

use sha1::{Digest, Sha1};

use crate::model::PatchId;

/// The stable patch-id of the first patch in `text`, or `None` when it holds no diff.
pub fn patch_id(text: &str) -> Option<PatchId> {
    let mut state = State::default();
    for line in super::lines::lines(text) {
        if !state.line(line.as_bytes()) {
            break;
        }
    }
    state.finish()
}

struct State {
    ctx: Sha1,
    result: [u8; 20],
    patchlen: usize,
    before: i64,
    after: i64,
    binary: bool,
    pre_oid: Vec<u8>,
    post_oid: Vec<u8>,
    buf: Vec<u8>,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctx: Sha1::new(),
            result: [0; 20],
            patchlen: 0,
            before: -1,
            after: -1,
            binary: false,
            pre_oid: Vec::new(),
            post_oid: Vec::new(),
            buf: Vec::with_capacity(HASH_BUFFER + 1024),
        }
    }
}

impl State {
    /// Feeds one line (with its newline); false when the patch has ended.
    fn line(&mut self, line: &[u8]) -> bool {
        // "commit <id>", "From <id> ..." or a bare object id starts the next patch.
        if self.patchlen > 0 && starts_next_patch(line) {
            return false;
        }
        // Lines before the diff (commit message, diffstat) do not count.
        if self.patchlen == 0 && !line.starts_with(b"diff ") {
            return true;
        }
        if self.before == -1 {
            if line.starts_with(b"GIT binary patch") || line.starts_with(b"Binary files") {
                self.binary = true;
                self.before = 0;
                self.buf.extend_from_slice(&self.pre_oid);
                self.buf.extend_from_slice(&self.post_oid);
                self.flush();
                return true;
            } else if let Some(rest) = line.strip_prefix(b"index ") {
                self.index_line(rest);
                return true;
            } else if line.starts_with(b"--- ") {
                self.before = 1;
                self.after = 1;
            } else if !line.first().is_some_and(|c| c.is_ascii_alphabetic()) {
                return false;
            }
        }
        // "\ No newline at end of file"
        if line.starts_with(b"\\ ") && line.len() > 12 {
            return true;
        }
        if self.binary {
            if line.starts_with(b"diff ") {
                self.binary = false;
                self.before = -1;
            }
            return true;
        }
        if self.before == 0 && self.after == 0 {
            if line.starts_with(b"@@ -") {
                if let Some((b, a)) = scan_hunk_header(line) {
                    self.before = b;
                    self.after = a;
                }
                return true;
            }
            if !line.starts_with(b"diff ") {
                return false;
            }
            self.flush();
            self.before = -1;
            self.after = -1;
        }
        match line.first() {
            Some(b'-') => self.before -= 1,
            Some(b'+') => self.after -= 1,
            Some(b' ') => {
                self.before -= 1;
                self.after -= 1;
            }
            _ => {}
        }
        self.patchlen += push_without_space(&mut self.buf, line);
        if self.buf.len() >= HASH_BUFFER {
            self.ctx.update(&self.buf);
            self.buf.clear();
        }
        true
    }

    /// `index <pre>..<post>[ <mode>]`: remembered for binary files, never hashed.
    fn index_line(&mut self, rest: &[u8]) {
        let Some(dots) = find(rest, b"..") else {
            return;
        };
        let post = &rest[dots + 2..];
        let post_end = post
            .iter()
            .position(|&c| c == b' ')
            .unwrap_or(post.len().saturating_sub(1));
        self.pre_oid = rest[..dots].to_vec();
        self.post_oid = post[..post_end].to_vec();
    }

    /// Adds the current file's hash into the result, with carry.
    fn flush(&mut self) {
        self.ctx.update(&self.buf);
        self.buf.clear();
        let hash = self.ctx.finalize_reset();
        let mut carry: u16 = 0;
        for (r, h) in self.result.iter_mut().zip(hash.iter()) {
            carry += *r as u16 + *h as u16;
            *r = carry as u8;
            carry >>= 8;
        }
    }

    fn finish(mut self) -> Option<PatchId> {
        if self.patchlen == 0 {
            return None;
        }
        self.flush();
        Some(PatchId(self.result))
    }
}

fn starts_next_patch(line: &[u8]) -> bool {
    let rest = line
        .strip_prefix(b"commit ")
        .or_else(|| line.strip_prefix(b"From "))
        .unwrap_or(line);
    rest.len() >= 40 && rest[..40].iter().all(|c| c.is_ascii_hexdigit())
}

/// Bytes of whitespace-free diff text gathered before they are hashed: SHA-1 is fed a few
/// kilobytes at a time, not a line at a time (the same hash, with less overhead per call).
const HASH_BUFFER: usize = 8192;

/// Appends `line` to `buf` without its whitespace (C's `isspace`: space, \t, \n, \v, \f,
/// \r); returns how many bytes it appended. Every byte is written and the end moves past the
/// ones kept: no branch per byte (diff lines are short runs between spaces, and copying run by
/// run cost twice as much).
fn push_without_space(buf: &mut Vec<u8>, line: &[u8]) -> usize {
    const SPACE: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 6 {
            t[[b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r'][i] as usize] = true;
            i += 1;
        }
        t
    };
    let start = buf.len();
    buf.resize(start + line.len(), 0);
    let out = &mut buf[start..];
    let mut kept = 0;
    for &c in line {
        out[kept] = c;
        kept += usize::from(!SPACE[c as usize]);
    }
    buf.truncate(start + kept);
    kept
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `@@ -a[,b] +c[,d] @@` -> (b, d), a missing count meaning 1.
pub(crate) fn scan_hunk_header(line: &[u8]) -> Option<(i64, i64)> {
    let rest = line.get(4..)?;
    let (before, rest) = range_count(rest)?;
    let rest = rest.strip_prefix(b" +")?;
    let (after, _) = range_count(rest)?;
    Some((before, after))
}

/// Parses `start[,count]`, returning count (1 when absent) and the rest.
fn range_count(s: &[u8]) -> Option<(i64, &[u8])> {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &s[digits..];
    if let Some(rest) = rest.strip_prefix(b",") {
        let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        let count = std::str::from_utf8(&rest[..n]).ok()?.parse().ok()?;
        Some((count, &rest[n..]))
    } else if digits == 0 {
        None
    } else {
        Some((1, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values below come from `git patch-id --stable` (git 2.47) on the same text.
    const ONE_FILE: &str = "Some message\n---\n foo | 2 +-\n\ndiff --git a/foo b/foo\nindex 9123cdc..918dcf8 100644\n--- a/foo\n+++ b/foo\n@@ -1 +1 @@\n-Fri Jun  9 00:44:04 PDT 2006\n+Fri Jun  9 00:44:13 PDT 2006\n-- \n1.4.0.g6f2b\n";

    #[test]
    fn matches_git_on_a_one_line_change() {
        assert_eq!(
            patch_id(ONE_FILE).unwrap().to_hex(),
            "80867908e2d2d81db703828d3eaa7460cefd8e50"
        );
    }

    #[test]
    fn whitespace_and_line_numbers_do_not_matter() {
        let moved = ONE_FILE
            .replace("@@ -1 +1 @@", "@@ -10 +10 @@")
            .replace("-Fri Jun  9", "-Fri  Jun 9");
        assert_eq!(patch_id(ONE_FILE), patch_id(&moved));
    }

    #[test]
    fn file_order_does_not_matter_in_stable_mode() {
        let a = "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n";
        let b = "diff --git a/b b/b\n--- a/b\n+++ b/b\n@@ -1 +1 @@\n-x\n+z\n";
        assert_eq!(patch_id(&format!("{a}{b}")), patch_id(&format!("{b}{a}")));
        assert_ne!(patch_id(a), patch_id(b));
    }

    #[test]
    fn a_commit_line_ends_the_patch() {
        let quoted = format!("{ONE_FILE}commit 7f8d4cad1e4e11a45d02bd6e024cc2812963c38a\n+more\n");
        let without = ONE_FILE.replace("-- \n1.4.0.g6f2b\n", "");
        let with_tail = format!("{without}x\n");
        assert_eq!(patch_id(&quoted), patch_id(ONE_FILE));
        assert_eq!(patch_id(&with_tail), patch_id(ONE_FILE));
    }

    /// A patch longer than what is gathered before hashing, then a binary file, and that
    /// binary file alone (ids from `git patch-id --stable` on the same text).
    #[test]
    fn long_patches_and_binary_files_match_git() {
        let mut big = String::from(
            "diff --git a/big b/big\nindex 1111111..2222222 100644\n--- a/big\n+++ b/big\n\
             @@ -1,300 +1,300 @@\n",
        );
        for i in 0..300 {
            big.push_str(&format!("-old line {i} with  some\tspaces\n"));
        }
        for i in 0..300 {
            big.push_str(&format!("+new line {i} with some spaces\n"));
        }
        assert!(big.len() > 2 * HASH_BUFFER);
        let bin = "diff --git a/bin b/bin\nindex 3333333..4444444 100644\nGIT binary patch\n\
                   literal 1\nIcmZpc000310RR91\n\nliteral 0\nHcmV?d00001\n\n";
        assert_eq!(
            patch_id(&format!("{big}{bin}")).unwrap().to_hex(),
            "c9c764cac89b190e9fd56ec1ca69e67aabb3665d"
        );
        assert_eq!(
            patch_id(bin).unwrap().to_hex(),
            "1b8194a872719401fc86bfa8c5ef369ef2a1f2e6"
        );
    }

    #[test]
    fn whitespace_is_dropped_as_c_isspace_does() {
        let mut buf = b"kept".to_vec();
        let line = b" a\tb\x0bc\x0cd\re f\n\xc3\xa9\xa0";
        assert_eq!(push_without_space(&mut buf, line), 9);
        assert_eq!(buf, b"keptabcdef\xc3\xa9\xa0");
    }

    #[test]
    fn no_diff_no_id() {
        assert_eq!(patch_id("just words\n---\nmore words\n"), None);
    }

    #[test]
    fn hunk_headers_without_counts() {
        assert_eq!(scan_hunk_header(b"@@ -1 +1 @@\n"), Some((1, 1)));
        assert_eq!(scan_hunk_header(b"@@ -0,0 +1,3 @@ fn\n"), Some((0, 3)));
        assert_eq!(scan_hunk_header(b"@@ -x +1 @@\n"), None);
    }
}
