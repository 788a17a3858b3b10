//! JSON shapes scripts rely on (see the command-line contract). Field order is the declaration
//! order; changing a field is a breaking change.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::store::SeriesShapes;

/// `patchq import --format json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImportJson {
    pub read: u64,
    pub new: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub patches: u64,
    pub series: u64,
    pub elapsed_s: f64,
    /// Messages kept with a minimal record because the parser failed on them (among `new`).
    pub unparsed: u64,
}

/// `patchq check --format json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CheckJson {
    /// SQLite's findings; `["ok"]` when none.
    pub integrity: Vec<String>,
    /// Stored messages (and conflicting copies) read back.
    pub checked: u64,
    /// Of those, stored before checksums were kept.
    pub without_checksum: u64,
    pub damaged: Vec<DamagedJson>,
    pub unparsed: u64,
    pub unassembled: u64,
    pub rebuild_pending: bool,
    pub interrupted_imports: u64,
    /// `--reparse`: messages parsed again, and those that parse differently now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reparsed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parse_differently: Option<Vec<String>>,
}

/// A message whose stored bytes are damaged.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DamagedJson {
    pub msgid: String,
    pub why: String,
}

/// `patchq stats --format json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatsJson {
    pub messages: u64,
    pub patches: u64,
    pub covers: u64,
    pub replies: u64,
    pub series: u64,
    pub commit_links: u64,
    pub subsystems: u64,
    /// Messages kept but deleted from their inbox (removed or purged there).
    pub deleted: u64,
    /// `--series`: how the series are shaped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shapes: Option<ShapesJson>,
}

/// `patchq stats --series --format json`: the `shapes` object.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShapesJson {
    pub pulls: u64,
    pub with_cover: u64,
    pub complete: u64,
    pub incomplete: u64,
    pub single_patches: u64,
    pub resends: u64,
    pub rfcs: u64,
    pub with_replies: u64,
    pub superseded: u64,
    /// Revision chains by their number of revisions.
    pub chains: BTreeMap<u32, u64>,
    pub longest_chain: Option<String>,
    /// Trailers applied to patches, by kind.
    pub trailers: BTreeMap<String, u64>,
    pub carried: u64,
    pub mismatches: u64,
}

impl From<SeriesShapes> for ShapesJson {
    fn from(s: SeriesShapes) -> Self {
        ShapesJson {
            pulls: s.pulls,
            with_cover: s.with_cover,
            complete: s.complete,
            incomplete: s.incomplete,
            single_patches: s.single_patches,
            resends: s.resends,
            rfcs: s.rfcs,
            with_replies: s.with_replies,
            superseded: s.superseded,
            chains: s.chains,
            longest_chain: s.longest_chain,
            trailers: s.trailers,
            carried: s.carried,
            mismatches: s.mismatches,
        }
    }
}

/// One JSON document on a line.
pub fn to_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("wire structs always serialise")
}

/// `patchq sync --format json`: one per source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SyncJson {
    pub source: String,
    /// `remote`, `mbox`, `maildir`, `inbox`, `repo`, `maintainers` or `share`.
    pub kind: &'static str,
    pub new: u64,
    pub rejected: u64,
    pub elapsed_s: f64,
    /// Bytes received from the server (remotes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downloaded: Option<u64>,
    /// Links found and series accepted (repositories).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<u64>,
    /// Events pushed (share remotes; `new` counts those pulled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pushed: Option<u64>,
    /// Why the source failed (the others went on; exit code 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `patchq share push|pull --format json`: one per share remote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShareJson {
    pub remote: String,
    /// Events new to this database.
    pub pulled: u64,
    /// Events the remote did not hold before.
    pub pushed: u64,
}

/// `patchq share list --format json`: one per share remote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShareRemoteJson {
    pub name: String,
    pub url: String,
    /// The last complete push or pull (RFC 3339).
    pub synced: Option<String>,
}

/// `patchq remote list --format json`: one per remote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RemoteJson {
    pub name: String,
    pub url: String,
    /// `--since`, as a date (YYYY-MM-DD).
    pub since: Option<String>,
    pub list: Option<String>,
    /// The last complete sync (RFC 3339).
    pub synced: Option<String>,
}

/// `patchq fetch --format json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FetchJson {
    pub msgid: String,
    pub url: String,
    pub read: u64,
    pub new: u64,
    pub rejected: u64,
    pub elapsed_s: f64,
}

/// `patchq apply --format json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ApplyJson {
    pub series: i64,
    pub version: u32,
    pub msgid: String,
    /// `refs/heads/...`: where the series now is.
    pub branch: String,
    pub base: String,
    /// flag | base-commit | HEAD
    pub base_from: String,
    pub commits: Vec<AppliedCommitJson>,
    /// The merge commit, with `--merge`.
    pub merge: Option<String>,
}

/// One commit `patchq apply` made.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AppliedCommitJson {
    pub commit: String,
    pub subject: String,
}
