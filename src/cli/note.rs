//! `patchq note SERIES... TEXT`: keep a note in the history of series.

use clap::Args;

use super::{Context, exit, targets};
use crate::app::review::{self, who};
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
    let targets = targets::expand(series)?;
    let mut store = ctx.store()?;
    let who = who(std::env::var("PATCHQ_USER").ok());
    let change = PersonChange::Note(text.clone());
    let changed = review::apply(&mut store, &targets, &change, &who, ctx.now, None)?;
    targets::print(ctx, "note added", &changed)?;
    Ok(exit::OK)
}
