//! Use cases that wire the layers together: import, stats (and later link, state, list, show,
//! am, report).
//!
//! Owns: the order of steps, batching and threading of imports, what is counted and reported.
//! Must not: print (it reports through observers and return values), parse arguments, or run
//! SQL itself.

pub mod am;
pub mod apply;
mod assembler;
pub mod check;
mod derive;
pub mod diff;
mod error;
pub mod fetch;
mod import;
pub mod link;
pub mod maintainers;
mod parallel;
mod pipeline;
pub mod query;
pub mod rebuild;
pub mod report;
pub mod review;
pub mod search;
mod series;
pub mod share;
pub mod sync;
pub mod thread;
pub mod ty;

pub use derive::{Finished, derive, finish_interrupted};
pub use error::AppError;
pub use import::{
    FirstInput, ImportNote, ImportObserver, ImportOptions, ImportReport, QuietObserver, import,
    import_started, start_first_input,
};
pub use series::{Arrivals, RebuildStats};

/// A work size: `default`, or the positive number in the environment variable `var` (tests
/// make batches tiny to reach every commit between them).
fn work_size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}
