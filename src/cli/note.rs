//! `patchq note SERIES... TEXT`: keep a note in the history of series.

use clap::Args;

use super::{Context, targets};
use crate::store::PersonChange;

/// Add a note to the history of one or more series
#[derive(Debug, Args)]
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
