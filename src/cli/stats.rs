//! `patchq stats`: what the database holds.

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::render::wire;

/// Count messages, patches, cover letters, replies, series, commit links and subsystems
#[derive(Debug, Args)]
pub struct StatsArgs {}

pub fn run(ctx: &Context, _args: StatsArgs) -> anyhow::Result<u8> {
    let store = ctx.store()?;
    let s = store.stats()?;
    let json = wire::StatsJson {
        messages: s.messages,
        patches: s.patches,
        covers: s.covers,
        replies: s.replies,
        series: s.series,
        commit_links: 0,
        subsystems: 0,
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
            writeln!(out, "pull requests {}", s.pulls)?;
            writeln!(out, "conflicts     {}", s.conflicts)?;
            writeln!(out, "deleted       {}", s.deleted)?;
        }
    }
    Ok(exit::OK)
}
