//! `patchq delegate SERIES... WHO` / `--clear`: who is to handle series.

use clap::Args;

use super::{Context, targets};
use crate::store::PersonChange;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq delegate 42 jane@example.org            hand a series over
  patchq delegate 40 41 max@example.org --note 'after -rc1'
  patchq delegate 42 --clear
  patchq list --delegate jane                   what is delegated to her";

/// Delegate one or more series to someone (or clear the delegate)
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct DelegateArgs {
    /// The series (`-` reads them from standard input), then who (unless --clear)
    #[arg(required = true, num_args = 1.., value_name = "SERIES... WHO")]
    pub args: Vec<String>,
    /// Take the delegate away instead
    #[arg(long)]
    pub clear: bool,
    /// Why: kept with the event
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: DelegateArgs) -> anyhow::Result<u8> {
    let (delegate, series) = match args.clear {
        true => (None, args.args.as_slice()),
        false => match args.args.split_last() {
            Some((w, rest)) if !rest.is_empty() => (Some(w.clone()), rest),
            _ => anyhow::bail!(crate::app::AppError::User(
                "name the series, then who to delegate them to (or use --clear)".into()
            )),
        },
    };
    let what = match &delegate {
        Some(d) => format!("delegated to {d}"),
        None => "delegate cleared".to_string(),
    };
    let change = PersonChange::Delegate(delegate);
    targets::change(ctx, series, change, args.note.as_deref(), &what)
}
