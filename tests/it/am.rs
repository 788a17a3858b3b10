//! `patchq am` round trips: the sample archive's series (generated from the sample repository
//! with `git format-patch`, reviewed in replies) exported by patchq and applied with `git am`
//! onto the repository's base; the commits carry the collected trailers and `Link:`. Also an
//! incomplete series refused, then forced, and b4's shazam samples (corpus).

use std::fs;
use std::path::Path;

use crate::corpus::corpus;
use crate::helpers::{Env, git};
use crate::sample;

const D: &str = "2026-11-20T10:00:00Z";

/// Applies `mbox` on a new branch from `base` and returns `git log` of the new commits, oldest
/// first, as "author|subject|body".
fn apply(repo: &Path, mbox: &Path, branch: &str, base: &str) -> Vec<String> {
    git(repo, &["checkout", "-q", "-b", branch, base], D);
    git(repo, &["am", "-q", mbox.to_str().unwrap()], D);
    let log = git(
        repo,
        &[
            "log",
            "--reverse",
            "--format=%an <%ae>|%s|%b%x00",
            &format!("{base}..{branch}"),
        ],
        D,
    );
    git(repo, &["checkout", "-q", "master"], D);
    log.split('\0')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn setup() -> (Env, sample::Sample) {
    let env = Env::new();
    let s = sample::build(env.dir.path());
    let mbox = env.path("sample.mbox");
    fs::write(&mbox, &s.mbox).unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    (env, s)
}

#[test]
fn a_reviewed_series_round_trips_through_git_am() {
    let (env, s) = setup();
    let out = env.path("a.mbox");
    // Named by its v1 cover letter: the newest revision (v2) is written.
    let r = env.run(&[
        "am",
        "20261005-foo-v1-0@example.org",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("series 2 v2") && r.stderr.contains("3 patches, 5 trailers added"),
        "{}",
        r.stderr
    );
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("Subject: [PATCH v2 2/3] net: foo: rename foo_init to foo_setup\n"));
    let commits = apply(&s.repo, &out, "applied-a", "base");
    let sob = "Signed-off-by: Jane Dev <jane@example.org>";
    let rita = "Reviewed-by: Rita Reviewer <rita@example.org>";
    let link = |n: u32| format!("Link: https://patch.msgid.link/20261012-foo-v2-{n}@example.org");
    assert_eq!(
        commits,
        vec![
            format!(
                "Jane Dev <jane@example.org>|net: foo: drop an unused variable|foo_init() declares a variable it never uses.\n\n{sob}\nTested-by: Tom Tester <tom@example.com>\n{rita}\nAcked-by: Max Maintainer <max@example.org>\n{}",
                link(1)
            ),
            format!(
                "Jane Dev <jane@example.org>|net: foo: rename foo_init to foo_setup|The name says what the function does.\n\n{sob}\n{rita}\n{}",
                link(2)
            ),
            format!(
                "Jane Dev <jane@example.org>|net: foo: add a ring size parameter|Let users pick the ring size at load time.\n\n{sob}\n{rita}\n{}",
                link(3)
            ),
        ]
    );
    // The tree is the one Jane posted: the same as her v2 branch.
    let tree = |rev: &str| git(&s.repo, &["rev-parse", &format!("{rev}^{{tree}}")], D);
    assert_eq!(tree("applied-a"), tree("a-v2"));
}

#[test]
fn older_revisions_non_ascii_authors_and_link_prefixes() {
    let (env, s) = setup();
    // v1 on request: Max's Acked-by on its cover letter reaches every patch.
    let out = env.path("v1.mbox");
    let r = env.run(&[
        "am",
        "2",
        "--version",
        "1",
        "--link-prefix",
        "https://lore.kernel.org/r/",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let commits = apply(&s.repo, &out, "applied-v1", "base");
    assert_eq!(commits.len(), 3);
    for (i, c) in commits.iter().enumerate() {
        assert!(
            c.ends_with(&format!("Acked-by: Max Maintainer <max@example.org>\nLink: https://lore.kernel.org/r/20261005-foo-v1-{}@example.org", i + 1)),
            "{c}"
        );
    }
    // A base64 mail by Édouard: author and text survive.
    let out = env.path("e.mbox");
    let r = env.run(&[
        "am",
        "20261115-doc-1@example.fr",
        "--no-link",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let commits = apply(&s.repo, &out, "applied-e", "base");
    assert_eq!(
        commits,
        vec!["Édouard Ünicode <edouard@example.fr>|Documentation: widget: say how well it works|Signed-off-by: Édouard Ünicode <edouard@example.fr>".to_string()]
    );
    let doc = git(&s.repo, &["show", "applied-e:Documentation/widget.rst"], D);
    assert!(doc.contains("très bien"));
}

#[test]
fn an_incomplete_series_is_refused_unless_forced() {
    let env = Env::new();
    let text = String::from_utf8(fs::read(crate::helpers::fixtures().join("sample.mbox")).unwrap())
        .unwrap();
    // Drop patch 2/3 of v2.
    let kept: Vec<&str> = text
        .split("\nFrom ")
        .filter(|m| !m.contains("Message-ID: <20261012-foo-v2-2@example.org>"))
        .collect();
    let mbox = env.path("partial.mbox");
    fs::write(&mbox, kept.join("\nFrom ")).unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    let r = env.run(&["am", "20261012-foo-v2-0@example.org"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("incomplete: patch 2 of 3 missing"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let r = env.run(&["am", "--force", "20261012-foo-v2-0@example.org"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.matches("\nSubject: [PATCH v2 ").count()
            + usize::from(r.stdout.starts_with("Subject")),
        2
    );
}

#[test]
fn a_pull_request_is_refused_with_the_git_pull_command_to_run_instead() {
    let env = Env::new();
    assert_eq!(
        env.import(&[&crate::helpers::fixtures().join("sample.mbox")])
            .code,
        0
    );
    let r = env.run(&["am", "gpio-pull-6.19@example.org"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no mailbox: {}", r.stdout);
    assert_eq!(
        r.stderr.trim(),
        "patchq: error: series 5 is a pull request, not patches: \
         git pull https://git.example.org/gpio.git tags/gpio-fixes-6.19"
    );
    // A hostile URL is quoted for the shell it is copied into.
    let text = String::from_utf8(fs::read(crate::helpers::fixtures().join("sample.mbox")).unwrap())
        .unwrap()
        .replace(
            "https://git.example.org/gpio.git tags/gpio-fixes-6.19",
            "https://git.example.org/g;rm$(x).git tags/gpio-fixes-6.19",
        );
    let env = Env::new();
    let mbox = env.path("hostile.mbox");
    fs::write(&mbox, text).unwrap();
    assert_eq!(env.import(&[&mbox]).code, 0);
    let r = env.run(&["am", "gpio-pull-6.19@example.org"]);
    assert!(
        r.stderr
            .contains("git pull 'https://git.example.org/g;rm$(x).git' tags/gpio-fixes-6.19"),
        "{}",
        r.stderr
    );
}

/// b4's shazam samples, applied to the repository of b4's bundle: the commits equal b4's own
/// `.verify` output (with `Link:` by default, without it with --no-link).
#[test]
#[ignore = "corpus: run by .ci/run"]
fn b4_shazam_samples_apply_as_b4_applies_them() {
    let b4 = corpus().join("b4");
    for (mbox, flags, verify) in [
        (
            "shazam-git1-just-series.mbox",
            vec![],
            "shazam-git1-just-series-addlink.verify",
        ),
        (
            "shazam-git1-just-series.mbox",
            vec!["--no-link"],
            "shazam-git1-just-series-defaults.verify",
        ),
        (
            "shazam-git1-with-link.mbox",
            vec![],
            "shazam-git1-just-series-addlink.verify",
        ),
    ] {
        let env = Env::new();
        let repo = env.path("repo");
        git(
            env.dir.path(),
            &[
                "clone",
                "-q",
                b4.join("gitdir.bundle").to_str().unwrap(),
                repo.to_str().unwrap(),
            ],
            D,
        );
        assert_eq!(env.import(&[&b4.join(mbox)]).code, 0);
        let out = env.path("out.mbox");
        let mut args = vec!["am", "1", "-o", out.to_str().unwrap()];
        args.extend(flags.iter().copied());
        let r = env.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let cmd = std::process::Command::new("git")
            .current_dir(&repo)
            .env("GIT_COMMITTER_NAME", "Test Override")
            .env("GIT_COMMITTER_EMAIL", "test-override@example.com")
            .args(["am", "-q", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            cmd.status.success(),
            "{}",
            String::from_utf8_lossy(&cmd.stderr)
        );
        let log = git(&repo, &["log", "--format=%ae%n%ce%n%s%n%b---", "-4"], D);
        let want = fs::read_to_string(b4.join(verify)).unwrap();
        assert_eq!(log, want, "{mbox} {flags:?}");
        println!("b4 shazam: {mbox} {flags:?} applies as {verify}");
    }
}

#[test]
fn each_patch_has_one_separator_and_dash_means_standard_output() {
    let (env, _) = setup();
    let r = env.run(&["am", "20261012-foo-v2-0@example.org", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.matches("Subject: [PATCH v2 ").count(), 3);
    // One `---` after each patch's trailers, then its diffstat.
    assert_eq!(r.stdout.matches("\n---\n").count(), 3, "{}", r.stdout);
    assert!(!r.stdout.contains("\n---\n---\n"), "{}", r.stdout);
    assert!(r.stderr.contains("3 patches"), "{}", r.stderr);
}
