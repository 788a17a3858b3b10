//! git mailinfo's rules, so that patchq splits a patch mail exactly as `git am` would: in-body
//! `From:`/`Subject:`/`Date:` headers, the commit message up to the patch break (`---`, `diff -`,
//! `Index: `), optional scissors (`-- >8 --`), author name and address from a `From` value, and
//! the subject with `Re:` and `[...]` prefixes removed.
//!
//! Works on decoded text; MIME decoding happens before (see `body`).

use crate::model::Person;

/// Options matching `git mailinfo` flags.
#[derive(Debug, Clone, Default)]
pub struct SplitOptions {
    /// `--scissors`: drop everything above a scissors line.
    pub scissors: bool,
    /// `--no-inbody-headers` when false.
    pub no_inbody_headers: bool,
    /// `--message-id`: append `Message-ID: <id>` to the message.
    pub message_id: Option<String>,
}

/// A body split into commit message and patch, with the in-body headers found on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodySplit {
    pub from: Option<String>,
    pub subject: Option<String>,
    pub date: Option<String>,
    pub message: String,
    pub patch: String,
}

/// Splits `body` the way `git mailinfo` does; `decode` undoes RFC 2047 in in-body headers.
pub fn split_body(body: &str, opts: &SplitOptions, decode: &dyn Fn(&str) -> String) -> BodySplit {
    let mut s = Splitter {
        opts,
        decode,
        out: BodySplit::default(),
        header_stage: true,
        accum: String::new(),
        in_patch: false,
        body,
        run: 0..0,
    };
    let mut lines = super::lines::lines(body);
    let mut at = 0;
    while let Some(line) = lines.next() {
        s.line(line, at);
        at += line.len();
        if s.in_patch {
            // Everything after the patch break is the patch: one copy, not one per line.
            s.out.patch.push_str(lines.rest());
            break;
        }
    }
    s.flush_accum();
    s.keep_run();
    s.out
}

struct Splitter<'a> {
    opts: &'a SplitOptions,
    decode: &'a dyn Fn(&str) -> String,
    out: BodySplit,
    header_stage: bool,
    accum: String,
    in_patch: bool,
    body: &'a str,
    /// Consecutive lines of `body` that belong to the message, not copied yet: a message is
    /// copied a run of lines at a time, not a line at a time.
    run: std::ops::Range<usize>,
}

impl Splitter<'_> {
    /// Handles `line`, which starts at byte `at` of the body.
    fn line(&mut self, line: &str, at: usize) {
        if self.header_stage && (line.is_empty() || line == "\n") {
            if !self.accum.is_empty() {
                self.flush_accum();
                self.header_stage = false;
            }
            return;
        }
        if !self.opts.no_inbody_headers && self.header_stage {
            self.header_stage = self.inbody_header(line);
            if self.header_stage {
                return;
            }
        } else {
            self.header_stage = false;
        }
        if self.opts.scissors && is_scissors_line(line) {
            self.out.message.clear();
            self.run = 0..0;
            self.header_stage = true;
            self.out.from = None;
            self.out.subject = None;
            self.out.date = None;
            return;
        }
        if patchbreak(line) {
            self.keep_run();
            if let Some(id) = &self.opts.message_id {
                self.out.message.push_str(&format!("Message-ID: {id}\n"));
            }
            self.in_patch = true;
            self.out.patch.push_str(line);
            return;
        }
        if self.run.is_empty() || self.run.end != at {
            self.keep_run();
            self.run.start = at;
        }
        self.run.end = at + line.len();
    }

    /// Copies the pending run of message lines into the message.
    fn keep_run(&mut self) {
        self.out.message.push_str(&self.body[self.run.clone()]);
        self.run = 0..0;
    }

    /// True while `line` still belongs to the in-body header block.
    fn inbody_header(&mut self, line: &str) -> bool {
        if !self.accum.is_empty() && (line.starts_with(' ') || line.starts_with('\t')) {
            if self.opts.scissors && is_scissors_line(line) {
                self.flush_accum();
                return false;
            }
            if self.accum.ends_with('\n') {
                self.accum.pop();
            }
            self.accum.push_str(line);
            return true;
        }
        self.flush_accum();
        if let Some(rest) = line.strip_prefix(">From")
            && rest.starts_with(|c: char| c.is_ascii_whitespace())
        {
            return is_format_patch_separator(&line[1..]);
        }
        // The mbox reader has already turned ">From" into "From".
        if line.starts_with("From ") && is_format_patch_separator(line) {
            return true;
        }
        if let Some(rest) = line.strip_prefix("[PATCH]")
            && rest.starts_with(|c: char| c.is_ascii_whitespace())
        {
            self.out.subject = Some(line.to_string());
            return true;
        }
        if self.is_inbody_header(line) {
            self.accum.push_str(line);
            return true;
        }
        false
    }

    fn is_inbody_header(&self, line: &str) -> bool {
        (self.out.from.is_none() && header_value(line, "From").is_some())
            || (self.out.subject.is_none() && header_value(line, "Subject").is_some())
            || (self.out.date.is_none() && header_value(line, "Date").is_some())
    }

    fn flush_accum(&mut self) {
        if self.accum.is_empty() {
            return;
        }
        let accum = std::mem::take(&mut self.accum);
        let decode = self.decode;
        let slots = [
            ("From", &mut self.out.from),
            ("Subject", &mut self.out.subject),
            ("Date", &mut self.out.date),
        ];
        for (name, slot) in slots {
            if slot.is_none()
                && let Some(v) = header_value(&accum, name)
            {
                *slot = Some(decode(v));
                return;
            }
        }
    }
}

/// The value of `line` when it is the header `name` (case-insensitive), leading space skipped.
fn header_value<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let head = line.get(..name.len())?;
    if !head.eq_ignore_ascii_case(name) {
        return None;
    }
    let rest = line[name.len()..].strip_prefix(':')?;
    Some(rest.trim_start_matches(|c: char| c.is_ascii_whitespace()))
}

/// `From <40 hex> Mon Sep 17 00:00:00 2001`, the line `git format-patch` starts a patch with.
fn is_format_patch_separator(line: &str) -> bool {
    const TAIL: &str = " Mon Sep 17 00:00:00 2001\n";
    let Some(rest) = line.as_bytes().strip_prefix(b"From ") else {
        return false;
    };
    rest.len() == 40 + TAIL.len()
        && rest[..40]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        && &rest[40..] == TAIL.as_bytes()
}

/// The line where the commit message ends and the patch begins.
pub fn patchbreak(line: &str) -> bool {
    if line.starts_with("diff -") || line.starts_with("Index: ") {
        return true;
    }
    let b = line.as_bytes();
    if b.len() < 4 || !line.starts_with("---") {
        return false;
    }
    if b[3] == b' ' && !b.get(4).is_some_and(|c| is_space(*c)) {
        return true;
    }
    for &c in &b[3..] {
        if c == b'\n' {
            return true;
        }
        if !is_space(c) {
            break;
        }
    }
    false
}

/// A `-- >8 --` style line (git's rules: scissors, enough perforation, few gaps).
pub fn is_scissors_line(line: &str) -> bool {
    let b = line.as_bytes();
    let (mut scissors, mut gap, mut perforation) = (0usize, 0usize, 0usize);
    let mut in_perforation = false;
    let (mut first, mut last) = (None, None);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if is_space(c) {
            if in_perforation {
                perforation += 1;
                gap += 1;
            }
            i += 1;
            continue;
        }
        last = Some(i);
        first.get_or_insert(i);
        if c == b'-' {
            in_perforation = true;
            perforation += 1;
            i += 1;
            continue;
        }
        let pair = &b[i..(i + 2).min(b.len())];
        if matches!(pair, b">8" | b"8<" | b">%" | b"%<") {
            in_perforation = true;
            perforation += 2;
            scissors += 2;
            i += 2;
            continue;
        }
        in_perforation = false;
        i += 1;
    }
    let visible = match (first, last) {
        (Some(f), Some(l)) => l - f + 1,
        _ => 0,
    };
    scissors > 0 && 8 <= visible && visible < perforation * 3 && gap * 2 < perforation
}

/// C's `isspace`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Every run of whitespace becomes one space (git's `cleanup_space`).
pub fn cleanup_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if c.is_ascii() && is_space(c as u8) {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out
}

/// The subject as `git am` records it: leading `Re:`, `:`, blanks and `[...]` groups removed.
pub fn cleanup_subject(subject: &str) -> String {
    let mut s = subject;
    loop {
        let b = s.as_bytes();
        match b.first() {
            Some(b'r' | b'R') if b.len() > 3 && matches!(b[1], b'e' | b'E') && b[2] == b':' => {
                s = &s[3..];
            }
            Some(b' ' | b'\t' | b':') => s = &s[1..],
            Some(b'[') => match s.find(']') {
                Some(close) => s = &s[close + 1..],
                None => break,
            },
            _ => break,
        }
    }
    cleanup_space(s.trim_matches(|c: char| c.is_ascii_whitespace()))
}

/// Name and address from a `From` value, with git's rules (comments and quotes included).
pub fn parse_from(value: &str) -> Person {
    let value = cleanup_space(value);
    let f = unquote_quoted_pair(value.as_bytes());
    let Some(at) = f.iter().position(|&c| c == b'@') else {
        return bogus_from(&value);
    };
    let mut f = f;
    let mut start = at;
    while start > 0 {
        let c = f[start - 1];
        if is_space(c) {
            break;
        }
        if c == b'<' {
            f[start - 1] = b' ';
            break;
        }
        start -= 1;
    }
    let len = f[start..]
        .iter()
        .position(|c| b" \n\t\r\x0b\x0c>".contains(c))
        .unwrap_or(f.len() - start);
    let email = String::from_utf8_lossy(&f[start..start + len]).into_owned();
    let remove_end = (start + len + 1).min(f.len());
    f.drain(start..remove_end);
    let name = cleanup_space(&String::from_utf8_lossy(&f));
    let mut name = name.trim_matches(|c: char| c.is_ascii_whitespace());
    if name.len() >= 2 && name.starts_with('(') && name.ends_with(')') {
        name = &name[1..name.len() - 1];
    }
    Person {
        name: sane_name(name, &email),
        email,
    }
}

/// `John Doe <johndoe>`: a `From` without `@`.
fn bogus_from(line: &str) -> Person {
    let Some(bra) = line.find('<') else {
        return Person::default();
    };
    let Some(ket) = line[bra..].find('>').map(|k| k + bra) else {
        return Person::default();
    };
    let email = line[bra + 1..ket].to_string();
    let name = line[..bra].trim();
    Person {
        name: sane_name(name, &email),
        email,
    }
}

/// git falls back to the address when the name is empty, too long or looks like an address.
fn sane_name(name: &str, email: &str) -> String {
    if name.is_empty() || name.len() > 60 || name.contains(['@', '<', '>']) {
        email.to_string()
    } else {
        name.to_string()
    }
}

/// Removes quotes of quoted strings and backslash escapes; comments keep their parentheses.
fn unquote_quoted_pair(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'"' => i = unquote_string(input, i + 1, &mut out),
            b'(' => i = unquote_comment(input, i + 1, &mut out),
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn unquote_string(input: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
    while i < input.len() {
        match input[i] {
            b'\\' if i + 1 < input.len() => {
                out.push(input[i + 1]);
                i += 2;
            }
            b'\\' => i += 1,
            b'"' => return i + 1,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    i
}

fn unquote_comment(input: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
    out.push(b'(');
    while i < input.len() {
        match input[i] {
            b'\\' if i + 1 < input.len() => {
                out.push(input[i + 1]);
                i += 2;
            }
            b'\\' => i += 1,
            b'(' => i = unquote_comment(input, i + 1, out),
            b')' => {
                out.push(b')');
                return i + 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    i
}

#[cfg(test)]
mod tests;
