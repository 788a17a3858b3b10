//! Linking repositories that do not hold every object: a blob deleted from a built repository
//! (as a partial clone or a damaged pack lacks it) and a shallow clone. The run goes on, links
//! everything it can, names what it skipped, and exits 3. And a link run killed after each of
//! its commits (one batch of commits each): it keeps what it committed, and the rerun ends where
//! one uninterrupted run does.

use std::fs;
use std::path::{Path, PathBuf};

use crate::helpers::{Env, git};
use crate::sample::{format_patch, thread};

const D0: &str = "2026-03-02T10:00:00Z";
const JANE: &str = "Jane Dev <jane@example.org>";

/// A tree of three files, one patch posted per file (Message-IDs `<p1..p3@example.org>`), all
/// three applied with `git am`: returns the repository and the three commits, oldest first.
fn applied(env: &Env) -> (PathBuf, Vec<String>) {
    let repo = env.path("tree");
    fs::create_dir_all(&repo).unwrap();
    let g = |args: &[&str], date: &str| git(&repo, args, date);
    g(&["init", "-q", "-b", "master"], D0);
    for f in ["a", "b", "c"] {
        let text: String = (1..=20).map(|i| format!("int {f}{i} = {i};\n")).collect();
        fs::write(repo.join(format!("{f}.c")), text).unwrap();
    }
    g(&["add", "-A"], D0);
    g(
        &["commit", "-q", "--author", JANE, "-m", "Initial tree"],
        D0,
    );
    let mut mbox = String::new();
    for (n, f) in ["a", "b", "c"].iter().enumerate() {
        let n = n + 1;
        let date = format!("2026-03-0{}T10:00:00Z", n + 2);
        g(&["checkout", "-q", "-B", &format!("p{n}"), "master"], &date);
        let path = repo.join(format!("{f}.c"));
        let mut text = fs::read_to_string(&path).unwrap();
        text = text.replace(
            &format!("int {f}10 = 10;"),
            &format!("long {f}10 = 10 * {n};"),
        );
        fs::write(&path, text).unwrap();
        let msg = format!("{f}: widen {f}10\n\nSigned-off-by: {JANE}");
        g(&["commit", "-q", "-a", "--author", JANE, "-m", &msg], &date);
        let mail = format_patch(&repo, &env.path("fp"), "master..", &[]).remove(0);
        g(&["checkout", "-q", "master"], &date);
        mbox.push_str(&thread(&mail, &format!("p{n}@example.org"), None, &[]));
        mbox.push('\n');
    }
    fs::write(env.path("list.mbox"), &mbox).unwrap();
    let mut commits = Vec::new();
    for n in 1..=3 {
        let one = env.path("one.mbox");
        let mails: Vec<&str> = mbox.split("\nFrom ").collect();
        let m = if n == 1 {
            mails[0].to_string()
        } else {
            format!("From {}", mails[n - 1])
        };
        fs::write(&one, m).unwrap();
        let date = format!("2026-03-1{n}T10:00:00Z");
        g(&["am", "-q", &one.display().to_string()], &date);
        commits.push(g(&["rev-parse", "HEAD"], &date).trim().to_string());
    }
    let r = env.import(&[&env.path("list.mbox")]);
    assert_eq!(
        (r.code, r.json()["new"].as_u64()),
        (0, Some(3)),
        "{}",
        r.stderr
    );
    (repo, commits)
}

/// `patchq --format json link --repo REPO`: exit code, (msgid, commit, method) links, stderr.
fn link(env: &Env, repo: &Path) -> (i32, Vec<(String, String, String)>, String) {
    let r = env.run(&[
        "--format",
        "json",
        "link",
        "--repo",
        &repo.display().to_string(),
    ]);
    let mut links: Vec<_> = r
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            (s("msgid"), s("commit"), s("method"))
        })
        .collect();
    links.sort();
    (r.code, links, r.stderr)
}

fn link_of(msgid: &str, commit: &str, method: &str) -> (String, String, String) {
    (msgid.into(), commit.into(), method.into())
}

#[test]
fn a_missing_blob_skips_its_commit_and_links_the_others() {
    let env = Env::new();
    let (repo, commits) = applied(&env);
    // The second commit's new b.c is gone from the object store.
    let blob = git(&repo, &["rev-parse", &format!("{}:b.c", commits[1])], D0);
    let blob = blob.trim();
    let loose = repo.join(".git/objects").join(&blob[..2]).join(&blob[2..]);
    fs::remove_file(&loose).unwrap();

    let (code, links, stderr) = link(&env, &repo);
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(
        links,
        vec![
            link_of("p1@example.org", &commits[0], "patch-id"),
            link_of("p3@example.org", &commits[2], "patch-id"),
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "commit {}: skipped, an object is missing",
            commits[1]
        )) && stderr.contains("1 commits skipped")
            && stderr.contains("time: walk "),
        "{stderr}"
    );
    // Nothing is lost: the next run has nothing new and fails on nothing.
    let (code, links, stderr) = link(&env, &repo);
    assert_eq!((code, links.len()), (0, 0), "{stderr}");
}

#[test]
fn a_shallow_clone_links_what_it_holds() {
    let env = Env::new();
    let (repo, commits) = applied(&env);
    let shallow = env.path("shallow");
    let url = format!("file://{}", repo.display());
    git(
        env.dir.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "2",
            &url,
            &shallow.display().to_string(),
        ],
        D0,
    );
    assert!(shallow.join(".git/shallow").exists());
    let (code, links, stderr) = link(&env, &shallow);
    assert_eq!(code, 0, "{stderr}");
    // The clone holds the last two commits; the first of them has its parent cut away, so its
    // diff is unknown, but its subject and author still name p2.
    assert_eq!(
        links,
        vec![
            link_of("p2@example.org", &commits[1], "subject"),
            link_of("p3@example.org", &commits[2], "patch-id"),
        ],
        "{stderr}"
    );
}

/// `patchq link --repo REPO` with one commit per batch, killed at `crash` (`PATCHQ_CRASH_AT`);
/// the exit code (None: killed).
fn link_in_batches(env: &Env, repo: &Path, crash: Option<&str>) -> Option<i32> {
    let mut cmd = env.cmd(&["-q", "link", "--repo", &repo.display().to_string()]);
    cmd.env("PATCHQ_LINK_BATCH", "1")
        .env("PATCHQ_NOW", "2026-04-01T00:00:00Z")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(at) = crash {
        cmd.env("PATCHQ_CRASH_AT", at);
    }
    cmd.status().unwrap().code()
}

/// The links stored, as (msgid, commit, method).
fn stored_links(env: &Env) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT l.msgid, c.sha, l.method FROM commit_links l
             JOIN commits c ON c.id = l.commit_id ORDER BY l.msgid",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_link_killed_midway_keeps_its_batches_and_the_rerun_finishes_the_same() {
    let start = crate::crash::Start::new(|env| {
        applied(env);
    });
    let repo = start.env.path("tree");
    let commits: Vec<String> = git(&repo, &["rev-list", "--reverse", "HEAD"], D0)
        .lines()
        .map(str::to_string)
        .collect();
    let reference = start.copy();
    assert_eq!(link_in_batches(&reference, &repo, None), Some(0));
    let expected = crate::helpers::dump(&reference.db());
    assert_eq!(
        stored_links(&reference),
        vec![
            link_of("p1@example.org", &commits[1], "patch-id"),
            link_of("p2@example.org", &commits[2], "patch-id"),
            link_of("p3@example.org", &commits[3], "patch-id"),
        ]
    );
    // Commits: 1 remembers the revision, 2 checks it for rewriting, 3..6 are the four batches
    // (the initial tree, then p1..p3 applied), 7 matches new mail and takes landings, 8 routes
    // the series to the repository.
    for (n, kept) in [0, 0, 0, 1, 2, 3, 3, 3].into_iter().enumerate() {
        let env = start.copy();
        let at = format!("after:{}", n + 1);
        assert_eq!(link_in_batches(&env, &repo, Some(&at)), None, "{at}");
        // What the killed run committed stays.
        assert_eq!(stored_links(&env).len(), kept, "killed {at}");
        assert_eq!(link_in_batches(&env, &repo, None), Some(0), "{at}");
        let got = crate::helpers::dump(&env.db());
        assert!(
            got == expected,
            "killed {at}, then run again:\n{}",
            crate::helpers::dump_difference(&expected, &got)
        );
    }
    assert_eq!(
        link_in_batches(&start.copy(), &repo, Some("after:9")),
        Some(0),
        "a run makes 8 commits"
    );
}
