//! Finding the diff in a message body: git diffs (renames, copies, mode changes, new and deleted
//! files, binary patches), plain unified diffs and CVS `Index:` diffs.
//!
//! A line-driven state machine: a diff starts at `diff --git`, `diff -`, `Index: ` or a
//! `--- `/`+++ ` pair, hunks are followed by their line counts, and the diff ends at the first
//! line that fits neither a hunk nor a new file header (the `-- ` signature, a list footer).
//! Several diff blocks in one body are all kept.

use crate::model::{ChangeStatus, FileChange};

mod paths;
pub(crate) use paths::header_path;
use paths::{split_git_paths, strip_component, unquote};

/// The diff part of a body and the files it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub text: String,
    pub files: Vec<FileChange>,
}

/// Extracts the diff from `text`; `None` when there is none.
pub fn extract(text: &str) -> Option<Diff> {
    let lines: Vec<&str> = super::lines::lines(text).collect();
    let mut parser = Parser {
        src: text,
        ..Parser::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let next = lines.get(i + 1).copied();
        if parser.line(lines[i], next) {
            parser.at += lines[i].len();
            i += 1;
        }
    }
    parser.end_block();
    if parser.files.is_empty() {
        None
    } else {
        Some(Diff {
            text: parser.text,
            files: parser.files,
        })
    }
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum State {
    #[default]
    Outside,
    Header,
    Hunk {
        old: i64,
        new: i64,
    },
    AfterHunk,
    Binary,
}

#[derive(Default)]
struct Parser<'a> {
    /// The text the diff is looked for in, and where in it the line being handled starts.
    src: &'a str,
    at: usize,
    state: State,
    text: String,
    /// Where the current block lies in `src` (its lines are consecutive), copied to `text` once
    /// the block proves to hold a file: one copy per block, not one per line.
    block: std::ops::Range<usize>,
    file: Option<FileHeader>,
    block_files: Vec<FileChange>,
    files: Vec<FileChange>,
}

impl Parser<'_> {
    /// Handles `line`; false when the line must be seen again in the new state.
    fn line(&mut self, line: &str, next: Option<&str>) -> bool {
        match self.state {
            State::Outside => {
                if starts_file(line, next) {
                    self.new_file();
                    self.header_line(line);
                }
                true
            }
            State::Header => self.header(line),
            State::Hunk { old, new } => self.hunk(line, old, new),
            State::AfterHunk => self.after_hunk(line, next),
            State::Binary => self.binary(line),
        }
    }

    fn header(&mut self, line: &str) -> bool {
        if is_hunk_header(line) {
            return self.hunk_header(line);
        }
        if line.starts_with("GIT binary patch") {
            self.push(line);
            self.file_mut().binary = true;
            self.state = State::Binary;
            return true;
        }
        let file = self.file.as_ref().expect("header state has a file");
        // CVS: "Index: x", "=====", "RCS file:", "diff -u -r1.2 x", then "--- x".
        let cvs_diff_line = line.starts_with("diff ")
            && !line.starts_with("diff --git ")
            && !file.git
            && file.minus.is_none();
        if cvs_diff_line || is_header_line(line) {
            self.header_line(line);
            return true;
        }
        if line.starts_with("diff ") || line.starts_with("Index: ") {
            self.new_file();
            self.header_line(line);
            return true;
        }
        self.end_block();
        false
    }

    fn hunk_header(&mut self, line: &str) -> bool {
        match hunk_counts(line) {
            Some((old, new)) => {
                self.push(line);
                self.file_mut().hunks += 1;
                self.state = if old <= 0 && new <= 0 {
                    State::AfterHunk
                } else {
                    State::Hunk { old, new }
                };
                true
            }
            None => {
                self.end_block();
                false
            }
        }
    }

    fn hunk(&mut self, line: &str, mut old: i64, mut new: i64) -> bool {
        let file = self.file.as_mut().expect("hunk state has a file");
        match line.as_bytes().first() {
            Some(b' ') | Some(b'\n') | Some(b'\r') => {
                old -= 1;
                new -= 1;
            }
            Some(b'-') => {
                old -= 1;
                file.removed += 1;
            }
            Some(b'+') => {
                new -= 1;
                file.added += 1;
            }
            Some(b'\\') => {}
            _ => {
                // The hunk is shorter than its header said: the diff is broken here.
                self.end_block();
                return false;
            }
        }
        self.push(line);
        self.state = if old <= 0 && new <= 0 {
            State::AfterHunk
        } else {
            State::Hunk { old, new }
        };
        true
    }

    fn after_hunk(&mut self, line: &str, next: Option<&str>) -> bool {
        if line.starts_with("\\ ") {
            self.push(line);
            true
        } else if is_hunk_header(line) {
            self.hunk_header(line)
        } else if starts_file(line, next) {
            self.new_file();
            self.header_line(line);
            true
        } else {
            self.end_block();
            false
        }
    }

    fn binary(&mut self, line: &str) -> bool {
        if line.starts_with("diff ") {
            self.state = State::Header;
            return self.header(line);
        }
        if is_binary_patch_line(line) {
            self.push(line);
            true
        } else {
            self.end_block();
            false
        }
    }

    /// Records a header line on the current file.
    fn header_line(&mut self, line: &str) {
        self.push(line);
        self.file_mut().header(line);
        self.state = State::Header;
    }

    fn new_file(&mut self) {
        self.close_file();
        self.file = Some(FileHeader::default());
    }

    fn close_file(&mut self) {
        if let Some(file) = self.file.take()
            && let Some(change) = file.finish()
        {
            self.block_files.push(change);
        }
    }

    /// The block is over: keep it when it described at least one file.
    fn end_block(&mut self) {
        self.close_file();
        if !self.block_files.is_empty() {
            self.text.push_str(&self.src[self.block.clone()]);
            if !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            self.files.append(&mut self.block_files);
        }
        self.block = 0..0;
        self.state = State::Outside;
    }

    /// Adds `line`, the line being handled, to the block.
    fn push(&mut self, line: &str) {
        if self.block.is_empty() {
            self.block.start = self.at;
        }
        debug_assert_eq!(
            self.block.end.max(self.block.start),
            self.at,
            "a block is whole lines in a row"
        );
        self.block.end = self.at + line.len();
    }

    fn file_mut(&mut self) -> &mut FileHeader {
        self.file.as_mut().expect("a file is open")
    }
}

/// Does `line` (with the line after it) begin a file's diff?
fn starts_file(line: &str, next: Option<&str>) -> bool {
    line.starts_with("diff --git ")
        || line.starts_with("diff -")
        || line.starts_with("Index: ")
        || (line.starts_with("--- ") && next.is_some_and(|n| n.starts_with("+++ ")))
}

fn is_header_line(line: &str) -> bool {
    const PREFIXES: [&str; 17] = [
        "old mode ",
        "new mode ",
        "deleted file mode ",
        "new file mode ",
        "copy from ",
        "copy to ",
        "rename from ",
        "rename to ",
        "rename old ",
        "rename new ",
        "similarity index ",
        "dissimilarity index ",
        "index ",
        "--- ",
        "+++ ",
        "Binary files ",
        "RCS file: ",
    ];
    PREFIXES.iter().any(|p| line.starts_with(p))
        || line.starts_with("=====")
        || line.starts_with("retrieving revision ")
}

fn is_binary_patch_line(line: &str) -> bool {
    let l = line.trim_end_matches(['\n', '\r']);
    if l.is_empty() || l.starts_with("literal ") || l.starts_with("delta ") {
        return true;
    }
    let mut chars = l.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "!#$%&()*+-;<=>?@^_`{|}~".contains(c))
}

/// `@@ -`, or the `@@@ -` some tools write.
fn is_hunk_header(line: &str) -> bool {
    line.starts_with("@@ -") || line.starts_with("@@@ -")
}

/// `@@ -a[,b] +c[,d] @@` -> (b, d).
fn hunk_counts(line: &str) -> Option<(i64, i64)> {
    let rest = line
        .strip_prefix("@@ -")
        .or_else(|| line.strip_prefix("@@@ -"))?;
    let (old, rest) = rest.split_once(" +")?;
    let new = rest.split(' ').next()?;
    let count = |r: &str| -> Option<i64> {
        match r.split_once(',') {
            Some((start, n)) => {
                start.parse::<i64>().ok()?;
                n.parse().ok()
            }
            None => r.parse::<i64>().ok().map(|_| 1),
        }
    };
    Some((count(old)?, count(new)?))
}

/// What the header lines of one file said.
#[derive(Default)]
struct FileHeader {
    git: bool,
    git_old: Option<String>,
    git_new: Option<String>,
    index_path: Option<String>,
    minus: Option<String>,
    plus: Option<String>,
    rename_from: Option<String>,
    rename_to: Option<String>,
    copy: bool,
    new_file: bool,
    deleted: bool,
    mode_change: bool,
    binary: bool,
    hunks: u32,
    added: u32,
    removed: u32,
}

impl FileHeader {
    fn header(&mut self, line: &str) {
        let l = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = l.strip_prefix("diff --git ") {
            self.git = true;
            if let Some((a, b)) = split_git_paths(rest) {
                self.git_old = Some(a);
                self.git_new = Some(b);
            }
        } else if let Some(p) = l.strip_prefix("Index: ") {
            self.index_path = Some(p.trim().to_string());
        } else if let Some(p) = l.strip_prefix("--- ") {
            self.minus = Some(header_path(p));
        } else if let Some(p) = l.strip_prefix("+++ ") {
            self.plus = Some(header_path(p));
        } else if let Some(p) = l
            .strip_prefix("rename from ")
            .or_else(|| l.strip_prefix("rename old "))
        {
            self.rename_from = Some(unquote(p));
        } else if let Some(p) = l
            .strip_prefix("rename to ")
            .or_else(|| l.strip_prefix("rename new "))
        {
            self.rename_to = Some(unquote(p));
        } else if let Some(p) = l.strip_prefix("copy from ") {
            self.copy = true;
            self.rename_from = Some(unquote(p));
        } else if let Some(p) = l.strip_prefix("copy to ") {
            self.copy = true;
            self.rename_to = Some(unquote(p));
        } else if l.starts_with("new file mode ") {
            self.new_file = true;
        } else if l.starts_with("deleted file mode ") {
            self.deleted = true;
        } else if l.starts_with("old mode ") || l.starts_with("new mode ") {
            self.mode_change = true;
        } else if l.starts_with("Binary files ") {
            self.binary = true;
        }
    }

    /// The file change, or `None` when the lines named no file at all.
    fn finish(self) -> Option<FileChange> {
        let strip = |p: &Option<String>| -> Option<String> {
            let p = p.as_deref()?;
            if p == "/dev/null" {
                return None;
            }
            Some(if self.git {
                strip_component(p, true)
            } else if let Some(index) = &self.index_path {
                index.clone()
            } else {
                strip_component(p, false)
            })
        };
        let minus_null = self.minus.as_deref() == Some("/dev/null");
        let plus_null = self.plus.as_deref() == Some("/dev/null");
        let mut old = strip(&self.minus).or_else(|| self.git_old.clone());
        let mut new = strip(&self.plus).or_else(|| self.git_new.clone());
        if self.index_path.is_some() && old.is_none() && new.is_none() {
            old = self.index_path.clone();
            new = self.index_path.clone();
        }
        if let Some(from) = &self.rename_from {
            old = Some(from.clone());
        }
        if let Some(to) = &self.rename_to {
            new = Some(to.clone());
        }
        let status = if self.new_file || minus_null {
            old = None;
            ChangeStatus::Added
        } else if self.deleted || plus_null {
            new = None;
            ChangeStatus::Deleted
        } else if self.rename_from.is_some() && self.copy {
            ChangeStatus::Copied
        } else if self.rename_from.is_some() {
            ChangeStatus::Renamed
        } else if self.mode_change && self.hunks == 0 && !self.binary {
            ChangeStatus::ModeChange
        } else {
            ChangeStatus::Modified
        };
        if old.is_none() && new.is_none() {
            return None;
        }
        if self.hunks == 0 && !self.git && !self.binary {
            // A plain diff header with no hunk is not a diff.
            return None;
        }
        Some(FileChange {
            old_path: old,
            new_path: new,
            status,
            binary: self.binary,
            added: self.added,
            removed: self.removed,
        })
    }
}

#[cfg(test)]
mod tests;
