//! Crash consistency: every write command killed at every commit it makes (`PATCHQ_CRASH_AT=N`
//! aborts just before the Nth commit, `after:N` just after it, as a SIGKILL or a power cut
//! would), then run again, must leave exactly what one uninterrupted run leaves. Compared with
//! `helpers::dump`: messages, threads, series, trailers, review state and events, subsystems,
//! links and the search index, by Message-ID and key.

use std::fs;
use std::path::PathBuf;
use std::process::Stdio;

use crate::helpers::{Env, dump, dump_difference, fixtures};
use crate::sample;

const NOW: &str = "2026-11-20T12:00:00Z";

/// A database in a known state, from which every run of a command starts.
pub struct Start {
    /// Holds the inputs (and the template database): paths stay the same for every run.
    pub env: Env,
}

impl Start {
    pub fn new(prepare: impl FnOnce(&Env)) -> Start {
        let env = Env::new();
        prepare(&env);
        Start { env }
    }

    /// A fresh environment with a copy of the template database (and of the mirrors `sync`
    /// keeps beside it).
    pub fn copy(&self) -> Env {
        let mut env = Env::new();
        env.vars = self.env.vars.clone();
        if self.env.db().exists() {
            fs::copy(self.env.db(), env.db()).unwrap();
        }
        let mirrors = self.env.path("patchq.db.remotes");
        if mirrors.exists() {
            let status = std::process::Command::new("cp")
                .arg("-a")
                .arg(&mirrors)
                .arg(env.path("patchq.db.remotes"))
                .status()
                .unwrap();
            assert!(status.success());
        }
        env
    }
}

/// Runs `args` once as patchq, with `crash` as `PATCHQ_CRASH_AT`; returns the exit code (None:
/// killed by a signal).
pub fn run(env: &Env, args: &[&str], crash: Option<&str>) -> Option<i32> {
    let mut cmd = env.cmd(args);
    cmd.env("PATCHQ_NOW", NOW)
        .env("PATCHQ_USER", "max@example.org")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(at) = crash {
        cmd.env("PATCHQ_CRASH_AT", at);
    }
    let out = cmd.output().unwrap();
    if crash.is_none() {
        assert!(
            out.status.code().is_some_and(|c| c == 0 || c == 3),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out.status.code()
}

/// Kills `args` at every commit, before and after it, each time from `start`; runs `args` again
/// and compares with an uninterrupted run. With `again`, that command runs first after the
/// crash (it must finish what `args` left), and the reference is `args` then `again`. Returns
/// the kill points tried.
pub fn every_kill_point(start: &Start, args: &[&str], again: Option<&[&str]>) -> usize {
    let reference = start.copy();
    run(&reference, args, None);
    if let Some(again) = again {
        run(&reference, again, None);
    }
    let expected = dump(&reference.db());
    let mut tried = 0;
    for n in 1.. {
        let mut finished = 0;
        for at in [n.to_string(), format!("after:{n}")] {
            let env = start.copy();
            if run(&env, args, Some(&at)).is_some() {
                finished += 1;
                continue;
            }
            tried += 1;
            // A command run again on what the crash left: the same one, or the one given, which
            // must first finish it: every message stored is threaded.
            run(&env, again.unwrap_or(args), None);
            if again.is_some() {
                assert_eq!(
                    unassembled(&env),
                    0,
                    "{args:?} killed at {at}, then {again:?}"
                );
                run(&env, args, None);
            }
            let got = dump(&env.db());
            assert!(
                got == expected,
                "{args:?} killed at commit {at}, then run again, differs from one run:\n{}",
                dump_difference(&expected, &got)
            );
        }
        if finished == 2 {
            break;
        }
    }
    assert!(tried >= 2, "{args:?} made no commit to kill at");
    tried
}

/// Messages stored but not threaded (no placement).
fn unassembled(env: &Env) -> i64 {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(
        "SELECT count(*) FROM messages m WHERE deleted = 0
         AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.message_id = m.id)",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Five inputs of the project's fixtures: the sample archive and four series mailboxes.
fn inputs(env: &Env) -> Vec<String> {
    let mut out = vec![env.path("sample.mbox")];
    fs::copy(fixtures().join("sample.mbox"), &out[0]).unwrap();
    for name in [
        "01-cover-and-trailers.mbox",
        "02-deep-threading.mbox",
        "10-partial-reroll.mbox",
        "19-trailers-in-prose-mismatches-carried.mbox",
    ] {
        let p = env.path(name);
        fs::copy(fixtures().join("series").join(name), &p).unwrap();
        out.push(p);
    }
    out.iter().map(|p| p.display().to_string()).collect()
}

fn load_maintainers(env: &Env) {
    let m = fixtures().join("MAINTAINERS");
    assert_eq!(
        run(env, &["maintainers", "load", m.to_str().unwrap()], None),
        Some(0)
    );
}

fn import_args(paths: &[String]) -> Vec<&str> {
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    args
}

#[test]
fn an_import_killed_at_any_commit_then_run_again_equals_one_import() {
    let mut paths = Vec::new();
    let start = Start::new(|env| {
        paths = inputs(env);
        load_maintainers(env);
    });
    let n = every_kill_point(&start, &import_args(&paths), None);
    println!("import: {n} kill points");
}

/// The first import into a database that does not exist yet builds it without the log until
/// it settles (`Store::open_to_build`): killed at any commit of the build (a rollback journal
/// left beside the file, or none), run again, it leaves what one run leaves, on the log. With
/// windows of 7 messages the build assembles its first window in place and settles at the
/// second, so the kills fall before, at and after the settling.
#[test]
fn a_first_import_into_a_new_database_killed_at_any_commit_then_run_again_equals_one_import() {
    for every in [None, Some("7")] {
        let mut paths = Vec::new();
        let mut start = Start::new(|env| paths = inputs(env));
        if let Some(n) = every {
            start
                .env
                .vars
                .push(("PATCHQ_ASSEMBLE_EVERY".into(), n.into()));
        }
        assert!(!start.env.db().exists());
        let once = start.copy();
        assert_eq!(run(&once, &import_args(&paths), None), Some(0));
        let conn = rusqlite::Connection::open(once.db()).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "the build settled on the log");
        assert!(!once.path("patchq.db-journal").exists());
        let n = every_kill_point(&start, &import_args(&paths), None);
        println!("first import (windows {every:?}): {n} kill points");
    }
}

/// An import that assembles every 7 new messages (as a big one does every 20,000): the same
/// result as one assembly at the end, and killed at any commit (assemblies included), run again,
/// the same again.
#[test]
fn an_import_assembling_as_it_goes_equals_one_assembly_and_survives_kills() {
    let mut paths = Vec::new();
    let once = Start::new(|env| {
        paths = inputs(env);
        load_maintainers(env);
    });
    let whole = once.copy();
    assert_eq!(run(&whole, &import_args(&paths), None), Some(0));
    let mut windows = Start::new(|_| {});
    windows.env = once.copy();
    windows
        .env
        .vars
        .push(("PATCHQ_ASSEMBLE_EVERY".into(), "7".into()));
    let windowed = windows.copy();
    assert_eq!(run(&windowed, &import_args(&paths), None), Some(0));
    let (want, got) = (dump(&whole.db()), dump(&windowed.db()));
    assert!(want == got, "{}", dump_difference(&want, &got));
    let n = every_kill_point(&windows, &import_args(&paths), None);
    println!("import assembling every 7 messages: {n} kill points");
}

/// `rebuild` reassembling every 7 messages gives back what the import made, series ids and
/// all, and so does the same rebuild killed at any commit and run again.
#[test]
fn a_rebuild_in_windows_equals_the_import_and_survives_kills() {
    let start = Start::new(|env| {
        let paths = inputs(env);
        load_maintainers(env);
        assert_eq!(run(env, &import_args(&paths), None), Some(0));
    });
    let (want, want_ids) = (
        dump(&start.env.db()),
        crate::helpers::series_ids(&start.env.db()),
    );
    assert!(want_ids.len() > 5, "{want_ids:?}");
    let mut windows = Start::new(|_| {});
    windows.env = start.copy();
    windows
        .env
        .vars
        .push(("PATCHQ_ASSEMBLE_EVERY".into(), "7".into()));
    let rebuilt = windows.copy();
    assert_eq!(run(&rebuilt, &["rebuild"], None), Some(0));
    let got = dump(&rebuilt.db());
    assert!(want == got, "{}", dump_difference(&want, &got));
    assert_eq!(crate::helpers::series_ids(&rebuilt.db()), want_ids);
    let n = every_kill_point(&windows, &["rebuild"], None);
    println!("rebuild assembling every 7 messages: {n} kill points");
}

#[test]
fn an_import_killed_then_another_write_command_finishes_it() {
    let mut paths = Vec::new();
    let start = Start::new(|env| {
        paths = inputs(env);
        load_maintainers(env);
        assert_eq!(run(env, &["import", &paths[0]], None), Some(0));
    });
    // Killed, then another write command (a note on a series stored before) must first finish
    // what the import left; the import run again then adds nothing.
    let note: &[&str] = &["note", "20261012-foo-v2-0@example.org", "ask about locking"];
    let n = every_kill_point(&start, &import_args(&paths[1..]), Some(note));
    println!("import after state: {n} kill points");
}

#[test]
fn maintainers_load_rebuild_state_and_search_killed_at_any_commit() {
    let start = Start::new(|env| {
        let paths = inputs(env);
        assert_eq!(run(env, &import_args(&paths), None), Some(0));
    });
    let m = fixtures().join("MAINTAINERS");
    let load = ["maintainers", "load", m.to_str().unwrap()];
    let loaded = Start::new(|env| {
        fs::copy(start.env.db(), env.db()).unwrap();
        load_maintainers(env);
    });
    let mut tried = every_kill_point(&start, &load, None);
    tried += every_kill_point(&loaded, &["rebuild"], None);
    let bulk = [
        "state",
        "20261012-foo-v2-0@example.org",
        "20261005-foo-v1-0@example.org",
        "20261020-gpio-bar-1@example.net",
        "changes-requested",
        "--note",
        "see the review",
    ];
    tried += every_kill_point(&loaded, &bulk, None);
    // Imports keep the index current; a database written before they did is indexed by the
    // first search.
    let unindexed = Start::new(|env| {
        fs::copy(loaded.env.db(), env.db()).unwrap();
        crate::helpers::drop_search_index(&env.db());
    });
    tried += every_kill_point(&unindexed, &["search", "--all", "foo"], None);
    println!("maintainers load, rebuild, bulk state, search: {tried} kill points");
}

#[test]
fn link_killed_at_any_commit_then_run_again_equals_one_link() {
    let mut repo = PathBuf::new();
    let start = Start::new(|env| {
        let s = sample::build(env.dir.path());
        let mbox = env.path("sample.mbox");
        fs::write(&mbox, &s.mbox).unwrap();
        assert_eq!(run(env, &["import", mbox.to_str().unwrap()], None), Some(0));
        repo = s.repo;
    });
    let repo = repo.display().to_string();
    let args = ["link", "--repo", &repo, "--rev", "base..a-v2"];
    let n = every_kill_point(&start, &args, None);
    let linked = start.copy();
    run(&linked, &args, None);
    assert!(
        dump(&linked.db()).contains("== links (3)"),
        "three links expected"
    );
    println!("link: {n} kill points");
}
