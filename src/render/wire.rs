//! JSON shapes scripts rely on (see the command-line contract). Field order is the declaration
//! order; changing a field is a breaking change.

use serde::Serialize;

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
}

/// One JSON document on a line.
pub fn to_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("wire structs always serialise")
}
