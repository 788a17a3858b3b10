//! `patchq remote add|list|remove`: the public-inbox inboxes `sync` follows.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{Context, OutputFormat, exit};
use crate::app::sync::{add_remote, remove_remote};
use crate::render::time::rfc3339;
use crate::render::{csv_field, terminal_safe, wire};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq remote add linux-modules https://lore.kernel.org/linux-modules --since 2026-01-01
  patchq remote add local /srv/public-inbox/widget   a local inbox directory
  patchq remote list
  patchq remote remove linux-modules";

/// The public-inbox inboxes `patchq sync` follows
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct RemoteArgs {
    #[command(subcommand)]
    pub command: RemoteCommand,
}

#[derive(Debug, Subcommand)]
pub enum RemoteCommand {
    Add(AddArgs),
    List,
    Remove(RemoveArgs),
}

/// Follow a public-inbox v2 inbox: over HTTP(S) (https://lore.kernel.org/linux-modules) or a
/// local inbox directory; `patchq sync` then fetches and imports it
#[derive(Debug, Args)]
pub struct AddArgs {
    /// A name for it (letters, digits, '.', '_', '-')
    pub name: String,
    /// The inbox's URL, or the path of a local inbox
    pub url: String,
    /// Only mail from this date on (YYYY-MM-DD or RFC 3339): older epochs are not downloaded,
    /// older messages not imported
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// List id for messages that carry no List-Id or X-Mailing-List header
    #[arg(long = "list", value_name = "LIST-ID")]
    pub list: Option<String>,
}

/// Stop following an inbox; its mirrors are deleted, the mail imported from it stays
#[derive(Debug, Args)]
pub struct RemoveArgs {
    pub name: String,
}

pub fn run(ctx: &Context, args: RemoteArgs) -> anyhow::Result<u8> {
    match args.command {
        RemoteCommand::Add(a) => {
            let since = a.since.as_deref().map(super::dates::parse).transpose()?;
            let store = ctx.store()?;
            let row = add_remote(&store, &a.name, &a.url, since, a.list.as_deref())?;
            ctx.note(&format!(
                "remote {} follows {}; `patchq sync {}` fetches it",
                row.name, row.url, row.name
            ));
            Ok(exit::OK)
        }
        RemoteCommand::Remove(a) => {
            let store = ctx.store()?;
            remove_remote(&store, &super::sync::data_dir(ctx), &a.name)?;
            ctx.note(&format!("remote {} removed", a.name));
            Ok(exit::OK)
        }
        RemoteCommand::List => list(ctx),
    }
}

fn list(ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let mut out = std::io::stdout().lock();
    let date = |t: Option<i64>| t.map(|t| rfc3339(t)[..10].to_string());
    let remotes = crate::app::sync::remotes(&store)?;
    match ctx.format {
        OutputFormat::Json => {
            for r in &remotes {
                let json = wire::RemoteJson {
                    name: r.name.clone(),
                    url: r.url.clone(),
                    since: date(r.since),
                    list: r.list_id.clone(),
                    synced: r.synced.map(rfc3339),
                };
                writeln!(out, "{}", wire::to_line(&json))?;
            }
        }
        OutputFormat::Csv => {
            writeln!(out, "name,url,since,list,synced")?;
            for r in &remotes {
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    csv_field(&r.name),
                    csv_field(&r.url),
                    date(r.since).unwrap_or_default(),
                    csv_field(r.list_id.as_deref().unwrap_or("")),
                    r.synced.map(rfc3339).unwrap_or_default()
                )?;
            }
        }
        _ => {
            for r in &remotes {
                let mut line = format!("{}\t{}", r.name, r.url);
                if let Some(d) = date(r.since) {
                    line.push_str(&format!("\tsince {d}"));
                }
                if let Some(l) = &r.list_id {
                    line.push_str(&format!("\tlist {l}"));
                }
                match r.synced {
                    Some(t) => line.push_str(&format!("\tsynced {}", rfc3339(t))),
                    None => line.push_str("\tnever synced"),
                }
                writeln!(out, "{}", terminal_safe(&line, false))?;
            }
        }
    }
    Ok(if remotes.is_empty() {
        exit::NOT_FOUND
    } else {
        exit::OK
    })
}
