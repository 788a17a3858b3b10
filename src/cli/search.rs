//! `patchq search QUERY`: full-text search over subjects, message text and touched paths.

use std::collections::BTreeSet;
use std::io::Write;

use clap::Args;

use super::list::{self, ListArgs};
use super::{Context, OutputFormat, exit};
use crate::app::search::{ensure_indexed, fts_query};
use crate::render::csv_field;
use crate::render::terminal_safe;
use crate::render::time::{age, rfc3339};
use crate::store::MessageHit;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Query:
  Every word must appear; \"a phrase\"; prefix*; subject:word, body:word and
  paths:kernel/module look in one place. Series filters (--state, --subsystem ...) are list's.

Examples:
  patchq search 'subject:fanotify*'                    outstanding series that mention it
  patchq search --messages 'subject:fanotify*'         every message: bug reports and replies too
  patchq search --all --from syzbot 'KASAN'";

/// Search subjects, message text and touched paths; series by default, messages with --messages
///
/// Every word must appear; `word*` matches a prefix; `subject:word`, `body:word` and
/// `paths:kernel/module` look in one place only; "double quotes" make a phrase. The filters are
/// list's: outstanding series unless --all or --state.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct SearchArgs {
    /// What to look for
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// List the matching messages instead of their series: every stored message, bug reports
    /// and discussions outside any series included, unless series filters are given
    #[arg(long)]
    pub messages: bool,
    #[command(flatten)]
    pub filters: ListArgs,
}

pub fn run(ctx: &Context, args: SearchArgs) -> anyhow::Result<u8> {
    let mut store = ctx.store_to_read()?;
    let indexed = ensure_indexed(&mut store)?;
    if indexed.done > 1000 {
        ctx.note(&format!("indexed {} messages for search", indexed.done));
    }
    if indexed.left > 0 {
        ctx.note(&format!(
            "warning: {} messages are not in the search index yet and the database cannot be \
             written: they are not searched",
            indexed.left
        ));
    }
    let query = fts_query(&args.query.join(" "))?;
    if args.messages && !args.filters.filters_series() {
        let hits = crate::app::search::messages(&store, &query, args.filters.limit)?;
        print_messages(ctx, &hits)?;
        return Ok(if hits.is_empty() {
            exit::NOT_FOUND
        } else {
            exit::OK
        });
    }
    let all = args.filters.all || !args.filters.state.is_empty();
    let limit = args.filters.limit;
    let mut filter = list::filter(ctx, &store, args.filters)?;
    filter.search = Some(query.clone());
    if args.messages {
        filter.limit = None;
    }
    let series = crate::app::query::list(&store, &filter)?;
    if !args.messages {
        let code = list::print(ctx, &series)?;
        if series.is_empty() && !all && !ctx.quiet {
            eprintln!("no outstanding series matches; --all searches every series");
        }
        return Ok(code);
    }
    let allowed: BTreeSet<i64> = series.iter().map(|s| s.id).collect();
    let mut hits: Vec<MessageHit> = store
        .search_messages(&query, None)?
        .into_iter()
        .filter(|h| h.series.is_some_and(|s| allowed.contains(&s)))
        .collect();
    if let Some(n) = limit {
        hits.truncate(n as usize);
    }
    print_messages(ctx, &hits)?;
    Ok(if hits.is_empty() {
        exit::NOT_FOUND
    } else {
        exit::OK
    })
}

fn print_messages(ctx: &Context, hits: &[MessageHit]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => {
            let json: Vec<_> = hits
                .iter()
                .map(|h| {
                    serde_json::json!({
                        "msgid": h.msgid, "date": rfc3339(h.date),
                        "from": {"name": h.from_name, "email": h.from_email},
                        "subject": h.subject, "series": h.series,
                        "attestation": h.attestation.as_str(),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string(&json)?)?;
        }
        OutputFormat::Csv => {
            writeln!(out, "msgid,date,from,email,subject,series")?;
            for h in hits {
                let fields = [
                    csv_field(&h.msgid),
                    rfc3339(h.date),
                    csv_field(&h.from_name),
                    csv_field(&h.from_email),
                    csv_field(&h.subject),
                    h.series.map(|s| s.to_string()).unwrap_or_default(),
                ];
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        _ => {
            writeln!(out, "{:<6} {:>4}  {:<20} SUBJECT", "SERIES", "AGE", "FROM")?;
            for h in hits {
                let from = if h.from_name.is_empty() {
                    &h.from_email
                } else {
                    &h.from_name
                };
                let from = crate::render::series::cell(&terminal_safe(from, false), 20);
                let line = format!(
                    "{:<6} {:>4}  {} {}",
                    h.series.map(|s| s.to_string()).unwrap_or_default(),
                    age(ctx.now, h.date),
                    from,
                    terminal_safe(&h.subject, false)
                );
                let line = match ctx.width {
                    Some(w) => crate::render::series::clip(&line, w),
                    None => line,
                };
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}
