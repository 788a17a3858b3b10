//! Checks against the real corpus in `../shared/corpus` (run by `.ci/run`).
