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
    ("toml", &["cli"]),
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

/// The crate modules a file's code names: every `crate::X` path, grouped imports included
/// (`use crate::{model::Mail, store::{Store, Tx}}` names model and store), and, in a module's
/// own `mod.rs`, `super::X` (there, `super` is the crate). Comment lines are left out.
fn modules_named(text: &str, super_is_crate: bool) -> std::collections::BTreeSet<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = std::collections::BTreeSet::new();
    let mut prefixes = vec!["crate::"];
    if super_is_crate {
        prefixes.push("super::");
    }
    for prefix in prefixes {
        for (at, _) in code.match_indices(prefix) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[at + prefix.len()..];
            match rest.strip_prefix('{') {
                Some(group) => out.extend(group_heads(group)),
                None => out.extend(ident(rest)),
            }
        }
    }
    out
}

/// The first name of each item of a brace group (`model::Mail, store::{A, B}}` gives model and
/// store); nested groups are skipped.
fn group_heads(group: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, true);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && depth == 0 && !c.is_whitespace() => {
                out.extend(ident(&group[i..]));
                start = false;
            }
            _ => {}
        }
    }
    out
}

fn ident(s: &str) -> Option<String> {
    let name: String = s
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[test]
fn grouped_and_nested_imports_are_seen() {
    let text = "use crate::{model::Mail, store::{Store, Tx}};\n// crate::cli::x\nfn f() { crate::render::x(); super::app::y(); }";
    let names: Vec<String> = modules_named(text, true).into_iter().collect();
    assert_eq!(names, ["app", "model", "render", "store"]);
    let names: Vec<String> = modules_named(text, false).into_iter().collect();
    assert_eq!(names, ["model", "render", "store"]);
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
        // In src/X.rs and src/X/mod.rs, `super` is the crate.
        let super_is_crate = file.parent() == Some(src.as_path())
            || (file.ends_with("mod.rs")
                && file.parent().and_then(Path::parent) == Some(src.as_path()));
        let named = modules_named(&text, super_is_crate);
        for (other, other_row) in ROWS {
            let used = named.contains(*other);
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

/// `cli` holds the database handle but asks `app` for everything (design.md: cli has no use-case
/// logic and no SQL): no store method is called there but the read-only probe.
#[test]
fn the_cli_reaches_the_database_only_through_app() {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let mut files = Vec::new();
    rust_files(&cli, &mut files);
    let call = regex::Regex::new(r"\bstore\.([a-z_]+)\(").unwrap();
    let mut calls = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for c in call.captures_iter(&text) {
            if &c[1] != "read_only" {
                calls.push(format!("{}: store.{}()", file.display(), &c[1]));
            }
        }
    }
    assert!(calls.is_empty(), "{}", calls.join("\n"));
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
