//! The module rules of design.md, checked on the source: which crate each module may use, and
//! that a module uses only modules above it in the table (nothing points back up).

use std::fs;
use std::path::{Path, PathBuf};

/// Module rows from design.md; a module may use modules of smaller rows only.
const ROWS: &[(&str, u32)] = &[
    ("model", 0),
    ("source", 1),
    ("parse", 1),
    ("maintainers", 1),
    ("remote", 1),
    ("thread", 2),
    ("store", 3),
    ("gitlink", 3),
    ("share", 3),
    ("report", 4),
    ("render", 5),
    ("app", 6),
    ("cli", 7),
];

/// Crates reserved to some modules.
const CRATES: &[(&str, &[&str])] = &[
    ("rusqlite", &["store"]),
    ("git2", &["gitlink", "source", "remote", "share"]),
    ("ureq", &["remote"]),
    ("clap", &["cli"]),
    ("clap_mangen", &["cli"]),
    ("clap_complete", &["cli"]),
    ("mail_parser", &["parse"]),
    ("indicatif", &["cli"]),
    ("flate2", &["source"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file under src/ belongs to (`None` for lib.rs and main.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

#[test]
fn every_module_keeps_to_its_row_and_its_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let row = |m: &str| ROWS.iter().find(|(n, _)| *n == m).map(|(_, r)| *r);
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let my_row =
            row(&module).unwrap_or_else(|| panic!("module {module} is not in design.md's table"));
        let text = fs::read_to_string(file).unwrap();
        for (other, other_row) in ROWS {
            let used = text.contains(&format!("crate::{other}::"))
                || text.contains(&format!("crate::{other}}}"))
                || text.contains(&format!("crate::{other};"))
                || text.contains(&format!("crate::{{{other}"));
            if *other != module && used && *other_row >= my_row {
                problems.push(format!(
                    "{}: {module} (row {my_row}) uses {other} (row {other_row})",
                    file.display()
                ));
            }
        }
        for (krate, allowed) in CRATES {
            let uses =
                text.contains(&format!("{krate}::")) || text.contains(&format!("use {krate}"));
            if uses && !allowed.contains(&module.as_str()) {
                problems.push(format!(
                    "{}: {krate} used outside {allowed:?}",
                    file.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_module_says_what_it_owns() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} must start with a //! header",
            file.display()
        );
    }
}
