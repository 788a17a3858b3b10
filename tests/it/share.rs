//! `patchq share`: three replicas of the sample archive and one bare repository; whatever order
//! changes, pushes and pulls come in, replicas that have exchanged everything agree on every
//! series' state, delegate, archive flag, notes and history, and no event is lost or doubled.

use std::path::{Path, PathBuf};

use crate::helpers::{Env, Run, fixtures};

/// One co-maintainer's database, all sharing `remote`.
struct Replica {
    env: Env,
}

impl Replica {
    fn new(user: &str, remote: &Path, import: bool) -> Replica {
        let mut env = Env::new();
        env.vars.push(("PATCHQ_USER".into(), user.into()));
        if import {
            let r = env.import(&[&fixtures().join("sample.mbox")]);
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        let r = env.run(&["share", "add", "team", &remote.display().to_string()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        Replica { env }
    }

    fn ok(&self, args: &[&str]) -> Run {
        let r = self.env.run(args);
        assert_eq!(r.code, 0, "patchq {args:?}: {}", r.stderr);
        r
    }

    /// `share push|pull --format json`: (pulled, pushed).
    fn share(&self, how: &str) -> (u64, u64) {
        let r = self.ok(&["--format", "json", "share", how]);
        let j = r.json();
        assert_eq!(j["remote"], "team");
        (j["pulled"].as_u64().unwrap(), j["pushed"].as_u64().unwrap())
    }

    fn list(&self) -> serde_json::Value {
        self.ok(&["--format", "json", "list", "--all"]).json()
    }

    /// `show --format json` of every series.
    fn shows(&self) -> Vec<serde_json::Value> {
        let ids: Vec<i64> = self
            .list()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_i64().unwrap())
            .collect();
        ids.iter()
            .map(|id| {
                self.ok(&["--format", "json", "show", &id.to_string()])
                    .json()
            })
            .collect()
    }

    /// Person events of every series: (who, kind, new, replica), in history order.
    fn person_events(&self) -> Vec<(String, String, String, String)> {
        let mut out = Vec::new();
        for show in self.shows() {
            for e in show["events"].as_array().unwrap() {
                if let Some(replica) = e["replica"].as_str() {
                    out.push((
                        e["who"].as_str().unwrap().to_string(),
                        e["kind"].as_str().unwrap().to_string(),
                        e["new"].as_str().unwrap_or("").to_string(),
                        replica.to_string(),
                    ));
                }
            }
        }
        out
    }
}

fn bare_remote(env: &Env) -> PathBuf {
    let remote = env.path("team.git");
    let out = std::process::Command::new("git")
        .args(["init", "-q", "--bare"])
        .arg(&remote)
        .output()
        .unwrap();
    assert!(out.status.success());
    remote
}

/// `git log FORMAT` of the share history in the bare repository `remote`.
fn remote_log(remote: &Path, format: &str) -> String {
    let out = std::process::Command::new("git")
        .arg("--git-dir")
        .arg(remote)
        .args(["log", format, "refs/patchq/review"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn team(remote: &Path) -> [Replica; 3] {
    [
        Replica::new("alice@example.org", remote, true),
        Replica::new("bob@example.org", remote, true),
        Replica::new("carol@example.org", remote, true),
    ]
}

/// A home for the bare repository and the three replicas sharing it.
fn shared_team() -> (Env, PathBuf, [Replica; 3]) {
    let home = Env::new();
    let remote = bare_remote(&home);
    let team = team(&remote);
    (home, remote, team)
}

/// Every replica pushes, then every replica pulls: all have seen every event.
fn exchange_all(replicas: &[Replica]) {
    for r in replicas {
        r.share("push");
    }
    for r in replicas {
        r.share("pull");
    }
}

fn assert_converged(replicas: &[Replica]) {
    let first = (replicas[0].list(), replicas[0].shows());
    for (i, r) in replicas.iter().enumerate().skip(1) {
        assert_eq!(
            r.list(),
            first.0,
            "list of replica {i} differs from replica 0"
        );
        assert_eq!(
            r.shows(),
            first.1,
            "show of replica {i} differs from replica 0"
        );
    }
}

fn state_of(list: &serde_json::Value, id: i64) -> (String, Option<String>, bool) {
    let s = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no series {id}"));
    (
        s["state"].as_str().unwrap().to_string(),
        s["delegate"].as_str().map(str::to_string),
        s["archived"].as_bool().unwrap(),
    )
}

#[test]
fn concurrent_changes_on_three_replicas_converge_in_every_push_order() {
    // The six orders in which three replicas can push, each from the same concurrent changes.
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut outcomes = Vec::new();
    for (n, order) in orders.iter().enumerate() {
        // Pulls come in every order too, each paired with a different push order.
        let pull_order = orders[(n + 3) % orders.len()];
        let home = Env::new();
        let remote = bare_remote(&home);
        let team = team(&remote);
        // The same series changed on two replicas; delegate on one and state on another;
        // notes everywhere.
        team[0].ok(&["state", "6", "accepted"]);
        team[1].ok(&["state", "6", "changes-requested", "--note", "see my reply"]);
        team[1].ok(&["delegate", "5", "dave@example.org"]);
        team[2].ok(&["state", "5", "under-review"]);
        team[2].ok(&["archive", "4"]);
        for (i, r) in team.iter().enumerate() {
            r.ok(&["note", "3", &format!("note from replica {i}")]);
        }
        let (mut pushed, mut pulled) = (0, 0);
        for &i in order {
            let (p, q) = team[i].share("push");
            pulled += p;
            pushed += q;
        }
        assert_eq!(pushed, 8, "each event is pushed once");
        for i in pull_order {
            pulled += team[i].share("pull").0;
        }
        // Each replica takes in the events of the other two (2, 3 and 3 events made) once.
        assert_eq!(pulled, 6 + 5 + 5, "{order:?} then {pull_order:?}");
        assert_converged(&team);
        let list = team[0].list();
        let mine: Vec<_> = team[0].person_events();
        assert_eq!(mine.len(), 8, "no event lost or doubled: {mine:?}");
        for r in &team[1..] {
            assert_eq!(r.person_events(), mine);
        }
        assert_eq!(
            state_of(&list, 5),
            (
                "under-review".into(),
                Some("dave@example.org".into()),
                false
            )
        );
        assert!(state_of(&list, 4).2, "series 4 archived");
        outcomes.push(state_of(&list, 6));
        // Sharing again moves nothing.
        for r in &team {
            assert_eq!(r.share("push"), (0, 0));
        }
    }
    // Series 6 was changed on two replicas at once: every order settles on the same one.
    outcomes.dedup();
    assert_eq!(outcomes.len(), 1, "{outcomes:?}");
}

#[test]
fn an_event_for_a_series_not_imported_yet_applies_when_its_mail_arrives() {
    let home = Env::new();
    let remote = bare_remote(&home);
    let alice = Replica::new("alice@example.org", &remote, true);
    let late = Replica::new("bob@example.org", &remote, false);
    alice.ok(&["state", "6", "accepted"]);
    alice.ok(&["delegate", "6", "bob@example.org"]);
    assert_eq!(alice.share("push"), (0, 2));
    assert_eq!(late.share("pull"), (2, 0));
    let r = late.env.run(&["--format", "json", "list", "--all"]);
    assert_eq!(r.code, 1, "no series yet: {}", r.stdout);
    let r = late.env.import(&[&fixtures().join("sample.mbox")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = late.list();
    assert_eq!(
        state_of(&list, 6),
        ("accepted".into(), Some("bob@example.org".into()), false)
    );
    assert_eq!(late.shows(), alice.shows());
    // Bob finds what Alice delegated to him as his.
    let mine = late
        .ok(&["--format", "json", "list", "--all", "--delegate", "me"])
        .json();
    let ids: Vec<i64> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![6]);
}

#[test]
fn the_share_history_reads_with_git_log() {
    let (_home, remote, [alice, bob, _]) = shared_team();
    alice.ok(&["state", "6", "accepted"]);
    alice.ok(&["note", "6", "queued"]);
    alice.share("push");
    bob.ok(&["state", "5", "rfc"]);
    // A remote given by path is reported by its path.
    let path = remote.canonicalize().unwrap().display().to_string();
    let r = bob.ok(&["--format", "json", "share", "push", &path]);
    assert_eq!(
        r.json(),
        serde_json::json!({"remote": path, "pulled": 2, "pushed": 1})
    );
    let log = remote_log(&remote, "--format=%an|%s");
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        vec![
            "bob@example.org|bob@example.org: 1 event",
            "alice@example.org|alice@example.org: 2 events"
        ]
    );
}

#[test]
fn a_push_refused_because_another_replica_pushed_meanwhile_merges_and_retries() {
    let (home, remote, [mut alice, bob, _]) = shared_team();
    bob.ok(&["state", "5", "rfc"]);
    bob.share("push");
    bob.ok(&["note", "5", "second thoughts"]);
    alice.ok(&["state", "6", "accepted"]);
    // Between Alice's fetch and her push, Bob pushes: a `git` first on Alice's PATH runs Bob's
    // push just before her first `git push`.
    let real_git = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let bin = home.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let wrapper = bin.join("git");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\ncase \" $* \" in *\" push \"*) if [ ! -e {marker} ]; then : > {marker}; \
             HOME={home} PATCHQ_DB={bob_db} PATCHQ_USER=bob@example.org {patchq} -q share push \
             >/dev/null || exit 99; fi;; esac\nexec {real_git} \"$@\"\n",
            marker = home.path("raced").display(),
            home = bob.env.dir.path().display(),
            bob_db = bob.env.db().display(),
            patchq = env!("CARGO_BIN_EXE_patchq"),
            real_git = real_git.trim(),
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    alice.env.vars.push(("PATH".into(), path));
    // Bob's first event on the first fetch, his second after the refused push.
    assert_eq!(alice.share("push"), (2, 1));
    assert!(home.path("raced").exists(), "the race happened");
    let log = remote_log(&remote, "--format=%an|%s|%p");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 4, "{log}");
    assert!(
        lines[0].starts_with("alice@example.org|alice@example.org: merge "),
        "{log}"
    );
    assert_eq!(
        lines[0].split('|').nth(2).unwrap().split(' ').count(),
        2,
        "{log}"
    );
    bob.share("pull");
    assert_converged(&[alice, bob]);
}

#[test]
fn forged_lines_in_the_share_history_are_skipped_and_named() {
    let (home, remote, [alice, bob, _]) = shared_team();
    alice.ok(&["state", "6", "accepted"]);
    alice.share("push");
    // Someone with push access writes a commit of lines that are not valid events.
    let work = home.path("forge");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(&work)
            .args(args)
            .env("GIT_AUTHOR_NAME", "m")
            .env("GIT_AUTHOR_EMAIL", "m@x")
            .env("GIT_COMMITTER_NAME", "m")
            .env("GIT_COMMITTER_EMAIL", "m@x")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    std::fs::create_dir(&work).unwrap();
    git(&["init", "-q"]);
    git(&[
        "fetch",
        "-q",
        remote.to_str().unwrap(),
        "refs/patchq/review:refs/heads/main",
    ]);
    git(&["checkout", "-q", "main"]);
    std::fs::write(
        work.join("events.jsonl"),
        "{\"uid\":\"x\",\"key\":\"k\",\"kind\":\"state\",\"new\":\"accepted\",\"who\":\"m\",\"at\":1,\"lamport\":9,\"replica\":\"00000000000000ff\"}\n\u{1b}[31m\n",
    )
    .unwrap();
    git(&["add", "events.jsonl"]);
    git(&["commit", "-q", "-m", "forged"]);
    git(&[
        "push",
        "-q",
        remote.to_str().unwrap(),
        "main:refs/patchq/review",
    ]);
    let r = bob.env.run(&["--format", "json", "share", "pull"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["pulled"], 1);
    assert_eq!(r.stderr.matches("skipped").count(), 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("line 1: skipped: bad event id"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains('\u{1b}'),
        "no control characters reach the terminal"
    );
    assert_eq!(state_of(&bob.list(), 6).0, "accepted");
}

/// A small deterministic generator (xorshift) for the property test.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn random_changes_pushes_and_pulls_converge() {
    const STATES: [&str; 5] = ["accepted", "rejected", "under-review", "rfc", "deferred"];
    let series = ["2", "3", "4", "5", "6"];
    let people = ["dave@example.org", "erin@example.org"];
    for seed in [7_u64, 1234, 99_991, 31_337, 4_242_424] {
        let home = Env::new();
        let remote = bare_remote(&home);
        let team = team(&remote);
        let mut rng = Rng(seed);
        let mut made = 0;
        for _ in 0..24 {
            let r = &team[rng.below(3)];
            let s = series[rng.below(series.len())];
            match rng.below(6) {
                0 => {
                    r.ok(&["state", s, STATES[rng.below(STATES.len())]]);
                }
                1 => {
                    r.ok(&["delegate", s, people[rng.below(2)]]);
                }
                2 => {
                    r.ok(&["note", s, &format!("n{made}")]);
                    made += 1;
                }
                3 => {
                    r.ok(&["archive", s]);
                }
                4 => {
                    r.share("push");
                }
                _ => {
                    r.share("pull");
                }
            }
        }
        exchange_all(&team);
        assert_converged(&team);
        let events = team[0].person_events();
        let notes = events.iter().filter(|e| e.1 == "note").count();
        assert_eq!(notes, made, "seed {seed}: every note arrives once");
        for r in &team[1..] {
            assert_eq!(r.person_events(), events, "seed {seed}");
        }
    }
}

#[test]
fn sync_pulls_and_pushes_every_share_remote() {
    let (_home, _remote, [alice, bob, _]) = shared_team();
    alice.ok(&["state", "6", "accepted"]);
    alice.share("push");
    bob.ok(&["note", "6", "applied to my tree"]);
    let r = bob.ok(&["--format", "json", "sync"]);
    let shares: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|j| j["kind"] == "share")
        .collect();
    assert_eq!(shares.len(), 1, "{}", r.stdout);
    assert_eq!(
        (
            &shares[0]["source"],
            &shares[0]["new"],
            &shares[0]["pushed"]
        ),
        (&"team".into(), &1.into(), &1.into())
    );
    assert_eq!(alice.share("pull"), (1, 0));
    assert_converged(&[alice, bob]);
}

#[test]
fn a_push_killed_between_recording_and_marking_its_events_records_them_once() {
    let (_home, remote, [mut alice, bob, _]) = shared_team();
    alice.ok(&["state", "6", "accepted"]);
    // The first push's only database commit marks the recorded events as shared: die before it.
    alice.env.vars.push(("PATCHQ_CRASH_AT".into(), "1".into()));
    let r = alice.env.run(&["share", "push"]);
    assert_ne!(r.code, 0, "the crash happened: {}", r.stderr);
    alice.env.vars.pop();
    assert_eq!(alice.share("push"), (0, 1));
    let out = std::process::Command::new("git")
        .arg("--git-dir")
        .arg(&remote)
        .args(["log", "--format=%s", "refs/patchq/review"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "alice@example.org: 1 event\n"
    );
    assert_eq!(bob.share("pull"), (1, 0));
}

#[test]
fn share_remotes_are_remembered_listed_and_forgotten_and_bad_input_changes_nothing() {
    let home = Env::new();
    let remote = bare_remote(&home);
    let path = remote.canonicalize().unwrap().display().to_string();
    let env = Env::new();
    // Nothing to share with yet.
    let r = env.run(&["share", "push"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no share remote"), "{}", r.stderr);
    assert_eq!(env.run(&["share", "list"]).code, 1);
    for (args, why) in [
        (vec![".x", path.as_str()], "a remote's name is letters"),
        (
            vec!["url-1", path.as_str()],
            "kept for remotes given by URL",
        ),
        (vec!["team", "/no/such/repository.git"], "git init --bare"),
        // An option for git passed as the URL never reaches git.
        (
            vec!["team", "--", "--upload-pack=evil"],
            "not a URL or path",
        ),
    ] {
        let mut all = vec!["share", "add"];
        all.extend(&args);
        let r = env.run(&all);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{args:?}: {}", r.stderr);
    }
    assert_eq!(
        env.run(&["share", "list"]).code,
        1,
        "nothing was remembered"
    );
    assert_eq!(env.run(&["share", "add", "team", &path]).code, 0);
    assert_eq!(
        env.run(&["share", "add", "team", &path]).code,
        1,
        "the name is taken"
    );
    assert_eq!(
        env.run(&["share", "add", "ssh", "git@git.example.org:team/review.git"])
            .code,
        0,
        "URLs are remembered as given"
    );
    let r = env.run(&["--format", "json", "share", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        rows,
        [
            serde_json::json!({"name": "ssh", "url": "git@git.example.org:team/review.git", "synced": null}),
            serde_json::json!({"name": "team", "url": path, "synced": null}),
        ]
    );
    let csv = env.run(&["--format", "csv", "share", "list"]).stdout;
    assert_eq!(csv.lines().next(), Some("name,url,synced"));
    assert_eq!(env.run(&["share", "remove", "ssh"]).code, 0);
    assert_eq!(env.run(&["share", "remove", "ssh"]).code, 1, "already gone");
    // A push records when it synced.
    assert_eq!(env.run(&["share", "push", "team"]).code, 0);
    let r = env.run(&["--format", "json", "share", "list"]);
    let row: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert!(row["synced"].is_string(), "{row}");
}
