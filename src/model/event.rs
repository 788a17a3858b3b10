//! A review event a person made, as it travels between replicas (`patchq share`).

/// The kinds of event a person makes; only these travel.
pub const PERSON_EVENT_KINDS: [&str; 4] = ["state", "delegate", "archive", "note"];

/// A person's change to a series' review record, with what makes it the same event on every
/// replica: a globally unique id, the Lamport clock and the replica that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEvent {
    /// 32 lowercase hex digits, unique across replicas.
    pub uid: String,
    /// The series' stable key (the Message-ID of its cover letter or first patch).
    pub key: String,
    /// `state` | `delegate` | `archive` | `note`.
    pub kind: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub who: String,
    pub why: Option<String>,
    /// Wall-clock time on the replica that made it (Unix seconds).
    pub at: i64,
    pub lamport: i64,
    /// The replica that made it (16 hex digits).
    pub replica: String,
}

/// A replica's id as shown and stored: 16 hex digits.
pub fn replica_name(id: i64) -> String {
    format!("{:016x}", id as u64)
}
