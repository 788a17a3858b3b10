//! `patchq archive SERIES... [--undo]`: take series out of (or back into) the lists.

use clap::Args;

use super::{Context, exit, targets};
use crate::app::review::{self, who};
use crate::store::PersonChange;

/// Archive one or more series: outstanding lists leave them out, whatever their state
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// The series (`-` reads them from standard input)
    #[arg(required = true, num_args = 1.., value_name = "SERIES")]
    pub series: Vec<String>,
    /// Unarchive instead
    #[arg(long)]
    pub undo: bool,
    /// Why: kept with the event
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: ArchiveArgs) -> anyhow::Result<u8> {
    let targets = targets::expand(&args.series)?;
    let mut store = ctx.store()?;
    let who = who(std::env::var("PATCHQ_USER").ok());
    let change = PersonChange::Archived(!args.undo);
    let changed = review::apply(
        &mut store,
        &targets,
        &change,
        &who,
        ctx.now,
        args.note.as_deref(),
    )?;
    let what = if args.undo { "unarchived" } else { "archived" };
    targets::print(ctx, what, &changed)?;
    Ok(exit::OK)
}
