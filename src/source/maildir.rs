//! Maildir walking: every file in `cur/` and `new/` is one message, read in name order; every
//! other entry (links, FIFOs, directories, devices) is reported and skipped.

use std::fs;
use std::path::Path;

use super::{Item, Resume, Sink, SourceError};
use crate::model::Origin;

/// Reads every message of the Maildir at `root`; returns how many files were read.
///
/// Files that cannot be read are reported through `on_error` and skipped, so one bad file never
/// stops the rest.
pub fn read_maildir(
    root: &Path,
    max_size: usize,
    sink: &mut dyn Sink,
    on_error: &mut dyn FnMut(SourceError),
) -> Result<u64, SourceError> {
    let mut names = Vec::new();
    for sub in ["cur", "new"] {
        let dir = root.join(sub);
        if !dir.is_dir() {
            continue;
        }
        let entries = fs::read_dir(&dir).map_err(|source| SourceError::Open {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(source) => {
                    on_error(SourceError::Open {
                        path: dir.clone(),
                        source,
                    });
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            match entry.file_type().map(|t| not_a_message(&t)) {
                Ok(None) => names.push(format!("{sub}/{name}")),
                Ok(Some(what)) => on_error(skipped(entry.path(), what)),
                Err(source) => on_error(SourceError::Open {
                    path: entry.path(),
                    source,
                }),
            }
        }
    }
    names.sort();
    let mut read = 0;
    for name in names {
        let path = root.join(&name);
        let origin = Origin::File(name);
        let item = match read_message(&path, max_size) {
            Ok(Content::Whole(mut raw)) => {
                strip_envelope(&mut raw);
                Item::Message { raw, origin }
            }
            Ok(Content::Head { size, head }) => Item::Oversized { origin, size, head },
            Ok(Content::Not(what)) => {
                on_error(skipped(path, what));
                continue;
            }
            Err(source) => {
                on_error(SourceError::Open { path, source });
                continue;
            }
        };
        read += 1;
        if !sink.item(item, Resume::None) {
            break;
        }
    }
    Ok(read)
}

/// What a Maildir entry is when it is not a regular file. Symbolic links are not followed (a
/// link to any file on the machine must not end up in the database), FIFOs and devices would
/// block or never end.
fn not_a_message(t: &fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if t.is_file() {
        None
    } else if t.is_symlink() {
        Some("a symbolic link")
    } else if t.is_dir() {
        Some("a directory")
    } else if t.is_fifo() {
        Some("a FIFO")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("a device")
    }
}

/// An entry skipped for being `what` instead of a regular file, when listed or when opened.
fn skipped(path: std::path::PathBuf, what: &str) -> SourceError {
    SourceError::Skipped {
        path,
        reason: format!("{what}, not a message file: skipped"),
    }
}

/// What a message file listed in the Maildir holds when it is opened.
enum Content {
    Whole(Vec<u8>),
    /// Over the size limit: its size, and its first bytes to name it by.
    Head {
        size: u64,
        head: Vec<u8>,
    },
    /// No longer a regular file (replaced since the directory was listed).
    Not(&'static str),
}

/// Reads a message file through one handle: opened without following a symbolic link, without
/// blocking on a FIFO and without taking a terminal as the controlling one, should any of them
/// have replaced the file since the directory was listed; its size taken from the handle
/// instead of looking the path up again.
fn read_message(path: &Path, max_size: usize) -> std::io::Result<Content> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path);
    let file = match file {
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Ok(Content::Not("a symbolic link"));
        }
        file => file?,
    };
    let meta = file.metadata()?;
    if let Some(what) = not_a_message(&meta.file_type()) {
        return Ok(Content::Not(what));
    }
    let size = meta.len();
    if size > max_size as u64 {
        let mut head = Vec::new();
        file.take(64 * 1024).read_to_end(&mut head)?;
        return Ok(Content::Head { size, head });
    }
    let mut raw = Vec::with_capacity(size as usize);
    (&file).read_to_end(&mut raw)?;
    Ok(Content::Whole(raw))
}

/// Some tools leave an mbox `From ` envelope line at the top of a Maildir file.
fn strip_envelope(raw: &mut Vec<u8>) {
    if raw.starts_with(b"From ") {
        let end = memchr::memchr(b'\n', raw).map_or(raw.len(), |i| i + 1);
        raw.drain(..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cur_and_new_in_name_order_skipping_dotfiles() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        fs::write(dir.path().join("new/2"), "Subject: two\n\nb\n").unwrap();
        fs::write(dir.path().join("cur/1:2,S"), "From x\nSubject: one\n\na\n").unwrap();
        fs::write(dir.path().join("cur/.hidden"), "x").unwrap();
        fs::write(dir.path().join("tmp/3"), "Subject: tmp\n\n").unwrap();
        let mut got = Vec::new();
        let mut sink = |item: Item, _r: Resume| {
            if let Item::Message { raw, origin } = item {
                got.push((origin.locator(), String::from_utf8(raw).unwrap()));
            }
            true
        };
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("cur/link")).unwrap();
        fs::create_dir(dir.path().join("new/sub")).unwrap();
        let fifo = dir.path().join("new/fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let mut skipped = Vec::new();
        let n = read_maildir(dir.path(), 1 << 20, &mut sink, &mut |e| {
            skipped.push(e.to_string())
        })
        .unwrap();
        assert_eq!(n, 2);
        skipped.sort();
        let d = dir.path().display();
        assert_eq!(
            skipped,
            [
                format!("{d}/cur/link: a symbolic link, not a message file: skipped"),
                format!("{d}/new/fifo: a FIFO, not a message file: skipped"),
                format!("{d}/new/sub: a directory, not a message file: skipped"),
            ]
        );
        assert_eq!(
            got,
            [
                ("cur/1:2,S".to_string(), "Subject: one\n\na\n".to_string()),
                ("new/2".to_string(), "Subject: two\n\nb\n".to_string())
            ]
        );
    }

    /// A file replaced by a link, a FIFO or a device between the listing and the reading is
    /// still not followed, waited on or read.
    #[test]
    fn a_file_replaced_after_the_listing_is_neither_followed_nor_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret");
        fs::write(&secret, "Subject: not mail\n\nsecret\n").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        assert!(matches!(
            read_message(&link, 1 << 20),
            Ok(Content::Not("a symbolic link"))
        ));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert!(matches!(
            read_message(&fifo, 1 << 20),
            Ok(Content::Not("a FIFO"))
        ));
        // A device is opened (non-blocking, never as a controlling terminal) only to be skipped.
        assert!(matches!(
            read_message(Path::new("/dev/null"), 1 << 20),
            Ok(Content::Not("a device"))
        ));
        match read_message(&secret, 10).unwrap() {
            Content::Head { size, head } => assert_eq!((size, head.len()), (26, 26)),
            _ => panic!("over the limit: its head"),
        }
        match read_message(&secret, 1 << 20).unwrap() {
            Content::Whole(raw) => assert_eq!(raw, b"Subject: not mail\n\nsecret\n"),
            _ => panic!("under the limit: whole"),
        }
    }
}
