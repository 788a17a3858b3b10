//! `patchq report`: the weekly status report as Markdown, HTML or JSON.

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, dates, exit};
use crate::app;
use crate::render::report::{html, markdown};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq report > week.md                        last complete week, Markdown for a mail
  patchq --format html report --week 2026-W47 > week.html
  patchq --format json report --since 2026-11-01 --until 2026-12-01
  patchq report --subsystem 'MODULE SUPPORT'     one subsystem's report";

/// Write the status report of a week (default: the last complete week) or a date range
///
/// Activity against the period before (series and patches posted, review replies, trailers,
/// accepted/superseded/rejected, outstanding), per subsystem (outstanding, new, accepted, median
/// times to first review and to acceptance), what needs attention, the most active people and
/// the age of the queue. --format md (the default) reads well in a mail, html is one page with
/// charts and nothing external, json carries every number. Deterministic for the same database
/// and --now / PATCHQ_NOW.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct ReportArgs {
    /// An ISO week, e.g. 2026-W47
    #[arg(long, value_name = "YYYY-Www", conflicts_with_all = ["since", "until"])]
    pub week: Option<String>,
    /// Start of the period (with --until)
    #[arg(long, value_name = "DATE", requires = "until")]
    pub since: Option<String>,
    /// End of the period, exclusive
    #[arg(long, value_name = "DATE", requires = "since")]
    pub until: Option<String>,
    /// Only series touching this subsystem
    #[arg(long, value_name = "NAME")]
    pub subsystem: Option<String>,
    /// Only series touching subsystems where EMAIL is M: or R:
    #[arg(long, value_name = "EMAIL")]
    pub maintainer: Option<String>,
}

pub fn run(ctx: &Context, args: ReportArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let period = match (&args.week, &args.since, &args.until) {
        (Some(w), _, _) => app::report::iso_week(w)?,
        (None, Some(s), Some(u)) => app::report::range(dates::parse(s)?, dates::parse(u)?)?,
        _ => app::report::last_week(ctx.now),
    };
    let mut scope = Vec::new();
    if let Some(name) = &args.subsystem {
        let id = app::query::subsystem_id(&store, name)?;
        scope.extend(app::query::subsystem_name(&store, id)?);
    }
    if let Some(text) = &args.maintainer {
        let email = app::query::maintainer(&store, text)?;
        // An address `maintainer` found is an M: or R: of some subsystem.
        let theirs = app::query::subsystems_of(&store, &email)?;
        scope.extend(theirs);
    }
    let report = app::report::report(&store, period, &scope, ctx.now)?;
    let text = match ctx.format {
        OutputFormat::Json => serde_json::to_string(&report)? + "\n",
        OutputFormat::Html => html(&report),
        OutputFormat::Md | OutputFormat::Table => markdown(&report),
        // Refused before the command runs (`Command::formats`).
        OutputFormat::Csv => unreachable!("report has no csv"),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(exit::OK)
}
