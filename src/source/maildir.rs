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
                Ok(Some(what)) => on_error(SourceError::Skipped {
                    path: entry.path(),
                    reason: format!("{what}, not a message file: skipped"),
                }),
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
        let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let item = if size > max_size as u64 {
            let head = read_head(&path).unwrap_or_default();
            Item::Oversized { origin, size, head }
        } else {
            match fs::read(&path) {
                Ok(mut raw) => {
                    strip_envelope(&mut raw);
                    Item::Message { raw, origin }
                }
                Err(source) => {
                    on_error(SourceError::Open { path, source });
                    continue;
                }
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

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(path)?
        .take(64 * 1024)
        .read_to_end(&mut head)?;
    Ok(head)
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
}
