//! Writes the fuzz targets' seeds, made from `fixtures/`, as `DIR/<target>/seed-<name>`:
//! `cargo run --example fuzz_seeds -- DIR` (what `scripts/fuzz` starts the fuzzers from).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

fn main() {
    let dir = std::env::args_os().nth(1).expect("usage: fuzz_seeds DIR");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut n = 0;
    for (target, list) in targets::seeds(&fixtures) {
        let sub = std::path::Path::new(&dir).join(target);
        std::fs::create_dir_all(&sub).expect("creating the seed directory");
        for (name, data) in list {
            std::fs::write(sub.join(format!("seed-{name}")), data).expect("writing a seed");
            n += 1;
        }
    }
    eprintln!("{n} seeds written");
}
