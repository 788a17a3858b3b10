//! A hostile world: a message the parser fails on, damaged storage, another program's SQLite file,
//! a database from a newer patchq, a read-only directory, a full disk, a Maildir holding links
//! and FIFOs, an endless device and a FIFO stopped with Ctrl-C. Nothing read is lost, every
//! refusal is clear, and a later run completes.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{Env, dump, dump_difference, fixtures, stored_messages};

fn series_mbox(token: &str) -> String {
    let mail = |id: &str, subject: &str, parent: Option<&str>, body: &str| {
        let refs = parent
            .map(|p| format!("In-Reply-To: <{p}>\nReferences: <c0@x>\n <{p}>\n"))
            .unwrap_or_default();
        let from = match subject.starts_with("Re:") {
            true => "Rita Reviewer <rita@example.org>",
            false => "Jane Dev <jane@example.org>",
        };
        format!(
            "From nobody Mon Sep 17 00:00:00 2001\nFrom: {from}\n\
             Date: Mon, 2 Mar 2026 10:00:00 +0000\nSubject: {subject}\nMessage-ID: <{id}>\n{refs}\n\
             {body}\n\n"
        )
    };
    let patch = |n: u32, extra: &str| {
        format!(
            "Part {n}.{extra}\n\nSigned-off-by: Jane Dev <jane@example.org>\n---\n\
             diff --git a/w{n}.c b/w{n}.c\n--- a/w{n}.c\n+++ b/w{n}.c\n@@ -1 +1 @@\n-a\n+b\n"
        )
    };
    [
        mail("c0@x", "[PATCH 0/2] widget: two parts", None, "Two parts."),
        mail(
            "c1@x",
            "[PATCH 1/2] widget: one",
            Some("c0@x"),
            &patch(1, ""),
        ),
        mail(
            "c2@x",
            "[PATCH 2/2] widget: two",
            Some("c0@x"),
            &patch(2, token),
        ),
        mail(
            "c3@x",
            "Re: [PATCH 2/2] widget: two",
            Some("c2@x"),
            "Fine.\n\nReviewed-by: Rita Reviewer <rita@example.org>",
        ),
    ]
    .concat()
}

#[test]
fn a_message_the_parser_fails_on_is_kept_and_rebuild_parses_it_once_fixed() {
    const TOKEN: &str = " PARSER-TRIPS-HERE";
    let env = Env::new();
    let mbox = env.path("s.mbox");
    fs::write(&mbox, series_mbox(TOKEN)).unwrap();
    let out = env
        .cmd(&["--format", "json", "import", mbox.to_str().unwrap()])
        .env("PATCHQ_TEST_PARSE_FAILURE", TOKEN.trim())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("<c2@x>: kept, not parsed: internal error while parsing"),
        "{stderr}"
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (j["new"].as_u64(), j["unparsed"].as_u64()),
        (Some(4), Some(1))
    );
    // Kept under its own name, with what its headers say, raw bytes and all.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let row: (String, String, String) = conn
        .query_row(
            "SELECT subject, from_email, parse_error FROM messages WHERE msgid = 'c2@x'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row.0, "[PATCH 2/2] widget: two");
    assert_eq!(row.1, "jane@example.org");
    assert!(row.2.starts_with("kept, not parsed"), "{}", row.2);
    let check = env.run(&["--format", "json", "check"]).json();
    assert_eq!(check["unparsed"], 1);
    // The parser "fixed": rebuild reads it again, and the result is a clean import's.
    let r = env.run(&["rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("1 parsed now that were not"),
        "{}",
        r.stderr
    );
    let clean = Env::new();
    assert_eq!(clean.import(&[&mbox]).code, 0);
    assert!(
        dump(&env.db()) == dump(&clean.db()),
        "{}",
        dump_difference(&dump(&clean.db()), &dump(&env.db()))
    );
    let series = env.run(&["--format", "json", "show", "c0@x"]).json();
    assert_eq!(series["received"], 2);
    assert_eq!(series["patches"][1]["trailers"][0]["kind"], "Reviewed-by");
}

/// The sample imported, and (message row id, chunk row id) of each message.
fn sample_db() -> (Env, Vec<(String, i64)>) {
    let env = Env::new();
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let rows = conn
        .prepare("SELECT msgid, raw_chunk FROM messages ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (env, rows)
}

fn damaged_msgids(check: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = check["damaged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["msgid"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn damaged_mail_is_named_by_check_and_rebuild_keeps_its_rows() {
    let (env, rows) = sample_db();
    let before = dump(&env.db());
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    // One message's place in its chunk is off by a byte: only it is damaged.
    conn.execute(
        "UPDATE messages SET raw_offset = raw_offset + 1 WHERE msgid = 'rita-2@example.org'",
        [],
    )
    .unwrap();
    let r = env.run(&["--format", "json", "check"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let check = r.json();
    assert_eq!(check["integrity"], serde_json::json!(["ok"]));
    assert_eq!(damaged_msgids(&check), ["rita-2@example.org"]);
    assert!(
        check["damaged"][0]["why"]
            .as_str()
            .unwrap()
            .contains("do not hash as stored")
    );
    // A byte of a whole chunk flipped: every message in it is damaged (zstd's checksum).
    let chunk = rows[0].1;
    let data: Vec<u8> = conn
        .query_row("SELECT data FROM raw_chunks WHERE id = ?1", [chunk], |r| {
            r.get(0)
        })
        .unwrap();
    let mut bad = data.clone();
    let at = bad.len() / 2;
    bad[at] ^= 0x41;
    conn.execute(
        "UPDATE raw_chunks SET data = ?1 WHERE id = ?2",
        rusqlite::params![bad, chunk],
    )
    .unwrap();
    let check = env.run(&["--format", "json", "check"]).json();
    let mut in_chunk: Vec<String> = rows
        .iter()
        .filter(|(_, c)| *c == chunk)
        .map(|(m, _)| m.clone())
        .collect();
    in_chunk.sort();
    assert_eq!(damaged_msgids(&check), in_chunk);
    // rebuild names them, keeps what was parsed from them, and exits 3.
    let r = env.run(&["rebuild"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("damaged: <20261005-foo-v1-0@example.org>"),
        "{}",
        r.stderr
    );
    let after = dump(&env.db());
    let messages = |d: &str| d.split("== placement").next().unwrap().to_string();
    assert_eq!(messages(&after), messages(&before));
    assert_eq!(env.run(&["show", "20261005-foo-v1-0@example.org"]).code, 0);
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let env = Env::new();
    let path = env.path("other.sqlite");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE accounts(id INTEGER, balance INTEGER); INSERT INTO accounts VALUES (1, 100);")
            .unwrap();
    }
    let bytes = fs::read(&path).unwrap();
    let r = env.run(&["--db", path.to_str().unwrap(), "stats"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("not a patchq database (it holds accounts); give another file with --db"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!env.path("other.sqlite-wal").exists());
    // An empty file is a new database.
    let empty = env.path("empty.db");
    fs::write(&empty, b"").unwrap();
    let r = env.run(&["--db", empty.to_str().unwrap(), "--format", "json", "stats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_database_from_a_newer_patchq_is_refused_before_anything_changes() {
    let (env, _) = sample_db();
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let bytes = fs::read(env.db()).unwrap();
    for args in [&["stats"][..], &["import", "/dev/null"], &["list"]] {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("newer than this patchq supports"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(fs::read(env.db()).unwrap(), bytes);
    assert!(!env.path("patchq.db-wal").exists() && !env.path("patchq.db-shm").exists());
}

/// Runs `script` (sh) in a mount namespace of its own as root (`unshare`), so that it can mount
/// a small or read-only tmpfs; `$P` is patchq, `$T` the test's directory. Returns its output.
fn in_namespace(env: &Env, script: &str) -> String {
    let out = Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-eu",
            "-c",
            script,
        ])
        .env("P", env!("CARGO_BIN_EXE_patchq"))
        .env("T", env.dir.path())
        .env("HOME", env.dir.path())
        .output()
        .expect("unshare runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the namespace script failed:\n{text}");
    text
}

#[test]
fn a_read_only_directory_without_shared_memory_file_is_read_and_refuses_writes() {
    let (env, _) = sample_db();
    assert_eq!(env.run(&["search", "--all", "foo"]).code, 0);
    assert!(
        !env.path("patchq.db-shm").exists(),
        "a clean close leaves no -shm"
    );
    fs::create_dir(env.path("ro")).unwrap();
    let script = r#"
        mount -t tmpfs -o size=16m none "$T/ro"
        cp "$T/patchq.db" "$T/ro/"
        mount -o remount,ro "$T/ro"
        db="$T/ro/patchq.db"
        for cmd in "--format json list --all" "show 20261012-foo-v2-0@example.org" \
                   "--format json search --all foo" "--format json stats" "report --week 2026-W42" \
                   "--format json check"; do
            "$P" --db "$db" $cmd > "$T/out" 2> "$T/err" || { echo "FAILED: $cmd"; cat "$T/err"; exit 1; }
            echo "ok: $cmd $(wc -c < "$T/out")"
        done
        for cmd in "state 20261012-foo-v2-0@example.org deferred" "import /dev/null"; do
            code=0; "$P" --db "$db" $cmd 2> "$T/err" || code=$?
            echo "refused $code: $(head -c 300 "$T/err")"
        done
    "#;
    let text = in_namespace(&env, script);
    assert_eq!(text.matches("ok: ").count(), 6, "{text}");
    assert!(!text.contains("ok: --format json list --all 3\n"), "{text}");
    let refusal = "refused 2: patchq: error: ";
    assert_eq!(text.matches(refusal).count(), 2, "{text}");
    assert_eq!(
        text.matches("cannot write to the database: nothing can be written beside it")
            .count(),
        2,
        "{text}"
    );
}

/// The small disk holds the sample's import at its largest (a new database of 1.4 MB, and 2.1 MB
/// of log until a checkpoint copies it: 3.5 MB) but not the big archive's (5.2 MB without its
/// log). It was 3 MB, which held the sample only as long as its log was never copied before the
/// close, whose failed checkpoint leaves the log in place: since each commit wakes the
/// checkpointing thread, the copy can come first and the next write finds the disk full.
#[test]
fn a_full_disk_gives_a_clear_error_and_a_later_run_completes() {
    let env = Env::new();
    let big = env.path("big.mbox");
    fs::write(&big, crate::concurrency::archive("full", 900)).unwrap();
    fs::create_dir(env.path("small")).unwrap();
    fs::copy(fixtures().join("sample.mbox"), env.path("sample.mbox")).unwrap();
    let script = r#"
        mount -t tmpfs -o size=4m none "$T/small"
        db="$T/small/patchq.db"
        "$P" --db "$db" import "$T/sample.mbox" 2> "$T/err" || { cat "$T/err"; exit 1; }
        code=0; "$P" --db "$db" import "$T/big.mbox" 2> "$T/err" || code=$?
        echo "big import exit $code: $(cat "$T/err")"
        code=0; "$P" --db "$db" --format json list > "$T/list.json" 2> "$T/err" || code=$?
        echo "list after it: $code $(cat "$T/err")"
        mount -o remount,size=64m "$T/small"
        "$P" --db "$db" import "$T/big.mbox" 2> "$T/err2"
        echo "second import exit $?"
        "$P" --db "$db" --format json stats > "$T/stats.json"
        cp "$db" "$T/after.db"
    "#;
    let text = in_namespace(&env, script);
    assert!(
        text.contains("big import exit 2: patchq: error: database error: database or disk is full"),
        "{text}"
    );
    assert!(
        text.contains(
            "hint: the disk holding the database is full: free some space and run the command again"
        ),
        "{text}"
    );
    assert!(text.contains("list after it: 0 \n"), "{text}");
    let listed: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(env.path("list.json")).unwrap()).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        5,
        "the sample's outstanding series"
    );
    assert!(text.contains("second import exit 0"), "{text}");
    let clean = Env::new();
    assert_eq!(clean.import(&[&fixtures().join("sample.mbox")]).code, 0);
    assert_eq!(clean.import(&[&big]).code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(
            &fs::read_to_string(env.path("stats.json")).unwrap()
        )
        .unwrap(),
        clean.stats()
    );
    assert!(dump(&env.path("after.db")) == dump(&clean.db()));
}

#[test]
fn a_maildir_warns_for_every_entry_it_skips() {
    let env = Env::new();
    let md = env.path("md");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(md.join(sub)).unwrap();
    }
    fs::write(
        md.join("cur/1"),
        "Subject: one\nMessage-ID: <m1@x>\n\nbody\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", md.join("cur/2")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(md.join("new/3"))
            .status()
            .unwrap()
            .success()
    );
    let r = env.import(&[&md]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(r.json()["new"], 1);
    assert!(
        r.stderr
            .contains("cur/2: a symbolic link, not a message file: skipped"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("new/3: a FIFO, not a message file: skipped"),
        "{}",
        r.stderr
    );
}

/// Sends SIGINT to `child` (as Ctrl-C does).
fn interrupt(child: &std::process::Child) {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

fn wait_for(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let started = Instant::now();
    while !f() {
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn ctrl_c_stops_reading_a_fifo_or_a_device_and_keeps_what_was_read() {
    let env = Env::new();
    let fifo = env.path("feed");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let child = env
        .cmd(&["import", fifo.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A writer that sends the sample and then keeps the FIFO open, as a feed would.
    let mut feed = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    feed.write_all(&fs::read(fixtures().join("sample.mbox")).unwrap())
        .unwrap();
    // Everything but the last message (its end is not known yet) is committed after a second
    // without news.
    wait_for("messages from the FIFO", Duration::from_secs(20), || {
        stored_messages(&env.db()) >= 19
    });
    interrupt(&child);
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: the 19 messages read were kept"),
        "{stderr}"
    );
    drop(feed);
    let stats = env.stats();
    assert_eq!(stats["messages"], 19);
    // The last message (a series of its own) never ended: five series.
    assert_eq!(stats["series"], 5, "what was kept is assembled");

    // An endless device: Ctrl-C ends it at once, nothing stored.
    let child = env
        .cmd(&["import", "/dev/zero"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(!stderr.contains("no messages found"), "{stderr}");
    assert_eq!(env.stats()["messages"], 19);
}
