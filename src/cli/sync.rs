//! `patchq sync`: bring the database up to date (remotes, remembered archives, MAINTAINERS
//! from a repository, linked repositories), one line per source; holds `<db>.sync.lock` so that
//! two syncs (cron and a person) never run at once.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::import::{Observer, stop_on_ctrl_c};
use super::{Context, OutputFormat, exit};
use crate::app::sync::{SourceKind, SyncObserver, SyncOptions, Synced, sync};
use crate::app::{ImportObserver, ImportOptions};
use crate::render::{terminal_safe, wire};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq sync                               every remote, archive, inbox, MAINTAINERS and repository
  patchq sync linux-modules                 one remote
  patchq -q sync && patchq list             from cron, then the queue
  */20 * * * * patchq -q sync               a crontab line (a run that finds another running does nothing)";

/// Fetch and import what is new: remotes, and (with no NAME) every remembered source
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
#[command(
    long_about = "Fetch and import what is new. For each remote (`patchq remote add`), the \
                  inbox's manifest says which epochs changed: only those are fetched (into bare \
                  mirrors beside the database), and only the commits after the last one read are \
                  imported. With no NAME, sync also reads on in every archive, Maildir and inbox \
                  imported before, loads MAINTAINERS again when the repository revision it came \
                  from moved, and scans the repositories `patchq link` remembers.\n\n\
                  One line per source on stderr; --format json prints one object per source. \
                  Exit code 3 when a source failed and the others went on. A sync that is \
                  killed resumes from what it committed. Run it from cron: \
                  `*/15 * * * * patchq -q sync`."
)]
pub struct SyncArgs {
    /// Remotes to sync (default: every remote and every remembered source)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// HTTP(S) proxy for the servers (default: the https_proxy, ALL_PROXY, NO_PROXY variables)
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Parser threads [default: number of CPUs]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Registers the remotes the configuration file names for its lists and the database does not
/// follow yet (named after the list).
fn follow_configured(ctx: &Context, store: &crate::store::Store) -> anyhow::Result<()> {
    let known = crate::app::sync::remotes(store)?;
    for l in &ctx.settings.lists {
        let Some(url) = &l.remote else { continue };
        if known.iter().any(|r| &r.url == url) {
            continue;
        }
        let name: String =
            l.id.chars()
                .map(|c| match c.is_ascii_alphanumeric() || "._-".contains(c) {
                    true => c,
                    false => '-',
                })
                .collect();
        let list = (!l.id.contains('*')).then_some(l.id.as_str());
        let row = crate::app::sync::add_remote(store, &name, url, None, list)?;
        ctx.note(&format!(
            "remote {} follows {} (from the config file)",
            row.name, row.url
        ));
    }
    Ok(())
}

/// Where the mirrors and fetched threads of the database live: `<db>.remotes/`.
pub(super) fn data_dir(ctx: &Context) -> PathBuf {
    let mut name = ctx.db.as_os_str().to_owned();
    name.push(".remotes");
    PathBuf::from(name)
}

/// Sets `--proxy` before the first request.
pub(super) fn set_proxy(proxy: Option<&str>) -> anyhow::Result<()> {
    if let Some(p) = proxy {
        crate::remote::set_proxy(p)?;
    }
    Ok(())
}

pub fn run(ctx: &Context, args: SyncArgs) -> anyhow::Result<u8> {
    set_proxy(args.proxy.as_deref())?;
    let _lock = lock(ctx, "sync")?;
    let mut store = ctx.store()?;
    follow_configured(ctx, &store)?;
    let mut import = ImportOptions {
        trust: ctx.settings.trust.clone(),
        stop: stop_on_ctrl_c(),
        ..ImportOptions::default()
    };
    if let Some(jobs) = args.jobs {
        import.jobs = jobs.max(1);
    }
    let opts = SyncOptions {
        names: args.names,
        data_dir: data_dir(ctx),
        import,
        now: ctx.now,
        share_history: crate::app::share::history_path(&ctx.db),
        who: crate::app::review::who(std::env::var("PATCHQ_USER").ok()),
    };
    let mut observer = Lines::new(ctx);
    let done = sync(&mut store, &opts, &mut observer)?;
    observer.import.done();
    if ctx.format == OutputFormat::Json {
        let mut out = std::io::stdout().lock();
        for d in &done {
            writeln!(out, "{}", wire::to_line(&json(d)))?;
        }
    }
    if opts
        .import
        .stop
        .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
    {
        ctx.note("interrupted: what was fetched and imported is kept; sync again to go on");
        return Ok(exit::INTERRUPTED);
    }
    if done.is_empty() {
        ctx.note("nothing to sync yet: add a remote (`patchq remote add NAME URL`) or import");
    }
    let troubled = done.iter().any(|d| d.error.is_some() || d.rejected > 0);
    Ok(if troubled { exit::REJECTED } else { exit::OK })
}

/// Takes `<db>.<what>.lock` (`sync`, `share`), or says who holds it.
pub(super) fn lock(ctx: &Context, what: &str) -> anyhow::Result<File> {
    let mut path = ctx.db.as_os_str().to_owned();
    path.push(format!(".{what}.lock"));
    let path = PathBuf::from(path);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            writeln!(file, "{}", std::process::id())?;
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            anyhow::bail!(
                "another {what} (process {}) is running on this database; this one does nothing",
                holder.trim()
            )
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(anyhow::anyhow!("{}: cannot lock: {e}", path.display()))
        }
    }
}

fn json(d: &Synced) -> wire::SyncJson {
    let repo = d.kind == SourceKind::Repo;
    wire::SyncJson {
        source: d.source.clone(),
        kind: d.kind.as_str(),
        new: d.new,
        rejected: d.rejected,
        elapsed_s: (d.elapsed_s * 1000.0).round() / 1000.0,
        downloaded: (d.kind == SourceKind::Remote).then_some(d.downloaded),
        links: repo.then_some(d.links as u64),
        accepted: repo.then_some(d.accepted as u64),
        pushed: (d.kind == SourceKind::Share).then_some(d.pushed as u64),
        error: d.error.clone(),
    }
}

/// One line per source on stderr, a progress bar for downloads and imports on a terminal.
struct Lines {
    quiet: bool,
    import: Observer,
    bar: Option<ProgressBar>,
    tty: bool,
}

impl Lines {
    fn new(ctx: &Context) -> Lines {
        Lines {
            quiet: ctx.quiet,
            import: Observer::new(ctx),
            bar: None,
            tty: ctx.stderr_tty && !ctx.quiet,
        }
    }
}

impl SyncObserver for Lines {
    fn source(&mut self, _source: &str, _kind: SourceKind) {}

    fn download(&mut self, epoch: &str, bytes: u64) {
        if !self.tty {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg}: {bytes} ({binary_bytes_per_sec}), {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        bar.set_message(terminal_safe(epoch, false));
        bar.set_position(bytes);
        bar.tick();
    }

    fn finished(&mut self, d: &Synced) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        for note in &d.notes {
            self.import.warning(note);
        }
        if self.quiet && d.error.is_none() {
            return;
        }
        eprintln!("{}", terminal_safe(&line(d), false));
    }

    fn import(&mut self) -> &mut dyn ImportObserver {
        &mut self.import
    }
}

/// `remote lkml: 12 new, 1.2 MiB fetched (2 epochs), 0.84s`.
fn line(d: &Synced) -> String {
    let what = match d.kind {
        SourceKind::Repo => format!(
            "{} new commits, {} links, {} series accepted",
            d.new, d.links, d.accepted
        ),
        SourceKind::Maintainers if d.new == 0 => "unchanged".to_string(),
        SourceKind::Maintainers => format!("reloaded, {} sections", d.new),
        SourceKind::Share => format!("{} events pulled, {} pushed", d.new, d.pushed),
        _ => {
            let mut s = format!("{} new", d.new);
            if d.rejected > 0 {
                s.push_str(&format!(", {} rejected", d.rejected));
            }
            if d.kind == SourceKind::Remote {
                let epochs = match d.fetched_epochs {
                    0 => "no epoch changed".to_string(),
                    1 => "1 epoch".to_string(),
                    n => format!("{n} epochs"),
                };
                s.push_str(&format!(
                    ", {} fetched ({epochs})",
                    human_bytes(d.downloaded)
                ));
            }
            s
        }
    };
    let mut text = format!(
        "{} {}: {what}, {:.2}s",
        d.kind.as_str(),
        d.source,
        d.elapsed_s
    );
    if let Some(e) = &d.error {
        text.push_str(&format!("; FAILED: {e}"));
    }
    text
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} bytes"),
    }
}
