//! `patchq rebuild`: recompute everything derived from the stored raw mail.

use clap::Args;

use super::{Context, exit};

/// Recompute everything derived from the stored mail (parsing, series, subsystems, search)
///
/// Review state, its history and notes are kept (they are keyed by Message-ID), and so are the
/// links to commits. Run it after upgrading patchq when the notes say parsing improved.
#[derive(Debug, Args)]
pub struct RebuildArgs {}

pub fn run(ctx: &Context, _args: RebuildArgs) -> anyhow::Result<u8> {
    let mut store = ctx.store()?;
    let started = std::time::Instant::now();
    let r = crate::app::rebuild::rebuild(&mut store, ctx.now)?;
    if !ctx.quiet {
        eprintln!(
            "rebuilt {} messages ({} unreadable, kept), {} series, {} mapped to subsystems in {:.2} s",
            r.messages,
            r.unreadable,
            r.series,
            r.mapped,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(exit::OK)
}
