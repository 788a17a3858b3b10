//! The command line: clap definitions (one file per subcommand), global options and environment,
//! turning errors into messages and exit codes.
//!
//! Owns: everything about argv, stdout/stderr, terminals and exit codes; it is the only user of
//! `clap`.
//! Must not: contain use-case logic (that is `app`) or SQL.

mod am;
mod apply;
mod archive;
mod check;
mod completions;
mod config;
mod context;
mod dates;
mod delegate;
mod diff;
mod fetch;
mod import;
mod link;
mod list;
mod maintainers;
mod man;
mod note;
mod rebuild;
mod remote;
mod report;
mod search;
mod share;
mod show;
mod state;
mod stats;
mod subsystems;
mod sync;
mod targets;
mod thread;
mod ty;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use context::{ColorChoice, Context, OutputFormat};
pub use man::man_pages;

/// Documented exit codes.
pub mod exit {
    pub const OK: u8 = 0;
    /// Nothing matched, or a user error (unknown series, bad state name).
    pub const NOT_FOUND: u8 = 1;
    /// Usage error or fatal error (unreadable database, refused newer schema).
    pub const FATAL: u8 = 2;
    /// Finished, but some inputs were rejected.
    pub const REJECTED: u8 = 3;
    /// Stopped by Ctrl-C (what was done so far is kept).
    pub const INTERRUPTED: u8 = 130;
}

/// Triage patches sent to kernel-style mailing lists.
#[derive(Debug, Parser)]
#[command(
    name = "patchq",
    version,
    about = "Triage patches sent to kernel-style mailing lists",
    long_about = "patchq imports mailing-list archives, rebuilds patch series and their \
                  revisions, maps them to subsystems through a MAINTAINERS file, links them to \
                  the commits that merged them, and keeps review state in one SQLite file.",
    after_help = "Exit codes: 0 ok; 1 nothing matched or user error; 2 usage or fatal error; \
                  3 finished, but some inputs were rejected; 130 stopped by Ctrl-C."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: context::GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(import::ImportArgs),
    Remote(remote::RemoteArgs),
    Sync(sync::SyncArgs),
    Share(share::ShareArgs),
    Fetch(fetch::FetchArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Search(search::SearchArgs),
    Thread(thread::ThreadArgs),
    Am(am::AmArgs),
    Apply(apply::ApplyArgs),
    Ty(ty::TyArgs),
    Diff(diff::DiffArgs),
    State(state::StateArgs),
    Delegate(delegate::DelegateArgs),
    Archive(archive::ArchiveArgs),
    Note(note::NoteArgs),
    Stats(stats::StatsArgs),
    Rebuild(rebuild::RebuildArgs),
    Check(check::CheckArgs),
    Report(report::ReportArgs),
    Link(link::LinkArgs),
    Maintainers(maintainers::MaintainersArgs),
    Subsystems(subsystems::SubsystemsArgs),
    Config(config::ConfigArgs),
    Completions(completions::CompletionsArgs),
}

/// Runs patchq with the process arguments; the binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

impl Command {
    /// The `--format` values the command writes; asking for another is an error, not ignored.
    fn formats(&self) -> &'static [OutputFormat] {
        use OutputFormat::{Csv, Html, Json, Md, Table};
        match self {
            Command::List(_)
            | Command::Search(_)
            | Command::Subsystems(_)
            | Command::Link(_)
            | Command::Remote(_)
            | Command::Share(_) => &[Table, Json, Csv],
            Command::Report(_) => &[Md, Html, Json, Table],
            Command::Am(_) | Command::Rebuild(_) | Command::Completions(_) => &[Table],
            Command::Import(_)
            | Command::Sync(_)
            | Command::Fetch(_)
            | Command::Show(_)
            | Command::Diff(_)
            | Command::Thread(_)
            | Command::Apply(_)
            | Command::Ty(_)
            | Command::State(_)
            | Command::Delegate(_)
            | Command::Archive(_)
            | Command::Note(_)
            | Command::Stats(_)
            | Command::Check(_)
            | Command::Maintainers(_)
            | Command::Config(_) => &[Table, Json],
        }
    }
}

/// `--format F` for a command that cannot write F.
fn unsupported_format(cli: &Cli) -> Option<anyhow::Error> {
    let asked = cli.global.format?;
    let can = cli.command.formats();
    if can.contains(&asked) {
        return None;
    }
    let name = |f: OutputFormat| {
        clap::ValueEnum::to_possible_value(&f)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    let names: Vec<String> = can.iter().map(|&f| name(f)).collect();
    // The variant's name is the subcommand's (`Am(AmArgs { .. })`).
    let debug = format!("{:?}", cli.command);
    let command = debug.split('(').next().unwrap_or_default().to_lowercase();
    Some(anyhow::anyhow!(
        "patchq {command} cannot write --format {}; it writes {}",
        name(asked),
        names.join(", ")
    ))
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    if let Some(e) = unsupported_format(&cli) {
        return report(&e);
    }
    let ctx = match Context::new(&cli.global) {
        Ok(ctx) => ctx,
        Err(e) => return report(&e),
    };
    let result = match cli.command {
        Command::Import(args) => import::run(&ctx, args),
        Command::Remote(args) => remote::run(&ctx, args),
        Command::Sync(args) => sync::run(&ctx, args),
        Command::Share(args) => share::run(&ctx, args),
        Command::Fetch(args) => fetch::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Search(args) => search::run(&ctx, args),
        Command::Thread(args) => thread::run(&ctx, args),
        Command::Am(args) => am::run(&ctx, args),
        Command::Apply(args) => apply::run(&ctx, args),
        Command::Ty(args) => ty::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::State(args) => state::run(&ctx, args),
        Command::Delegate(args) => delegate::run(&ctx, args),
        Command::Archive(args) => archive::run(&ctx, args),
        Command::Note(args) => note::run(&ctx, args),
        Command::Stats(args) => stats::run(&ctx, args),
        Command::Rebuild(args) => rebuild::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Link(args) => link::run(&ctx, args),
        Command::Maintainers(args) => maintainers::run(&ctx, args),
        Command::Subsystems(args) => subsystems::run(&ctx, args),
        Command::Config(args) => config::run(&ctx, args),
        Command::Completions(args) => completions::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// Prints an error chain to stderr and picks the exit code for it.
fn report(err: &anyhow::Error) -> u8 {
    if is_broken_pipe(err) {
        return exit::OK;
    }
    let mut text = format!("patchq: error: {err}");
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(&format!(": {cause}"));
        }
    }
    eprintln!("{}", crate::render::terminal_safe(&text, true));
    if let Some(hint) = hint(err) {
        eprintln!("hint: {hint}");
    }
    match err.downcast_ref::<crate::app::AppError>() {
        Some(crate::app::AppError::User(_)) => exit::NOT_FOUND,
        _ => exit::FATAL,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Advice for mistakes people make often.
fn hint(err: &anyhow::Error) -> Option<&'static str> {
    let store = err.chain().find_map(|c| {
        c.downcast_ref::<crate::store::StoreError>().or(
            match c.downcast_ref::<crate::app::AppError>() {
                Some(crate::app::AppError::Store(e)) => Some(e),
                _ => None,
            },
        )
    });
    match store {
        Some(crate::store::StoreError::TooNew { .. }) => Some(
            "this database was written by a newer patchq; upgrade patchq or use --db for another file",
        ),
        Some(crate::store::StoreError::Open { .. }) => {
            Some("check --db / PATCHQ_DB, and that the directory is writable")
        }
        Some(e) if e.is_disk_full() => Some(
            "the disk holding the database is full: free some space and run the command \
                 again (everything committed so far is kept; an import goes on where it stopped)",
        ),
        _ => None,
    }
}
