//! Generated man pages and completions are committed and current.
//! `UPDATE_GENERATED=1 cargo test man` rewrites them.

use std::fs;
use std::path::Path;

#[test]
fn man_pages_and_completions_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let files = patchq::cli::man_pages();
    assert!(files.iter().any(|(n, _)| n == "patchq-import.1"));
    let mut stale = Vec::new();
    for (name, content) in &files {
        let path = dir.join(name);
        if update {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, content).unwrap();
        } else if fs::read(&path).ok().as_ref() != Some(content) {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run UPDATE_GENERATED=1 cargo test man"
    );
    // Nothing generated is left over from removed commands.
    let expected: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".1") {
            assert!(
                expected.contains(&name.as_str()),
                "man/{name} is not generated any more"
            );
        }
    }
}

#[test]
fn completions_command_prints_a_script() {
    let env = crate::helpers::Env::new();
    let r = env.run(&["completions", "bash"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("_patchq()"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    assert!(r.stdout.contains("import"));
}
