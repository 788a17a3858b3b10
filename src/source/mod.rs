//! Opening archives and yielding raw messages with their origin.
//!
//! Owns: recognising what a path is (mbox file, gzip/zstd mbox, single message, Maildir,
//! public-inbox inbox or epoch, standard input), splitting mboxes (mboxrd un-escaping),
//! resuming an mbox that grew, walking Maildirs, reading public-inbox epochs through git2, and
//! reading one file (MAINTAINERS) out of a repository at a revision.
//! It is the only user of gzip/zstd decoding and Maildir walking.
//! Must not: parse messages, touch the database, or decide what is a duplicate.

mod detect;
mod error;
mod git_file;
mod maildir;
mod mbox;
mod public_inbox;

use crate::model::Origin;

pub use detect::{Fingerprint, Input, InputKind, detect, fingerprint};
pub use error::SourceError;
pub use git_file::{GitFile, read_git_file};
pub use maildir::read_maildir;
pub use mbox::{MboxOutcome, MboxResume, read_mbox, split_mbox, unpack};
pub use public_inbox::{
    EpochOutcome, EpochResume, epoch_number, epochs, history_rewritten, read_epoch,
};

/// Messages larger than this are rejected unless the caller sets another limit.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 32 * 1024 * 1024;

/// Where a later import can pick up after an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resume {
    /// An mbox read up to `offset` bytes (decompressed), whose content hashes to `hash`.
    Mbox(MboxResume),
    /// A public-inbox epoch read up to and including `commit`.
    Epoch(EpochResume),
    /// Nothing to resume from (Maildir files, standard input).
    None,
}

/// What a source yields.
#[derive(Debug)]
pub enum Item {
    /// A complete raw message.
    Message { raw: Vec<u8>, origin: Origin },
    /// A message over the size limit; only its first bytes are kept to name it.
    Oversized {
        origin: Origin,
        size: u64,
        head: Vec<u8>,
    },
    /// A message cut short because the input ended in error (truncated gzip ...).
    Truncated { raw: Vec<u8>, origin: Origin },
    /// public-inbox recorded the removal of this message (a `d` blob).
    Deleted { raw: Vec<u8>, origin: Origin },
}

impl Item {
    pub fn origin(&self) -> &Origin {
        match self {
            Item::Message { origin, .. }
            | Item::Oversized { origin, .. }
            | Item::Truncated { origin, .. }
            | Item::Deleted { origin, .. } => origin,
        }
    }
}

/// Receives items in archive order. Returning `false` stops the source early.
pub trait Sink {
    fn item(&mut self, item: Item, resume: Resume) -> bool;

    /// Told now and then how many bytes have been read (a device or FIFO may give no message
    /// for a long time, or ever).
    fn read_so_far(&mut self, _bytes: u64) {}

    /// True when the reader should stop where it is (the user pressed Ctrl-C): what was handed
    /// over is kept, a message half read is dropped (read again next time).
    fn stopped(&self) -> bool {
        false
    }
}

impl<F: FnMut(Item, Resume) -> bool> Sink for F {
    fn item(&mut self, item: Item, resume: Resume) -> bool {
        self(item, resume)
    }
}
