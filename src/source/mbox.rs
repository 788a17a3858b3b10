//! Streaming mbox reader: mboxrd and mboxo, plain, gzip or zstd, LF or CRLF, single messages.
//!
//! A file whose first non-blank line is not a `From ` line is one message (mail-parser's own
//! mbox reader would drop it). Separators are `From ` lines that follow a blank line or look like
//! the envelope lines git's `mailsplit` accepts (`From x Mon Sep 17 00:00:00 2001`); `>From `
//! lines are un-escaped the mboxrd way (one `>` removed), which is also right for mboxo.
//! Memory stays bounded: a message over the size limit is skipped while only its head is kept,
//! and over-long lines are handled in pieces.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::{Item, Resume, Sink, SourceError};
use crate::model::Origin;

/// How far an mbox was read, and a hash of everything up to there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MboxResume {
    pub offset: u64,
    pub hash: u128,
}

/// How reading an mbox went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MboxOutcome {
    /// Reading continued from the previous import's position (the file only grew).
    pub resumed: bool,
    /// The previous position did not match the file any more, so it was read from the start.
    pub changed: bool,
    /// Bytes read (decompressed), in all.
    pub bytes: u64,
    /// False when the sink asked to stop early.
    pub completed: bool,
}

const LINE_PIECE: usize = 1 << 20;
const HEAD_KEEP: usize = 64 * 1024;

/// Reads the mbox (or single message) at `path`, `-` meaning standard input.
///
/// With `resume`, the first `resume.offset` bytes are hashed and compared first: when they match
/// only the rest is split, otherwise the whole file is read again.
pub fn read_mbox(
    path: &Path,
    resume: Option<&MboxResume>,
    max_size: usize,
    sink: &mut dyn Sink,
) -> Result<MboxOutcome, SourceError> {
    let mut reader = open(path)?;
    let mut hasher = Xxh3::new();
    let mut resumed = false;
    let mut changed = false;
    let mut start = 0;
    if let Some(resume) = resume {
        if skip_prefix(&mut reader, resume, &mut hasher).map_err(|e| read_err(path, 0, e))? {
            resumed = true;
            start = resume.offset;
        } else {
            changed = true;
            reader = open(path)?;
            hasher = Xxh3::new();
        }
    }
    let mut splitter = Splitter::new(sink, max_size, start, hasher);
    let result = splitter.run(&mut reader);
    let bytes = splitter.pos;
    match result {
        Ok(completed) => Ok(MboxOutcome {
            resumed,
            changed,
            bytes,
            completed,
        }),
        Err(e) => Err(read_err(path, bytes, e)),
    }
}

/// Splits an mbox (or single message) already open as `reader` from its start: what
/// [`read_mbox`] does after opening and decompressing. Returns false when the sink stopped it.
pub fn split_mbox(
    reader: &mut dyn BufRead,
    max_size: usize,
    sink: &mut dyn Sink,
) -> io::Result<bool> {
    Splitter::new(sink, max_size, 0, Xxh3::new()).run(reader)
}

fn read_err(path: &Path, offset: u64, source: io::Error) -> SourceError {
    SourceError::Read {
        path: path.to_path_buf(),
        offset,
        source,
    }
}

/// Opens a file or standard input, recognising gzip and zstd by their magic bytes.
fn open(path: &Path) -> Result<Box<dyn BufRead + Send>, SourceError> {
    let raw: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path).map_err(|source| SourceError::Open {
                path: path.to_path_buf(),
                source,
            })?,
        )
    };
    decompress(raw).map_err(|e| read_err(path, 0, e))
}

/// `data` unpacked when it is gzip or zstd (by its magic bytes), else as it is.
pub fn unpack(data: Vec<u8>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    decompress(Box::new(io::Cursor::new(data)))?.read_to_end(&mut out)?;
    Ok(out)
}

/// Wraps `raw` in a decoder when it starts with gzip or zstd magic bytes.
pub(crate) fn decompress(raw: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    const BUF: usize = 256 * 1024;
    let mut buffered = BufReader::with_capacity(BUF, raw);
    let head = buffered.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(buffered);
        Ok(Box::new(BufReader::with_capacity(BUF, gz)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let zst = zstd::stream::read::Decoder::with_buffer(buffered)?;
        Ok(Box::new(BufReader::with_capacity(BUF, zst)))
    } else {
        Ok(Box::new(buffered))
    }
}

/// Hashes the first `resume.offset` bytes; true when they hash as recorded.
fn skip_prefix(
    reader: &mut dyn BufRead,
    resume: &MboxResume,
    hasher: &mut Xxh3,
) -> io::Result<bool> {
    let mut left = resume.offset;
    while left > 0 {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let n = buf.len().min(left as usize);
        hasher.update(&buf[..n]);
        reader.consume(n);
        left -= n as u64;
    }
    Ok(hasher.digest128() == resume.hash)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Nothing but blank lines seen yet.
    Unknown,
    Mbox,
    /// The input does not start with a `From ` line: all of it is one message.
    Single,
}

/// What the current message keeps of a line.
enum Keep {
    Line,
    /// The line without its first byte: a `>From ` line of an mbox.
    Unescaped,
    Nothing,
}

/// The current message being collected.
struct Current {
    start: u64,
    raw: Vec<u8>,
    size: u64,
    oversized: bool,
    head: Vec<u8>,
}

struct Splitter<'a> {
    sink: &'a mut dyn Sink,
    max: usize,
    pos: u64,
    hasher: Xxh3,
    mode: Mode,
    cur: Option<Current>,
    prev_blank: bool,
    stopped: bool,
}

impl<'a> Splitter<'a> {
    fn new(sink: &'a mut dyn Sink, max: usize, pos: u64, hasher: Xxh3) -> Self {
        Splitter {
            sink,
            max,
            pos,
            hasher,
            mode: Mode::Unknown,
            cur: None,
            prev_blank: true,
            stopped: false,
        }
    }

    /// Splits until end of input; false when the sink stopped it.
    fn run(&mut self, reader: &mut dyn BufRead) -> io::Result<bool> {
        let mut line: Vec<u8> = Vec::with_capacity(256);
        let mut continuing = false;
        loop {
            let buf = match reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.truncate();
                    return Err(e);
                }
            };
            if buf.is_empty() {
                break;
            }
            let n = buf.len();
            let mut start = 0;
            // Bytes of `buf` from here on are not hashed yet: whole runs of lines are hashed at
            // once, before a line that may end a message (the resume point hashes what is
            // before it) and at the end of the buffer; per line, hashing cost a tenth of reading.
            // A line is hashed after it is handled, never before: handling it may end a message.
            let mut hashed = 0;
            // Lines of `buf` kept for the current message and not yet added to it: added a run
            // at a time (one copy for most messages), before a line that may end the message,
            // before a line kept otherwise, and at the end of the buffer.
            let mut run = 0..0;
            // Whole lines are handled in place; only a line split across reads is copied.
            for i in memchr::memchr_iter(b'\n', buf) {
                if line.is_empty() {
                    let whole = &buf[start..=i];
                    if whole.starts_with(b"From ") {
                        self.hasher.update(&buf[hashed..start]);
                        hashed = start;
                        self.append(&buf[std::mem::take(&mut run)]);
                    }
                    match self.line(whole, continuing) {
                        Keep::Line if run.end == start && !run.is_empty() => run.end = i + 1,
                        Keep::Line => {
                            self.append(&buf[std::mem::replace(&mut run, start..i + 1)]);
                        }
                        Keep::Unescaped => {
                            self.append(&buf[std::mem::take(&mut run)]);
                            self.append(&whole[1..]);
                        }
                        Keep::Nothing => {}
                    }
                } else {
                    line.extend_from_slice(&buf[start..=i]);
                    self.keep(&line, continuing);
                    self.hasher.update(&line);
                    hashed = i + 1;
                    line.clear();
                }
                continuing = false;
                start = i + 1;
                if self.stopped {
                    break;
                }
            }
            self.append(&buf[run]);
            self.hasher.update(&buf[hashed..start]);
            line.extend_from_slice(&buf[start..]);
            reader.consume(n);
            if line.len() >= LINE_PIECE {
                self.keep(&line, continuing);
                self.hasher.update(&line);
                continuing = true;
                line.clear();
            }
            self.sink.read_so_far(self.pos + line.len() as u64);
            if self.sink.stopped() {
                self.stopped = true;
            }
            if self.stopped {
                return Ok(false);
            }
        }
        if !line.is_empty() {
            self.keep(&line, continuing);
            self.hasher.update(&line);
        }
        self.finish();
        Ok(!self.stopped)
    }

    /// Handles a line that is not in the reader's buffer and adds to the message what it keeps.
    fn keep(&mut self, line: &[u8], continuing: bool) {
        match self.line(line, continuing) {
            Keep::Line => self.append(line),
            Keep::Unescaped => self.append(&line[1..]),
            Keep::Nothing => {}
        }
    }

    /// One line (with its newline), or a piece of an over-long line when `continuing`: says what
    /// of it the current message keeps (the caller adds it). `run` hashes it afterwards: a
    /// `From ` line ends the message before it, whose resume point must not cover the line.
    fn line(&mut self, line: &[u8], continuing: bool) -> Keep {
        let at = self.pos;
        let blank = !continuing && is_blank(line);
        if !continuing {
            match self.mode {
                // Leading blank or whitespace-only lines are skipped, as git mailsplit does.
                Mode::Unknown if line.iter().all(u8::is_ascii_whitespace) => {}
                Mode::Unknown if line.starts_with(b"From ") => {
                    self.mode = Mode::Mbox;
                    self.separator(at);
                }
                Mode::Unknown => {
                    self.mode = Mode::Single;
                    self.start(at);
                }
                Mode::Mbox
                    if line.starts_with(b"From ") && (self.prev_blank || is_from_line(line)) =>
                {
                    self.separator(at);
                }
                _ => {}
            }
        }
        self.pos += line.len() as u64;
        self.prev_blank = blank;
        // The separator line itself is not part of the message.
        match &self.cur {
            None => Keep::Nothing,
            Some(c) if c.start == at && self.mode == Mode::Mbox => Keep::Nothing,
            Some(_) if self.mode == Mode::Mbox && !continuing && is_escaped_from(line) => {
                Keep::Unescaped
            }
            Some(_) => Keep::Line,
        }
    }

    /// A `From ` line at `at`: ends the current message and starts the next one.
    fn separator(&mut self, at: u64) {
        self.emit();
        self.start(at);
    }

    fn start(&mut self, at: u64) {
        self.cur = Some(Current {
            start: at,
            // Sized by its first run of lines, most often the whole message.
            raw: Vec::new(),
            size: 0,
            oversized: false,
            head: Vec::new(),
        });
    }

    fn append(&mut self, bytes: &[u8]) {
        let Some(cur) = self.cur.as_mut().filter(|_| !bytes.is_empty()) else {
            return;
        };
        cur.size += bytes.len() as u64;
        if cur.oversized {
            return;
        }
        cur.raw.extend_from_slice(bytes);
        if cur.raw.len() > self.max {
            cur.oversized = true;
            cur.head = cur.raw[..HEAD_KEEP.min(cur.raw.len())].to_vec();
            cur.raw = Vec::new();
        }
    }

    /// Hands the current message to the sink, with the position just after it.
    fn emit(&mut self) {
        let Some(mut cur) = self.cur.take() else {
            return;
        };
        if self.stopped {
            return;
        }
        let resume = Resume::Mbox(MboxResume {
            offset: self.pos,
            hash: self.hasher.digest128(),
        });
        let origin = Origin::Offset(cur.start);
        let item = if cur.oversized {
            Item::Oversized {
                origin,
                size: cur.size,
                head: cur.head,
            }
        } else {
            if self.mode == Mode::Mbox {
                strip_separator_blank(&mut cur.raw);
            }
            if cur.raw.iter().all(|b| b.is_ascii_whitespace()) {
                // An envelope line with nothing after it: nothing to import, nothing lost.
                return;
            }
            Item::Message {
                raw: cur.raw,
                origin,
            }
        };
        if !self.sink.item(item, resume) {
            self.stopped = true;
        }
    }

    fn finish(&mut self) {
        self.emit();
    }

    /// The input broke off: what was collected of the current message is handed over as such.
    fn truncate(&mut self) {
        let Some(cur) = self.cur.take() else { return };
        if self.stopped || cur.size == 0 {
            return;
        }
        let raw = if cur.oversized { cur.head } else { cur.raw };
        let item = Item::Truncated {
            raw,
            origin: Origin::Offset(cur.start),
        };
        self.sink.item(item, Resume::None);
    }
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// `>From `, `>>From ` ...: a body line escaped by the mbox writer.
fn is_escaped_from(line: &[u8]) -> bool {
    if line.first() != Some(&b'>') {
        return false;
    }
    let rest = &line[line.iter().take_while(|&&b| b == b'>').count()..];
    rest.starts_with(b"From ")
}

/// Removes the blank line an mbox writer puts between messages.
fn strip_separator_blank(raw: &mut Vec<u8>) {
    if raw.ends_with(b"\n\n") {
        raw.pop();
    } else if raw.ends_with(b"\r\n\r\n") {
        raw.truncate(raw.len() - 2);
    }
}

/// git mailsplit's test for an envelope line: `From ` ... `hh:mm:ss` ... a year after 1990.
fn is_from_line(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() < 20 || !line.starts_with(b"From ") {
        return false;
    }
    let Some(colon) = line[5..].iter().rposition(|&b| b == b':').map(|p| p + 5) else {
        return false;
    };
    let digit = |i: isize| {
        let i = colon as isize + i;
        i >= 0 && (i as usize) < line.len() && line[i as usize].is_ascii_digit()
    };
    if !(digit(-4) && digit(-2) && digit(-1) && digit(1) && digit(2)) {
        return false;
    }
    let year: String = line[(colon + 3).min(line.len())..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    year.parse::<u32>().is_ok_and(|y| y > 90)
}

#[cfg(test)]
mod tests;
