//! `patchq note SERIES... TEXT`: keep a note in the history of series.

use clap::Args;

use super::{Context, targets};
use crate::store::PersonChange;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq note 42 'waiting for the DT binding review'
  patchq show 42                                the notes, in the history";

/// Add a note to the history of one or more series
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct NoteArgs {
    /// The series (`-` reads them from standard input), then the note
    #[arg(required = true, num_args = 2.., value_name = "SERIES... TEXT")]
    pub args: Vec<String>,
}

pub fn run(ctx: &Context, args: NoteArgs) -> anyhow::Result<u8> {
    let (text, series) = args.args.split_last().expect("clap requires two");
    targets::change(
        ctx,
        series,
        PersonChange::Note(text.clone()),
        None,
        "note added",
    )
}
