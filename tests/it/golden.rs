//! Golden output of `list`, `show` and `search` in every format, on the sample archive with its
//! MAINTAINERS, a review history and `PATCHQ_NOW` pinned (`fixtures/golden/`;
//! `UPDATE_FIXTURES=1 cargo test golden` rewrites them, and fails naming them). And untrusted text: a subject and a
//! name full of terminal escape sequences print harmlessly in every table.

use std::fs;

use crate::helpers::{Env, compare_committed, fixtures};

const NOW: &str = "2026-11-27T12:00:00Z";

fn env() -> Env {
    let env = Env::new();
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    let r = env.run(&[
        "-q",
        "maintainers",
        "load",
        fixtures().join("MAINTAINERS").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

fn run(env: &Env, args: &[&str]) -> String {
    let out = env
        .cmd(args)
        .env("PATCHQ_NOW", NOW)
        .env("PATCHQ_USER", "max@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_show_and_search_output_is_as_recorded() {
    let env = env();
    run(
        &env,
        &[
            "-q",
            "state",
            "3",
            "accepted",
            "--note",
            "applied to gpio-next",
        ],
    );
    run(&env, &["-q", "delegate", "4", "carol@example.com"]);
    let cases: &[(&str, &[&str])] = &[
        ("list.txt", &["list"]),
        ("list-all.txt", &["list", "--all", "--sort", "subsystem"]),
        ("list.json", &["--format", "json", "list"]),
        ("list.csv", &["--format", "csv", "list", "--all"]),
        ("show.txt", &["show", "20261012-foo-v2-0@example.org"]),
        ("show.json", &["--format", "json", "show", "2"]),
        ("search.txt", &["search", "--all", "foo"]),
        (
            "search.json",
            &["--format", "json", "search", "paths:drivers/gpio"],
        ),
        (
            "search.csv",
            &["--format", "csv", "search", "--all", "subject:module"],
        ),
        (
            "search-messages.txt",
            &["search", "--all", "--messages", "foo_setup"],
        ),
        (
            "search-messages.json",
            &["--format", "json", "search", "--all", "--messages", "ring*"],
        ),
        (
            "search-messages.csv",
            &["--format", "csv", "search", "--all", "--messages", "Tested"],
        ),
    ];
    let dir = fixtures().join("golden");
    let stale: Vec<String> = cases
        .iter()
        .filter_map(|(file, args)| {
            let got = run(&env, args);
            compare_committed(&dir.join(file), got.as_bytes(), "UPDATE_FIXTURES")
                .map(|m| format!("{args:?}: {m}"))
        })
        .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn escape_sequences_in_mail_print_harmlessly() {
    let env = Env::new();
    let evil = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m \u{202e}evil\u{9b}31m";
    let mail = format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: Mal {evil} <mal@example.org>\n\
         Date: Mon, 02 Nov 2026 10:00:00 +0000\nSubject: [PATCH] x: {evil} subject\n\
         Message-ID: <evil@x>\n\nBody {evil}\n---\ndiff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n\
         @@ -1 +1 @@\n-a\n+b\n\n\
         From nobody Mon Sep 17 00:00:00 2001\nFrom: Rita <rita@example.org>\n\
         Date: Mon, 02 Nov 2026 11:00:00 +0000\nSubject: Re: [PATCH] x\nMessage-ID: <r@x>\n\
         In-Reply-To: <evil@x>\n\n{evil} first line\n"
    );
    let path = env.path("evil.mbox");
    fs::write(&path, mail).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    for args in [
        &["list"][..],
        &["show", "evil@x"],
        &["search", "subject"],
        &["search", "--messages", "subject"],
        &["--format", "csv", "list"],
        &["link", "--help"],
    ] {
        let out = run(&env, args);
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{args:?} printed a control character: {out:?}"
        );
        if args[0] != "link" {
            assert!(
                out.contains("red") && out.contains("evil"),
                "{args:?}: the text itself stays: {out}"
            );
        }
    }
    // JSON keeps the text, escaped as JSON escapes it.
    let json = run(&env, &["--format", "json", "show", "evil@x"]);
    assert!(json.contains("\\u001b]0;pwned\\u0007") && !json.contains('\x1b'));
}
