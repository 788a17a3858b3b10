//! `patchq diff SERIES [--from N] [--to M]`: what changed between two revisions of a series.

use std::io::Write;

use clap::Args;
use serde_json::json;

use super::{Context, OutputFormat, exit};
use crate::app::diff::{Change, RevisionDiff, diff};
use crate::app::query::resolve;
use crate::render::terminal_safe;

/// What changed between two revisions, patch by patch, like git range-diff
///
/// Patches are paired by patch-id (unchanged), then by subject, then by changed lines (changed:
/// the diff of their two diffs follows, index lines and hunk line numbers left out); the others
/// were added or dropped. The cover letters' text is compared too. Needs no repository: the
/// posted mail is enough.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Lines:
  1:  = 1:  subject      patch 1 of the older revision is patch 1 of the newer, unchanged
  2:  ! 2:  subject      changed; the interdiff follows, indented
  3:  < -:  subject      dropped
  -:  > 3:  subject      added

Examples:
  patchq diff 42                  the newest revision of 42's chain against the one before
  patchq diff 42 --from 1 --to 3  v1 against v3
  patchq --format json diff <msgid>")]
pub struct DiffArgs {
    /// The series: id, any Message-ID in it, or a URL ending in one
    pub series: String,
    /// The older revision (its version number) [default: the one before --to]
    #[arg(long, value_name = "N")]
    pub from: Option<u32>,
    /// The newer revision [default: the newest]
    #[arg(long, value_name = "M")]
    pub to: Option<u32>,
}

pub fn run(ctx: &Context, args: DiffArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let id = resolve(&store, &args.series)?;
    let d = diff(&store, id, args.from, args.to)?;
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string(&as_json(&d))?)?,
        _ => out.write_all(text(&d, ctx.color).as_bytes())?,
    }
    Ok(exit::OK)
}

fn as_json(d: &RevisionDiff) -> serde_json::Value {
    let rev =
        |s: &crate::store::SeriesRow| json!({"id": s.id, "version": s.version, "msgid": s.key});
    let patches: Vec<_> = d
        .pairs
        .iter()
        .map(|p| {
            json!({
                "from": p.from.as_ref().map(|f| f.0),
                "to": p.to.as_ref().map(|t| t.0),
                "from_msgid": p.from.as_ref().map(|f| &f.1),
                "to_msgid": p.to.as_ref().map(|t| &t.1),
                "subject": p.subject,
                "change": p.change.as_str(),
                "interdiff": p.interdiff,
            })
        })
        .collect();
    json!({"from": rev(&d.from), "to": rev(&d.to), "patches": patches, "cover": d.cover})
}

fn text(d: &RevisionDiff, color: bool) -> String {
    let mut out = format!(
        "series {} v{} -> series {} v{}: {}\n",
        d.from.id,
        d.from.version,
        d.to.id,
        d.to.version,
        terminal_safe(&d.to.name, false)
    );
    let num = |n: Option<u32>| n.map_or("-:".to_string(), |n| format!("{n}:"));
    for p in &d.pairs {
        let mark = match p.change {
            Change::Unchanged => "=",
            Change::Changed => "!",
            Change::Added => ">",
            Change::Dropped => "<",
        };
        out.push_str(&format!(
            "{:<4} {mark} {:<4} {}\n",
            num(p.from.as_ref().map(|f| f.0)),
            num(p.to.as_ref().map(|t| t.0)),
            terminal_safe(&p.subject, false)
        ));
        for line in p.interdiff.lines() {
            out.push_str(&format!(
                "    {}\n",
                paint(&terminal_safe(line, false), color)
            ));
        }
    }
    if !d.cover.is_empty() {
        out.push_str("cover letter:\n");
        for line in d.cover.lines() {
            out.push_str(&format!(
                "    {}\n",
                paint(&terminal_safe(line, false), color)
            ));
        }
    }
    out
}

/// A diff line coloured as git colours it, on a terminal.
fn paint(line: &str, color: bool) -> String {
    let code = match line.as_bytes().first() {
        _ if !color => return line.to_string(),
        Some(b'+') if !line.starts_with("+++") => "32",
        Some(b'-') if !line.starts_with("---") => "31",
        Some(b'@') => "36",
        _ => return line.to_string(),
    };
    format!("\x1b[{code}m{line}\x1b[0m")
}
