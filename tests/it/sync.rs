//! `patchq remote`, `sync` and `fetch` against a real public-inbox v2 inbox served by
//! `public-inbox-httpd` on 127.0.0.1 (see `pi_server`): exact counts on first and later syncs,
//! the bytes each downloads, purges, new epochs, `--since`, crashes and lost servers, the sync
//! lock, one thread fetched by Message-ID and by URL, and a sync with no name refreshing every
//! source the database remembers.

use std::fs;
use std::process::Stdio;

use crate::crash::{Start, every_kill_point};
use crate::helpers::{Env, dump, dump_difference, git};
use crate::pi_server::{PiServer, Proxy, Relay, mail};
use crate::sample::{format_patch, thread};

/// Mails `range` of the list: every tenth is a reply (a review) to the one before it.
fn mails(range: std::ops::Range<usize>) -> Vec<Vec<u8>> {
    range
        .map(|i| mail(i, (i % 10 == 9).then(|| i - 1)))
        .collect()
}

/// `patchq --format json sync ARGS`: exit code, one JSON object per source, stderr.
fn sync(env: &Env, args: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let mut all = vec!["--format", "json", "sync"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    let lines = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (r.code, lines, r.stderr)
}

/// The one source `sync` reported, as (new, downloaded bytes).
fn only(out: &(i32, Vec<serde_json::Value>, String)) -> (u64, u64) {
    let (code, lines, stderr) = out;
    assert_eq!(*code, 0, "{stderr}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let l = &lines[0];
    assert_eq!(
        (l["kind"].as_str(), l["rejected"].as_u64()),
        (Some("remote"), Some(0))
    );
    // The contract's fields: a time in seconds; no error, links or accepted for a remote.
    assert!(l["elapsed_s"].as_f64().is_some_and(|s| s >= 0.0), "{l}");
    for absent in ["error", "links", "accepted"] {
        assert!(l.get(absent).is_none(), "{absent} in {l}");
    }
    (
        l["new"].as_u64().unwrap(),
        l["downloaded"].as_u64().unwrap(),
    )
}

fn add_remote(env: &Env, name: &str, url: &str, extra: &[&str]) {
    let mut args = vec!["remote", "add", name, url];
    args.extend_from_slice(extra);
    let r = env.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn messages(env: &Env) -> (u64, u64) {
    let s = env.stats();
    (
        s["messages"].as_u64().unwrap(),
        s["deleted"].as_u64().unwrap(),
    )
}

#[test]
fn a_remote_is_followed_fetching_only_what_changed() {
    let mut server = PiServer::new("widget", &mails(0..60));
    let env = Env::new();
    add_remote(&env, "widget", &server.url(), &[]);

    // The first sync imports exactly what the inbox holds.
    let (new, first) = only(&sync(&env, &[]));
    assert_eq!(new, 60);
    assert!(
        first > 20_000,
        "a 60-message epoch is more than {first} bytes"
    );
    assert_eq!(messages(&env), (60, 0));

    // More mail: exactly the new messages, and only the new objects cross the wire.
    for m in [mail(60, None), mail(61, None), mail(62, Some(60))] {
        server.deliver(&m);
    }
    let (new, later) = only(&sync(&env, &[]));
    assert_eq!(new, 3);
    assert!(
        later > 0 && later * 4 < first,
        "3 new messages cost {later} bytes, the first 60 {first}"
    );
    assert_eq!(messages(&env), (63, 0));

    // Nothing changed: the manifest says so, no epoch is fetched.
    assert_eq!(only(&sync(&env, &[])), (0, 0));

    // A purge rewrites the epoch's history: nothing is imported twice, the purged message is
    // kept and marked deleted.
    server.purge(&mail(5, None));
    let out = sync(&env, &[]);
    assert_eq!(only(&out).0, 0);
    assert!(
        out.2.contains("history was rewritten")
            && out
                .2
                .contains("1 messages it no longer holds are kept, marked deleted"),
        "{}",
        out.2
    );
    assert_eq!(messages(&env), (62, 1));
    assert_eq!(only(&sync(&env, &[])), (0, 0));

    // A second epoch is found through the manifest and cloned.
    server.deliver_new_epoch(&mail(63, None));
    assert_eq!(server.epochs(), 2);
    let out = sync(&env, &[]);
    assert_eq!(only(&out).0, 1);
    assert!(env.path("patchq.db.remotes/widget/git/1.git").is_dir());
    assert_eq!(messages(&env), (63, 1));
    server.deliver(&mail(64, Some(63)));
    assert_eq!(only(&sync(&env, &[])).0, 1);

    // The remote's state.
    let r = env.run(&["--format", "json", "remote", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(list.len(), 1, "{}", r.stdout);
    assert_eq!(list[0]["name"], "widget");
    assert_eq!(list[0]["url"], server.url());

    // Restarting the server changes nothing.
    server.stop();
    server.start();
    assert_eq!(only(&sync(&env, &["widget"])), (0, 0));
}

#[test]
fn since_skips_older_mail_and_a_removed_remote_keeps_its_mail() {
    let server = PiServer::new("widget", &mails(0..30));
    let env = Env::new();
    // Mail i is sent i minutes after mail 0: --since takes a date or a time.
    let since = chrono::DateTime::parse_from_rfc2822(
        String::from_utf8_lossy(&mail(20, None))
            .lines()
            .find_map(|l| l.strip_prefix("Date: "))
            .unwrap(),
    )
    .unwrap()
    .to_rfc3339();
    add_remote(&env, "widget", &server.url(), &["--since", &since]);
    assert_eq!(only(&sync(&env, &[])).0, 10);
    assert_eq!(messages(&env), (10, 0));

    let r = env.run(&["remote", "remove", "widget"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!env.path("patchq.db.remotes/widget").exists());
    assert_eq!(messages(&env), (10, 0));
    let (code, lines, _) = sync(&env, &[]);
    assert_eq!((code, lines.len()), (0, 0));
    // An unknown name is an error of its own.
    let r = env.run(&["sync", "widget"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("widget"), "{}", r.stderr);
}

#[test]
fn a_sync_killed_at_any_commit_then_run_again_equals_one_sync() {
    let server = PiServer::new("widget", &mails(0..40));
    let url = server.url();
    // From nothing: the first sync killed anywhere.
    let empty = Start::new(|env| add_remote(env, "widget", &url, &[]));
    let tried = every_kill_point(&empty, &["sync"], None);
    assert!(tried >= 4, "{tried}");
    // After more mail: a later sync killed anywhere.
    let synced = Start::new(|env| {
        add_remote(env, "widget", &url, &[]);
        assert_eq!(only(&sync(env, &[])).0, 40);
    });
    for i in 40..45 {
        server.deliver(&mail(i, None));
    }
    let tried = every_kill_point(&synced, &["sync"], None);
    assert!(tried >= 4, "{tried}");
}

#[test]
fn a_sync_killed_mid_transfer_resumes_and_a_second_sync_waits_for_none() {
    let server = PiServer::new("widget", &mails(0..60));
    let reference = Env::new();
    add_remote(&reference, "widget", &server.url(), &[]);
    assert_eq!(only(&sync(&reference, &[])).0, 60);

    // The pack is held back after 4 KB: the sync hangs mid-transfer.
    let proxy = Proxy::new(server.port, Relay::Stall(4096));
    let env = Env::new();
    let url = format!("http://127.0.0.1:{}/widget", proxy.port);
    add_remote(&env, "widget", &url, &[]);
    let mut child = env
        .cmd(&["sync"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    proxy.wait_until_held();

    // Meanwhile a second sync (cron's) does nothing and says why.
    let r = env.run(&["sync"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains(&format!("another sync (process {}) is running", child.id())),
        "{}",
        r.stderr
    );

    child.kill().unwrap();
    child.wait().unwrap();
    proxy.set(Relay::Pass);
    assert_eq!(only(&sync(&env, &[])).0, 60);
    let (want, got) = (dump(&reference.db()), dump(&env.db()));
    assert!(want == got, "{}", dump_difference(&want, &got));
}

#[test]
fn a_server_lost_mid_sync_is_a_clear_error_and_the_next_sync_completes() {
    let mut server = PiServer::new("widget", &mails(0..60));
    let other = PiServer::new("gadget", &mails(1000..1005));
    let proxy = Proxy::new(server.port, Relay::Cut(4096));
    let env = Env::new();
    let url = format!("http://127.0.0.1:{}/widget", proxy.port);
    add_remote(&env, "widget", &url, &[]);
    add_remote(&env, "gadget", &other.url(), &[]);

    // The connection drops in the middle of the pack: widget fails and names where, gadget is
    // synced all the same, exit code 3.
    let (code, lines, stderr) = sync(&env, &[]);
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    let widget = &lines[0];
    assert_eq!(widget["source"], "widget");
    let error = widget["error"].as_str().unwrap();
    assert!(error.contains(&url), "{error}");
    assert!(stderr.contains(&url), "{stderr}");
    assert_eq!(
        (&lines[1]["source"], lines[1]["new"].as_u64()),
        (&"gadget".into(), Some(5))
    );
    assert_eq!(messages(&env), (5, 0));

    // The server is back: the next sync completes.
    proxy.set(Relay::Pass);
    let (code, lines, stderr) = sync(&env, &["widget"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines[0]["new"], 60);
    assert_eq!(messages(&env), (65, 0));

    // The server stopped outright: a clear error naming the URL, then all is well again.
    server.deliver(&mail(60, None));
    server.stop();
    let (code, lines, stderr) = sync(&env, &["widget"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        lines[0]["error"].as_str().unwrap().contains(&url),
        "{lines:?}"
    );
    server.start();
    let (code, lines, stderr) = sync(&env, &["widget"]);
    assert_eq!((code, lines[0]["new"].as_u64()), (0, Some(1)), "{stderr}");
    assert_eq!(messages(&env), (66, 0));
}

#[test]
fn fetch_takes_one_thread_by_message_id_or_url() {
    let server = PiServer::new("widget", &mails(0..20));
    let env = Env::new();
    add_remote(&env, "widget", &server.url(), &[]);
    let fetch = |env: &Env, args: &[&str]| {
        let mut all = vec!["--format", "json", "fetch"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let j = r.json();
        (j["read"].as_u64().unwrap(), j["new"].as_u64().unwrap())
    };
    // Mail 8 and its review 9.
    assert_eq!(
        fetch(&env, &["<pi-8@example.org>", "--remote", "widget"]),
        (2, 2)
    );
    assert_eq!(messages(&env), (2, 0));
    let show = env.run(&["--format", "json", "show", "pi-8@example.org"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert_eq!(show.json()["tags"]["reviewed"], 1, "{}", show.stdout);
    // Again later: only the replies that came since.
    server.deliver(&mail(20, Some(8)));
    // The thread file kept from last time grew at its end: only the new reply is read.
    assert_eq!(fetch(&env, &["pi-8@example.org"]), (1, 1));
    assert_eq!(messages(&env), (3, 0));

    // By URL, with no remote at all.
    let other = Env::new();
    let url = format!("{}/pi-18@example.org/", server.url());
    assert_eq!(fetch(&other, &[&url]), (2, 2));
    // A Message-ID the server does not have.
    let r = env.run(&["fetch", "nowhere@example.org"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("nowhere@example.org"), "{}", r.stderr);
}

/// A tree with a MAINTAINERS file, a patch posted for it, the list's mbox, a Maildir, the
/// remote: the state `sync` with no name starts from.
struct World {
    env: Env,
    repo: std::path::PathBuf,
    mbox: std::path::PathBuf,
    maildir: std::path::PathBuf,
}

const D0: &str = "2026-09-01T10:00:00Z";
const LEAD: &str = "Linus Lead <lead@example.org>";

impl World {
    fn git(&self, args: &[&str], date: &str) -> String {
        git(&self.repo, args, date)
    }

    /// Posts a patch to `file` on a topic branch: the mail, Message-ID `<id>@example.org`.
    fn post(&self, id: &str, file: &str, date: &str) -> String {
        self.git(&["checkout", "-q", "-B", id, "master"], date);
        let path = self.repo.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, format!("int {id}(void);\n")).unwrap();
        self.git(&["add", "-A"], date);
        let msg = format!("widget: add {id}\n\nSigned-off-by: Jane Dev <jane@example.org>");
        self.git(
            &[
                "commit",
                "-q",
                "--author",
                "Jane Dev <jane@example.org>",
                "-m",
                &msg,
            ],
            date,
        );
        let out = self.env.path("fp");
        let mail = format_patch(&self.repo, &out, "master..", &[]).remove(0);
        self.git(&["checkout", "-q", "master"], date);
        thread(&mail, &format!("{id}@example.org"), None, &[])
    }

    fn append_to_mbox(&self, mail: &str) {
        let mut text = fs::read_to_string(&self.mbox).unwrap_or_default();
        text.push_str(mail);
        text.push('\n');
        fs::write(&self.mbox, text).unwrap();
    }

    fn deliver_to_maildir(&self, n: usize) {
        let m = String::from_utf8(mail(2000 + n, None)).unwrap();
        fs::write(self.maildir.join(format!("new/{n}.host")), m).unwrap();
    }
}

#[test]
fn sync_with_no_name_refreshes_every_source_once() {
    let server = PiServer::new("widget", &mails(0..10));
    let env = Env::new();
    let repo = env.path("tree");
    let maildir = env.path("Maildir");
    for d in ["cur", "new", "tmp"] {
        fs::create_dir_all(maildir.join(d)).unwrap();
    }
    fs::create_dir_all(&repo).unwrap();
    let w = World {
        mbox: env.path("list.mbox"),
        env,
        repo,
        maildir,
    };
    w.git(&["init", "-q", "-b", "master"], D0);
    fs::write(
        w.repo.join("MAINTAINERS"),
        "WIDGET CORE\nM:\tLinus Lead <lead@example.org>\nF:\tcore/\n",
    )
    .unwrap();
    fs::create_dir_all(w.repo.join("core")).unwrap();
    fs::write(w.repo.join("core/w.c"), "int w;\n").unwrap();
    w.git(&["add", "-A"], D0);
    w.git(
        &["commit", "-q", "--author", LEAD, "-m", "Initial tree"],
        D0,
    );

    let a = w.post("add-a", "core/a.c", "2026-09-02T10:00:00Z");
    w.append_to_mbox(&a);
    w.deliver_to_maildir(1);
    let env = &w.env;
    let mbox = w.mbox.display().to_string();
    let maildir = w.maildir.display().to_string();
    let repo = w.repo.display().to_string();
    for args in [
        vec!["import", &mbox, &maildir],
        vec!["maintainers", "load", "--repo", &repo],
        vec!["link", "--repo", &repo],
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    add_remote(env, "widget", &server.url(), &[]);
    let repo = fs::canonicalize(&w.repo).unwrap().display().to_string();

    // The first sync: the remote's mail; nothing else is new.
    let (code, lines, stderr) = sync(env, &[]);
    assert_eq!(code, 0, "{stderr}");
    let summary = |lines: &[serde_json::Value]| -> Vec<(String, String, u64)> {
        lines
            .iter()
            .map(|l| {
                let source = l["source"].as_str().unwrap().to_string();
                let kind = l["kind"].as_str().unwrap().to_string();
                (kind, source, l["new"].as_u64().unwrap())
            })
            .collect()
    };
    let maint = format!("{repo}:HEAD");
    let first = vec![
        ("remote".into(), "widget".into(), 10),
        ("mbox".into(), mbox.clone(), 0),
        ("maildir".into(), maildir.clone(), 0),
        ("maintainers".into(), maint.clone(), 0),
        ("repo".into(), repo.clone(), 0),
    ];
    assert_eq!(summary(&lines), first, "{stderr}");

    // Everything grows: two more mails on the server, a patch in the mbox, two in the Maildir,
    // the first patch applied, MAINTAINERS gaining a section.
    server.deliver(&mail(10, None));
    server.deliver(&mail(11, Some(10)));
    let b = w.post("add-b", "gadget/b.c", "2026-09-03T10:00:00Z");
    w.append_to_mbox(&b);
    w.deliver_to_maildir(2);
    w.deliver_to_maildir(3);
    let am = env.path("a.mbox");
    fs::write(&am, &a).unwrap();
    w.git(
        &["am", "-q", &am.display().to_string()],
        "2026-09-04T10:00:00Z",
    );
    let mut m = fs::read_to_string(w.repo.join("MAINTAINERS")).unwrap();
    m.push_str("\nGADGET DRIVER\nM:\tGail Gadget <gail@example.org>\nF:\tgadget/\n");
    fs::write(w.repo.join("MAINTAINERS"), m).unwrap();
    w.git(
        &[
            "commit",
            "-q",
            "--author",
            LEAD,
            "-am",
            "MAINTAINERS: add GADGET",
        ],
        "2026-09-05T10:00:00Z",
    );

    let (code, lines, stderr) = sync(env, &[]);
    assert_eq!(code, 0, "{stderr}");
    let second = vec![
        ("remote".into(), "widget".into(), 2),
        ("mbox".into(), mbox.clone(), 1),
        ("maildir".into(), maildir.clone(), 2),
        ("maintainers".into(), maint.clone(), 2),
        ("repo".into(), repo.clone(), 2),
    ];
    assert_eq!(summary(&lines), second, "{stderr}");
    let r = &lines[4];
    assert_eq!(
        (r["links"].as_u64(), r["accepted"].as_u64()),
        (Some(1), Some(1)),
        "{r}"
    );
    let show = |msgid: &str| {
        let r = env.run(&["--format", "json", "show", msgid]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.json()
    };
    assert_eq!(show("add-a@example.org")["state"], "accepted");
    assert_eq!(show("add-b@example.org")["state"], "new");
    assert_eq!(
        show("add-b@example.org")["subsystems"][0],
        "GADGET DRIVER",
        "the new section maps the new series"
    );

    // Nothing new anywhere: every source says 0.
    let (code, lines, stderr) = sync(env, &[]);
    assert_eq!(code, 0, "{stderr}");
    let zero: Vec<_> = first
        .iter()
        .map(|(k, s, _)| (k.clone(), s.clone(), 0))
        .collect();
    assert_eq!(summary(&lines), zero, "{stderr}");
    assert_eq!(lines[4]["links"], 0);
}

#[test]
fn a_local_inbox_is_a_remote_too_and_bad_remotes_are_refused() {
    let server = PiServer::new("widget", &mails(0..12));
    let env = Env::new();
    let inbox = server.inbox.display().to_string();
    add_remote(&env, "local", &inbox, &[]);
    let (code, lines, stderr) = sync(&env, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        (lines[0]["source"].as_str(), lines[0]["new"].as_u64()),
        (Some("local"), Some(12))
    );
    server.deliver(&mail(12, None));
    assert_eq!(
        sync(&env, &[]).1[0]["new"],
        1,
        "read on from where it stopped"
    );

    // CSV: a header and one row.
    let r = env.run(&["--format", "csv", "remote", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    assert!(rows[0].starts_with("name,url"), "{}", rows[0]);
    assert!(
        rows[1].starts_with(&format!(
            "local,{}",
            fs::canonicalize(&server.inbox).unwrap().display()
        )),
        "{}",
        rows[1]
    );

    // Refused, each with exit 1 and the reason: a name that is no directory name, a name taken,
    // a path that is no inbox, a remote that does not exist.
    for (args, why) in [
        (
            vec!["remote", "add", "../x", "http://example.org/x"],
            "a remote's name is letters",
        ),
        (
            vec!["remote", "add", "local", "http://example.org/x"],
            "there is a remote named local",
        ),
        (
            vec!["remote", "add", "other", env.path("").to_str().unwrap()],
            "not a public-inbox v2 inbox",
        ),
        (vec!["remote", "remove", "nosuch"], "nosuch"),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{args:?}: {}", r.stderr);
    }
}

/// A list's `remote` in the config file is followed by `sync` without `remote add`, once.
#[test]
fn a_remote_named_in_the_config_file_is_followed_by_sync() {
    let server = PiServer::new("widget", &mails(0..12));
    let env = Env::new();
    let dir = env.path(".config/patchq");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[[list]]\nid = \"widget.lists.example.org\"\nremote = \"{}\"\n",
            server.url()
        ),
    )
    .unwrap();
    let (code, _, stderr) = sync(&env, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("remote widget.lists.example.org follows"),
        "{stderr}"
    );
    assert_eq!(messages(&env), (12, 0));
    let r = env.run(&["--format", "json", "remote", "list"]);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    // The next sync registers nothing again.
    let (code, _, stderr) = sync(&env, &[]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("follows"), "{stderr}");
}
