//! `patchq import` and `patchq stats` on the project's own fixtures and on bad input.

use std::fs;

use crate::helpers::{Env, fixtures, gzip};

fn sample() -> Vec<u8> {
    fs::read(fixtures().join("sample.mbox")).unwrap()
}

/// The messages of the sample mbox, each with its envelope line.
fn sample_messages() -> Vec<String> {
    let text = String::from_utf8(sample()).unwrap();
    let mut out: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("From ") && (out.is_empty() || out.last().unwrap().ends_with("\n\n")) {
            out.push(String::new());
        }
        out.last_mut().unwrap().push_str(line);
    }
    out
}

fn no_panic(r: &crate::helpers::Run) {
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn importing_again_adds_nothing() {
    let env = Env::new();
    let path = fixtures().join("sample.mbox");
    assert_eq!(env.import(&[&path]).json()["new"], 20);
    let again = env.import(&[&path]);
    assert_eq!(again.code, 0);
    let j = again.json();
    assert_eq!((j["read"].as_u64(), j["new"].as_u64()), (Some(0), Some(0)));
    assert!(
        again.stderr.contains("unchanged since the last import"),
        "{}",
        again.stderr
    );
    assert_eq!(env.stats()["messages"], 20);
}

#[test]
fn a_changed_file_is_read_again_and_deduplicated() {
    let env = Env::new();
    let path = env.path("box.mbox");
    fs::write(&path, sample()).unwrap();
    env.import(&[&path]);
    let mut changed = sample();
    changed.splice(0..0, b"\n".iter().copied());
    fs::write(&path, changed).unwrap();
    let r = env.import(&[&path]);
    let j = r.json();
    assert_eq!(
        (
            j["read"].as_u64(),
            j["new"].as_u64(),
            j["duplicates"].as_u64()
        ),
        (Some(20), Some(0), Some(20))
    );
    assert!(
        r.stderr.contains("changed since the last import"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_grown_mbox_is_read_from_where_it_stopped() {
    let env = Env::new();
    let msgs = sample_messages();
    assert_eq!(msgs.len(), 20);
    let path = env.path("growing.mbox");
    fs::write(&path, msgs[..12].concat()).unwrap();
    assert_eq!(env.import(&[&path]).json()["new"], 12);
    fs::write(&path, msgs.concat()).unwrap();
    let r = env.import(&[&path]);
    let j = r.json();
    assert_eq!(
        (j["read"].as_u64(), j["new"].as_u64()),
        (Some(8), Some(8)),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("grew since the last import"),
        "{}",
        r.stderr
    );
    assert_eq!(env.stats()["messages"], 20);
}

#[test]
fn gzip_is_recognised_by_its_bytes_not_its_name() {
    let env = Env::new();
    let path = env.path("archive.txt");
    fs::write(&path, gzip(&sample())).unwrap();
    assert_eq!(env.import(&[&path]).json()["new"], 20);
}

#[test]
fn standard_input() {
    let env = Env::new();
    let r = env.run_with_stdin(&["--format", "json", "import", "-"], Some(&sample()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["new"], 20);
}

#[test]
fn a_single_message_without_envelope_line() {
    let env = Env::new();
    let one = sample_messages()[1].clone();
    let body = one.split_once('\n').unwrap().1;
    let path = env.path("one.eml");
    fs::write(&path, body.replace("\n\nFrom ", "\n\n>From ")).unwrap();
    let j = env.import(&[&path]).json();
    assert_eq!(
        (j["new"].as_u64(), j["patches"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn maildir_cur_and_new() {
    let env = Env::new();
    let md = env.path("Maildir");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(md.join(sub)).unwrap();
    }
    for (i, m) in sample_messages().iter().enumerate() {
        let sub = if i % 2 == 0 { "cur" } else { "new" };
        let body = m
            .split_once('\n')
            .unwrap()
            .1
            .trim_end_matches('\n')
            .to_string()
            + "\n";
        fs::write(md.join(sub).join(format!("{i}.patchq:2,S")), body).unwrap();
    }
    let j = env.import(&[&md]).json();
    assert_eq!(
        (j["new"].as_u64(), j["patches"].as_u64()),
        (Some(20), Some(10))
    );
    let again = env.import(&[&md]).json();
    assert_eq!(
        (again["new"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(20))
    );
}

#[test]
fn json_shapes_follow_the_contract() {
    let env = Env::new();
    let r = env.import(&[&fixtures().join("sample.mbox")]);
    let keys: Vec<&str> = r
        .stdout
        .trim()
        .trim_matches(|c| c == '{' || c == '}')
        .split(',')
        .map(|kv| kv.split(':').next().unwrap().trim_matches('"'))
        .collect();
    assert_eq!(
        keys,
        [
            "read",
            "new",
            "duplicates",
            "rejected",
            "patches",
            "series",
            "elapsed_s",
            "unparsed"
        ]
    );
    let stats = env.run(&["--format", "json", "stats"]).stdout;
    assert!(
        stats.starts_with("{\"messages\":20,\"patches\":10,\"covers\":"),
        "{stats}"
    );
    for key in ["replies", "series", "commit_links", "subsystems"] {
        assert!(stats.contains(&format!("\"{key}\":")), "{stats}");
    }
}

#[test]
fn default_database_lives_under_xdg_data_home() {
    let env = Env::new();
    let xdg = env.path("xdg");
    let mut cmd = env.cmd(&["import", fixtures().join("sample.mbox").to_str().unwrap()]);
    cmd.env_remove("PATCHQ_DB").env("XDG_DATA_HOME", &xdg);
    assert!(cmd.output().unwrap().status.success());
    assert!(xdg.join("patchq/patchq.db").is_file());
    let mut cmd = env.cmd(&["stats"]);
    cmd.env_remove("PATCHQ_DB");
    assert!(cmd.output().unwrap().status.success());
    assert!(env.path(".local/share/patchq/patchq.db").is_file());
}

#[test]
fn a_database_from_a_newer_patchq_is_refused() {
    let env = Env::new();
    env.stats();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let r = env.run(&["stats"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("newer than this patchq supports"),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["import"]).code, 2);
    assert_eq!(env.run(&["no-such-command"]).code, 2);
}

#[test]
fn raw_messages_are_kept_byte_for_byte() {
    let env = Env::new();
    env.import(&[&fixtures().join("sample.mbox")]);
    let store = patchq::store::Store::open(&env.db()).unwrap();
    for m in sample_messages() {
        let raw = m.split_once('\n').unwrap().1;
        let raw = raw.strip_suffix('\n').unwrap_or(raw);
        let id = raw
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .unwrap();
        let id = patchq::model::MessageId::parse(id).unwrap();
        let stored = store.raw_message(&id).unwrap().unwrap();
        assert_eq!(String::from_utf8(stored).unwrap(), raw, "{id}");
    }
}

// Bad input: each case names the input, keeps every good message, never panics.

#[test]
fn an_empty_file() {
    let env = Env::new();
    let path = env.path("empty.mbox");
    fs::write(&path, "").unwrap();
    let r = env.import(&[&path]);
    no_panic(&r);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("empty.mbox") && r.stderr.contains("no messages found"),
        "{}",
        r.stderr
    );
}

#[test]
fn random_bytes() {
    let env = Env::new();
    let path = env.path("noise.bin");
    let noise: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    fs::write(&path, noise).unwrap();
    let r = env.import(&[&path, &fixtures().join("sample.mbox")]);
    no_panic(&r);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("noise.bin byte 0: not a mail message"),
        "{}",
        r.stderr
    );
    assert_eq!(r.json()["new"], 20);
}

#[test]
fn a_truncated_gzip_keeps_what_came_before() {
    let env = Env::new();
    let gz = gzip(&sample());
    let path = env.path("cut.mbox.gz");
    fs::write(&path, &gz[..gz.len() * 2 / 3]).unwrap();
    let r = env.import(&[&path]);
    no_panic(&r);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("cut.mbox.gz: read error at byte"),
        "{}",
        r.stderr
    );
    let new = r.json()["new"].as_u64().unwrap();
    assert!((5..20).contains(&new), "{new}");
    // The whole file later: the rest is added, nothing twice.
    fs::write(&path, &gz).unwrap();
    let j = env.import(&[&path]).json();
    assert_eq!(j["new"].as_u64().unwrap() + new, 20);
}

#[test]
fn broken_mime_in_the_middle_of_an_mbox() {
    let env = Env::new();
    let msgs = sample_messages();
    let broken = "From nobody Mon Sep 17 00:00:00 2001\nFrom: X <x@example.org>\nSubject: broken\n\
                  Message-ID: <broken@example.org>\nMIME-Version: 1.0\n\
                  Content-Type: multipart/mixed; boundary=\"never-closed\"\n\n--never-closed\n\
                  Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n\n";
    let path = env.path("mixed.mbox");
    fs::write(&path, format!("{}{}{}", msgs[0], broken, msgs[1])).unwrap();
    let r = env.import(&[&path]);
    no_panic(&r);
    assert_eq!(r.json()["new"], 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("mixed.mbox byte")
            && r.stderr.contains("<broken@example.org>: MIME part"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_fifty_megabyte_message() {
    let env = Env::new();
    let msgs = sample_messages();
    let mut data = msgs[0].clone().into_bytes();
    data.extend_from_slice(b"From nobody Mon Sep 17 00:00:00 2001\nFrom: Big <big@example.org>\nSubject: huge\nMessage-ID: <huge@example.org>\n\n");
    let line = [b'x'; 99];
    for _ in 0..(50 << 20) / 100 {
        data.extend_from_slice(&line);
        data.push(b'\n');
    }
    data.extend_from_slice(b"\n");
    data.extend_from_slice(msgs[1].as_bytes());
    let path = env.path("big.mbox");
    fs::write(&path, data).unwrap();
    let r = env.import(&[&path]);
    no_panic(&r);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("big.mbox byte") && r.stderr.contains("<huge@example.org>: message of"),
        "{}",
        r.stderr
    );
    assert_eq!(r.json()["new"], 2);
    // A larger limit takes it.
    let r = env.run(&[
        "--format",
        "json",
        "import",
        "--max-size",
        "100000000",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.json()["new"], 1, "{}", r.stderr);
}

#[test]
fn headers_with_invalid_utf8() {
    let env = Env::new();
    let path = env.path("latin1.mbox");
    let mut data = b"From nobody Mon Sep 17 00:00:00 2001\nFrom: J\xf6rg M\xfcller <j@example.org>\nSubject: caf\xe9\nMessage-ID: <latin1@example.org>\n\nbody\n".to_vec();
    data.extend_from_slice(sample_messages()[2].as_bytes());
    fs::write(&path, data).unwrap();
    let r = env.import(&[&path]);
    no_panic(&r);
    assert_eq!(r.json()["new"], 2);
    assert!(
        r.stderr
            .contains("latin1.mbox byte 0 <latin1@example.org>: the headers hold bytes"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_directory_that_is_not_a_maildir() {
    let env = Env::new();
    let dir = env.path("plain-dir");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("file"), "x").unwrap();
    let r = env.import(&[&dir, &fixtures().join("sample.mbox")]);
    no_panic(&r);
    assert_eq!(r.code, 3);
    assert!(
        r.stderr
            .contains("plain-dir: a directory, but not a Maildir"),
        "{}",
        r.stderr
    );
    assert_eq!(r.json()["new"], 20);
}

/// Each mbox input is read while the one before it is written (`Run::look_ahead`): several in
/// one command are stored as if read one by one, each message with its own input, a failed
/// input told in its place, and an input given twice read once.
#[test]
fn inputs_read_ahead_of_their_turn_keep_their_order_and_their_own_messages() {
    let env = Env::new();
    let msgs = sample_messages();
    let (a, b, c) = (
        env.path("a.mbox"),
        env.path("b.mbox.gz"),
        env.path("c.mbox"),
    );
    fs::write(&a, msgs[..8].concat()).unwrap();
    fs::write(&b, gzip(msgs[8..15].concat().as_bytes())).unwrap();
    fs::write(&c, msgs[15..].concat()).unwrap();
    let missing = env.path("nope.mbox");
    let r = env.import(&[&a, &b, &missing, &c, &a]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let j = r.json();
    assert_eq!(
        (j["read"].as_u64(), j["new"].as_u64()),
        (Some(20), Some(20))
    );
    assert_eq!(j["rejected"], 1);
    let told = |what: &str| {
        r.stderr
            .find(what)
            .unwrap_or_else(|| panic!("{what}: {}", r.stderr))
    };
    assert!(told("nope.mbox") < told("a.mbox: unchanged since the last import"));
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let per_input: Vec<(String, i64)> = conn
        .prepare(
            "SELECT s.path, count(m.id) FROM sources s LEFT JOIN messages m ON m.source_id = s.id \
             GROUP BY s.id ORDER BY s.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let name = |p: &std::path::Path| fs::canonicalize(p).unwrap().display().to_string();
    assert_eq!(
        per_input,
        [(name(&a), 8), (name(&b), 7), (name(&c), 5)],
        "the source rows, made in the order the inputs came"
    );
    // The first message of each input, at its own place in its own file.
    let firsts: Vec<String> = conn
        .prepare("SELECT locator FROM messages WHERE id IN (1, 9, 16) ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(firsts, ["byte 0", "byte 0", "byte 0"]);
    // Each was read whole: the next import finds all three unchanged.
    let again = env.import(&[&a, &b, &c]);
    assert_eq!(again.json()["read"], 0, "{}", again.stderr);
    assert_eq!(
        again
            .stderr
            .matches("unchanged since the last import")
            .count(),
        3
    );
}

#[test]
fn a_missing_path() {
    // The only input: an error at once (exit 2); among others: a failed input (exit 3, see
    // cli_paths::a_mistyped_database_path_or_missing_input_is_an_error_that_names_it).
    let env = Env::new();
    let r = env.import(&[&env.path("nope.mbox")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("nope.mbox: no such file or directory"),
        "{}",
        r.stderr
    );
}

#[test]
fn rejected_messages_are_recorded_with_their_origin() {
    let env = Env::new();
    let path = env.path("noise.bin");
    fs::write(&path, b"\x00\x01\x02 not a mail\n").unwrap();
    env.import(&[&path]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let (locator, reason, has_raw): (String, String, bool) = conn
        .query_row(
            "SELECT locator, reason, raw IS NOT NULL FROM rejects",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(locator, "byte 0");
    assert!(reason.starts_with("not a mail message"), "{reason}");
    assert!(has_raw);
    let (read, rejected): (i64, i64) = conn
        .query_row("SELECT read, rejected FROM imports", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((read, rejected), (1, 1));
}

/// `fts_indexed` and the largest message id: equal when the search index is current.
fn index_mark(env: &Env) -> (i64, i64) {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(
        "SELECT (SELECT coalesce(max(value), 0) FROM meta WHERE name = 'fts_indexed'),
                (SELECT max(id) FROM messages)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn imports_keep_the_search_index_current() {
    let env = Env::new();
    let mbox = env.path("sample.mbox");
    let text = String::from_utf8(sample()).unwrap();
    // Two imports: the first and then the grown archive.
    let half = text.match_indices("\nFrom ").nth(9).unwrap().0 + 1;
    fs::write(&mbox, &text[..half]).unwrap();
    assert_eq!(env.import(&[&mbox]).json()["new"], 10);
    assert_eq!(index_mark(&env), (10, 10));
    fs::write(&mbox, &text).unwrap();
    assert_eq!(env.import(&[&mbox]).json()["new"], 10);
    assert_eq!(
        index_mark(&env),
        (20, 20),
        "indexed with the mail, before any search"
    );
    let search = |env: &Env| {
        let r = env.run(&["--format", "json", "search", "--all", "--messages", "foo"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let found = search(&env);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&found).unwrap();
    assert_eq!(hits.len(), 13, "{found}");
    // The same answers from an index refilled from the stored mail by the first search (a
    // database from before imports kept it current), and by a rebuild.
    crate::helpers::drop_search_index(&env.db());
    assert_eq!(index_mark(&env).0, 0);
    assert_eq!(search(&env), found);
    assert_eq!(index_mark(&env), (20, 20));
    crate::helpers::drop_search_index(&env.db());
    let r = env.run(&["rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(index_mark(&env), (20, 20), "rebuild refills the index");
    assert_eq!(search(&env), found);
}

/// A mail of a small v2 series: `n` 0 is the cover letter, which carries an interdiff.
fn v2_mail(n: u32) -> String {
    let diff = |file: &str| {
        format!(
            "diff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n\
             +++ b/{file}\n@@ -1,2 +1,3 @@\n a\n+b{n}\n c\n"
        )
    };
    let (subject, body) = match n {
        0 => (
            "[PATCH v2 0/2] widget: two fixes".to_string(),
            format!("Two fixes.\n\nInterdiff against v1:\n{}", diff("widget.c")),
        ),
        n => (
            format!("[PATCH v2 {n}/2] widget: fix {n}"),
            format!(
                "Fix {n}.\n\nSigned-off-by: Ann <ann@example.org>\n---\n{}",
                diff("widget.c")
            ),
        ),
    };
    let refs = match n {
        0 => String::new(),
        _ => "In-Reply-To: <v2-0@example.org>\nReferences: <v2-0@example.org>\n".to_string(),
    };
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: Ann <ann@example.org>\n\
         Date: Mon, 23 Nov 2026 10:0{n}:00 +0000\nSubject: {subject}\nMessage-ID: <v2-{n}@example.org>\n\
         {refs}\n{body}\n"
    )
}

#[test]
fn stats_count_patches_by_their_place_in_a_series_not_by_carrying_a_diff() {
    let env = Env::new();
    let mbox = env.path("v2.mbox");
    fs::write(&mbox, (0..3).map(v2_mail).collect::<String>()).unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    let s = env.stats();
    // The cover letter carries a diff (its interdiff) and is still a cover letter.
    assert_eq!(
        (
            s["messages"].as_u64(),
            s["covers"].as_u64(),
            s["patches"].as_u64(),
            s["series"].as_u64()
        ),
        (Some(3), Some(1), Some(2), Some(1))
    );
}

/// An import indexes its messages for search as it writes them, a few hundred at a time, and
/// FTS5 keeps them in memory until the commit: no statement of the batch may open a savepoint
/// (a statement journal), or every message becomes an index segment of its own.
#[test]
fn an_import_writes_the_search_index_in_few_segments_not_one_per_message() {
    let env = Env::new();
    let first = env.path("first.mbox");
    fs::write(&first, numbered_mail(0)).unwrap();
    assert_eq!(env.import(&[&first]).json()["new"], 1);
    // Without merges, the index's segments count the times it wrote what it held.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(
        "INSERT INTO message_fts(message_fts, rank) VALUES ('automerge', 0);
         INSERT INTO message_fts(message_fts, rank) VALUES ('crisismerge', 1000);",
    )
    .unwrap();
    let before = fts_segments(&conn);
    let mbox = env.path("many.mbox");
    fs::write(&mbox, (1..=1500).map(numbered_mail).collect::<String>()).unwrap();
    let r = env.import(&[&mbox]);
    assert_eq!(r.json()["new"], 1500, "{}", r.stderr);
    assert_eq!(r.json()["patches"], 750);
    // Commits after 496 messages (batches of 16 to 256, the first transaction closing past
    // 250), 1,008 (past 500 more) and 1,500: a segment each.
    assert_eq!(
        fts_segments(&conn) - before,
        3,
        "three commits, three segments"
    );
    assert_eq!(index_mark(&env), (1501, 1501));
    let hits = env.run(&["--format", "json", "search", "--messages", "word1234"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&hits.stdout).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["msgid"], "n1234@example.org");
}

/// An import commits early: its first transaction ends after a few hundred messages, so that
/// what it wrote is copied into the database while it goes on (a small import that committed
/// only at its end waited for all of it) and a crash soon after the start keeps that much.
#[test]
fn an_import_commits_its_first_few_hundred_messages_early() {
    let input = Env::new();
    let mbox = input.path("many.mbox");
    fs::write(&mbox, (1..=1500).map(numbered_mail).collect::<String>()).unwrap();
    let mbox = mbox.to_str().unwrap();
    // Killed just after each commit in turn. The first that kept messages kept 496 (the batches
    // of 16, 32, 64, 128 and 256 messages: the first past 250), the next 1,008 (past 500
    // more); a batch sent early because the reader was slow (100 ms without a message) moves
    // them, so ranges are asserted.
    let mut kept = Vec::new();
    for n in 1..20 {
        let env = Env::new();
        let out = env
            .cmd(&["-q", "import", mbox])
            .env("PATCHQ_CRASH_AT", format!("after:{n}"))
            .output()
            .unwrap();
        let stored = crate::helpers::stored_messages(&env.db());
        kept.push(stored);
        if out.status.success() || stored == 1500 {
            break;
        }
    }
    let mut steps = kept.iter().copied().filter(|&k| k > 0);
    let (first, second) = (steps.next(), steps.next());
    assert!(
        first.is_some_and(|k| (250..500).contains(&k)),
        "messages kept after each commit: {kept:?}"
    );
    assert!(
        second.is_some_and(|k| (750..1500).contains(&k)),
        "messages kept after each commit: {kept:?}"
    );
}

/// The number of segments in the search index, from FTS5's structure record (row 10 of its
/// data table: a 4-byte cookie, an optional 4-byte version mark, then the varints number of
/// levels and number of segments).
fn fts_segments(conn: &rusqlite::Connection) -> u64 {
    let data: Vec<u8> = conn
        .query_row(
            "SELECT block FROM message_fts_data WHERE id = 10",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut at = if data[4..8] == [0xff, 0, 0, 0x01] {
        8
    } else {
        4
    };
    let mut varint = || {
        let mut v = 0u64;
        loop {
            let b = data[at];
            at += 1;
            v = (v << 7) | u64::from(b & 0x7f);
            if b & 0x80 == 0 {
                return v;
            }
        }
    };
    let _levels = varint();
    varint()
}

/// A mail with a word of its own (`word<n>`) in its text; every other one a patch.
fn numbered_mail(n: u32) -> String {
    let (subject, diff) = if n % 2 == 1 {
        let file = format!("drivers/w{n}.c");
        (
            format!("[PATCH] widget: change {n}"),
            format!(
                "---\ndiff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n\
                 --- a/{file}\n+++ b/{file}\n@@ -1,2 +1,3 @@\n a\n+b\n c\n"
            ),
        )
    } else {
        (format!("note {n}"), String::new())
    };
    format!(
        "From x@y Thu Jan  1 00:00:00 2026\nFrom: Someone <someone@example.org>\n\
         Date: Thu, 1 Jan 2026 00:{:02}:{:02} +0000\nMessage-ID: <n{n}@example.org>\n\
         Subject: {subject}\n\nThis carries word{n} and a few common words.\n{diff}\n",
        (n / 60) % 60,
        n % 60
    )
}

/// A reply imported before the message it answers, which names nothing of the reply's thread,
/// each ending a window of its own: the parent still joins the thread, as in one assembly. The reply's window is written beside the writer after the parent is stored (not
/// yet assembled): the name the reply's thread keeps for its missing parent must survive that.
#[test]
fn a_parent_a_window_after_its_reply_joins_the_reply_s_thread() {
    let mail = |id: &str, extra: &str, subject: &str| {
        format!(
            "From: Ann <ann@example.org>\nTo: list@example.org\nSubject: {subject}\n\
             Date: Thu, 01 Oct 2026 10:00:00 +0000\nMessage-ID: <{id}@example.org>\n{extra}\n\
             text of {id}\n"
        )
    };
    let import = |every: &str| {
        let mut env = Env::new();
        env.vars
            .push(("PATCHQ_ASSEMBLE_EVERY".into(), every.into()));
        // Enough other mail before that the parent's window is assembled by scope, not whole.
        let mut first: String = (0..6)
            .map(|n| {
                let id = format!("other{n}");
                format!("From x Thu Oct  1 10:00:00 2026\n{}\n", mail(&id, "", &id))
            })
            .collect();
        // The reply's thread has a root of its own, so the parent can find it only by the name
        // the thread keeps for it.
        let refs = "In-Reply-To: <parent@example.org>\n\
                    References: <root@example.org> <parent@example.org>\n";
        first.push_str(&format!(
            "From x Thu Oct  1 10:00:00 2026\n{}\nFrom x Thu Oct  1 10:00:00 2026\n{}",
            mail("root", "", "plan"),
            mail("reply", refs, "Re: plan")
        ));
        let files = [
            ("first.mbox", first),
            ("parent.eml", mail("parent", "", "Re: plan")),
            ("last.eml", mail("last", "", "unrelated")),
        ];
        let mut paths = Vec::new();
        for (name, text) in files {
            fs::write(env.path(name), text).unwrap();
            paths.push(env.path(name));
        }
        let paths: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
        let r = env.import(&paths);
        assert_eq!(
            (r.code, r.json()["new"].as_u64()),
            (0, Some(10)),
            "{}",
            r.stderr
        );
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        let threads: i64 = conn
            .query_row(
                "SELECT count(DISTINCT p.thread) FROM placement p JOIN messages m
                 ON m.id = p.message_id
                 WHERE m.msgid IN ('root@example.org', 'reply@example.org', 'parent@example.org')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (threads, crate::helpers::dump(&env.db()))
    };
    let (whole_threads, whole) = import("1000000");
    let (windowed_threads, windowed) = import("1");
    assert_eq!((whole_threads, windowed_threads), (1, 1));
    assert!(
        whole == windowed,
        "{}",
        crate::helpers::dump_difference(&whole, &windowed)
    );
}
