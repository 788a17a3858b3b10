//! Telling what a path on the command line is, and fingerprinting files cheaply.

use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::SourceError;

/// What kind of input a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// An mbox file (mboxrd or mboxo, maybe compressed) or a single message file.
    File,
    Maildir,
    /// A public-inbox v2 inbox directory holding `git/N.git` epochs.
    PublicInbox,
    /// One public-inbox epoch: a bare git repository.
    Epoch,
    Stdin,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::File => "mbox",
            InputKind::Maildir => "maildir",
            InputKind::PublicInbox => "public-inbox",
            InputKind::Epoch => "public-inbox-epoch",
            InputKind::Stdin => "stdin",
        }
    }
}

/// A recognised input.
#[derive(Debug, Clone)]
pub struct Input {
    /// Canonical path (`-` for standard input).
    pub path: PathBuf,
    pub kind: InputKind,
    /// A regular file, which can be fingerprinted and read again from where an import
    /// stopped; a FIFO, a device or standard input can be read only once, as it comes.
    pub regular: bool,
}

impl Input {
    /// The stable key the database remembers this input by.
    pub fn key(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

/// Recognises `arg`: `-`, a file, a Maildir, a public-inbox inbox or one epoch's git directory.
pub fn detect(arg: &str) -> Result<Input, SourceError> {
    if arg == "-" {
        return Ok(Input {
            path: PathBuf::from("-"),
            kind: InputKind::Stdin,
            regular: false,
        });
    }
    let given = Path::new(arg);
    let meta = fs::metadata(given).map_err(|source| SourceError::Open {
        path: given.to_path_buf(),
        source,
    })?;
    let path = fs::canonicalize(given).unwrap_or_else(|_| given.to_path_buf());
    let kind = if meta.is_dir() {
        dir_kind(&path)?
    } else {
        InputKind::File
    };
    Ok(Input {
        path,
        kind,
        regular: meta.is_file(),
    })
}

fn dir_kind(path: &Path) -> Result<InputKind, SourceError> {
    if path.join("cur").is_dir() || path.join("new").is_dir() {
        return Ok(InputKind::Maildir);
    }
    if path.join("git").is_dir() && !super::public_inbox::epochs(path).is_empty() {
        return Ok(InputKind::PublicInbox);
    }
    if path.join("objects").is_dir() && path.join("HEAD").is_file() {
        return Ok(InputKind::Epoch);
    }
    Err(SourceError::NotAnArchive {
        path: path.to_path_buf(),
        reason: "a directory, but not a Maildir (no cur/ or new/), not a public-inbox \
                 inbox (no git/N.git) and not a git epoch (no objects/ and HEAD)"
            .into(),
    })
}

/// Enough about a file to tell cheaply that it has not changed since it was last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub mtime_ns: i64,
    /// xxh3-128 of the first and last 64 KiB.
    pub edges: u128,
}

/// Fingerprints the file at `path` without reading all of it.
pub fn fingerprint(path: &Path) -> std::io::Result<Fingerprint> {
    const EDGE: u64 = 64 * 1024;
    let mut file = fs::File::open(path)?;
    let meta = file.metadata()?;
    let size = meta.len();
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; EDGE.min(size) as usize];
    file.read_exact(&mut buf)?;
    hasher.update(&buf);
    if size > EDGE {
        let tail = EDGE.min(size - EDGE);
        file.seek(SeekFrom::Start(size - tail))?;
        buf.resize(tail as usize, 0);
        file.read_exact(&mut buf)?;
        hasher.update(&buf);
    }
    Ok(Fingerprint {
        size,
        mtime_ns,
        edges: hasher.digest128(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_directory_is_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let err = detect(dir.path().to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("not a Maildir"), "{err}");
    }

    #[test]
    fn maildir_and_files_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("cur")).unwrap();
        assert_eq!(
            detect(dir.path().to_str().unwrap()).unwrap().kind,
            InputKind::Maildir
        );
        let f = dir.path().join("m.mbox");
        fs::write(&f, "x").unwrap();
        assert_eq!(detect(f.to_str().unwrap()).unwrap().kind, InputKind::File);
        assert_eq!(detect("-").unwrap().kind, InputKind::Stdin);
    }

    #[test]
    fn missing_paths_name_the_path() {
        let err = detect("/nonexistent/patchq-test").unwrap_err();
        assert!(
            err.to_string().starts_with("/nonexistent/patchq-test"),
            "{err}"
        );
    }

    #[test]
    fn fingerprint_changes_with_content() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a");
        fs::write(&f, vec![b'a'; 200_000]).unwrap();
        let one = fingerprint(&f).unwrap();
        let mut data = vec![b'a'; 200_000];
        data[199_999] = b'b';
        fs::write(&f, data).unwrap();
        let two = fingerprint(&f).unwrap();
        assert_eq!(one.size, two.size);
        assert_ne!(one.edges, two.edges);
    }
}
