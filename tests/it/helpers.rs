//! Running patchq and git in tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary home with its own database; patchq runs with a clean environment.
pub struct Env {
    pub dir: tempfile::TempDir,
    /// Extra environment for every patchq run (tuning knobs such as `PATCHQ_ASSEMBLE_EVERY`).
    pub vars: Vec<(String, String)>,
}

/// What a patchq run produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            vars: Vec::new(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("patchq.db")
    }

    /// A patchq command with the database and a private HOME set.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_patchq"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("PATCHQ_DB", self.db())
            .envs(self.vars.iter().map(|(k, v)| (k, v)))
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    /// The series keys `patchq --format json list ARGS` prints, sorted.
    pub fn list_keys(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["--format", "json", "list"];
        all.extend_from_slice(args);
        let mut keys: Vec<String> = self
            .run(&all)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["msgid"].as_str().unwrap().to_string())
            .collect();
        keys.sort();
        keys
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut cmd = self.cmd(args);
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("patchq runs");
        if let Some(input) = stdin {
            child.stdin.take().unwrap().write_all(input).unwrap();
        }
        to_run(child.wait_with_output().unwrap())
    }

    /// `import --format json` of `paths`, returning the run.
    pub fn import(&self, paths: &[&Path]) -> Run {
        let mut args = vec!["--format", "json", "import"];
        let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        args.extend(owned.iter().map(String::as_str));
        self.run(&args)
    }

    pub fn stats(&self) -> serde_json::Value {
        let r = self.run(&["--format", "json", "stats"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.json()
    }
}

fn to_run(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The project's own fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Runs git in `dir` with fixed identities and dates; panics on failure; returns stdout.
pub fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_COMMITTER_NAME", "Fixture Committer")
        .env("GIT_COMMITTER_EMAIL", "committer@example.org")
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// gzip-compresses `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Everything a user can see of a database, as sorted text keyed by stable names (Message-IDs,
/// series keys, commit ids, section names), never by row ids: two databases that give the same
/// dump give the same answers to every command. Bookkeeping (imports, sources, watermarks) is
/// left out.
pub fn dump(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    const QUERIES: [(&str, &str); 11] = [
        (
            "messages",
            "SELECT msgid, kind, subject, from_email, coalesce(date, ''), coalesce(parse_error, ''),
             deleted, coalesce(trailers, ''), coalesce(pw_bot, '') FROM messages",
        ),
        (
            "placement",
            "SELECT m.msgid, t.root, coalesce(s.key, ''), coalesce(p.role, ''),
             coalesce(p.number, ''), coalesce(tm.msgid, ''), p.reviewed, p.acked, p.tested
             FROM placement p JOIN messages m ON m.id = p.message_id
             JOIN threads t ON t.id = p.thread LEFT JOIN series s ON s.id = p.series_id
             LEFT JOIN messages tm ON tm.id = p.target_id",
        ),
        (
            "series",
            "SELECT key, kind, name, version, total, received, complete, submitter_email, date,
             last_activity, coalesce(previous, ''), replies, participants, reviewed, acked,
             tested, coalesce(first_reply, ''), coalesce(first_review, '') FROM series",
        ),
        (
            "trailers",
            "SELECT s.key, p.msgid, t.name, t.value, g.msgid, t.source, t.applied
             FROM trailers t JOIN series s ON s.id = t.series_id
             JOIN messages p ON p.id = t.patch_id JOIN messages g ON g.id = t.given_by",
        ),
        (
            "review_state",
            "SELECT key, state, source, coalesce(delegate, ''), archived, updated FROM review_state",
        ),
        (
            "events",
            "SELECT key, at, kind, coalesce(old, ''), coalesce(new, ''), who, coalesce(why, '')
             FROM events",
        ),
        (
            "subsystems",
            "SELECT s.key, x.name, m.patches, m.rank, m.how FROM series_subsystems m
             JOIN series s ON s.id = m.series_id JOIN subsystems x ON x.id = m.subsystem_id",
        ),
        (
            "links",
            "SELECT l.msgid, c.sha, l.method FROM commit_links l JOIN commits c ON c.id = l.commit_id",
        ),
        (
            "search",
            "SELECT m.msgid FROM message_fts f JOIN messages m ON m.id = f.rowid
             WHERE message_fts MATCH 'foo OR gpio OR module OR widget OR the'",
        ),
        ("conflicts", "SELECT msgid, locator FROM conflicts"),
        // Names of missing messages and the threads waiting for them: where later mail goes.
        (
            "missing",
            "SELECT t.msgid, th.root FROM thread_ids t JOIN threads th ON th.id = t.thread",
        ),
    ];
    let mut out = String::new();
    for (name, sql) in QUERIES {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Null => "NULL".to_string(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        rusqlite::types::ValueRef::Real(v) => v.to_string(),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                        rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
                    })
                    .collect();
                Ok(cells.join(" | "))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.push_str(&format!("== {name} ({})\n", rows.len()));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

/// Every series' row id and key, by id: what users name series by.
pub fn series_ids(db: &Path) -> Vec<(i64, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, key FROM series ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The lines only one of two dumps has.
pub fn dump_difference(a: &str, b: &str) -> String {
    let only = |x: &str, y: &str| -> Vec<String> {
        let ys: std::collections::BTreeSet<&str> = y.lines().collect();
        x.lines()
            .filter(|l| !ys.contains(l))
            .map(str::to_string)
            .collect()
    };
    format!(
        "only in the first:\n{}\nonly in the second:\n{}",
        only(a, b).join("\n"),
        only(b, a).join("\n")
    )
}

/// Messages stored in the database at `db` so far (0 while it cannot be read), as another
/// process sees them.
pub fn stored_messages(db: &Path) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))
                .ok()
        })
        .unwrap_or(0)
}

/// The list server the tests' configurations trust (`Env::trust_list_server`).
pub const LIST_SERVER: &str = "mx.lists.example.org";

impl Env {
    /// Writes a configuration (in this environment's HOME) trusting `LIST_SERVER` for every
    /// list, plus `extra` TOML.
    pub fn trust_list_server(&self, extra: &str) {
        let dir = self.dir.path().join(".config/patchq");
        std::fs::create_dir_all(&dir).unwrap();
        let text = format!("[[list]]\nid = \"*\"\nauthserv = [\"{LIST_SERVER}\"]\n{extra}");
        std::fs::write(dir.join("config.toml"), text).unwrap();
    }
}

/// `mail` as the list server leaves it when `result` (`pass`, `fail`) is what DMARC said of its
/// From domain: its `Authentication-Results` on top, above the hop where the mail came in.
pub fn stamped(mail: &str, result: &str) -> String {
    let from = mail
        .lines()
        .find_map(|l| l.strip_prefix("From: "))
        .expect("a From: line");
    let domain = from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim())
        .expect("an address");
    let stamp = format!(
        "Authentication-Results: {LIST_SERVER}; dmarc={result} header.from={domain}\n\
         Received: from mail.{domain} (mail.{domain} [192.0.2.1]) by {LIST_SERVER} (Postfix);\n \
         Mon, 2 Mar 2026 10:00:00 +0000\n"
    );
    // After the mbox envelope line, before the rest of the header.
    match mail.split_once('\n') {
        Some((first, rest)) if first.starts_with("From ") => format!("{first}\n{stamp}{rest}"),
        _ => format!("{stamp}{mail}"),
    }
}

/// Empties the search index and its watermark, as in a database written before imports kept it
/// current: the next search fills it.
pub fn drop_search_index(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "INSERT INTO message_fts(message_fts) VALUES ('delete-all');
         DELETE FROM meta WHERE name = 'fts_indexed';",
    )
    .unwrap();
}

/// Compares what a test produced with the committed file at `path`: `None` when they are equal.
/// With the environment variable `var` set, a differing or missing file is rewritten, and still
/// reported: the run that changed a committed file fails and names it (review the diff, run
/// again: it passes). Outputs and generated inputs use different variables, so regenerating
/// one never rewrites the other from stale data.
pub fn compare_committed(path: &Path, got: &[u8], var: &str) -> Option<String> {
    let want = std::fs::read(path).ok();
    if want.as_deref() == Some(got) {
        return None;
    }
    if std::env::var_os(var).is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, got).unwrap();
        return Some(format!(
            "{} rewritten ({var}): check the diff",
            path.display()
        ));
    }
    Some(match want {
        None => format!("{} missing: run again with {var}=1", path.display()),
        Some(w) => format!(
            "{} is stale (run again with {var}=1):\n--- committed\n{}\n--- now\n{}",
            path.display(),
            String::from_utf8_lossy(&w),
            String::from_utf8_lossy(got)
        ),
    })
}
