//! `patchq link`: scan repositories for the commits that merged posted patches.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::app::link::{LinkOptions, LinkReport, link};
use crate::render::csv_field;
use crate::render::terminal_safe;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Rules:
  A commit applies the patch whose Message-ID it names (Link:, Message-Id:), else the patch
  with the same patch-id, else the one with the same changed lines (half of them shared at
  least: fuzz, moved context and small edits allowed), else the one with the same subject from
  the same author; the patch posted at most two years before the commit or 14 days after it.
  A commit that squashes a series is matched to it line by line.
  A series whose patches all landed becomes accepted, unless a person set its state.

Examples:
  patchq link --repo ~/src/linux                  HEAD the first time, remembered afterwards
  patchq link --repo ~/src/linux --rev net-next/main
  patchq link                                     every remembered revision (and the config's)
  patchq list --repo linux --applied none         posted for that tree, not landed";

/// Link posted patches to the commits that merged them
///
/// Reads the commits of a repository revision through libgit2 (no checkout, no git
/// subprocess) and ties each to the patch it applies: a Message-ID named in the commit message
/// (Link:, Message-Id:), an equal patch-id, the same changed lines (fuzz, moved context, small
/// edits), or the same subject and author. The repository and revision are remembered: a later
/// `patchq link` without arguments reads only commits added since, on every remembered
/// revision, and drops the links of commits a rewritten branch no longer holds. Series whose
/// patches all landed become accepted (unless a person set their state).
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct LinkArgs {
    /// The git repository (its remembered revisions, or HEAD the first time)
    #[arg(long, value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// HEAD, a branch, tag or commit, or a range A..B
    #[arg(long, value_name = "RANGE", requires = "repo")]
    pub rev: Option<String>,
}

pub fn run(ctx: &Context, args: LinkArgs) -> anyhow::Result<u8> {
    let mut store = ctx.store()?;
    let opts = LinkOptions {
        repo: args.repo,
        rev: args.rev,
        now: ctx.now,
        configured: ctx
            .settings
            .lists
            .iter()
            .flat_map(|l| l.repositories.iter().cloned())
            .collect(),
    };
    let report = link(&mut store, &opts)?;
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => {
            for l in &report.links {
                let json = serde_json::json!({
                    "msgid": l.msgid, "commit": l.commit, "method": l.method, "series": l.series,
                });
                writeln!(out, "{json}")?;
            }
        }
        OutputFormat::Csv => {
            writeln!(out, "msgid,commit,method,series")?;
            for l in &report.links {
                writeln!(
                    out,
                    "{},{},{},{}",
                    csv_field(&l.msgid),
                    l.commit,
                    l.method,
                    l.series
                )?;
            }
        }
        _ => {
            for l in &report.links {
                let sha = &l.commit[..12.min(l.commit.len())];
                let msgid = terminal_safe(&l.msgid, false);
                writeln!(out, "{sha} {:<12} {:>6}  <{msgid}>", l.method, l.series)?;
            }
        }
    }
    for s in &report.skipped {
        ctx.warn(&format!(
            "{} commit {}: skipped, an object is missing ({}); the other commits were linked",
            s.repo, s.commit, s.why
        ));
    }
    if !ctx.quiet {
        eprintln!("{}", terminal_safe(&summary(&report), true));
    }
    Ok(match report.skipped.is_empty() {
        true => exit::OK,
        false => exit::REJECTED,
    })
}

fn summary(r: &LinkReport) -> String {
    let mut lines: Vec<String> = r
        .scans
        .iter()
        .map(|s| {
            let dropped = match s.dropped {
                0 => String::new(),
                n => format!(", {n} no longer on it (rewritten)"),
            };
            format!(
                "{} {} at {}: {} new commits{dropped}",
                s.repo,
                s.rev,
                &s.tip[..12.min(s.tip.len())],
                s.new_commits
            )
        })
        .collect();
    let mut by_method: Vec<(&str, usize)> = Vec::new();
    for l in &r.links {
        match by_method.iter_mut().find(|(m, _)| *m == l.method) {
            Some((_, n)) => *n += 1,
            None => by_method.push((l.method, 1)),
        }
    }
    let methods: Vec<String> = by_method.iter().map(|(m, n)| format!("{n} {m}")).collect();
    if !r.skipped.is_empty() {
        lines.push(format!(
            "{} commits skipped: objects missing (a partial clone, or a damaged repository)",
            r.skipped.len()
        ));
    }
    lines.push(format!(
        "{} new links{}{}, {} series accepted ({} commits judged, {} diffs, {} patches read) in {:.2} s",
        r.links.len(),
        if methods.is_empty() { String::new() } else { format!(" ({})", methods.join(", ")) },
        match r.unlinked {
            0 => String::new(),
            n => format!(", {n} taken back"),
        },
        r.accepted.len(),
        r.commits_judged,
        r.diffs_computed,
        r.patches_parsed,
        r.elapsed_s
    ));
    if r.repositories.len() > 1 {
        let routes: Vec<String> = r
            .repositories
            .iter()
            .map(|(repo, landed, paths)| {
                format!(
                    "{} {} ({landed} landed)",
                    crate::model::repo_name(repo),
                    landed + paths
                )
            })
            .collect();
        lines.push(format!("series by repository: {}", routes.join(", ")));
    }
    if !r.phases.is_empty() {
        let phases: Vec<String> = r
            .phases
            .iter()
            .map(|(p, s)| format!("{p} {s:.2} s"))
            .collect();
        lines.push(format!("time: {}", phases.join(", ")));
    }
    lines.join("\n")
}
