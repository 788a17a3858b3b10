//! Generated man pages and completions are committed and current.
//! `UPDATE_GENERATED=1 cargo test man` rewrites them.

use std::fs;
use std::path::Path;

#[test]
fn man_pages_and_completions_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let files = patchq::cli::man_pages();
    assert!(files.iter().any(|(n, _)| n == "patchq-import.1"));
    let stale: Vec<String> = files
        .iter()
        .filter_map(|(name, content)| {
            crate::helpers::compare_committed(&dir.join(name), content, "UPDATE_GENERATED")
                .map(|m| m.lines().next().unwrap_or_default().to_string())
        })
        .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
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
    // Exactly the committed scripts (which the test above keeps current).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man/completions");
    for shell in ["bash", "zsh", "fish"] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let committed = fs::read_to_string(dir.join(format!("patchq.{shell}"))).unwrap();
        assert!(
            r.stdout == committed,
            "patchq completions {shell} differs from man/completions"
        );
    }
}

/// Every command's page has EXAMPLES; the pages that need them describe states, rules and
/// columns in sections of their own, and the top page its exit codes.
#[test]
fn man_pages_have_examples_and_describe_states_and_rules() {
    let pages = patchq::cli::man_pages();
    let page = |name: &str| -> String {
        let (_, body) = pages.iter().find(|(n, _)| n == name).unwrap();
        String::from_utf8(body.clone()).unwrap()
    };
    let mut without = Vec::new();
    for (name, body) in &pages {
        let text = String::from_utf8_lossy(body);
        if name.starts_with("patchq-") && !text.contains("\n.SH EXAMPLES\n") {
            without.push(name.clone());
        }
    }
    assert_eq!(without, Vec::<String>::new(), "pages without EXAMPLES");
    let state = page("patchq-state.1");
    for s in [
        "\n.SH STATES\n",
        "\n.SH RULES\n",
        "changes\\-requested ",
        "pw\\-bot",
    ] {
        assert!(state.contains(s), "patchq-state.1 lacks {s:?}");
    }
    assert!(page("patchq-link.1").contains("\n.SH RULES\n"));
    assert!(page("patchq-list.1").contains("\n.SH COLUMNS\n"));
    assert!(page("patchq-config.1").contains("\n.SH FILE\n"));
    assert!(page("patchq.1").contains("\n.SH EXIT STATUS\n"));
}
