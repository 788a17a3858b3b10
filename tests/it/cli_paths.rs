//! The lesser flags and the bad-input paths of the commands added with linking, review, export,
//! search and the report, on the sample archive and its repository: each promise the help text
//! makes, and each refusal with its exit code and message.

use std::fs;

use crate::helpers::{Env, fixtures};
use crate::sample;

fn sample_env() -> (Env, sample::Sample) {
    let env = Env::new();
    let s = sample::build(env.dir.path());
    let mbox = env.path("sample.mbox");
    fs::write(&mbox, &s.mbox).unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    (env, s)
}

#[test]
fn link_ranges_formats_and_refusals() {
    let (env, s) = sample_env();
    let r = env.run(&["link"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no repository to scan yet"),
        "{}",
        r.stderr
    );
    let repo = s.repo.display().to_string();
    let r = env.run(&["link", "--repo", &repo, "--rev", "a-v1...a-v2"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("symmetric ranges (A...B) are not supported"),
        "{}",
        r.stderr
    );
    // A range: Jane's v2 branch past the base links her three v2 patches.
    let r = env.run(&[
        "--format",
        "csv",
        "link",
        "--repo",
        &repo,
        "--rev",
        "base..a-v2",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "msgid,commit,method,series");
    let mut linked: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    linked.sort_unstable();
    assert_eq!(
        linked,
        [
            "20261012-foo-v2-1@example.org",
            "20261012-foo-v2-2@example.org",
            "20261012-foo-v2-3@example.org"
        ]
    );
    assert!(
        lines[1..].iter().all(|l| l.ends_with(",patch-id,2")),
        "{lines:?}"
    );
    assert_eq!(env.stats()["commit_links"], 3);
    let shown = env.run(&["--format", "json", "show", "2"]).json();
    assert_eq!(
        (shown["state"].as_str(), shown["landed"].as_u64()),
        (Some("accepted"), Some(3))
    );
    let table = env.run(&["show", "2"]).stdout;
    assert!(
        table.contains("landed    3/3 patches") && table.contains("(patch-id, "),
        "{table}"
    );
}

#[test]
fn review_export_and_search_refusals() {
    let (env, _) = sample_env();
    // delegate needs someone, or --clear.
    let r = env.run(&["delegate", "3"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("then who to delegate them to"),
        "{}",
        r.stderr
    );
    assert_eq!(env.run(&["delegate", "3", "rita@example.org"]).code, 0);
    assert_eq!(env.run(&["delegate", "--clear", "3"]).code, 0);
    assert_eq!(
        env.run(&["--format", "json", "show", "3"]).json()["delegate"],
        serde_json::Value::Null
    );
    // am: a version the chain does not have; the cover letter on request.
    let r = env.run(&["am", "2", "--version", "7"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no v7 in the revision chain"),
        "{}",
        r.stderr
    );
    let r = env.run(&["am", "2", "--cover"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let subjects: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("Subject: "))
        .collect();
    assert_eq!(subjects.len(), 4);
    assert_eq!(subjects[0], "Subject: [PATCH v2 0/3] net: foo: cleanups");
    // search: nothing to look for; nothing found among outstanding series says how to widen.
    let r = env.run(&["search", "\"\""]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nothing to search for"), "{}", r.stderr);
    let r = env.run(&["search", "foo_probe"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--all searches every series"),
        "{}",
        r.stderr
    );
    assert_eq!(env.run(&["search", "--all", "foo_probe"]).code, 0);
}

#[test]
fn report_periods_scopes_and_refusals() {
    let (env, _) = sample_env();
    let m = fixtures().join("MAINTAINERS");
    assert_eq!(
        env.run(&["-q", "maintainers", "load", m.to_str().unwrap()])
            .code,
        0
    );
    let json = |args: &[&str]| {
        let mut all = vec!["--format", "json", "report"];
        all.extend_from_slice(args);
        let r = env
            .cmd(&all)
            .env("PATCHQ_NOW", "2026-11-27T12:00:00Z")
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        serde_json::from_slice::<serde_json::Value>(&r.stdout).unwrap()
    };
    // Default: the last complete ISO week before now.
    assert_eq!(json(&[])["period"]["label"], "2026-W47");
    let r = json(&["--since", "2026-10-01", "--until", "2026-11-01"]);
    assert_eq!(r["period"]["label"], "2026-10-01 to 2026-10-31");
    // October: Jane's v1 and v2, Bob's patch (the pull request is not a patch series).
    assert_eq!(r["activity"]["series_posted"]["value"], 3);
    // Narrowed: only Jane's FOO series; Max maintains FOO and GPIO.
    let foo = json(&[
        "--since",
        "2026-10-01",
        "--until",
        "2026-11-01",
        "--subsystem",
        "foo eth",
    ]);
    assert_eq!(foo["scope"], serde_json::json!(["FOO ETHERNET DRIVER"]));
    assert_eq!(foo["activity"]["series_posted"]["value"], 2);
    let max = json(&[
        "--since",
        "2026-10-01",
        "--until",
        "2026-11-01",
        "--maintainer",
        "max@example.org",
    ]);
    assert_eq!(
        max["scope"],
        serde_json::json!(["FOO ETHERNET DRIVER", "GPIO SUBSYSTEM"])
    );
    assert_eq!(max["activity"]["series_posted"]["value"], 3);
    for (args, code, said) in [
        (&["report", "--week", "2026-47"][..], 1, "not an ISO week"),
        (&["report", "--week", "2026-W54"], 1, "not an ISO week"),
        (
            &["report", "--since", "2026-11-01", "--until", "2026-10-01"],
            1,
            "--until must come after --since",
        ),
        (
            &["report", "--maintainer", "nobody@example.org"],
            1,
            "no maintainer address contains \"nobody@example.org\"; did you mean dora@example.org?",
        ),
        (
            &["--format", "csv", "report"],
            2,
            "patchq report cannot write --format csv; it writes md, html, json, table",
        ),
        (&["report", "--since", "2026-11-01"], 2, "--until"),
    ] {
        let r = env.run(args);
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(said), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_mistyped_database_path_or_missing_input_is_an_error_that_names_it() {
    let env = Env::new();
    // --db (or PATCHQ_DB) in a directory that does not exist: nothing is created.
    let missing = env.path("no-such-dir/sub/patchq.db");
    let db = missing.to_str().unwrap();
    let r = env.run(&["--db", db, "list"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{}: no such directory",
            env.path("no-such-dir/sub").display()
        )),
        "{}",
        r.stderr
    );
    assert!(!env.path("no-such-dir").exists());
    // The default location is created on first use.
    let mut home = Env::new();
    let data = home.path("data").display().to_string();
    home.vars.push(("XDG_DATA_HOME".into(), data));
    let mut cmd = home.cmd(&["list"]);
    cmd.env_remove("PATCHQ_DB");
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(home.path("data/patchq/patchq.db").exists());
    // The only input missing: an error (exit 2) before any database is made.
    let r = env.run(&["import", env.path("nosuch.mbox").to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("nosuch.mbox: no such file or directory"),
        "{}",
        r.stderr
    );
    assert!(!env.db().exists());
    // One missing among others: the others are imported, exit 3.
    let mbox = env.path("one.mbox");
    fs::copy(fixtures().join("sample.mbox"), &mbox).unwrap();
    let r = env.run(&[
        "import",
        env.path("nosuch.mbox").to_str().unwrap(),
        mbox.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("nosuch.mbox: cannot open"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_format_a_command_cannot_write_is_refused() {
    let (env, _) = sample_env();
    for (args, says) in [
        (
            vec!["--format", "json", "am", "2"],
            "patchq am cannot write --format json; it writes table",
        ),
        (
            vec!["--format", "csv", "show", "2"],
            "patchq show cannot write --format csv; it writes table, json",
        ),
        (
            vec!["--format", "html", "list"],
            "patchq list cannot write --format html; it writes table, json, csv",
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (2, ""),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    // Those it can write still work.
    assert_eq!(env.run(&["--format", "csv", "list"]).code, 0);
    assert_eq!(
        env.run(&["--format", "md", "report", "--week", "2026-W42"])
            .code,
        0
    );
}

/// A patch with a 230-character subject from a sender whose name is written in CJK characters
/// (two terminal columns each).
fn long_subject_mail() -> (String, String) {
    let subject = format!("net: foo: {}", "make the ring size configurable ".repeat(7));
    let subject = subject.trim_end().to_string();
    let mail = format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: 山田太郎 <taro@example.jp>\n\
         Date: Mon, 16 Nov 2026 10:00:00 +0000\nSubject: [PATCH] {subject}\n\
         Message-ID: <wide@example.jp>\n\nA change.\n\nSigned-off-by: Taro <taro@example.jp>\n---\n\
         diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-a\n+b\n"
    );
    (mail, subject)
}

/// Display width of each line of `out` (ANSI-free), and where "SUBJECT" / the subject starts.
fn columns(out: &str, subject: &str) -> (Vec<usize>, usize, usize) {
    use unicode_width::UnicodeWidthStr;
    let lines: Vec<&str> = out.lines().map(|l| l.trim_end_matches('\r')).collect();
    let widths = lines.iter().map(|l| l.width()).collect();
    let header = lines.iter().find(|l| l.starts_with("ID ")).unwrap();
    let head_at = header[..header.find("SUBJECT").unwrap()].width();
    let row = lines
        .iter()
        .find(|l| l.contains("山田太郎"))
        .unwrap_or_else(|| panic!("no row:\n{out}"));
    let row_at = row[..row.find(&subject[..8]).unwrap()].width();
    (widths, head_at, row_at)
}

#[test]
fn tables_fit_the_terminal_by_display_width_and_piped_output_is_not_cut() {
    let (env, _) = sample_env();
    let (mail, subject) = long_subject_mail();
    let path = env.path("wide.mbox");
    fs::write(&path, mail).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    // Piped, no COLUMNS: the whole subject.
    let r = env.run(&["list"]);
    assert!(r.stdout.contains(&subject), "{}", r.stdout);
    let (_, head_at, row_at) = columns(&r.stdout, &subject);
    assert_eq!(
        head_at, row_at,
        "the CJK name's row is aligned:\n{}",
        r.stdout
    );
    // COLUMNS: every line fits, by display width.
    let mut narrow = env.cmd(&["list"]);
    narrow.env("COLUMNS", "80");
    let out = String::from_utf8(narrow.output().unwrap().stdout).unwrap();
    let (widths, head_at, row_at) = columns(&out, &subject);
    assert_eq!(widths.iter().max(), Some(&80), "{out}");
    assert_eq!(head_at, row_at, "{out}");
    // A 200-column terminal (a pseudo-terminal made by script(1)), COLUMNS not exported as
    // bash does: the subject is cut at the terminal's edge, not at 100.
    let bin = env!("CARGO_BIN_EXE_patchq");
    let mut tty = env.cmd(&[]);
    tty.env_remove("COLUMNS");
    let mut script = std::process::Command::new("script");
    script.env_clear();
    for (k, v) in tty.get_envs() {
        if let Some(v) = v {
            script.env(k, v);
        }
    }
    script.args([
        "-qec",
        &format!("stty cols 200 rows 50; exec {bin} --color never list"),
        "/dev/null",
    ]);
    let out = String::from_utf8(script.output().unwrap().stdout).unwrap();
    let (widths, _, _) = columns(&out, &subject);
    assert_eq!(widths.iter().max(), Some(&200), "{out}");
    let row = out.lines().find(|l| l.contains("山田太郎")).unwrap();
    assert!(row.trim_end_matches('\r').ends_with('…'), "{row}");
    assert!(row.contains(&subject[..90]), "{row}");
}

#[test]
fn list_help_explains_every_column_and_state() {
    let env = Env::new();
    let help = env.run(&["list", "--help"]).stdout;
    for column in [
        "ID",
        "STATE",
        "AGE",
        "SUBSYSTEM",
        "VER",
        "N/N",
        "R/A/T",
        "SUBMITTER",
        "SUBJECT",
    ] {
        assert!(
            help.contains(&format!("\n  {column} ")),
            "{column}:\n{help}"
        );
    }
    for state in patchq::model::REVIEW_STATES {
        assert!(help.contains(state), "{state}");
    }
    assert!(help.contains("Examples:\n  patchq list "), "{help}");
    let man = fs::read_to_string(fixtures().join("../man/patchq-list.1")).unwrap();
    assert!(
        man.contains("R/A/T      Reviewed\\-by / Acked\\-by / Tested\\-by"),
        "{man}"
    );
}

#[test]
fn search_messages_finds_mail_outside_any_series() {
    let (env, _) = sample_env();
    let report = "From nobody Mon Sep 17 00:00:00 2001\nFrom: Rob Robot <robot@example.net>\n\
        Date: Tue, 17 Nov 2026 10:00:00 +0000\nSubject: interesting breakage in widget10\n\
        Message-ID: <breakage@example.net>\n\nwidget10 crashes on boot since 6.19-rc1.\n";
    let path = env.path("report.mbox");
    fs::write(&path, report).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    let hits = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--format", "json", "search", "--messages"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        r.stdout
            .lines()
            .flat_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .flat_map(|v| match v {
                serde_json::Value::Array(a) => a,
                one => vec![one],
            })
            .map(|v| v["msgid"].as_str().unwrap().to_string())
            .collect()
    };
    // Every stored message is searched: the bug report belongs to no series.
    assert_eq!(
        hits(&["widget10"]),
        vec!["breakage@example.net".to_string()]
    );
    assert_eq!(
        hits(&["subject:breakage"]),
        vec!["breakage@example.net".to_string()]
    );
    // Series filters, when given, still restrict to the messages of matching series.
    assert!(hits(&["--all", "widget10"]).is_empty());
    // A message of a closed series is found too without filters (accepted series 3).
    assert!(!hits(&["bar_get"]).is_empty());
}

#[test]
fn thread_prints_any_thread_as_a_tree_or_an_mbox() {
    let (env, _) = sample_env();
    let mails = "From nobody Mon Sep 17 00:00:00 2001\nFrom: Rob Robot <robot@example.net>\n\
        Date: Tue, 17 Nov 2026 10:00:00 +0000\nSubject: widget10 breaks\n\
        Message-ID: <bug@example.net>\n\n>From now on widget10 crashes.\n\n\
        From nobody Mon Sep 17 00:00:00 2001\nFrom: Max Maintainer <max@example.org>\n\
        Date: Tue, 17 Nov 2026 12:00:00 +0000\nSubject: Re: widget10 breaks\n\
        Message-ID: <bug-re@example.org>\nIn-Reply-To: <bug@example.net>\n\
        References: <bug@example.net>\n\nLooking.\n";
    let path = env.path("bug.mbox");
    fs::write(&path, mails).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    // Named by the reply: the whole thread, the reply under the report.
    let r = env.run(&["--format", "json", "thread", "<bug-re@example.org>"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got: Vec<(u64, String)> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["depth"].as_u64().unwrap(),
                n["msgid"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (0, "bug@example.net".to_string()),
            (1, "bug-re@example.org".to_string())
        ]
    );
    let text = env.run(&["thread", "bug@example.net"]).stdout;
    assert!(
        text.contains("   Re: widget10 breaks  (Max Maintainer) <bug-re@example.org>"),
        "{text}"
    );
    // As an mbox (the body's "From now" escaped): imported elsewhere, the same two messages.
    let r = env.run(&["thread", "--mbox", "bug@example.net"]);
    assert!(
        r.stdout.contains("\n>From now on widget10 crashes.\n"),
        "{}",
        r.stdout
    );
    let other = Env::new();
    let copy = other.path("copy.mbox");
    fs::write(&copy, &r.stdout).unwrap();
    assert_eq!(other.import(&[&copy]).code, 0);
    assert_eq!(other.stats()["messages"], 2);
    let r = env.run(&["thread", "nosuch@example.org"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no stored message <nosuch@example.org>"),
        "{}",
        r.stderr
    );
}

/// An import into a database that does not exist yet starts reading its first input before the
/// database is created; when it cannot be created, the import still ends at once with the
/// error, leaving nothing behind (an mbox file and a Maildir, the two inputs started early).
#[test]
fn an_import_whose_new_database_cannot_be_made_stops_its_early_reading() {
    let env = Env::new();
    let mbox = env.path("one.mbox");
    fs::write(
        &mbox,
        "From x Mon Jan  1 00:00:00 2024\nMessage-ID: <a@x>\nSubject: a\n\ntext\n",
    )
    .unwrap();
    let maildir = env.path("md");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    fs::write(
        maildir.join("new/1"),
        "Message-ID: <b@x>\nSubject: b\n\ntext\n",
    )
    .unwrap();
    let db = env.path("no-such-dir/patchq.db");
    for input in [&mbox, &maildir] {
        let r = env.run(&[
            "--db",
            db.to_str().unwrap(),
            "import",
            input.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "{}: no such directory",
                env.path("no-such-dir").display()
            )),
            "{}",
            r.stderr
        );
        assert!(!env.path("no-such-dir").exists());
    }
}
