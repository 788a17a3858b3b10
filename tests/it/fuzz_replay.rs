//! The fuzz targets (`fuzz/src/lib.rs`) replayed on every `cargo test`: the seeds made from the
//! project's fixtures (the fuzzers' starting corpus, written by `examples/fuzz_seeds.rs`), and
//! every input a fuzzer found (`fixtures/fuzz/<target>/`, each a regression test of a bug fixed).

use std::collections::BTreeMap;

use crate::helpers::fixtures;

#[path = "../../fuzz/src/lib.rs"]
pub mod targets;

/// Inputs fuzzers found, kept as regression tests: `fixtures/fuzz/<target>/<name>`.
fn found() -> BTreeMap<String, Vec<(String, Vec<u8>)>> {
    let mut out: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    let root = fixtures().join("fuzz");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return out;
    };
    for dir in dirs {
        let dir = dir.unwrap().path();
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            out.entry(target.clone())
                .or_default()
                .push((name, std::fs::read(&f).unwrap()));
        }
    }
    out
}

fn target(name: &str) -> fn(&[u8]) {
    targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("fixtures/fuzz/{name}: no such fuzz target"))
        .1
}

/// Runs every input through its target; returns those that panicked.
fn replay(inputs: &BTreeMap<String, Vec<(String, Vec<u8>)>>) -> Vec<String> {
    let mut failed = Vec::new();
    for (t, list) in inputs {
        let run = target(t);
        for (name, data) in list {
            if std::panic::catch_unwind(|| run(data)).is_err() {
                failed.push(format!("{t}/{name}"));
            }
        }
    }
    failed
}

#[test]
fn every_fuzz_seed_runs_clean() {
    let seeds: BTreeMap<String, _> = targets::seeds(&fixtures())
        .into_iter()
        .map(|(t, v)| (t.to_string(), v))
        .collect();
    for (t, _) in targets::TARGETS {
        assert!(
            seeds.get(t).is_some_and(|s| s.len() >= 8),
            "target {t} needs seeds"
        );
    }
    assert_eq!(replay(&seeds), Vec::<String>::new());
}

#[test]
fn every_input_fuzzers_found_stays_fixed() {
    let found = found();
    assert!(!found.is_empty(), "fixtures/fuzz holds what fuzzing found");
    assert_eq!(replay(&found), Vec::<String>::new());
}
