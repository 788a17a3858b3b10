//! `patchq maintainers load|match|show`: subsystem sections from MAINTAINERS files.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, OutputFormat, exit};
use crate::app::{self, AppError};
use crate::maintainers::Maintainers;
use crate::render::terminal_safe;

/// Subsystem sections from MAINTAINERS files: load them, match paths, show one
#[derive(Debug, Args)]
pub struct MaintainersArgs {
    #[command(subcommand)]
    pub command: MaintainersCommand,
}

#[derive(Debug, Subcommand)]
pub enum MaintainersCommand {
    Match(MatchArgs),
    Show(ShowArgs),
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
        MaintainersCommand::Match(a) => run_match(ctx, a),
        MaintainersCommand::Show(a) => run_show(ctx, a),
    }
}

/// The sections to use: the files given.
fn sections(files: &[PathBuf]) -> Result<Maintainers, AppError> {
    if files.is_empty() {
        return Err(AppError::User(
            "no MAINTAINERS file given (--maintainers FILE)".to_string(),
        ));
    }
    let loaded = files
        .iter()
        .map(|f| {
            Ok((
                app::maintainers::read_file(f)?,
                app::maintainers::tree_of(f),
            ))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(app::maintainers::parse(&loaded))
}

fn run_match(ctx: &Context, args: MatchArgs) -> anyhow::Result<u8> {
    let m = sections(&args.files)?;
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

fn run_show(_ctx: &Context, args: ShowArgs) -> anyhow::Result<u8> {
    let m = sections(&args.files)?;
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
