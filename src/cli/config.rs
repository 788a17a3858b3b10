//! The configuration file (`$PATCHQ_CONFIG`, else `$XDG_CONFIG_HOME/patchq/config.toml`, else
//! `~/.config/patchq/config.toml`), and `patchq config`, which shows the effective settings and
//! where each comes from.
//!
//! ```toml
//! # Believe these servers' Authentication-Results for this list (RFC 8601 authserv-ids).
//! [[list]]
//! id = "ltp.lists.linux.it"          # a List-Id, "*.domain" for a family of lists, "*" for all
//! authserv = ["*.smtp.seeweb.it"]    # exact ids or "*.domain"
//! munges_from = false                # the list rewrites From ("Name via List")
//! unattested_commands = false        # obey pw-bot: in mail no list server vouched for
//! ```
//!
//! relays = ["devnull+*@kernel.org"] # (at the top) relays that send for people they
//!                                    # authenticated, naming them in X-Original-From
//! bots = ["*@ci.example.org"]        # (at the top) bots besides the known ones (kernel test
//!                                    # robot, syzbot, pr-tracker-bot, *-bot ...): their replies
//!                                    # never start or count as review
//!
//! Built-in: kernel.org lists (`*.vger.kernel.org`, `*.lists.linux.dev`) are received by
//! `smtp.subspace.kernel.org`, and b4's web relay is `devnull+*@kernel.org`;
//! `builtin_trust = false` at the top drops those.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use serde::Deserialize;

use super::{Context, OutputFormat, exit};
use crate::model::{ListTrust, Trust};
use crate::render::terminal_safe;

/// Show the effective settings and where each comes from
#[derive(Debug, Args)]
pub struct ConfigArgs {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default = "yes")]
    builtin_trust: bool,
    #[serde(default)]
    list: Vec<ListEntry>,
    /// Relays that send for people they authenticated, naming them in X-Original-From.
    #[serde(default)]
    relays: Vec<String>,
    /// Bots besides the known ones, by address (`*` any run).
    #[serde(default)]
    bots: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListEntry {
    id: String,
    #[serde(default)]
    authserv: Vec<String>,
    #[serde(default)]
    munges_from: bool,
    #[serde(default)]
    unattested_commands: bool,
}

/// The settings read, and the file they came from (`None`: none exists).
#[derive(Debug, Clone)]
pub struct Settings {
    pub path: Option<PathBuf>,
    pub trust: Trust,
}

/// Where the configuration file is looked for.
pub fn config_path() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("PATCHQ_CONFIG")
        .or_else(|| env("XDG_CONFIG_HOME").map(|d| d.join("patchq/config.toml")))
        .or_else(|| env("HOME").map(|h| h.join(".config/patchq/config.toml")))
}

/// Reads the configuration file, if there is one.
pub fn load() -> anyhow::Result<Settings> {
    let path = config_path();
    let file = match &path {
        Some(p) if p.exists() => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            toml::from_str::<File>(&text)
                .with_context(|| format!("{}: not a valid patchq configuration", p.display()))?
        }
        _ => File {
            builtin_trust: true,
            list: Vec::new(),
            relays: Vec::new(),
            bots: Vec::new(),
        },
    };
    let mut trust = match file.builtin_trust {
        true => Trust::builtin(),
        false => Trust::none(),
    };
    trust.relays.extend(file.relays);
    trust.bots.extend(file.bots);
    trust.lists.extend(file.list.into_iter().map(|l| ListTrust {
        list: l.id,
        authserv: l.authserv,
        munges_from: l.munges_from,
        unattested_commands: l.unattested_commands,
    }));
    Ok(Settings {
        path: path.filter(|p| p.exists()),
        trust,
    })
}

pub fn run(ctx: &Context, _args: ConfigArgs) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    let file = ctx.settings.path.as_ref().map(|p| p.display().to_string());
    if ctx.format == OutputFormat::Json {
        let lists: Vec<serde_json::Value> = ctx
            .settings
            .trust
            .lists
            .iter()
            .map(|l| {
                serde_json::json!({"id": l.list, "authserv": l.authserv,
                    "munges_from": l.munges_from, "unattested_commands": l.unattested_commands})
            })
            .collect();
        let json = serde_json::json!({
            "config": file,
            "database": ctx.db.display().to_string(),
            "lists": lists,
            "relays": ctx.settings.trust.relays,
            "bots": ctx.settings.trust.bots,
        });
        writeln!(out, "{json}")?;
        return Ok(exit::OK);
    }
    let looked = config_path().map_or("(no HOME)".into(), |p| p.display().to_string());
    let source = match &file {
        Some(f) => f.clone(),
        None => format!("{looked} (absent: built-in settings)"),
    };
    writeln!(out, "config    {}", terminal_safe(&source, false))?;
    writeln!(
        out,
        "database  {}",
        terminal_safe(&ctx.db.display().to_string(), false)
    )?;
    for r in &ctx.settings.trust.relays {
        writeln!(out, "relay     {}", terminal_safe(r, false))?;
    }
    for b in &ctx.settings.trust.bots {
        writeln!(out, "bot       {}", terminal_safe(b, false))?;
    }
    for l in &ctx.settings.trust.lists {
        let mut flags = Vec::new();
        if l.munges_from {
            flags.push("rewrites From");
        }
        if l.unattested_commands {
            flags.push("unattested commands obeyed");
        }
        writeln!(
            out,
            "list      {}: Authentication-Results of {}{}",
            terminal_safe(&l.list, false),
            terminal_safe(&l.authserv.join(", "), false),
            match flags.is_empty() {
                true => String::new(),
                false => format!("; {}", flags.join(", ")),
            }
        )?;
    }
    Ok(exit::OK)
}
