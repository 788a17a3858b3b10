//! `patchq state SERIES... STATE [--note TEXT]`: set the review state of series, by hand.

use clap::Args;

use super::{Context, targets};
use crate::app::review;
use crate::store::PersonChange;

/// Set the review state of one or more series
///
/// States: new, under-review, changes-requested, accepted, rejected, superseded, deferred, rfc,
/// not-applicable, awaiting-upstream. A state set here is never changed by an automatic rule.
/// SERIES is an id, any Message-ID of the series, or a URL ending in one; `-` reads them from
/// standard input (`patchq list --format json | jq '.[] | select(...)' | patchq state - rfc`).
/// The change is recorded as an event by $PATCHQ_USER, else git's user.email.
#[derive(Debug, Args)]
pub struct StateArgs {
    /// The series, then the state
    #[arg(required = true, num_args = 2.., value_name = "SERIES... STATE")]
    pub args: Vec<String>,
    /// Why: kept with the event
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: StateArgs) -> anyhow::Result<u8> {
    let (state, series) = args.args.split_last().expect("clap requires two");
    let state = review::state_name(state)?;
    let what = format!("-> {state}");
    targets::change(
        ctx,
        series,
        PersonChange::State(state),
        args.note.as_deref(),
        &what,
    )
}
