//! `patchq maintainers load|match|show`: subsystem sections from MAINTAINERS files.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, OutputFormat, exit};
use crate::app::{self, AppError};
use crate::maintainers::Maintainers;
use crate::render::terminal_safe;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq maintainers load ~/src/linux/MAINTAINERS
  patchq maintainers load --repo ~/src/linux --rev v6.12     without a checkout
  patchq maintainers match kernel/module/main.c              sections of a path, most specific first
  patchq maintainers show 'MODULE SUPPORT'";

/// Subsystem sections from MAINTAINERS files: load them, match paths, show one
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct MaintainersArgs {
    #[command(subcommand)]
    pub command: MaintainersCommand,
}

#[derive(Debug, Subcommand)]
pub enum MaintainersCommand {
    Load(LoadArgs),
    Match(MatchArgs),
    Show(ShowArgs),
}

/// Load sections from MAINTAINERS files (or REF:MAINTAINERS of a git repository) and map
/// every series to them; replaces what was loaded before
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// MAINTAINERS files, loaded together (U-Boot keeps extra board/*/MAINTAINERS files)
    /// [default: the files the config file's lists name]
    #[arg(value_name = "FILE", conflicts_with = "repo")]
    pub files: Vec<PathBuf>,
    /// A git repository: its REF:MAINTAINERS is read without a checkout
    #[arg(long, value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// With --repo: the revision to read
    #[arg(long, value_name = "REF", default_value = "HEAD", requires = "repo")]
    pub rev: String,
    /// List every remark on the file (sections without S:, unknown tags ...), not a summary
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// The sections each path belongs to, most specific first (get_maintainer.pl's rules)
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// MAINTAINERS file(s) to use instead of the loaded ones (repeatable)
    #[arg(long = "maintainers", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Paths relative to the top of the tree; `-` reads them from standard input, one a line
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
}

/// One section: its people, lists, status, trees and patterns
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// MAINTAINERS file(s) to use instead of the loaded ones (repeatable)
    #[arg(long = "maintainers", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Section name: exact, a unique prefix or a unique part of it, any case
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub fn run(ctx: &Context, args: MaintainersArgs) -> anyhow::Result<u8> {
    match args.command {
        MaintainersCommand::Load(a) => run_load(ctx, a),
        MaintainersCommand::Match(a) => run_match(ctx, a),
        MaintainersCommand::Show(a) => run_show(ctx, a),
    }
}

/// The sections to use: the files given, else the loaded ones.
fn sections(ctx: &Context, files: &[PathBuf]) -> Result<Maintainers, anyhow::Error> {
    if files.is_empty() {
        let store = ctx.store_to_read()?;
        return app::maintainers::loaded(&store)?.ok_or_else(|| {
            AppError::User(
                "no MAINTAINERS loaded: run `patchq maintainers load FILE` or give --maintainers FILE"
                    .to_string(),
            )
            .into()
        });
    }
    Ok(app::maintainers::parse(&read_all(files)?))
}

fn read_all(
    files: &[PathBuf],
) -> Result<Vec<(app::maintainers::Loaded, Option<PathBuf>)>, AppError> {
    files
        .iter()
        .map(|f| {
            Ok((
                app::maintainers::read_file(f)?,
                app::maintainers::tree_of(f),
            ))
        })
        .collect()
}

fn run_load(ctx: &Context, args: LoadArgs) -> anyhow::Result<u8> {
    let (files, dirs) = match &args.repo {
        Some(repo) => {
            let (loaded, dirs) = app::maintainers::read_repo(repo, &args.rev)?;
            (vec![(loaded, None)], Some(dirs))
        }
        None if args.files.is_empty() => {
            let mut configured: Vec<PathBuf> = Vec::new();
            for f in ctx.settings.lists.iter().flat_map(|l| &l.maintainers) {
                if !configured.contains(f) {
                    configured.push(f.clone());
                }
            }
            if configured.is_empty() {
                return Err(AppError::User(
                    "give MAINTAINERS files, --repo PATH, or name them in the config file \
                     ([[list]] maintainers = [...])"
                        .into(),
                )
                .into());
            }
            (read_all(&configured)?, None)
        }
        None => (read_all(&args.files)?, None),
    };
    let mut store = ctx.store()?;
    let report = app::maintainers::load(&mut store, &files, dirs.as_deref(), &ctx.settings.trust)?;
    if !ctx.quiet {
        // Linux's own file has some thirty (sections without S: are normal there): one line
        // says so, --verbose lists them.
        match (args.verbose, report.warnings.as_slice()) {
            (_, []) => {}
            (true, all) => {
                for w in all {
                    eprintln!("patchq: warning: {}", terminal_safe(w, false));
                }
            }
            (false, [first, rest @ ..]) => eprintln!(
                "patchq: {} remark(s) on the file, such as: {}{}",
                rest.len() + 1,
                terminal_safe(first, false),
                if rest.is_empty() {
                    ""
                } else {
                    " (--verbose lists them all)"
                }
            ),
        }
        eprintln!(
            "loaded {} sections from {} file(s); {} series mapped",
            report.sections,
            files.len(),
            report.series_mapped
        );
    }
    if ctx.format == OutputFormat::Json {
        let json = serde_json::json!({
            "sections": report.sections,
            "series": report.series_mapped,
            "warnings": report.warnings,
        });
        writeln!(std::io::stdout(), "{}", serde_json::to_string(&json)?)?;
    }
    Ok(exit::OK)
}

fn run_match(ctx: &Context, args: MatchArgs) -> anyhow::Result<u8> {
    let m = sections(ctx, &args.files)?;
    let mut paths = Vec::new();
    for p in args.paths {
        if p == "-" {
            for line in std::io::stdin().lines() {
                let line = line?;
                if !line.trim().is_empty() {
                    paths.push(line.trim().to_string());
                }
            }
        } else {
            paths.push(p);
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let matched: Vec<(String, Vec<String>)> = paths
        .into_iter()
        .map(|p| {
            let names = app::maintainers::match_names(&m, p.trim_start_matches("./"));
            (p, names)
        })
        .collect();
    if ctx.format == OutputFormat::Json {
        let json: Vec<serde_json::Value> = matched
            .iter()
            .map(|(p, n)| serde_json::json!({"path": p, "subsystems": n}))
            .collect();
        writeln!(out, "{}", serde_json::to_string(&json)?)?;
    } else {
        for (p, names) in &matched {
            writeln!(out, "{}: {}", terminal_safe(p, false), names.join(", "))?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

fn run_show(ctx: &Context, args: ShowArgs) -> anyhow::Result<u8> {
    let m = sections(ctx, &args.files)?;
    let i = match m.find(&args.name) {
        Ok(i) => i,
        Err(candidates) if candidates.is_empty() => {
            return Err(AppError::User(format!("no section matches {:?}", args.name)).into());
        }
        Err(candidates) => {
            let names: Vec<&str> = candidates
                .iter()
                .map(|&c| m.sections[c].name.as_str())
                .collect();
            return Err(AppError::User(format!(
                "{:?} is ambiguous: {}",
                args.name,
                names.join("; ")
            ))
            .into());
        }
    };
    let s = &m.sections[i];
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", s.name)?;
    let mut line = |tag: char, v: &str| writeln!(out, "{tag}:\t{v}");
    for v in &s.maintainers {
        line('M', v)?;
    }
    for v in &s.reviewers {
        line('R', v)?;
    }
    for v in &s.lists {
        line('L', v)?;
    }
    if let Some(v) = &s.status {
        line('S', v)?;
    }
    for v in &s.trees {
        line('T', v)?;
    }
    for (tag, v) in &s.other {
        line(*tag, v)?;
    }
    for mt in &s.matchers {
        match mt {
            crate::maintainers::Matcher::File(p) => line('F', &p.raw)?,
            crate::maintainers::Matcher::Regex(r) => line('N', r)?,
        }
    }
    for p in &s.excludes {
        line('X', &p.raw)?;
    }
    for k in &s.keywords {
        line('K', k)?;
    }
    Ok(exit::OK)
}
