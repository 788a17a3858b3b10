//! Crash consistency on the real LTP archive (10,430 messages: three import batches, three
//! rebuild chunks, six search-index batches): an import killed at every commit and by SIGKILL at
//! moments chosen from outside (after the first batch, after the second, once every message is
//! stored and assembly runs), a rebuild and the search indexing killed at every commit; each
//! then run again equals one uninterrupted run.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::corpus::corpus;
use crate::crash::{Start, every_kill_point, run};
use crate::helpers::{Env, dump, dump_difference, stored_messages};

fn ltp() -> String {
    corpus()
        .join("real/ltp_2024-01_2026-03.mbox.gz")
        .display()
        .to_string()
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn an_ltp_import_killed_at_every_commit_then_run_again_equals_one_import() {
    let start = Start::new(|_| {});
    let n = every_kill_point(&start, &["import", &ltp()], None);
    println!("LTP import: killed at {n} commits, each time run again: equal to one import");
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn an_ltp_import_sigkilled_from_outside_then_run_again_equals_one_import() {
    let clean = Env::new();
    run(&clean, &["import", &ltp()], None);
    let expected = dump(&clean.db());
    // Killed as soon as the database holds this many messages (10,430: all stored, assembly on).
    for at_least in [1, 4095, 10_430] {
        let env = Env::new();
        let mut child = env
            .cmd(&["-q", "import", &ltp()])
            .env("PATCHQ_NOW", "2026-11-20T12:00:00Z")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let mut seen = 0;
        while seen < at_least && started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(2));
            seen = stored_messages(&env.db());
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let series: i64 = rusqlite::Connection::open(env.db())
            .unwrap()
            .query_row("SELECT count(*) FROM series", [], |r| r.get(0))
            .unwrap();
        run(&env, &["import", &ltp()], None);
        let got = dump(&env.db());
        assert!(
            got == expected,
            "killed with {seen} messages stored: {}",
            dump_difference(&expected, &got)
        );
        println!(
            "LTP import killed with {seen} messages stored ({series} series; {status}); \
             run again: equal to one import"
        );
    }
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn an_ltp_rebuild_and_search_indexing_killed_at_every_commit_then_run_again_equal_one_run() {
    let start = Start::new(|env| {
        run(env, &["import", &ltp()], None);
    });
    let rebuild = every_kill_point(&start, &["rebuild"], None);
    // Imports keep the index current; a database written before they did is indexed by the
    // first search.
    let unindexed = Start::new(|env| {
        std::fs::copy(start.env.db(), env.db()).unwrap();
        crate::helpers::drop_search_index(&env.db());
    });
    let search = every_kill_point(&unindexed, &["search", "--all", "fanotify"], None);
    println!(
        "LTP rebuild killed at {rebuild} commits, search indexing at {search}: equal to one run"
    );
}

/// The four real archives imported assembling every 20,000 new messages (the default, so that
/// memory stays bounded), every 3,000, and once at the end: the same database each time.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn the_real_archives_assembled_in_windows_equal_one_assembly() {
    let archives: Vec<String> = [
        "ltp_2024-01_2026-03.mbox.gz",
        "uboot-stm32_2019-04_2026-07.mbox.gz",
        "batman_2019-04_2026-07.mbox.gz",
        "linux-modules_2026-01_2026-06.mbox.gz",
    ]
    .iter()
    .map(|a| corpus().join("real").join(a).display().to_string())
    .collect();
    let mut args = vec!["import"];
    args.extend(archives.iter().map(String::as_str));
    let import = |every: Option<&str>| {
        let mut env = Env::new();
        if let Some(n) = every {
            env.vars.push(("PATCHQ_ASSEMBLE_EVERY".into(), n.into()));
        }
        assert_eq!(run(&env, &args, None), Some(0));
        dump(&env.db())
    };
    let once = import(Some("1000000"));
    for every in [None, Some("3000")] {
        let got = import(every);
        assert!(
            got == once,
            "assembled every {every:?}: {}",
            dump_difference(&once, &got)
        );
    }
    println!("four archives assembled every 20,000 and every 3,000 messages: equal to once");
}

/// `rebuild` reassembles a window of messages at a time, as an import does (its memory bounded
/// by the window): on the four real archives, with windows of 20,000 and of 3,000 messages, it
/// gives back exactly what the import made, with every series keeping its row id.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn the_real_archives_rebuilt_in_windows_equal_their_import() {
    let mut env = Env::new();
    let mut args = vec!["import".to_string()];
    for a in [
        "ltp_2024-01_2026-03.mbox.gz",
        "uboot-stm32_2019-04_2026-07.mbox.gz",
        "batman_2019-04_2026-07.mbox.gz",
        "linux-modules_2026-01_2026-06.mbox.gz",
    ] {
        args.push(corpus().join("real").join(a).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(run(&env, &args, None), Some(0));
    let maintainers = corpus().join("maintainers/linux-6.12.MAINTAINERS");
    assert_eq!(
        run(
            &env,
            &["maintainers", "load", maintainers.to_str().unwrap()],
            None
        ),
        Some(0)
    );
    let (imported, imported_ids) = (dump(&env.db()), crate::helpers::series_ids(&env.db()));
    assert_eq!(imported_ids.len(), 3716);
    for every in [None, Some("3000")] {
        env.vars.clear();
        if let Some(n) = every {
            env.vars.push(("PATCHQ_ASSEMBLE_EVERY".into(), n.into()));
        }
        assert_eq!(run(&env, &["rebuild"], None), Some(0));
        let got = dump(&env.db());
        assert!(
            got == imported,
            "rebuilt every {every:?}: {}",
            dump_difference(&imported, &got)
        );
        assert!(
            crate::helpers::series_ids(&env.db()) == imported_ids,
            "rebuilt every {every:?}: series ids moved"
        );
    }
    println!("four archives rebuilt every 20,000 and every 3,000 messages: equal to their import");
}
