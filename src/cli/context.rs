//! Global options and what they resolve to: database path, output format, colour, quietness,
//! the injected "now".

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};

use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Csv,
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Database file [default: $XDG_DATA_HOME/patchq/patchq.db]
    #[arg(long, global = true, env = "PATCHQ_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output form where a command prints records [default: table; report: md]
    #[arg(long, global = true, value_enum)]
    pub format: Option<OutputFormat>,
    /// Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the
    /// config file's, else auto]
    #[arg(long, global = true, value_enum)]
    pub color: Option<ColorChoice>,
    /// No progress or summary on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Pretend the time is this (RFC 3339), for reproducible output
    #[arg(
        long,
        global = true,
        hide = true,
        env = "PATCHQ_NOW",
        value_name = "TIME"
    )]
    pub now: Option<String>,
}

/// The resolved global settings.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: PathBuf,
    pub format: OutputFormat,
    pub color: bool,
    pub quiet: bool,
    /// Seconds since the epoch.
    pub now: i64,
    /// stderr is a terminal: progress bars allowed.
    pub stderr_tty: bool,
    /// Columns tables fit in: $COLUMNS, else the terminal's width; none when standard output
    /// is not a terminal (piped output is not cut).
    pub width: Option<usize>,
    /// The configuration file's settings.
    pub settings: super::config::Settings,
    /// Where the database path and the colour choice came from (`patchq config` shows them).
    pub db_source: &'static str,
    pub color_choice: ColorChoice,
    pub color_source: &'static str,
}

impl Context {
    pub fn new(g: &GlobalArgs) -> anyhow::Result<Context> {
        let settings = super::config::load()?;
        let from_env = std::env::var_os("PATCHQ_DB").filter(|v| !v.is_empty());
        let (db, db_source) = match (&g.db, &settings.database) {
            (Some(p), _) if from_env.as_deref() == Some(p.as_os_str()) => (p.clone(), "PATCHQ_DB"),
            (Some(p), _) => (p.clone(), "--db"),
            (None, Some(p)) => (p.clone(), "config file"),
            (None, None) => (default_db()?, "default"),
        };
        // Only the default location is created; a given path's directory must exist (a typo
        // would otherwise leave an empty database somewhere unexpected).
        if db_source != "default"
            && let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            bail!(
                "{}: no such directory for the database (--db / PATCHQ_DB); create it first",
                dir.display()
            );
        }
        let stdout_tty = std::io::stdout().is_terminal();
        let (choice, color_source) = match (g.color, settings.color) {
            (Some(c), _) => (c, "--color"),
            (None, Some(c)) => (c, "config file"),
            (None, None) => (ColorChoice::Auto, "default"),
        };
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let now = match &g.now {
            Some(t) => chrono::DateTime::parse_from_rfc3339(t)
                .with_context(|| format!("--now / PATCHQ_NOW: not an RFC 3339 time: {t}"))?
                .timestamp(),
            None => chrono::Utc::now().timestamp(),
        };
        Ok(Context {
            db,
            format: g.format.unwrap_or(OutputFormat::Table),
            color,
            quiet: g.quiet,
            now,
            stderr_tty: std::io::stderr().is_terminal(),
            width: table_width(stdout_tty),
            settings,
            db_source,
            color_choice: choice,
            color_source,
        })
    }

    /// Opens the database to write to it (creating it on first use), after finishing what an
    /// interrupted command left. A database that cannot be written is an error.
    pub fn store(&self) -> anyhow::Result<Store> {
        self.finished(self.writable_store()?)
    }

    /// [`Context::store`] for an import: a database that does not exist yet is built without
    /// the write-ahead log until the import settles it (`Store::open_to_build`).
    pub fn store_to_build(&self) -> anyhow::Result<Store> {
        let store = Store::open_to_build(&self.db, Some(self.wait_notice()))?;
        self.finished(self.writable(store)?)
    }

    /// Opens the database to write to it as it is (`rebuild` does all the rest itself).
    pub fn writable_store(&self) -> anyhow::Result<Store> {
        self.writable(self.open()?)
    }

    /// `store`, or the error that it cannot be written.
    fn writable(&self, store: Store) -> anyhow::Result<Store> {
        if let Some(why) = store.read_only() {
            return Err(crate::store::StoreError::ReadOnly {
                path: self.db.clone(),
                why: why.to_string(),
            }
            .into());
        }
        Ok(store)
    }

    /// `store` after what an interrupted command left is finished.
    fn finished(&self, mut store: Store) -> anyhow::Result<Store> {
        for note in crate::app::finish_interrupted(&mut store, self.now, &self.settings.trust)? {
            self.note(&note);
        }
        Ok(store)
    }

    /// Opens the database to read it: a read-only file, directory or file system will do.
    pub fn store_to_read(&self) -> anyhow::Result<Store> {
        self.open()
    }

    fn open(&self) -> anyhow::Result<Store> {
        Ok(Store::open_with(&self.db, Some(self.wait_notice()))?)
    }

    /// What a command says while it waits for another's write lock (unless `-q`).
    fn wait_notice(&self) -> crate::store::WaitNotice {
        let quiet = self.quiet;
        Box::new(move |text: &str| {
            if !quiet {
                eprintln!("patchq: {}", crate::render::terminal_safe(text, false));
            }
        })
    }

    /// A warning on stderr, shown even with `-q`.
    pub fn warn(&self, text: &str) {
        eprintln!(
            "patchq: warning: {}",
            crate::render::terminal_safe(text, false)
        );
    }

    /// A line on stderr about what patchq did besides the command (unless `-q`).
    pub fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("patchq: {}", crate::render::terminal_safe(text, false));
        }
    }
}

/// `$COLUMNS` (at least 40), else the terminal's own width when standard output is one.
fn table_width(stdout_tty: bool) -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    match columns {
        Some(w) => Some(w).filter(|w: &usize| *w >= 40).or(Some(40)),
        None if stdout_tty => terminal_size::terminal_size().map(|(w, _)| usize::from(w.0).max(40)),
        None => None,
    }
}

/// `$XDG_DATA_HOME/patchq/patchq.db`, else `~/.local/share/patchq/patchq.db`.
fn default_db() -> anyhow::Result<PathBuf> {
    if let Some(data) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(data).join("patchq").join("patchq.db"));
    }
    match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        Some(home) => Ok(PathBuf::from(home).join(".local/share/patchq/patchq.db")),
        None => bail!(
            "no database given: use --db or PATCHQ_DB (neither XDG_DATA_HOME nor HOME is set)"
        ),
    }
}
