//! Git linking: reading commits through git2 (facts, touched paths, the diff's patch-id and
//! changed-line fingerprint) and deciding which posted patch each commit applies.
//!
//! Owns: commit walking and diffing (the only user of git2 besides `source`), the Message-IDs a
//! commit message names, and the matching policy (signals, thresholds, conflicts).
//! Must not: touch the database (the app stores what it returns) or print.

mod apply;
mod matching;
mod refs;
mod repo;
pub mod route;

pub use apply::{GitTime, NewCommit, Stamp, am_message, parse_date};
pub use matching::{
    CommitSide, DIFF_MIN_SHARED, DIFF_THRESHOLD, PatchSide, SQUASH_COVERED, SQUASH_HELD, Verdict,
    WINDOW_AFTER, WINDOW_BEFORE, choose, judge, same_change, same_person, squashed, subject_key,
};
pub use refs::message_refs;
pub use repo::{
    CommitContent, CommitFacts, GitError, GitRepo, RevRange, TreeProbe, user_email, user_identity,
};
