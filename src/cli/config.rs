//! The configuration file (`$PATCHQ_CONFIG`, else `$XDG_CONFIG_HOME/patchq/config.toml`, else
//! `~/.config/patchq/config.toml`), and `patchq config`, which shows the effective settings and
//! where each comes from.
//!
//! ```toml
//! database = "~/lists/patchq.db"     # the default database (--db and PATCHQ_DB win)
//! color = "never"                    # auto | always | never (--color wins)
//! link_prefix = "https://lore.kernel.org/r/"   # am/apply Link: prefix (flag and env win)
//!
//! [user]                             # who writes thank-you mails (else git's user.name/email)
//! name = "Max Maintainer"
//! email = "max@example.org"
//!
//! # Believe these servers' Authentication-Results for this list (RFC 8601 authserv-ids).
//! [[list]]
//! id = "ltp.lists.linux.it"          # a List-Id, "*.domain" for a family of lists, "*" for all
//! authserv = ["*.smtp.seeweb.it"]    # exact ids or "*.domain"
//! munges_from = false                # the list rewrites From ("Name via List")
//! unattested_commands = false        # obey pw-bot: in mail no list server vouched for
//! remote = "https://lore.kernel.org/linux-modules"  # `sync` registers and follows it
//! maintainers = ["~/src/linux/MAINTAINERS"]          # `maintainers load` with no file
//! repositories = [{ path = "~/src/linux", rev = "master" }]  # `link` with no --repo
//! link_prefix = "https://lore.kernel.org/linux-modules/"     # Link: for this list's series
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

use super::context::ColorChoice;
use super::{Context, OutputFormat, exit};
use crate::model::{ListTrust, Person, Trust, list_matches};
use crate::render::terminal_safe;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
File:
  $PATCHQ_CONFIG, else $XDG_CONFIG_HOME/patchq/config.toml, else ~/.config/patchq/config.toml:

    database = \"~/lists/patchq.db\"
    color = \"never\"
    link_prefix = \"https://lore.kernel.org/r/\"
    bots = [\"*@ci.example.org\"]
    [user]
    name = \"Max Maintainer\"
    email = \"max@example.org\"
    [[list]]
    id = \"linux-modules.vger.kernel.org\"
    remote = \"https://lore.kernel.org/linux-modules\"
    maintainers = [\"~/src/linux/MAINTAINERS\"]
    repositories = [{ path = \"~/src/linux\", rev = \"modules-next\" }]
    link_prefix = \"https://lore.kernel.org/linux-modules/\"
    authserv = [\"smtp.subspace.kernel.org\"]

  Flags and environment variables win over the file.

Examples:
  patchq config                                  every effective setting and where it came from
  patchq --format json config";

/// Show the effective settings and where each comes from
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
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
    database: Option<String>,
    color: Option<String>,
    link_prefix: Option<String>,
    user: Option<UserEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserEntry {
    name: String,
    email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RepoEntry {
    path: String,
    rev: Option<String>,
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
    remote: Option<String>,
    #[serde(default)]
    maintainers: Vec<String>,
    #[serde(default)]
    repositories: Vec<RepoEntry>,
    link_prefix: Option<String>,
}

/// What the configuration file says of one list (or family of lists).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListSettings {
    pub id: String,
    pub remote: Option<String>,
    pub maintainers: Vec<PathBuf>,
    /// (repository, revision; `None`: the remembered ones, or HEAD)
    pub repositories: Vec<(PathBuf, Option<String>)>,
    pub link_prefix: Option<String>,
}

/// The settings read, and the file they came from (`None`: none exists).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub path: Option<PathBuf>,
    pub trust: Trust,
    pub database: Option<PathBuf>,
    pub color: Option<ColorChoice>,
    pub link_prefix: Option<String>,
    pub identity: Option<Person>,
    pub lists: Vec<ListSettings>,
}

/// The Link: prefix when neither flag nor environment gives one.
pub const DEFAULT_LINK_PREFIX: &str = "https://patch.msgid.link/";

impl Settings {
    /// The Link: prefix for a series of `list`, and where it comes from: the first matching
    /// `[[list]]` entry that sets one, else the top-level setting, else the default.
    pub fn link_prefix_for(&self, list: Option<&str>) -> (String, &'static str) {
        let listed = list.and_then(|l| {
            self.lists
                .iter()
                .filter(|e| list_matches(&e.id, l))
                .find_map(|e| e.link_prefix.clone())
        });
        match (listed, &self.link_prefix) {
            (Some(p), _) => (p, "config file [[list]]"),
            (None, Some(p)) => (p.clone(), "config file"),
            (None, None) => (DEFAULT_LINK_PREFIX.to_string(), "default"),
        }
    }
}

/// `~/x` as `$HOME/x`.
fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn color_choice(s: &str) -> anyhow::Result<ColorChoice> {
    clap::ValueEnum::from_str(s, true)
        .map_err(|_| anyhow::anyhow!("color = {s:?}: expected auto, always or never"))
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
            ..File::default()
        },
    };
    let color = match &file.color {
        Some(c) => {
            Some(color_choice(c).with_context(|| format!("{}", path.as_ref().unwrap().display()))?)
        }
        None => None,
    };
    let lists = file
        .list
        .iter()
        .map(|l| ListSettings {
            id: l.id.clone(),
            remote: l.remote.clone(),
            maintainers: l.maintainers.iter().map(|m| expand(m)).collect(),
            repositories: l
                .repositories
                .iter()
                .map(|r| (expand(&r.path), r.rev.clone()))
                .collect(),
            link_prefix: l.link_prefix.clone(),
        })
        .collect();
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
        database: file.database.as_deref().map(expand),
        color,
        link_prefix: file.link_prefix,
        identity: file.user.map(|u| Person {
            name: u.name,
            email: u.email,
        }),
        lists,
    })
}

/// Who writes mail (`ty`): `--from`, else the config file's `[user]`, else git's
/// user.name/user.email; with where it came from.
pub fn identity(ctx: &Context, flag: Option<&str>) -> Option<(Person, &'static str)> {
    if let Some(f) = flag {
        return Some((crate::parse::mailbox(f), "--from"));
    }
    if let Some(p) = &ctx.settings.identity {
        return Some((p.clone(), "config file [user]"));
    }
    crate::gitlink::user_identity().map(|p| (p, "git config user.name/user.email"))
}

/// The effective settings, each with where it came from.
fn effective(ctx: &Context) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut add = |k: &str, v: String, s: &str| rows.push(row(k, v, s));
    let looked = config_path().map_or("(no HOME)".into(), |p| p.display().to_string());
    match &ctx.settings.path {
        Some(f) => add(
            "config",
            f.display().to_string(),
            "PATCHQ_CONFIG / XDG_CONFIG_HOME / HOME",
        ),
        None => add("config", format!("{looked} (absent)"), "built-in settings"),
    }
    add("database", ctx.db.display().to_string(), ctx.db_source);
    let color = clap::ValueEnum::to_possible_value(&ctx.color_choice)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    add("color", color, ctx.color_source);
    match identity(ctx, None) {
        Some((p, src)) => add("identity", format!("{} <{}>", p.name, p.email), src),
        None => add(
            "identity",
            "(none)".into(),
            "set [user] or git's user.name/user.email",
        ),
    }
    match std::env::var("PATCHQ_LINK_PREFIX")
        .ok()
        .filter(|v| !v.is_empty())
    {
        Some(p) => add("link_prefix", p, "PATCHQ_LINK_PREFIX"),
        None => {
            let (p, src) = ctx.settings.link_prefix_for(None);
            add("link_prefix", p, src);
        }
    }
    rows.extend(trust_rows(&ctx.settings.trust));
    rows.extend(list_rows(&ctx.settings.lists));
    rows
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
        let settings: Vec<serde_json::Value> = effective(ctx)
            .into_iter()
            .map(|(k, v, s)| serde_json::json!({"name": k, "value": v, "source": s}))
            .collect();
        let json = serde_json::json!({
            "config": file,
            "settings": settings,
            "database": ctx.db.display().to_string(),
            "lists": lists,
            "relays": ctx.settings.trust.relays,
            "bots": ctx.settings.trust.bots,
        });
        writeln!(out, "{json}")?;
        return Ok(exit::OK);
    }
    let rows = effective(ctx);
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    for (k, v, s) in &rows {
        writeln!(
            out,
            "{k:width$}  {}  ({})",
            terminal_safe(v, false),
            terminal_safe(s, false)
        )?;
    }
    Ok(exit::OK)
}

type Row = (String, String, String);

fn row(k: &str, v: String, s: &str) -> Row {
    (k.to_string(), v, s.to_string())
}

/// Relays, bots and lists' attestation settings, built-in or from the file.
fn trust_rows(trust: &Trust) -> Vec<Row> {
    let mut rows = Vec::new();
    let builtin = Trust::builtin();
    let origin = |yes: bool| if yes { "built-in" } else { "config file" };
    for r in &trust.relays {
        rows.push(row("relay", r.clone(), origin(builtin.relays.contains(r))));
    }
    for b in &trust.bots {
        rows.push(row("bot", b.clone(), origin(builtin.bots.contains(b))));
    }
    for l in &trust.lists {
        let mut flags = Vec::new();
        if l.munges_from {
            flags.push("rewrites From");
        }
        if l.unattested_commands {
            flags.push("unattested commands obeyed");
        }
        if l.authserv.is_empty() && flags.is_empty() {
            continue;
        }
        let mut what = format!("Authentication-Results of {}", l.authserv.join(", "));
        if l.authserv.is_empty() {
            what = "no Authentication-Results trusted".into();
        }
        for f in flags {
            what.push_str(&format!("; {f}"));
        }
        rows.push(row(
            &format!("list {}", l.list),
            what,
            origin(builtin.lists.contains(l)),
        ));
    }
    rows
}

/// What the file says per list besides attestation.
fn list_rows(lists: &[ListSettings]) -> Vec<Row> {
    let mut rows = Vec::new();
    for l in lists {
        let key = format!("list {}", l.id);
        if let Some(r) = &l.remote {
            rows.push(row(&key, format!("remote {r}"), "config file"));
        }
        for m in &l.maintainers {
            rows.push(row(
                &key,
                format!("maintainers {}", m.display()),
                "config file",
            ));
        }
        for (repo, rev) in &l.repositories {
            let rev = rev.as_deref().unwrap_or("(remembered, else HEAD)");
            rows.push(row(
                &key,
                format!("repository {} {rev}", repo.display()),
                "config file",
            ));
        }
        if let Some(p) = &l.link_prefix {
            rows.push(row(&key, format!("link_prefix {p}"), "config file"));
        }
    }
    rows
}
