//! `patchq archive SERIES... [--undo]`: take series out of (or back into) the lists.

use clap::Args;

use super::{Context, targets};
use crate::store::PersonChange;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq archive 42 43                          out of the default list, state kept
  patchq archive 42 --undo";

/// Archive one or more series: outstanding lists leave them out, whatever their state
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
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
    let what = if args.undo { "unarchived" } else { "archived" };
    let change = PersonChange::Archived(!args.undo);
    targets::change(ctx, &args.series, change, args.note.as_deref(), what)
}
