//! public-inbox v2 inboxes built in the test with git plumbing, the way public-inbox writes
//! them: every commit's tree holds one blob, `m` for a message or `d` for a removal.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::helpers::{Env, fixtures, git};

const DATE: &str = "Thu, 01 Oct 2026 00:00:00 +0000";

/// Runs git with `input` on stdin; returns trimmed stdout.
fn git_in(dir: &Path, args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new("git")
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "public-inbox")
        .env("GIT_AUTHOR_EMAIL", "pi@example.org")
        .env("GIT_COMMITTER_NAME", "public-inbox")
        .env("GIT_COMMITTER_EMAIL", "pi@example.org")
        .env("GIT_AUTHOR_DATE", DATE)
        .env("GIT_COMMITTER_DATE", DATE)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "git {args:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Appends a commit whose tree holds `raw` as `name` (`m` or `d`).
fn add(epoch: &Path, name: &str, raw: &[u8]) {
    let blob = git_in(epoch, &["hash-object", "-w", "--stdin"], raw);
    let tree = git_in(
        epoch,
        &["mktree"],
        format!("100644 blob {blob}\t{name}\n").as_bytes(),
    );
    let head = Command::new("git")
        .current_dir(epoch)
        .args(["rev-parse", "-q", "--verify", "refs/heads/master"])
        .output()
        .unwrap();
    let parent = String::from_utf8(head.stdout).unwrap().trim().to_string();
    let mut args = vec!["commit-tree", tree.as_str(), "-m", "msg"];
    if !parent.is_empty() {
        args.extend(["-p", parent.as_str()]);
    }
    let commit = git_in(epoch, &args, b"");
    git_in(epoch, &["update-ref", "refs/heads/master", &commit], b"");
}

fn new_epoch(inbox: &Path, n: u32) -> std::path::PathBuf {
    let dir = inbox.join("git").join(format!("{n}.git"));
    fs::create_dir_all(&dir).unwrap();
    git(&dir, &["init", "-q", "--bare", "-b", "master"], DATE);
    dir
}

/// The sample's messages without envelope lines.
fn messages() -> Vec<Vec<u8>> {
    let text = fs::read_to_string(fixtures().join("sample.mbox")).unwrap();
    text.split("\n\nFrom ")
        .map(|m| {
            let m = m.split_once('\n').unwrap().1;
            format!("{}\n", m.trim_end_matches('\n')).into_bytes()
        })
        .collect()
}

#[test]
fn an_inbox_is_read_incrementally_epoch_by_epoch() {
    let env = Env::new();
    let inbox = env.path("inbox");
    let e0 = new_epoch(&inbox, 0);
    let msgs = messages();
    assert_eq!(msgs.len(), 20);
    for m in &msgs[..12] {
        add(&e0, "m", m);
    }
    let r = env.import(&[&inbox]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["new"], 12);

    // More mail, a removal, and a second epoch.
    for m in &msgs[12..18] {
        add(&e0, "m", m);
    }
    add(&e0, "d", &msgs[0]);
    let e1 = new_epoch(&inbox, 1);
    for m in &msgs[18..] {
        add(&e1, "m", m);
    }
    let r = env.import(&[&inbox]);
    let j = r.json();
    assert_eq!(
        (j["read"].as_u64(), j["new"].as_u64()),
        (Some(8), Some(8)),
        "{}",
        r.stderr
    );
    assert_eq!(
        env.stats()["messages"],
        19,
        "the removed message no longer counts"
    );

    // Nothing new: nothing read.
    let j = env.import(&[&inbox]).json();
    assert_eq!(j["read"], 0);

    // One epoch given directly is read on its own terms.
    let other = Env::new();
    let j = other.import(&[&e1]).json();
    assert_eq!(j["new"], 2);
}

#[test]
fn a_rewritten_epoch_is_read_again_and_deduplicated() {
    let env = Env::new();
    let inbox = env.path("inbox");
    let e0 = new_epoch(&inbox, 0);
    let msgs = messages();
    for m in &msgs[..5] {
        add(&e0, "m", m);
    }
    env.import(&[&inbox]);
    // public-inbox-purge rewrites history: the old commits are gone.
    fs::remove_dir_all(&e0).unwrap();
    let e0 = new_epoch(&inbox, 0);
    for m in &msgs[1..7] {
        add(&e0, "m", m);
    }
    let r = env.import(&[&inbox]);
    let j = r.json();
    assert_eq!(
        (
            j["read"].as_u64(),
            j["new"].as_u64(),
            j["duplicates"].as_u64()
        ),
        (Some(6), Some(2), Some(4))
    );
    assert!(
        r.stderr.contains("epoch 0 history was rewritten")
            && r.stderr
                .contains("1 messages it no longer holds are kept, marked deleted"),
        "{}",
        r.stderr
    );
    // The purged message is kept, marked deleted, and no longer counts.
    assert_eq!(
        (
            env.stats()["messages"].as_u64(),
            env.stats()["deleted"].as_u64()
        ),
        (Some(6), Some(1))
    );
    let first = String::from_utf8_lossy(&msgs[0]).into_owned();
    let msgid = first
        .lines()
        .find_map(|l| l.strip_prefix("Message-ID: "))
        .unwrap()
        .trim_matches(['<', '>']);
    // It leads to no series that is gone (it was the cover letter of series 1).
    let r = env.run(&["--format", "json", "show", msgid]);
    assert!(
        r.stderr
            .contains(&format!("no series holds message <{msgid}>")),
        "{}",
        r.stderr
    );
}

#[test]
fn purge_placeholders_are_skipped_and_small_size_limits_do_not_panic() {
    let env = Env::new();
    let inbox = env.path("inbox");
    let e0 = new_epoch(&inbox, 0);
    let msgs = messages();
    add(&e0, "m", &msgs[0]);
    // What public-inbox-purge leaves where a message was: an empty `m`.
    add(&e0, "m", b"");
    add(&e0, "m", &msgs[1]);
    let r = env.import(&[&inbox]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        (r.json()["read"].as_u64(), r.json()["new"].as_u64()),
        (Some(2), Some(2))
    );

    // A limit below 64 KiB with a message over it (a panic once: the kept head was 64 KiB).
    let other = Env::new();
    let r = other.run(&[
        "--format",
        "json",
        "import",
        "--max-size",
        "200",
        &inbox.display().to_string(),
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let j = r.json();
    assert!(j["rejected"].as_u64().unwrap() >= 1, "{j}");
}
