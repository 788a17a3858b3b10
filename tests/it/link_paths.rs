//! The paths a commit touches, as link reads them by comparing subtree ids (never entering a
//! subtree that did not change), and the diff it limits to those paths (its patch-id and changed
//! lines), against git itself:
//! on a built repository whose commits edit deep files, add and delete whole directories,
//! rename, turn a file into a directory, flip a mode, add a submodule entry and merge.

use std::fs;
use std::path::Path;

use patchq::gitlink::GitRepo;
use patchq::parse::fingerprint::changed_lines;

use crate::helpers::{Env, git};

const D: &str = "2026-04-01T10:00:00Z";
const WHO: &str = "Jane Dev <jane@example.org>";

fn write(repo: &Path, path: &str, text: &str) {
    let p = repo.join(path);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn lines(tag: &str) -> String {
    (1..=30).map(|i| format!("line {i} of {tag}\n")).collect()
}

/// Builds the repository; returns it and its commits, oldest first (the merge last).
fn history(env: &Env) -> (std::path::PathBuf, Vec<String>) {
    let repo = env.path("paths");
    fs::create_dir_all(&repo).unwrap();
    let g = |args: &[&str]| git(&repo, args, D);
    g(&["init", "-q", "-b", "master"]);
    for (i, p) in [
        "top.c",
        "a/one.c",
        "a/b/two.c",
        "a/b/c/three.c",
        "d/four.c",
        "d/e/five.c",
        "f",
        "x/y/z/deep.c",
    ]
    .iter()
    .enumerate()
    {
        write(&repo, p, &lines(&format!("{p} {i}")));
    }
    let mut commits = Vec::new();
    let mut commit = |msg: &str| {
        g(&["add", "-A"]);
        g(&["commit", "-q", "--author", WHO, "-m", msg]);
        commits.push(g(&["rev-parse", "HEAD"]).trim().to_string());
    };
    commit("root");
    write(&repo, "a/b/c/three.c", &lines("three edited"));
    commit("deep edit");
    write(&repo, "n/m/new1.c", &lines("new1"));
    write(&repo, "n/new2.c", &lines("new2"));
    fs::remove_dir_all(repo.join("d")).unwrap();
    commit("add a directory, delete one");
    g(&["mv", "a/one.c", "x/one-moved.c"]);
    commit("rename");
    fs::remove_file(repo.join("f")).unwrap();
    write(&repo, "f/inside.c", &lines("f is a directory now"));
    write(&repo, "f.c", &lines("a neighbour sorting between f and f/"));
    commit("file becomes a directory");
    g(&["update-index", "--chmod=+x", "top.c"]);
    g(&["commit", "-q", "--author", WHO, "-m", "mode"]);
    commits.push(g(&["rev-parse", "HEAD"]).trim().to_string());
    let root = commits[0].clone();
    g(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{root},sub"),
    ]);
    g(&["commit", "-q", "--author", WHO, "-m", "submodule"]);
    commits.push(g(&["rev-parse", "HEAD"]).trim().to_string());
    g(&["checkout", "-q", "-b", "side", "HEAD~1"]);
    write(&repo, "x/y/z/deep.c", &lines("side"));
    g(&["commit", "-q", "-a", "--author", WHO, "-m", "side"]);
    commits.push(g(&["rev-parse", "HEAD"]).trim().to_string());
    g(&["checkout", "-q", "master"]);
    g(&[
        "-c",
        "user.name=Jane Dev",
        "-c",
        "user.email=jane@example.org",
        "merge",
        "-q",
        "--no-edit",
        "side",
    ]);
    commits.push(g(&["rev-parse", "HEAD"]).trim().to_string());
    (repo, commits)
}

#[test]
fn touched_paths_and_limited_diffs_equal_gits_own() {
    let env = Env::new();
    let (repo, commits) = history(&env);
    let git_repo = GitRepo::open(&repo).unwrap();
    let mut shapes = Vec::new();
    for sha in &commits {
        let paths = git_repo.paths(sha).unwrap();
        let content = git_repo.content(sha, None).unwrap();
        // Given the paths read before, the diff is the same.
        assert_eq!(git_repo.content(sha, Some(&paths)).unwrap(), content);
        let parents = git(&repo, &["rev-list", "--parents", "-n1", sha], D);
        if parents.split_whitespace().count() > 2 {
            assert_eq!(
                (paths.len(), content.patch_id),
                (0, None),
                "a merge is not diffed"
            );
            shapes.push(0);
            continue;
        }
        let mut want: Vec<String> = git(
            &repo,
            &[
                "diff-tree",
                "--root",
                "--no-renames",
                "-r",
                "--name-only",
                "--no-commit-id",
                sha,
            ],
            D,
        )
        .lines()
        .map(str::to_string)
        .collect();
        want.sort();
        assert_eq!(paths, want, "commit {sha}");
        // The diff limited to those paths is the whole commit's, as git prints it.
        let shown = git(
            &repo,
            &["show", "--binary", "--full-index", "--format=", sha],
            D,
        );
        let ids = git_stdin(&repo, &["patch-id", "--stable"], &shown);
        let want_id = ids.split_whitespace().next().map(str::to_string);
        assert_eq!(
            content.patch_id.map(|p| p.to_hex()),
            want_id,
            "commit {sha}: patch-id"
        );
        assert_eq!(
            content.lines,
            changed_lines(&shown),
            "commit {sha}: changed lines"
        );
        shapes.push(paths.len());
    }
    // root 8 files; 1; 2 added + 2 deleted; rename 2; f, f.c, f/inside.c; mode 1; submodule 1;
    // side 2 (`commit -a` takes top.c's mode back from the work tree, where it never was
    // executable); merge 0.
    assert_eq!(shapes, vec![8, 1, 4, 2, 3, 1, 1, 2, 0]);
}

/// `git ARGS` in `dir` with `input` on its standard input.
fn git_stdin(dir: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}
