//! `patchq diff` on revisions made here with `git format-patch`: v2 keeps patch 1, changes
//! patch 2, drops patch 3 and adds another; compared with what `git range-diff` says of the
//! same two branches.

use std::fs;
use std::path::Path;

use crate::helpers::{Env, git};
use crate::sample::{format_patch, thread};

const D: &str = "2026-03-02T10:00:00Z";

/// One commit of a branch: (file stem, line, its new text, subject).
type Change = (&'static str, usize, &'static str, &'static str);

fn commit(repo: &Path, file: &str, text: &str, msg: &str) {
    fs::write(repo.join(file), text).unwrap();
    git(repo, &["add", "-A"], D);
    git(
        repo,
        &[
            "commit",
            "-q",
            "--author=Jane Dev <jane@example.org>",
            "-m",
            msg,
        ],
        D,
    );
}

fn lines(name: &str, edit: Option<(usize, &str)>) -> String {
    (1..=12)
        .map(|i| match edit {
            Some((at, t)) if at == i => t.to_string(),
            _ => format!("int {name}_{i} = {i};"),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn diff_pairs_revisions_like_range_diff() {
    let env = Env::new();
    let repo = env.path("tree");
    fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "master"], D);
    for f in ["a", "b", "c", "d"] {
        fs::write(repo.join(format!("{f}.c")), lines(f, None)).unwrap();
    }
    git(&repo, &["add", "-A"], D);
    git(
        &repo,
        &[
            "commit",
            "-q",
            "--author=Jane Dev <jane@example.org>",
            "-m",
            "base",
        ],
        D,
    );
    git(&repo, &["tag", "base"], D);
    // (branch, [(file, line, text, subject)]): v2 keeps a, edits b, drops c, adds d.
    let branches: [(&str, [Change; 3]); 2] = [
        (
            "v1",
            [
                ("a", 3, "int a_3 = 33;", "a: set three"),
                ("b", 5, "int b_5 = 55;", "b: set five"),
                ("c", 7, "int c_7 = 77;", "c: set seven"),
            ],
        ),
        (
            "v2",
            [
                ("a", 3, "int a_3 = 33;", "a: set three"),
                ("b", 5, "int b_5 = 555;", "b: set five"),
                ("d", 9, "int d_9 = 99;", "d: set nine"),
            ],
        ),
    ];
    for (branch, commits) in branches {
        git(&repo, &["checkout", "-q", "-b", branch, "base"], D);
        for (f, at, text, subject) in commits {
            commit(
                &repo,
                &format!("{f}.c"),
                &lines(f, Some((at, text))),
                subject,
            );
        }
    }
    let mut mbox = String::new();
    for (v, extra) in [
        ("v1", vec!["-n", "--cover-letter"]),
        ("v2", vec!["-n", "--cover-letter", "-v2"]),
    ] {
        let mails = format_patch(&repo, &env.path("fp"), &format!("base..{v}"), &extra);
        let root = format!("{v}-0@example.org");
        for (n, m) in mails.iter().enumerate() {
            let id = format!("{v}-{n}@example.org");
            let m = m
                .replace("*** SUBJECT HERE ***", "three settings")
                .replace("*** BLURB HERE ***", &format!("Three settings, {v}."))
                .replace(
                    "From: Fixture Committer <committer@example.org>",
                    "From: Jane Dev <jane@example.org>",
                );
            let m = if n == 0 {
                thread(&m, &id, None, &[])
            } else {
                thread(&m, &id, Some(&root), &[&root])
            };
            mbox.push_str(&m);
            mbox.push('\n');
        }
    }
    let path = env.path("list.mbox");
    fs::write(&path, mbox).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    let r = env.run(&["--format", "json", "diff", "v2-0@example.org"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(
        (j["from"]["version"].as_u64(), j["to"]["version"].as_u64()),
        (Some(1), Some(2))
    );
    let got: Vec<(serde_json::Value, serde_json::Value, String, String)> = j["patches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["from"].clone(),
                p["to"].clone(),
                p["change"].as_str().unwrap().to_string(),
                p["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let n = |v: u64| serde_json::Value::from(v);
    let none = serde_json::Value::Null;
    assert_eq!(
        got,
        vec![
            (n(1), n(1), "unchanged".into(), "a: set three".into()),
            (n(2), n(2), "changed".into(), "b: set five".into()),
            (n(3), none.clone(), "dropped".into(), "c: set seven".into()),
            (none, n(3), "added".into(), "d: set nine".into()),
        ]
    );
    // The changed lines of the interdiff are those git range-diff prints for the pair.
    let ours: Vec<String> = j["patches"][1]["interdiff"]
        .as_str()
        .unwrap()
        .lines()
        .filter(|l| l.len() > 1 && matches!(&l[..2], "-+" | "++" | "--" | "+-"))
        .map(str::to_string)
        .collect();
    let range = git(
        &repo,
        &["range-diff", "--no-color", "base..v1", "base..v2"],
        D,
    );
    let theirs: Vec<String> = range
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.len() > 1 && matches!(&l[..2], "-+" | "++" | "--" | "+-"))
        .map(str::to_string)
        .collect();
    assert_eq!(ours, vec!["-+int b_5 = 55;", "++int b_5 = 555;"]);
    assert_eq!(ours, theirs, "{range}");
    // The text form, and the single-revision refusal.
    let t = env.run(&["diff", "v1-1@example.org"]).stdout;
    assert!(t.contains("2:   ! 2:   b: set five\n"), "{t}");
    assert!(t.contains("-:   > 3:   d: set nine\n"), "{t}");
    let r = env.run(&["diff", "2", "--from", "7"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no revision v7; the chain has v1, v2"),
        "{}",
        r.stderr
    );
    // Colour as git colours an interdiff, when asked (or on a terminal); none when piped.
    let c = env
        .run(&["--color", "always", "diff", "v1-1@example.org"])
        .stdout;
    assert!(c.contains("    \x1b[31m-+int b_5 = 55;\x1b[0m\n"), "{c:?}");
    assert!(c.contains("    \x1b[32m++int b_5 = 555;\x1b[0m\n"), "{c:?}");
    assert!(!t.contains('\x1b'), "{t:?}");
    // --to v1 leaves nothing older to compare with.
    let r = env.run(&["diff", "v2-0@example.org", "--to", "1"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("has a single revision"), "{}", r.stderr);
}
