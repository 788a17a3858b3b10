//! `patchq apply SERIES --repo PATH`: take a series into a branch, like `b4 shazam`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::am::{ExportArgs, warn_trailers};
use super::{Context, OutputFormat, exit};
use crate::app::apply::{Applied, ApplyOptions, BaseFrom, Target, apply};
use crate::app::query::resolve;
use crate::render::terminal_safe;
use crate::render::wire::{AppliedCommitJson, ApplyJson};

/// Apply a series to a git repository as commits, like b4 shazam
///
/// The commits are those `git am` makes from the mailbox `patchq am` writes: the same messages
/// (with the trailers given in replies and a Link:), authors, dates, and your committer identity
/// (user.name/user.email, or GIT_COMMITTER_NAME/EMAIL/DATE). Every patch is applied in memory
/// first: if one does not apply, nothing changes and the patch is named.
///
/// Without --branch or --merge the commits go on top of the current branch and its working tree
/// is updated (it must have no uncommitted changes). With --branch they go on a new branch made
/// at the base: --base, else the `base-commit:` the cover letter names when the repository has
/// it, else HEAD; the working tree is not touched. --merge applies them onto that base and merges
/// them into the current branch with b4's merge message (the cover letter's text and a Link:).
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  patchq apply 42 --repo ~/src/linux                    on top of the current branch
  patchq apply <msgid> --repo . --branch jd/foo-v3      a new branch at the series' base
  patchq apply 42 --repo . --merge --no-link            a merge commit, like b4 shazam -M
  git log --oneline -3 && patchq link --repo .          later: the commits link to the series")]
pub struct ApplyArgs {
    /// The series: id, any Message-ID in it, or a URL ending in one
    pub series: String,
    /// The git repository
    #[arg(long, value_name = "PATH", default_value = ".")]
    pub repo: PathBuf,
    /// Make a new branch NAME for the series instead of growing the current one
    #[arg(short, long, value_name = "NAME", conflicts_with = "merge")]
    pub branch: Option<String>,
    /// Apply onto REV (with --branch or --merge) [default: base-commit, else HEAD]
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Apply onto the base, then merge into the current branch (b4 shazam -M)
    #[arg(short = 'M', long)]
    pub merge: bool,
    #[command(flatten)]
    pub export: ExportArgs,
}

pub fn run(ctx: &Context, args: ApplyArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let id = resolve(&store, &args.series)?;
    let target = match (&args.branch, args.merge) {
        (Some(b), _) => Target::Branch(b.clone()),
        (None, true) => Target::Merge,
        (None, false) => Target::Head,
    };
    let prefix = args.export.prefix(ctx, &store, id)?;
    let opts = ApplyOptions {
        am: args.export.options(false, prefix.clone()),
        target,
        base: args.base.clone(),
        link_prefix: prefix,
    };
    let a = apply(&store, id, &args.repo, &opts)?;
    warn_trailers(ctx, &a.unverified, &a.left_out);
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string(&as_json(&a))?)?,
        _ => out.write_all(text(&a).as_bytes())?,
    }
    Ok(exit::OK)
}

fn base_from(b: BaseFrom) -> &'static str {
    match b {
        BaseFrom::Flag => "flag",
        BaseFrom::BaseCommit => "base-commit",
        BaseFrom::Head => "HEAD",
    }
}

fn as_json(a: &Applied) -> ApplyJson {
    ApplyJson {
        series: a.series,
        version: a.version,
        msgid: a.key.clone(),
        branch: a.branch.clone(),
        base: a.base.clone(),
        base_from: base_from(a.base_from).to_string(),
        commits: a
            .commits
            .iter()
            .map(|(c, s)| AppliedCommitJson {
                commit: c.clone(),
                subject: s.clone(),
            })
            .collect(),
        merge: a.merge.clone(),
    }
}

fn text(a: &Applied) -> String {
    let short = |s: &str| s.chars().take(12).collect::<String>();
    let branch = a.branch.strip_prefix("refs/heads/").unwrap_or(&a.branch);
    let mut s = format!(
        "series {} v{} <{}>: {} commits on {} (base {} from {})\n",
        a.series,
        a.version,
        terminal_safe(&a.key, false),
        a.commits.len(),
        terminal_safe(branch, false),
        short(&a.base),
        base_from(a.base_from)
    );
    for (c, subject) in &a.commits {
        s.push_str(&format!(
            "  {} {}\n",
            short(c),
            terminal_safe(subject, false)
        ));
    }
    if let Some(m) = &a.merge {
        s.push_str(&format!("  merged as {}\n", short(m)));
    }
    if let Some(b) = &a.base_commit_unused {
        s.push_str(&format!(
            "  (the series names base-commit {}; not used)\n",
            terminal_safe(b, false)
        ));
    }
    s
}
