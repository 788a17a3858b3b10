//! `patchq share push|pull|add|list|remove`: review state shared with co-maintainers through a
//! git repository. Holds `<db>.share.lock` so that two share commands never move the local
//! history at once.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{Context, OutputFormat, exit};
use crate::app::review::who;
use crate::app::share::{self, Shared, Target};
use crate::render::time::rfc3339;
use crate::render::{csv_field, terminal_safe, wire};
use crate::share::History;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq share add team git@example.org:widget/review.git
  patchq state 42 accepted && patchq share push     send what you set
  patchq share pull                                  take what co-maintainers set
  git log refs/patchq/review                         who pushed what, in the shared repository";

/// Share review state (states, delegates, archive flags, notes) with co-maintainers through git
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
#[command(
    long_about = "Share review state with co-maintainers through a git repository any of them \
                  can push to (a bare repository on a shared host, a forge, a path). What \
                  people set (state, delegate, archive, note) travels as events under \
                  refs/patchq/review, one commit per push (`git log refs/patchq/review` reads \
                  who pushed how many); automatic changes do not travel, every replica derives \
                  them from the same mail and commits. A pull takes the union of events; on \
                  each series the last person event of each kind stands, in an order every \
                  replica computes alike, so replicas that have seen the same events show the \
                  same state. Events about series not imported yet apply when their mail \
                  arrives. `patchq sync` pulls and pushes every share remote. Who can push to \
                  the repository can change the shared state: its permissions are the host's."
)]
pub struct ShareArgs {
    #[command(subcommand)]
    pub command: ShareCommand,
}

#[derive(Debug, Subcommand)]
pub enum ShareCommand {
    Push(RemoteArg),
    Pull(RemoteArg),
    Add(AddArgs),
    List,
    Remove(RemoveArgs),
}

/// Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path;
/// default every remembered share remote
#[derive(Debug, Args)]
pub struct RemoteArg {
    #[arg(value_name = "REMOTE")]
    pub remote: Option<String>,
}

/// Remember a share remote: a git URL (ssh://, https://, file://, host:path) or the path of a
/// bare repository (`git init --bare`)
#[derive(Debug, Args)]
pub struct AddArgs {
    /// A name for it (letters, digits, '.', '_', '-')
    pub name: String,
    pub url: String,
}

/// Forget a share remote (the events pulled from it stay)
#[derive(Debug, Args)]
pub struct RemoveArgs {
    pub name: String,
}

pub fn run(ctx: &Context, args: ShareArgs) -> anyhow::Result<u8> {
    match args.command {
        ShareCommand::Push(a) => exchange(ctx, a.remote.as_deref(), true),
        ShareCommand::Pull(a) => exchange(ctx, a.remote.as_deref(), false),
        ShareCommand::Add(a) => {
            let store = ctx.store()?;
            let t = share::add(&store, &a.name, &a.url)?;
            ctx.note(&format!(
                "share remote {} is {}; `patchq share push {}` sends your review state",
                t.name, t.url, t.name
            ));
            Ok(exit::OK)
        }
        ShareCommand::Remove(a) => {
            share::remove(&ctx.store()?, &a.name)?;
            ctx.note(&format!("share remote {} removed", a.name));
            Ok(exit::OK)
        }
        ShareCommand::List => list(ctx),
    }
}

/// Pushes to (pulls from) every remote named; one line or JSON object per remote.
fn exchange(ctx: &Context, remote: Option<&str>, push: bool) -> anyhow::Result<u8> {
    let _lock = super::sync::lock(ctx, "share")?;
    let mut store = ctx.store()?;
    let history = History::open(&share::history_path(&ctx.db))?;
    let who = who(std::env::var("PATCHQ_USER").ok());
    let mut failed = false;
    for target in share::targets(&store, remote)? {
        let done = match push {
            true => share::push(&mut store, &history, &target, &who),
            false => share::pull(&mut store, &history, &target, &who),
        };
        match done {
            Ok(d) => report(ctx, &target, &d)?,
            Err(e) => {
                failed = true;
                eprintln!("patchq: {}", terminal_safe(&e.to_string(), false));
            }
        }
    }
    Ok(if failed { exit::REJECTED } else { exit::OK })
}

fn report(ctx: &Context, target: &Target, d: &Shared) -> anyhow::Result<()> {
    for b in &d.bad {
        ctx.warn(&format!(
            "{}: commit {} line {}: skipped: {}",
            target.url, b.commit, b.line, b.why
        ));
    }
    if ctx.format == OutputFormat::Json {
        let json = wire::ShareJson {
            remote: d.remote.clone(),
            pulled: d.pulled as u64,
            pushed: d.pushed as u64,
        };
        writeln!(std::io::stdout().lock(), "{}", wire::to_line(&json))?;
    } else {
        ctx.note(&format!(
            "{}: {} pulled, {} pushed",
            target.name,
            events(d.pulled),
            d.pushed
        ));
    }
    Ok(())
}

fn events(n: usize) -> String {
    match n {
        1 => "1 event".to_string(),
        n => format!("{n} events"),
    }
}

fn list(ctx: &Context) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let remotes = crate::app::share::remotes(&store)?;
    let mut out = std::io::stdout().lock();
    if ctx.format == OutputFormat::Csv {
        writeln!(out, "name,url,synced")?;
    }
    for r in &remotes {
        match ctx.format {
            OutputFormat::Json => {
                let json = wire::ShareRemoteJson {
                    name: r.name.clone(),
                    url: r.url.clone(),
                    synced: r.synced.map(rfc3339),
                };
                writeln!(out, "{}", wire::to_line(&json))?;
            }
            OutputFormat::Csv => writeln!(
                out,
                "{},{},{}",
                csv_field(&r.name),
                csv_field(&r.url),
                r.synced.map(rfc3339).unwrap_or_default()
            )?,
            _ => {
                let synced = r.synced.map_or("never synced".to_string(), |t| {
                    format!("synced {}", rfc3339(t))
                });
                let line = format!("{}\t{}\t{synced}", r.name, r.url);
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
