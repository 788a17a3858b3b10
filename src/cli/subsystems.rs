//! `patchq subsystems`: outstanding series per subsystem, the busiest first.

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::render::csv_field;
use crate::render::terminal_safe;
use crate::render::time::{age, rfc3339};
use crate::store::CLOSED_STATES;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq subsystems                              subsystems by outstanding series
  patchq --format csv subsystems --limit 20";

/// Outstanding series per subsystem: how many, how many nobody has answered, the oldest
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct SubsystemsArgs {
    /// At most N subsystems
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Context, args: SubsystemsArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let mut rows = crate::app::query::subsystem_load(&store, &CLOSED_STATES)?;
    if let Some(n) = args.limit {
        rows.truncate(n);
    }
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => {
            let json: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "status": r.status,
                        "outstanding": r.outstanding,
                        "waiting_for_review": r.unreviewed,
                        "oldest": r.oldest.map(rfc3339),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string(&json)?)?;
        }
        OutputFormat::Csv => {
            writeln!(out, "name,status,outstanding,waiting_for_review,oldest")?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    csv_field(&r.name),
                    csv_field(r.status.as_deref().unwrap_or("")),
                    r.outstanding,
                    r.unreviewed,
                    r.oldest.map(rfc3339).unwrap_or_default()
                )?;
            }
        }
        _ => {
            writeln!(
                out,
                "{:>6} {:>8} {:>7}  SUBSYSTEM",
                "OPEN", "NO-REPLY", "OLDEST"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:>6} {:>8} {:>7}  {}",
                    r.outstanding,
                    r.unreviewed,
                    r.oldest.map(|d| age(ctx.now, d)).unwrap_or_default(),
                    terminal_safe(&r.name, false)
                )?;
            }
        }
    }
    Ok(if rows.is_empty() {
        exit::NOT_FOUND
    } else {
        exit::OK
    })
}
