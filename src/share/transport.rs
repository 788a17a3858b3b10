//! Moving the share history with the `git` command: ssh, https and file URLs work as they do
//! for the user's own git (keys, credential helpers, proxies, `insteadOf`). Only the one ref is
//! fetched and pushed; a push is never forced.

use std::path::Path;
use std::process::{Command, Output};

use super::{REF, ShareError};

/// What a push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The remote now holds the local tip.
    Done,
    /// The remote moved since it was fetched (someone else pushed): fetch, merge, try again.
    Rejected,
}

fn git(repo: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("--git-dir")
        .arg(repo)
        // Never run programs named by a URL (`ext::`), whatever the user's configuration.
        .args(["-c", "protocol.ext.allow=never"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR");
    c
}

fn run(mut c: Command, url: &str, what: &'static str) -> Result<Output, ShareError> {
    c.output().map_err(|e| ShareError::Transport {
        url: url.to_string(),
        what,
        detail: format!("cannot run git: {e}"),
    })
}

fn failed(url: &str, what: &'static str, out: &Output) -> ShareError {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let detail: String = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("; ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    ShareError::Transport {
        url: url.to_string(),
        what,
        detail: if detail.is_empty() {
            format!("exit {}", out.status)
        } else {
            detail
        },
    }
}

/// Fetches the remote's history into `tracking`; false when the remote has none yet.
pub(super) fn fetch(repo: &Path, url: &str, tracking: &str) -> Result<bool, ShareError> {
    let mut ls = git(repo);
    ls.args(["ls-remote", "--end-of-options", url, REF]);
    let out = run(ls, url, "ls-remote")?;
    if !out.status.success() {
        return Err(failed(url, "ls-remote", &out));
    }
    if out.stdout.iter().all(u8::is_ascii_whitespace) {
        return Ok(false);
    }
    let mut fetch = git(repo);
    fetch
        .args(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head"])
        .args(["--end-of-options", url])
        .arg(format!("+{REF}:{tracking}"));
    let out = run(fetch, url, "fetch")?;
    if !out.status.success() {
        return Err(failed(url, "fetch", &out));
    }
    Ok(true)
}

/// Pushes the local ref to the remote's, as a fast-forward only.
pub(super) fn push(repo: &Path, url: &str) -> Result<Pushed, ShareError> {
    let mut push = git(repo);
    push.args(["push", "--porcelain", "--end-of-options", url])
        .arg(format!("{REF}:{REF}"));
    let out = run(push, url, "push")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rejected = stdout
        .lines()
        .any(|l| l.starts_with('!') && l.contains(REF) && l.contains("[rejected]"));
    match (out.status.success(), rejected) {
        (true, _) => Ok(Pushed::Done),
        (false, true) => Ok(Pushed::Rejected),
        (false, false) => Err(failed(url, "push", &out)),
    }
}
