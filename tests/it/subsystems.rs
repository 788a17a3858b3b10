//! Subsystems on the sample archive: loading MAINTAINERS (a file, or a git revision), every
//! series mapped, the queries that use them, and mapping mail that arrives after the load.

use crate::helpers::{Env, fixtures};

fn subsystems_of(env: &Env) -> Vec<(String, Vec<String>)> {
    let list = env
        .run(&["--format", "json", "list", "--all", "--sort", "date"])
        .json();
    let mut out: Vec<(String, Vec<String>)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let names = s["subsystems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string())
                .collect();
            (s["msgid"].as_str().unwrap().to_string(), names)
        })
        .collect();
    out.sort();
    out
}

fn expected() -> Vec<(String, Vec<String>)> {
    let e = |key: &str, names: &[&str]| {
        (
            key.to_string(),
            names.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
        )
    };
    vec![
        e("20261005-foo-v1-0@example.org", &["FOO ETHERNET DRIVER"]),
        e("20261012-foo-v2-0@example.org", &["FOO ETHERNET DRIVER"]),
        e("20261020-gpio-bar-1@example.net", &["GPIO SUBSYSTEM"]),
        e("20261102-module-1@example.com", &["MODULE SUPPORT"]),
        e("20261115-doc-1@example.fr", &["DOCUMENTATION"]),
        // A pull request has no paths: the sections of the list it was posted to, in file order
        // (THE REST, a catch-all, only when no other section applies).
        e(
            "gpio-pull-6.19@example.org",
            &["FOO ETHERNET DRIVER", "GPIO SUBSYSTEM", "MODULE SUPPORT"],
        ),
    ]
}

fn loaded_sample() -> Env {
    let env = Env::new();
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    let maintainers = fixtures().join("MAINTAINERS");
    let r = env.run(&[
        "--format",
        "json",
        "maintainers",
        "load",
        maintainers.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["sections"], 5);
    assert_eq!(r.json()["series"], 6);
    env
}

#[test]
fn every_series_maps_to_the_sections_its_patches_touch() {
    let env = loaded_sample();
    assert_eq!(subsystems_of(&env), expected());
    assert_eq!(env.stats()["subsystems"], 5);
}

#[test]
fn list_by_subsystem_and_maintainer() {
    let env = loaded_sample();
    let ids = |args: &[&str]| env.list_keys(&[&["--all"], args].concat());
    assert_eq!(
        ids(&["--subsystem", "module support"]),
        [
            "20261102-module-1@example.com",
            "gpio-pull-6.19@example.org"
        ]
    );
    // A unique prefix, any case.
    assert_eq!(ids(&["--subsystem", "docu"]), ["20261115-doc-1@example.fr"]);
    // Carol maintains MODULE SUPPORT.
    assert_eq!(
        ids(&["--maintainer", "Carol@Example.com"]),
        [
            "20261102-module-1@example.com",
            "gpio-pull-6.19@example.org"
        ]
    );
    // Outstanding only by default: v1 of the foo series is superseded.
    let r = env.run(&["--format", "json", "list", "--subsystem", "foo ethernet"]);
    assert_eq!(r.json().as_array().unwrap().len(), 2);
    // Ambiguous: both candidates named, exit 1.
    let r = env.run(&["list", "--subsystem", "su"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("GPIO SUBSYSTEM") && r.stderr.contains("MODULE SUPPORT"),
        "{}",
        r.stderr
    );
    let r = env.run(&["list", "--subsystem", "no such thing"]);
    assert_eq!(r.code, 1);
    // Sorted by subsystem, the table names the first one.
    let out = env
        .cmd(&["list", "--sort", "subsystem"])
        .env("COLUMNS", "160")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let firsts: Vec<&str> = stdout.lines().skip(1).map(|l| &l[30..54]).collect();
    assert_eq!(
        firsts.iter().map(|s| s.trim()).collect::<Vec<_>>(),
        [
            "DOCUMENTATION",
            "FOO ETHERNET DRIVER",
            "FOO ETHERNET DRIVER",
            "GPIO SUBSYSTEM",
            "MODULE SUPPORT"
        ]
    );
}

#[test]
fn outstanding_per_subsystem() {
    let env = loaded_sample();
    let j = env.run(&["--format", "json", "subsystems"]).json();
    let rows: Vec<(String, u64, u64)> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["outstanding"].as_u64().unwrap(),
                r["waiting_for_review"].as_u64().unwrap(),
            )
        })
        .collect();
    // Outstanding: foo v2, gpio, module, doc and the pull request (foo v1 is superseded). The
    // sample's replies come from reviewers on foo v2, gpio and the pull request.
    assert_eq!(
        rows,
        [
            ("FOO ETHERNET DRIVER".to_string(), 2, 1),
            ("GPIO SUBSYSTEM".to_string(), 2, 1),
            ("MODULE SUPPORT".to_string(), 2, 1),
            ("DOCUMENTATION".to_string(), 1, 1),
        ]
    );
}

#[test]
fn match_and_show_follow_the_contract() {
    let env = Env::new();
    let m = fixtures().join("MAINTAINERS");
    let r = env.run(&[
        "--format",
        "json",
        "maintainers",
        "match",
        "--maintainers",
        m.to_str().unwrap(),
        "drivers/gpio/gpio-bar.c",
        "Documentation/private/notes.rst",
        "include/linux/gpio.h",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.json(),
        serde_json::json!([
            {"path": "drivers/gpio/gpio-bar.c", "subsystems": ["GPIO SUBSYSTEM", "THE REST"]},
            // X: Documentation/private/ excludes it from DOCUMENTATION.
            {"path": "Documentation/private/notes.rst", "subsystems": ["THE REST"]},
            {"path": "include/linux/gpio.h", "subsystems": ["GPIO SUBSYSTEM", "THE REST"]},
        ])
    );
    let r = env.run(&[
        "maintainers",
        "show",
        "--maintainers",
        m.to_str().unwrap(),
        "gpio",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("GPIO SUBSYSTEM\nM:\tMax Maintainer <max@example.org>\n")
    );
    assert!(r.stdout.contains("F:\tinclude/linux/gpio.h\n"));
    // Without --maintainers and nothing loaded: a clear error.
    let r = env.run(&["maintainers", "match", "x.c"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no MAINTAINERS loaded"), "{}", r.stderr);
}

#[test]
fn load_from_a_git_revision_and_map_mail_that_arrives_later() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = crate::sample::build(tmp.path());
    let env = Env::new();
    // Loaded first: the import maps the series as they are built.
    let r = env.run(&[
        "maintainers",
        "load",
        "--repo",
        sample.repo.to_str().unwrap(),
        "--rev",
        "master",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    assert_eq!(subsystems_of(&env), expected());
    let r = env.run(&["maintainers", "load", "--repo", "/nonexistent/repo"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// MAINTAINERS of the sample tree with only `K:` sections (and THE REST, which a series gets
/// only when no keyword section matched): `keywords` are (section name, regex).
fn keyword_maintainers(env: &Env, name: &str, keywords: &[(&str, &str)]) -> String {
    let mut text = String::new();
    for (section, re) in keywords {
        text.push_str(&format!(
            "{section}\nM:\tMax Maintainer <max@example.org>\nS:\tMaintained\nK:\t{re}\n\n"
        ));
    }
    text.push_str("THE REST\nM:\tLinus Lead <lead@example.org>\nS:\tBuried\nF:\t*\nF:\t*/\n");
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The sections of the foo v2 series (ring_size in patch 3) and of the module series
/// (module_is_tainted in patch 2).
fn keyword_sections(env: &Env) -> (Vec<String>, Vec<String>) {
    let all = subsystems_of(env);
    let of = |id: &str| all.iter().find(|(m, _)| m == id).unwrap().1.clone();
    (
        of("20261012-foo-v2-0@example.org"),
        of("20261102-module-1@example.com"),
    )
}

#[test]
fn k_regexes_are_tried_once_per_patch_and_reloads_try_only_new_ones() {
    let env = Env::new();
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    let load = |env: &Env, file: &str| {
        let r = env.run(&["maintainers", "load", file]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    let v = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let ring = ("RING WORDS", r"\bring_size\b");
    let taint = ("TAINT WORDS", r"module_is_tainted");
    load(&env, &keyword_maintainers(&env, "a", &[ring]));
    assert_eq!(
        keyword_sections(&env),
        (v(&["RING WORDS"]), v(&["THE REST"]))
    );
    load(&env, &keyword_maintainers(&env, "b", &[ring, taint]));
    assert_eq!(
        keyword_sections(&env),
        (v(&["RING WORDS"]), v(&["TAINT WORDS"]))
    );
    // The stored mail made unreadable: what the regexes already found stays (not re-read),
    // while a regex never tried (an edited K: line, which would match) finds nothing.
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute("UPDATE raw_chunks SET data = x'00'", [])
        .unwrap();
    drop(db);
    let edited = ("RING WORDS", r"ring_size\s*=");
    let c = keyword_maintainers(&env, "c", &[taint, edited]);
    load(&env, &c);
    assert_eq!(
        keyword_sections(&env),
        (v(&["THE REST"]), v(&["TAINT WORDS"]))
    );
    // A MAINTAINERS without K: lines forgets every regex and what it found.
    load(&env, &keyword_maintainers(&env, "d", &[]));
    let db = rusqlite::Connection::open(env.db()).unwrap();
    let left: (i64, i64) = db
        .query_row(
            "SELECT (SELECT count(*) FROM keyword_regexes), (SELECT count(*) FROM keyword_hits)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(left, (0, 0));
    drop(db);
    // With the mail intact, the edited regex does match.
    let fresh = Env::new();
    assert_eq!(fresh.import(&[&fixtures().join("sample.mbox")]).code, 0);
    load(&fresh, &c);
    assert_eq!(
        keyword_sections(&fresh),
        (v(&["RING WORDS"]), v(&["TAINT WORDS"]))
    );
}

/// A patch of the sample's list touching `file` (a path of `fixtures/MAINTAINERS`' tree).
fn patch_touching(id: &str, file: &str) -> String {
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: Ann <ann@example.org>\n\
         Date: Mon, 23 Nov 2026 10:00:00 +0000\nSubject: [PATCH] touch {file}\n\
         Message-ID: <{id}>\nList-Id: <widget-devel.lists.example.org>\n\nA change.\n\n\
         Signed-off-by: Ann <ann@example.org>\n---\n\
         diff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n\
         @@ -1,2 +1,3 @@\n a\n+b\n c\n\n"
    )
}

#[test]
fn a_catch_all_section_maps_only_series_no_other_section_takes_and_is_listed_last() {
    let env = loaded_sample();
    let mbox = env.path("more.mbox");
    std::fs::write(
        &mbox,
        patch_touching("rest-1@example.org", "Makefile")
            + &patch_touching("rest-2@example.org", "README")
            + &patch_touching("rest-3@example.org", "scripts/checkpatch.pl")
            + &patch_touching("private-1@example.org", "Documentation/private/notes.rst")
            + &patch_touching("gpio-9@example.org", "drivers/gpio/gpio-baz.c"),
    )
    .unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    let mapped = subsystems_of(&env);
    let of = |key: &str| mapped.iter().find(|(k, _)| k == key).unwrap().1.clone();
    // Paths only THE REST's `F: *` / `F: */` take (X: keeps the second out of DOCUMENTATION).
    assert_eq!(of("rest-1@example.org"), ["THE REST"]);
    assert_eq!(of("private-1@example.org"), ["THE REST"]);
    assert_eq!(of("gpio-9@example.org"), ["GPIO SUBSYSTEM"]);
    let j = env.run(&["--format", "json", "subsystems"]).json();
    let names: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    // THE REST holds the most outstanding series (4, GPIO 3) and still comes last.
    assert_eq!(
        names,
        [
            "GPIO SUBSYSTEM",
            "FOO ETHERNET DRIVER",
            "MODULE SUPPORT",
            "DOCUMENTATION",
            "THE REST"
        ]
    );
}

#[test]
fn maintainer_and_delegate_take_a_unique_part_and_suggest_close_addresses() {
    let env = loaded_sample();
    let all = |args: &[&str]| env.list_keys(&[&["--all"], args].concat());
    assert_eq!(
        all(&["--maintainer", "carol"]),
        all(&["--maintainer", "carol@example.com"])
    );
    assert!(!all(&["--maintainer", "CAROL@"]).is_empty());
    for (args, code, says) in [
        (
            vec!["list", "--maintainer", "carlo@example.com"],
            1,
            "no maintainer address contains \"carlo@example.com\"; did you mean carol@example.com?",
        ),
        (
            vec!["list", "--maintainer", "example.org"],
            1,
            "\"example.org\" matches several maintainer addresses: ",
        ),
        (
            vec!["report", "--maintainer", "zzz"],
            1,
            "no maintainer address contains \"zzz\"",
        ),
        (
            vec!["list", "--delegate", "nobody"],
            1,
            "no delegate address contains \"nobody\"",
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    // A delegate by a part of the address.
    assert_eq!(env.run(&["delegate", "2", "max@example.org"]).code, 0);
    assert_eq!(
        all(&["--delegate", "max@"]),
        vec!["20261012-foo-v2-0@example.org".to_string()]
    );
}

/// A patch whose keyword shows only once its body is decoded (base64, a quoted-printable soft
/// break, format=flowed, a single-byte charset) still matches a `K:` regex tried on a reload:
/// the reload skips parsing only mail that is its own text.
#[test]
fn a_keyword_hidden_by_the_transfer_encoding_is_still_found_on_reload() {
    use base64::Engine;
    let env = Env::new();
    let patch = |id: &str, headers: &str, body: &str| {
        format!(
            "From nobody Mon Sep 17 00:00:00 2001\nFrom: Ann <ann@example.org>\n\
             Date: Mon, 23 Nov 2026 10:00:00 +0000\nSubject: [PATCH] tweak {id}\n\
             Message-ID: <{id}@example.org>\nMIME-Version: 1.0\n{headers}\n\n{body}\n"
        )
    };
    let text = |word: &str| {
        format!(
            "Tune the {word} knob.\n\nSigned-off-by: Ann <ann@example.org>\n---\n\
             diff --git a/x.c b/x.c\nindex 1111111..2222222 100644\n--- a/x.c\n+++ b/x.c\n\
             @@ -1,2 +1,3 @@\n a\n+b\n c\n"
        )
    };
    let b64 = base64::engine::general_purpose::STANDARD.encode(text("frobnicator"));
    let b64 = b64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let mbox = [
        patch(
            "b64",
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64",
            &b64,
        ),
        patch(
            "qp",
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable",
            &text("frobni=\ncator"),
        ),
        patch(
            "flowed",
            "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes",
            &text("frobnicator").replacen("frobni", "frobni \n", 1),
        ),
        patch(
            "plain",
            "Content-Type: text/plain; charset=utf-8",
            &text("frobnicator"),
        ),
        patch(
            "other",
            "Content-Type: text/plain; charset=utf-8",
            &text("widget"),
        ),
    ]
    .concat();
    let file = env.path("encoded.mbox");
    std::fs::write(&file, mbox).unwrap();
    assert_eq!(env.import(&[&file]).code, 0);
    let load = |name: &str, re: &str| {
        let m = keyword_maintainers(&env, name, &[("FROB", re)]);
        let r = env.run(&["maintainers", "load", &m]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    let frob = |env: &Env| -> Vec<String> {
        subsystems_of(env)
            .into_iter()
            .filter(|(_, names)| names.contains(&"FROB".to_string()))
            .map(|(id, _)| id)
            .collect()
    };
    load("a", r"\bwidget\b");
    assert_eq!(frob(&env), ["other@example.org"]);
    // The edited line is a new regex, tried on every stored patch on this reload.
    load("b", r"\bfrobnicator\b");
    assert_eq!(
        frob(&env),
        [
            "b64@example.org",
            "flowed@example.org",
            "plain@example.org",
            "qp@example.org"
        ]
    );
}
