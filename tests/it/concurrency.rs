//! Several commands on one database at once: two imports, loops of `state`, `note`, `search` and
//! `list`, and commands racing to create a new database. Every one must succeed (writers wait
//! for each other, readers never wait), and the result must equal running them one after
//! another. A writer that waits too long says whom it waited for.

use std::fs;
use std::io::Write;
use std::process::{Child, Stdio};

use crate::helpers::{Env, dump, dump_difference, fixtures};

const NOW: &str = "2026-11-20T12:00:00Z";

/// A generated archive: `series` patch series by senders of their own (`tag` keeps the two
/// archives' people and ids apart), each a cover letter, three patches and two review replies.
pub fn archive(tag: &str, series: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for s in 0..series {
        let who = format!("dev{}-{tag}@example.org", s % 40);
        let day = 1 + s % 28;
        let date = |h: usize| format!("Mon, {day:02} Jun 2026 {:02}:{:02}:00 +0000", h, s % 60);
        let cover = format!("{tag}-{s}-0@example.org");
        let mut mail =
            |id: &str, from: &str, subject: &str, parent: Option<&str>, body: &str, h| {
                let refs = parent.map_or(String::new(), |p| {
                    format!("In-Reply-To: <{p}>\nReferences: <{cover}> <{p}>\n")
                });
                write!(
                    out,
                    "From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Dev <{from}>\nDate: {}\n\
                 Subject: {subject}\nMessage-ID: <{id}>\n{refs}\n{body}\n",
                    date(h)
                )
                .unwrap();
            };
        mail(
            &cover,
            &who,
            &format!("[PATCH 0/3] {tag} widget {s}"),
            None,
            "A series.\n",
            1,
        );
        for p in 1..=3 {
            let id = format!("{tag}-{s}-{p}@example.org");
            let body = format!(
                "Change {p}.\n\nSigned-off-by: Dev <{who}>\n---\n\
                 diff --git a/drivers/{tag}/w{s}.c b/drivers/{tag}/w{s}.c\n\
                 --- a/drivers/{tag}/w{s}.c\n+++ b/drivers/{tag}/w{s}.c\n\
                 @@ -1 +1 @@\n-int a{p};\n+int b{p};\n"
            );
            let subject = format!("[PATCH {p}/3] {tag} widget {s}: part {p}");
            mail(&id, &who, &subject, Some(&cover), &body, 1 + p);
        }
        let reviewer = format!("rev{}-{tag}@example.net", s % 7);
        for (r, parent) in [(1, format!("{tag}-{s}-1@example.org")), (2, cover.clone())] {
            let id = format!("{tag}-{s}-r{r}@example.net");
            let body =
                "> Change.\n\nLooks good.\n\nReviewed-by: Rev <".to_string() + &reviewer + ">\n";
            mail(
                &id,
                &reviewer,
                &format!("Re: {tag} widget {s}"),
                Some(&parent),
                &body,
                6 + r,
            );
        }
    }
    out
}

fn spawn(env: &Env, args: &[&str]) -> Child {
    env.cmd(args)
        .env("PATCHQ_NOW", NOW)
        .env("PATCHQ_USER", "max@example.org")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child`; panics with its stderr unless it succeeded.
fn succeeded(what: &str, child: Child) -> String {
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The review commands the loops run, in order.
fn review_commands(i: usize) -> Vec<Vec<String>> {
    let series = [
        "20261005-foo-v1-0@example.org",
        "20261012-foo-v2-0@example.org",
        "20261020-gpio-bar-1@example.net",
    ];
    let s = series[i % 3].to_string();
    let state = ["deferred", "changes-requested", "under-review", "rfc"][i % 4].to_string();
    vec![
        vec!["state".into(), s.clone(), state],
        vec!["note".into(), s, format!("note {i}")],
    ]
}

const ROUNDS: usize = 12;

#[test]
fn two_imports_and_loops_of_state_search_and_list_all_succeed_as_if_one_after_another() {
    let inputs = Env::new();
    let a = inputs.path("a.mbox");
    let b = inputs.path("b.mbox");
    fs::write(&a, archive("alpha", 600)).unwrap();
    fs::write(&b, archive("beta", 600)).unwrap();
    let sample = fixtures().join("sample.mbox");
    let (a, b, sample) = (
        a.display().to_string(),
        b.display().to_string(),
        sample.display().to_string(),
    );

    // One after another.
    let seq = Env::new();
    succeeded("import", spawn(&seq, &["import", &sample]));
    succeeded("import a", spawn(&seq, &["import", &a]));
    succeeded("import b", spawn(&seq, &["import", &b]));
    for i in 0..ROUNDS {
        for c in review_commands(i) {
            let args: Vec<&str> = c.iter().map(String::as_str).collect();
            succeeded("review", spawn(&seq, &args));
        }
    }
    succeeded("search", spawn(&seq, &["search", "--all", "widget"]));

    // All at once: two imports, a loop of review commands, one of searches, one of lists.
    let par = Env::new();
    succeeded("import", spawn(&par, &["import", &sample]));
    let imports = [spawn(&par, &["import", &a]), spawn(&par, &["import", &b])];
    let mut failures = Vec::new();
    std::thread::scope(|scope| {
        let reviews = scope.spawn(|| {
            let mut failed = Vec::new();
            for i in 0..ROUNDS {
                for c in review_commands(i) {
                    let args: Vec<&str> = c.iter().map(String::as_str).collect();
                    let out = spawn(&par, &args).wait_with_output().unwrap();
                    if !out.status.success() {
                        failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
            }
            failed
        });
        let reads = scope.spawn(|| {
            let mut failed = Vec::new();
            for i in 0..ROUNDS * 2 {
                let args: &[&str] = match i % 2 {
                    0 => &["search", "--all", "widget"],
                    _ => &["--format", "json", "list", "--all"],
                };
                let out = spawn(&par, args).wait_with_output().unwrap();
                if !out.status.success() {
                    failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
                } else if i % 2 == 1 {
                    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                    assert!(v.as_array().is_some_and(|a| !a.is_empty()));
                }
            }
            failed
        });
        failures.extend(reviews.join().unwrap());
        failures.extend(reads.join().unwrap());
    });
    for (name, child) in ["import a", "import b"].into_iter().zip(imports) {
        succeeded(name, child);
    }
    assert_eq!(failures, Vec::<String>::new(), "commands that failed");
    // The two imports did run at the same time.
    let conn = rusqlite::Connection::open(par.db()).unwrap();
    let spans: Vec<(i64, i64)> = conn
        .prepare("SELECT started, finished FROM imports WHERE id > 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        spans[1].0 <= spans[0].1 && spans[0].0 <= spans[1].1,
        "{spans:?}"
    );
    succeeded("search", spawn(&par, &["search", "--all", "widget"]));
    let (one, other) = (dump(&seq.db()), dump(&par.db()));
    assert!(
        one == other,
        "concurrent runs differ from sequential ones:\n{}",
        dump_difference(&one, &other)
    );
    let series = one
        .lines()
        .find(|l| l.starts_with("== series"))
        .unwrap_or_default();
    assert_eq!(series, "== series (1206)");
}

#[test]
fn commands_racing_to_create_a_database_all_succeed() {
    for _ in 0..8 {
        let env = Env::new();
        let children: Vec<Child> = (0..6)
            .map(|_| spawn(&env, &["--format", "json", "stats"]))
            .collect();
        for c in children {
            let out = succeeded("stats", c);
            assert!(out.starts_with("{\"messages\":0"), "{out}");
        }
    }
}

#[test]
fn a_writer_that_waits_says_whom_for_and_gives_up_with_a_clear_message() {
    let env = Env::new();
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    // Another patchq holds the write lock (the test plays it: its own pid in the note).
    let holder = rusqlite::Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let note = format!(
        "{}\t1795176000\tpatchq import /srv/lists/big.mbox\n",
        std::process::id()
    );
    fs::write(env.path("patchq.db-writer"), note).unwrap();
    let out = env
        .cmd(&["note", "20261012-foo-v2-0@example.org", "x"])
        .env("PATCHQ_BUSY_TIMEOUT", "3")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let named = "`patchq import /srv/lists/big.mbox` (pid";
    assert!(
        stderr.contains("waiting for the database: ") && stderr.contains(named),
        "{stderr}"
    );
    assert!(
        stderr.contains("gave up waiting for the database after 3 s"),
        "{stderr}"
    );
    // Readers are not held up by the writer.
    let r = env.run(&["--format", "json", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Once the lock is let go within the wait, the writer goes on.
    let child = env
        .cmd(&["note", "20261012-foo-v2-0@example.org", "y"])
        .env("PATCHQ_BUSY_TIMEOUT", "30")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    holder.execute_batch("ROLLBACK").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
