//! `patchq list`: outstanding series (or any, filtered) as a table, JSON or CSV.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{Context, OutputFormat, dates, exit};
use crate::app;
use crate::render::series::{series_csv, series_json, series_table};
use crate::store::{Applied, SeriesFilter, SeriesRow, SeriesSort, Store};

/// How much of a series landed in a linked repository (`patchq link`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AppliedArg {
    /// Every patch has a commit
    All,
    /// Some patches have a commit, not all
    Some,
    /// No patch has a commit (not yet applied)
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Date,
    Activity,
    Subsystem,
}

/// The table's columns, the states, and examples (`list --help`, the man page).
const LIST_HELP: &str = "\
Columns:
  ID         the series' number (show, state, am ... take it)
  STATE      new, under-review, changes-requested, accepted, rejected, superseded, deferred,
             awaiting-upstream, rfc, not-applicable; set by a person (state) or by patchq: a
             reply from someone else moves new to under-review, a newer revision supersedes,
             a landing in a linked repository accepts
  AGE        since the series was posted (d days, w weeks, m months, y years)
  SUBSYSTEM  the MAINTAINERS section it touches most (- when none is loaded or none fits)
  VER        its revision (v1, v2 ...)
  N/N        patches received / patches the subjects announce
  R/A/T      Reviewed-by / Acked-by / Tested-by trailers given, in the patches and in replies
  SUBMITTER  who sent it
  SUBJECT    the cover letter's subject, else the first patch's, prefixes removed

On a terminal the table fits its width (COLUMNS overrides); piped, nothing is cut.

Examples:
  patchq list --subsystem gpio --stale 14          outstanding gpio series with no mail for 2 weeks
  patchq list --maintainer mcgrof --sort subsystem  the series of your subsystems
  patchq list --all --state accepted --since 2026-11-01 --format csv
  patchq list --delegate me                        what is delegated to you
  patchq list --from syzbot --format json | patchq state - not-applicable";

/// List series: outstanding ones by default
#[derive(Debug, Args)]
#[command(
    long_about = "List series. By default only outstanding ones: not accepted, rejected, \
    superseded, not-applicable or archived. Filters combine.",
    after_long_help = LIST_HELP
)]
pub struct ListArgs {
    /// Every series, whatever its state
    #[arg(long)]
    pub all: bool,
    /// Only these states (comma separated)
    #[arg(long, value_delimiter = ',', value_name = "STATE")]
    pub state: Vec<String>,
    /// Only series posted to this list (List-Id)
    #[arg(long = "list", value_name = "LIST-ID")]
    pub list: Option<String>,
    /// Submitter name or address contains TEXT
    #[arg(long, value_name = "TEXT")]
    pub from: Option<String>,
    /// Posted on or after DATE (YYYY-MM-DD or RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Posted before DATE
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// No message for DAYS days
    #[arg(long, value_name = "DAYS")]
    pub stale: Option<u32>,
    /// Delegated to WHO: an address or a unique part of one (`me`: $PATCHQ_USER, else git's
    /// user.email)
    #[arg(long, value_name = "WHO")]
    pub delegate: Option<String>,
    /// Belonging to this linked repository (`patchq link` routes series): its path or name
    #[arg(long = "repo", value_name = "REPO")]
    pub repository: Option<String>,
    /// Touching this subsystem: its name, a unique prefix or a unique part of it, any case
    #[arg(long, value_name = "NAME")]
    pub subsystem: Option<String>,
    /// Touching a subsystem where EMAIL is a maintainer (M:) or reviewer (R:); a unique part
    /// of the address will do
    #[arg(long, value_name = "EMAIL")]
    pub maintainer: Option<String>,
    /// Only series whose patches landed (patchq link): all, some or none of them
    #[arg(long, value_enum, value_name = "HOW-MANY")]
    pub applied: Option<AppliedArg>,
    #[arg(long, value_enum, default_value_t = Sort::Date)]
    pub sort: Sort,
    /// At most N series
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
}

impl ListArgs {
    /// Whether any filter on series was given (sort and limit are not filters).
    pub fn filters_series(&self) -> bool {
        self.all
            || !self.state.is_empty()
            || self.list.is_some()
            || self.from.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.stale.is_some()
            || self.delegate.is_some()
            || self.repository.is_some()
            || self.subsystem.is_some()
            || self.maintainer.is_some()
            || self.applied.is_some()
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let filter = filter(ctx, &store, args)?;
    let rows = app::query::list(&store, &filter)?;
    print(ctx, &rows)
}

/// The store's filter for these arguments (`search` takes the same ones).
pub fn filter(ctx: &Context, store: &Store, args: ListArgs) -> anyhow::Result<SeriesFilter> {
    Ok(SeriesFilter {
        states: args
            .state
            .iter()
            .map(|s| app::review::state_name(s))
            .collect::<Result<_, _>>()?,
        all: args.all,
        list: args.list,
        from: args.from,
        since: args.since.as_deref().map(dates::parse).transpose()?,
        until: args.until.as_deref().map(dates::parse).transpose()?,
        inactive_since: args.stale.map(|d| ctx.now - i64::from(d) * 86400),
        // `me`: whoever changes made here are attributed to, so a team shares one spelling.
        delegate: match args.delegate.as_deref() {
            Some("me") => Some(app::review::who(std::env::var("PATCHQ_USER").ok())),
            Some(d) => Some(app::query::delegate(store, d)?),
            None => None,
        },
        repository: args
            .repository
            .as_deref()
            .map(|r| app::query::repository(store, r))
            .transpose()?,
        subsystem: args
            .subsystem
            .as_deref()
            .map(|n| app::query::subsystem_id(store, n))
            .transpose()?,
        maintainer: args
            .maintainer
            .as_deref()
            .map(|m| app::query::maintainer(store, m))
            .transpose()?,
        search: None,
        applied: args.applied.map(|a| match a {
            AppliedArg::All => Applied::All,
            AppliedArg::Some => Applied::Some,
            AppliedArg::None => Applied::None,
        }),
        sort: match args.sort {
            Sort::Date => SeriesSort::Date,
            Sort::Activity => SeriesSort::Activity,
            Sort::Subsystem => SeriesSort::Subsystem,
        },
        limit: args.limit,
        without_patches: ctx.format != OutputFormat::Json,
    })
}

/// Series as a table, JSON or CSV; exit 1 when there are none.
pub fn print(ctx: &Context, rows: &[SeriesRow]) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => {
            let json: Vec<_> = rows.iter().map(|s| series_json(s, s.replies)).collect();
            writeln!(out, "{}", serde_json::to_string(&json)?)?;
        }
        OutputFormat::Csv => out.write_all(series_csv(rows).as_bytes())?,
        _ => out.write_all(series_table(rows, ctx.now, ctx.width, ctx.color).as_bytes())?,
    }
    Ok(if rows.is_empty() {
        exit::NOT_FOUND
    } else {
        exit::OK
    })
}
