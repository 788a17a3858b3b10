//! `patchq state SERIES... STATE [--note TEXT]`: set the review state of series, by hand.

use clap::Args;

use super::{Context, targets};
use crate::app::review;
use crate::store::PersonChange;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
States:
  new                 posted, nobody but its sender has replied
  under-review        someone else replied (set automatically from new)
  changes-requested   the submitter is asked for another revision
  accepted            applied (set automatically when link finds every patch in a repository)
  rejected            will not be applied
  superseded          a newer revision was posted (set automatically)
  deferred            later
  rfc                 a request for comments, not for applying
  not-applicable      not for this tree
  awaiting-upstream   waits for another tree

Rules:
  patchq moves a series automatically: new to under-review on a reply from someone else, to
  superseded when a newer revision arrives, to accepted when its patches land in a linked
  repository, and as a `pw-bot: STATE` line says when a maintainer (M: of one of its
  subsystems, vouched for by a trusted list server) writes one. A state set with this command
  stands: no rule changes it afterwards. Every change is kept in the history (patchq show).

Examples:
  patchq state 42 accepted
  patchq state 40 41 42 changes-requested --note 'see the review of 2/3'
  patchq list --from syzbot --format json | patchq state - not-applicable";

/// Set the review state of one or more series
///
/// States: new, under-review, changes-requested, accepted, rejected, superseded, deferred, rfc,
/// not-applicable, awaiting-upstream. A state set here is never changed by an automatic rule.
/// SERIES is an id, any Message-ID of the series, or a URL ending in one; `-` reads them from
/// standard input (`patchq list --format json | jq '.[] | select(...)' | patchq state - rfc`).
/// The change is recorded as an event by $PATCHQ_USER, else git's user.email.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
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
