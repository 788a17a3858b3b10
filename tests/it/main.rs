//! Integration tests: the patchq binary run on temporary databases, and the corpus checks.
//!
//! Tests marked `#[ignore = "corpus ..."]` read `../shared/corpus` (or `$PATCHQ_CORPUS`); `.ci/run`
//! runs them with `cargo test --release -- --ignored`. Nothing here reads the network or the
//! developer's home.

mod am;
mod apply;
mod b4;
mod cli_paths;
mod concurrency;
mod config;
mod corpus;
mod corpus_bots;
mod corpus_crash;
mod corpus_fuzz;
mod corpus_link;
mod corpus_report;
mod corpus_series;
mod corpus_subsystems;
mod corpus_trust;
mod crash;
mod diff;
mod fuzz_replay;
mod golden;
mod helpers;
mod hostile;
mod import;
mod layering;
mod link;
mod link_partial;
mod link_paths;
mod man;
mod migrations;
mod pi_server;
mod public_inbox;
mod pw_series;
mod report;
mod report_html;
mod review;
mod sample;
mod shapes;
mod share;
mod subsystems;
mod sync;
mod trust;
