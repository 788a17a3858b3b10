//! `patchq stats`: what the database holds, and with `--series` how its series are shaped.

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::render::terminal_safe;
use crate::render::wire::{self, ShapesJson};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq stats                                   messages, patches, series, links in the database
  patchq --format json stats --series";

/// Count messages, patches, cover letters, replies, series, commit links and subsystems
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct StatsArgs {
    /// Also count series by shape: cover letters, completeness, revision chains by length,
    /// superseded revisions and the trailers collected
    #[arg(long)]
    pub series: bool,
}

pub fn run(ctx: &Context, args: StatsArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let (s, shapes, commit_links, subsystems) = crate::app::query::stats(&store, args.series)?;
    let shapes = shapes.map(ShapesJson::from);
    let json = wire::StatsJson {
        messages: s.messages,
        patches: s.patches,
        covers: s.covers,
        replies: s.replies,
        series: s.series,
        commit_links,
        subsystems,
        deleted: s.deleted,
        shapes,
    };
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => writeln!(out, "{}", wire::to_line(&json))?,
        _ => {
            writeln!(out, "messages      {}", json.messages)?;
            writeln!(out, "patches       {}", json.patches)?;
            writeln!(out, "covers        {}", json.covers)?;
            writeln!(out, "replies       {}", json.replies)?;
            writeln!(out, "series        {}", json.series)?;
            writeln!(out, "commit links  {}", json.commit_links)?;
            writeln!(out, "pull requests {}", s.pulls)?;
            writeln!(out, "conflicts     {}", s.conflicts)?;
            writeln!(out, "deleted       {}", json.deleted)?;
            if let Some(shapes) = &json.shapes {
                write_shapes(&mut out, shapes)?;
            }
        }
    }
    Ok(exit::OK)
}

fn write_shapes(out: &mut impl Write, s: &ShapesJson) -> std::io::Result<()> {
    writeln!(out, "\nseries shapes")?;
    for (label, n) in [
        ("with cover letter", s.with_cover),
        ("complete", s.complete),
        ("incomplete", s.incomplete),
        ("single patches", s.single_patches),
        ("pull requests", s.pulls),
        ("resends", s.resends),
        ("rfc", s.rfcs),
        ("with replies", s.with_replies),
        ("superseded", s.superseded),
    ] {
        writeln!(out, "  {label:<18} {n}")?;
    }
    writeln!(out, "revision chains by length")?;
    for (len, n) in &s.chains {
        let label = match len {
            1 => "1 revision".to_string(),
            _ => format!("{len} revisions"),
        };
        writeln!(out, "  {label:<18} {n}")?;
    }
    if let Some(k) = &s.longest_chain {
        writeln!(out, "  longest ends at   <{}>", terminal_safe(k, false))?;
    }
    writeln!(
        out,
        "trailers applied (carried over: {}, mismatches kept: {})",
        s.carried, s.mismatches
    )?;
    for (kind, n) in &s.trailers {
        writeln!(out, "  {:<18} {n}", terminal_safe(kind, false))?;
    }
    Ok(())
}
