//! Plain domain types shared by every layer: message identities, parsed mail, diffs, people.
//!
//! Owns: the vocabulary (`MessageId`, `Mail`, `FileChange`, `PatchId`, `Origin` ...) and small
//! pure helpers on it (normalising a Message-ID, hex forms).
//! Must not: do I/O, parse mail, or know about SQLite, git or the command line.

mod bot;
mod event;
mod link;
mod mail;
mod msgid;
mod subject;
mod trailer;
mod trust;

pub use bot::is_bot;
pub use event::{PERSON_EVENT_KINDS, SharedEvent, replica_name};
pub use link::{LinkMethod, RefKind, repo_name};
pub use mail::{
    ChangeStatus, DateSource, FileChange, Mail, MailDate, MailKind, PatchId, Person, PullRequest,
};
pub use msgid::{MessageId, extract_message_ids};
pub use subject::SubjectTags;
pub use trailer::Trailer;
pub use trust::{AttestState, Attestation, ListTrust, Trust, list_matches};

/// The review states of the contract, in the order they are listed.
pub const REVIEW_STATES: [&str; 10] = [
    "new",
    "under-review",
    "changes-requested",
    "accepted",
    "rejected",
    "superseded",
    "deferred",
    "rfc",
    "not-applicable",
    "awaiting-upstream",
];

/// Where a raw message came from, precise enough to find it again by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Byte offset of the message's first line in the (decompressed) mbox stream.
    Offset(u64),
    /// A file inside a Maildir, relative to the Maildir root (`cur/1700000000.M1P2.host:2,S`).
    File(String),
    /// A public-inbox epoch and the commit that added the message.
    Commit { epoch: u32, commit: String },
}

impl Origin {
    /// The short, stable text stored in the database and shown in messages.
    pub fn locator(&self) -> String {
        match self {
            Origin::Offset(o) => format!("byte {o}"),
            Origin::File(f) => f.clone(),
            Origin::Commit { epoch, commit } => format!("epoch {epoch} commit {commit}"),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.locator())
    }
}

/// `%XX` escapes of a URL segment decoded (invalid ones kept as written; bad UTF-8 replaced).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How many items two sorted multisets share (a merge walk; each item counts once per pairing).
pub fn sorted_overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Lower-case hex of a byte slice.
pub fn to_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_and_padded() {
        assert_eq!(to_hex(&[0, 1, 0xab, 0xff]), "0001abff");
    }

    #[test]
    fn origin_locators_name_the_place() {
        assert_eq!(Origin::Offset(42).locator(), "byte 42");
        assert_eq!(
            Origin::Commit {
                epoch: 2,
                commit: "abc".into()
            }
            .locator(),
            "epoch 2 commit abc"
        );
    }
}
