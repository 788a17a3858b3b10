//! `patchq apply`: the commits it makes are the ones `git am` makes from `patchq am`'s mailbox
//! (same ids, given the same committer and date); a patch that does not apply changes nothing;
//! `--branch` grows a new branch at the base; `link` finds the commits afterwards; and b4's
//! `shazam` samples give b4's expected history.

use std::fs;
use std::path::Path;

use crate::corpus::corpus;
use crate::helpers::{Env, git};
use crate::sample;

const D: &str = "Tue, 24 Nov 2026 09:00:00 +0000";
const V2: &str = "20261012-foo-v2-0@example.org";

/// An Env whose patchq runs commit as the fixture committer at `D`, like `helpers::git`.
fn committer_env() -> Env {
    let mut env = Env::new();
    for (k, v) in [
        ("GIT_COMMITTER_NAME", "Fixture Committer"),
        ("GIT_COMMITTER_EMAIL", "committer@example.org"),
        ("GIT_COMMITTER_DATE", D),
    ] {
        env.vars.push((k.into(), v.into()));
    }
    env
}

/// The sample archive imported, its repository built, patchq committing as `git` does here.
fn imported_sample() -> (Env, sample::Sample) {
    let env = committer_env();
    let s = sample::build(&env.path("src"));
    let mbox = env.path("list.mbox");
    fs::write(&mbox, &s.mbox).unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    (env, s)
}

fn clone_at_base(src: &Path, dst: &Path) {
    git(
        src.parent().unwrap(),
        &[
            "clone",
            "-q",
            &src.display().to_string(),
            &dst.display().to_string(),
        ],
        D,
    );
    git(dst, &["checkout", "-q", "-B", "work", "base"], D);
}

fn head(repo: &Path) -> String {
    git(repo, &["rev-parse", "HEAD"], D).trim().to_string()
}

#[test]
fn apply_makes_the_commits_git_am_makes() {
    let (env, s) = imported_sample();
    let series = env.path("series.mbox");
    let r = env.run(&["am", V2, "-o", &series.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let by_git = env.path("by-git");
    clone_at_base(&s.repo, &by_git);
    git(&by_git, &["am", "-q", &series.display().to_string()], D);
    let ours = env.path("ours");
    clone_at_base(&s.repo, &ours);
    let base = head(&ours);
    let r = env.run(&[
        "--format",
        "json",
        "apply",
        V2,
        "--repo",
        &ours.display().to_string(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(head(&ours), head(&by_git), "{}", r.stdout);
    assert_eq!(j["branch"], "refs/heads/work");
    assert_eq!(
        (j["base"].as_str(), j["base_from"].as_str()),
        (Some(base.as_str()), Some("HEAD"))
    );
    let subjects: Vec<&str> = j["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "net: foo: drop an unused variable",
            "net: foo: rename foo_init to foo_setup",
            "net: foo: add a ring size parameter"
        ]
    );
    // The trailers from replies and the Link are in the commits; the working tree followed.
    let msg = git(&ours, &["log", "-1", "--format=%B", "HEAD~2"], D);
    assert_eq!(
        msg.trim_end().lines().rev().take(5).collect::<Vec<_>>(),
        [
            "Link: https://patch.msgid.link/20261012-foo-v2-1@example.org",
            // v1's cover letter's Acked-by carries over to v2, as b4 does.
            "Acked-by: Max Maintainer <max@example.org>",
            "Reviewed-by: Rita Reviewer <rita@example.org>",
            "Tested-by: Tom Tester <tom@example.com>",
            "Signed-off-by: Jane Dev <jane@example.org>",
        ]
    );
    assert_eq!(git(&ours, &["status", "--porcelain"], D), "");
    assert!(
        fs::read_to_string(ours.join("drivers/net/ethernet/foo/foo_main.c"))
            .unwrap()
            .contains("foo_setup")
    );

    // Later, link finds the commits and the series is accepted.
    let r = env.run(&[
        "--format",
        "json",
        "link",
        "--repo",
        &ours.display().to_string(),
        "--rev",
        "work",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["--format", "json", "show", V2]);
    assert_eq!(r.json()["state"], "accepted", "{}", r.stdout);

    // Then thanks: a reply to the cover letter naming each commit.
    let shas: Vec<String> = git(&ours, &["log", "--format=%H", "--reverse", "base..work"], D)
        .lines()
        .map(|l| l[..12].to_string())
        .collect();
    let ty = |extra: &[&str]| {
        let mut args = vec!["ty", "--from", "Max Maintainer <max@example.org>"];
        args.extend(extra);
        env.run(&args)
    };
    let r = ty(&["--since", "2026-11-01", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // `-o -` is standard output too.
    // (the Date and Message-ID come from the clock).
    let dash = ty(&["--since", "2026-11-01", "--dry-run", "-o", "-"]);
    let timeless = |t: &str| -> String {
        t.lines()
            .filter(|l| !l.starts_with("Date: ") && !l.starts_with("Message-ID: "))
            .collect()
    };
    assert!(
        dash.stdout
            .contains("\nIn-Reply-To: <20261012-foo-v2-0@example.org>\n")
    );
    assert_eq!(timeless(&dash.stdout), timeless(&r.stdout));
    let mail = mail_parser::MessageParser::default()
        .parse(r.stdout.as_bytes())
        .expect("a mail");
    let people = |a: Option<&mail_parser::Address>| -> Vec<String> {
        a.map(|a| {
            a.iter()
                .filter_map(|x| x.address().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
    };
    assert_eq!(people(mail.from()), ["max@example.org"]);
    assert_eq!(people(mail.to()), ["jane@example.org"]);
    let mut cc = people(mail.cc());
    cc.sort();
    assert_eq!(
        cc,
        [
            "rita@example.org",
            "tom@example.com",
            "widget-devel@lists.example.org"
        ]
    );
    assert_eq!(
        mail.subject(),
        Some("Re: [PATCH v2 0/3] net: foo: cleanups")
    );
    assert_eq!(mail.in_reply_to().as_text(), Some(V2));
    let body = mail.body_text(0).unwrap();
    let ours_dir = ours.file_name().unwrap().to_str().unwrap();
    assert!(
        body.contains(&format!("\nApplied to {ours_dir} (work), thanks!\n")),
        "{body}"
    );
    for (n, sha) in shas.iter().enumerate() {
        assert!(
            body.contains(&format!("[{}/3] ", n + 1))
                && body.contains(&format!("      commit: {sha}\n")),
            "{body}"
        );
    }
    assert!(
        body.starts_with("On Mon, 12 Oct 2026 08:59:00 +0200, Jane Dev wrote:\n> Changes in v2:"),
        "{body}"
    );
    // --dry-run remembered nothing; a real run writes a file and remembers.
    let out = env.path("outgoing");
    let r = ty(&["--since", "2026-11-01", "-o", &out.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let r = ty(&["--since", "2026-11-01"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""), "{}", r.stderr);
    // Named explicitly, a thanked series is thanked again; --branch says where, JSON holds
    // the mail.
    let r = env.run(&[
        "--format",
        "json",
        "ty",
        V2,
        "--dry-run",
        "--branch",
        "net-next/main",
        "--from",
        "Max Maintainer <max@example.org>",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j.as_array().unwrap().len(), 1);
    assert_eq!(
        (j[0]["msgid"].as_str(), j[0]["to"].as_str()),
        (Some(V2), Some("jane@example.org"))
    );
    assert!(
        j[0]["mail"]
            .as_str()
            .unwrap()
            .contains("\nApplied to net-next/main, thanks!\n")
    );
}

#[test]
fn a_patch_that_does_not_apply_changes_nothing() {
    let (env, s) = imported_sample();
    let repo = env.path("busy");
    clone_at_base(&s.repo, &repo);
    // Someone reworded the description patch 2 renames in: it no longer applies (patch 1 does).
    let file = repo.join("drivers/net/ethernet/foo/foo_main.c");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("foo via foo_init", "foo driver");
    fs::write(&file, text).unwrap();
    git(
        &repo,
        &[
            "commit",
            "-q",
            "--author=Max Maintainer <max@example.org>",
            "-am",
            "foo: a better description",
        ],
        D,
    );
    let before = head(&repo);
    let r = env.run(&["apply", V2, "--repo", &repo.display().to_string()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("patch 2 <20261012-foo-v2-2@example.org> does not apply"),
        "{}",
        r.stderr
    );
    assert_eq!(head(&repo), before);
    assert_eq!(git(&repo, &["status", "--porcelain"], D), "");
    assert_eq!(git(&repo, &["branch", "--list"], D), "  master\n* work\n");

    // A dirty working tree is refused before anything moves.
    let clean = env.path("dirty");
    clone_at_base(&s.repo, &clean);
    fs::write(clean.join("Documentation/widget.rst"), "edited\n").unwrap();
    let r = env.run(&["apply", V2, "--repo", &clean.display().to_string()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("uncommitted changes (Documentation/widget.rst)"),
        "{}",
        r.stderr
    );
    let clean_base = git(&clean, &["rev-parse", "base^{commit}"], D);
    assert_eq!(head(&clean), clean_base.trim());

    // --branch: a new branch at --base, HEAD and the working tree untouched.
    let r = env.run(&[
        "apply",
        V2,
        "--repo",
        &repo.display().to_string(),
        "--branch",
        "jd/foo-v2",
        "--base",
        "base",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(head(&repo), before);
    let log = git(&repo, &["log", "--format=%s", "base..jd/foo-v2"], D);
    assert_eq!(log.lines().count(), 3, "{log}");
    // An existing branch is never overwritten.
    let r = env.run(&[
        "apply",
        V2,
        "--repo",
        &repo.display().to_string(),
        "--branch",
        "jd/foo-v2",
        "--base",
        "base",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot create branch jd/foo-v2"),
        "{}",
        r.stderr
    );
    // A detached HEAD has no branch to grow: refused, nothing made.
    git(&repo, &["checkout", "-q", "--detach", "base"], D);
    let r = env.run(&["apply", V2, "--repo", &repo.display().to_string()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("HEAD is detached"), "{}", r.stderr);
    git(&repo, &["checkout", "-q", "work"], D);
    assert_eq!(head(&repo), before);
    // --base alone would move the current branch somewhere else: refused.
    let r = env.run(&[
        "apply",
        V2,
        "--repo",
        &repo.display().to_string(),
        "--base",
        "base",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--base needs --branch or --merge"),
        "{}",
        r.stderr
    );
}

/// b4's test setting: `mbox` imported, the bundle's repository cloned as `repo`, committing as
/// b4's tests' Test Override.
fn b4_env(b4: &Path, mbox: &str) -> (Env, std::path::PathBuf) {
    let mut env = Env::new();
    for (k, v) in [
        ("GIT_COMMITTER_NAME", "Test Override"),
        ("GIT_COMMITTER_EMAIL", "test-override@example.com"),
    ] {
        env.vars.push((k.into(), v.into()));
    }
    assert_eq!(env.import(&[&b4.join(mbox)]).code, 0);
    let bundle = b4.join("gitdir.bundle").display().to_string();
    git(env.dir.path(), &["clone", "-q", &bundle, "repo"], D);
    let repo = env.path("repo");
    (env, repo)
}

/// b4's `shazam` tests: the history `git log --format=%ae%n%ce%n%s%n%b---` shows after applying
/// the series to the bundle's repository, with defaults, with links, and as a merge.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn b4_shazam_samples_give_b4s_history() {
    let b4 = corpus().join("b4");
    let cases: [(&str, &[&str], usize, &str); 4] = [
        ("shazam-git1-just-series", &["--no-link"], 4, "defaults"),
        ("shazam-git1-just-series", &[], 4, "addlink"),
        ("shazam-git1-with-link", &[], 4, "addlink"),
        (
            "shazam-git1-just-series",
            &["--no-link", "--merge"],
            5,
            "merged",
        ),
    ];
    for (mbox, flags, n, expect) in cases {
        let (env, repo) = b4_env(&b4, &format!("{mbox}.mbox"));
        let mut args = vec!["apply", "1", "--repo", "repo"];
        args.extend(flags);
        let mut cmd = env.cmd(&args);
        let out = cmd.current_dir(env.dir.path()).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let log = git(
            &repo,
            &["log", "--format=%ae%n%ce%n%s%n%b---", &format!("-{n}")],
            D,
        );
        let want = fs::read_to_string(b4.join(format!("shazam-git1-just-series-{expect}.verify")))
            .unwrap();
        assert_eq!(log, want, "{mbox} {flags:?}");
    }
    // With --branch, the series goes onto the base-commit its cover letter names, wherever HEAD
    // has moved since.
    let (env, repo) = b4_env(&b4, "shazam-git1-just-series.mbox");
    fs::write(repo.join("later.txt"), "a later commit\n").unwrap();
    git(&repo, &["add", "later.txt"], D);
    git(
        &repo,
        &["commit", "-q", "--author=A <a@example.org>", "-m", "later"],
        D,
    );
    let r = env.run(&[
        "--format",
        "json",
        "apply",
        "1",
        "--repo",
        &repo.display().to_string(),
        "--branch",
        "test1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    let base = "f435c12df7c0ecf20ab8937859e63cddffacabb4";
    assert_eq!(
        (j["base"].as_str(), j["base_from"].as_str()),
        (Some(base), Some("base-commit"))
    );
    assert_eq!(git(&repo, &["rev-parse", "test1~4"], D).trim(), base);
}
