//! patchq: triage patches sent to kernel-style mailing lists.
//!
//! Modules follow the one-way rule of `design.md`: each uses only the modules listed before it.
//! `model` (types) -> `source`, `parse`, `maintainers`, `remote` (reading) -> `thread`
//! (series) -> `store` (SQLite), `gitlink` (commits), `share` (review events in git) -> `render` (output) -> `app` (use cases)
//! -> `cli` (command line).

pub mod model;

pub mod maintainers;
pub mod parse;
pub mod remote;
pub mod source;

pub mod thread;

pub mod gitlink;
pub mod share;
pub mod store;

pub mod report;

pub mod render;

pub mod app;

pub mod cli;
