//! `patchq import`: read archives into the database.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::{Context, OutputFormat, exit};
use crate::app::{self, ImportObserver, ImportOptions};
use crate::render::{terminal_safe, wire};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq import ~/lists/linux-modules.mbox.gz        an mbox (plain, gzip or zstd)
  patchq import ~/Mail/lists/netdev                  a Maildir
  patchq import ~/inboxes/linux-modules              a public-inbox v2 inbox (all epochs)
  curl -s https://lore.kernel.org/all/MSGID/t.mbox.gz | gunzip | patchq import -
  patchq import --list linux-modules.vger.kernel.org old-archive.mbox
                                                     a list id for mail that names none";

/// Import mailing-list archives (mbox, mbox.gz, Maildir, public-inbox, a message, stdin)
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
#[command(
    long_about = "Import mailing-list archives. PATH is an mbox file (mboxrd or mboxo, plain, \
                  gzip or zstd), a Maildir, a public-inbox v2 inbox (with git/N.git epochs) or \
                  one epoch's git directory, a single message file, or - for standard input.\n\n\
                  Importing the same input twice adds nothing; mbox files that only grew and \
                  public-inbox epochs are read from where the last import stopped. Messages that \
                  cannot be read are reported with their place and skipped (exit code 3)."
)]
pub struct ImportArgs {
    /// List id for messages that carry no List-Id or X-Mailing-List header
    #[arg(long = "list", value_name = "LIST-ID")]
    pub list: Option<String>,
    /// Reject messages larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = crate::source::DEFAULT_MAX_MESSAGE_SIZE)]
    pub max_size: usize,
    /// Parser threads [default: number of CPUs]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Archives to import
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
}

pub fn run(ctx: &Context, args: ImportArgs) -> anyhow::Result<u8> {
    // Nothing to read at all is a mistake to say at once; one missing among others is reported
    // with the inputs that failed (exit 3) while the rest are imported.
    let missing: Vec<&String> = args
        .paths
        .iter()
        .filter(|p| *p != "-" && std::fs::symlink_metadata(p).is_err())
        .collect();
    if missing.len() == args.paths.len() {
        let names: Vec<String> = missing.iter().map(|p| terminal_safe(p, false)).collect();
        anyhow::bail!("{}: no such file or directory", names.join(", "));
    }
    let mut opts = ImportOptions {
        list: args.list,
        max_size: args.max_size,
        ..ImportOptions::default()
    };
    if let Some(jobs) = args.jobs {
        opts.jobs = jobs.max(1);
    }
    opts.stop = stop_on_ctrl_c();
    opts.trust = ctx.settings.trust.clone();
    // A database not created yet has nothing to resume from: the first input is read and
    // parsed while it is created, and it is built without the log until it settles.
    let new = ctx.db.try_exists().is_ok_and(|e| !e);
    let first = match new {
        true => app::start_first_input(&args.paths[0], &opts),
        false => None,
    };
    let mut store = match new {
        true => ctx.store_to_build()?,
        false => ctx.store()?,
    };
    let mut observer = Observer::new(ctx);
    let report = app::import_started(&mut store, &args.paths, &opts, &mut observer, first)?;
    observer.done();
    let c = report.counts;
    let secs = report.elapsed.as_secs_f64();
    if !ctx.quiet {
        for note in &report.notes {
            eprintln!("{}", terminal_safe(&note.to_string(), false));
        }
        let rate = if secs > 0.0 {
            c.read as f64 / secs
        } else {
            0.0
        };
        let unparsed = match c.unparsed {
            0 => String::new(),
            n => format!(" ({n} kept but not parsed: see the warnings)"),
        };
        eprintln!(
            "read {} messages: {} new ({} patches){unparsed}, {} duplicates, {} rejected, in {:.2}s ({:.0} messages/s)",
            c.read, c.new, c.patches, c.duplicates, c.rejected, secs, rate
        );
        let s = &report.series;
        if s.messages > 0 {
            eprintln!(
                "series: {} new; {} series rebuilt from the {} messages the new mail touched",
                s.new_series, s.series, s.messages
            );
        }
    }
    if ctx.format == OutputFormat::Json {
        let json = wire::ImportJson {
            read: c.read,
            new: c.new,
            duplicates: c.duplicates,
            rejected: c.rejected + report.failed_inputs.len() as u64,
            patches: c.patches,
            series: report.series.new_series,
            elapsed_s: (secs * 1000.0).round() / 1000.0,
            unparsed: c.unparsed,
        };
        writeln!(std::io::stdout(), "{}", wire::to_line(&json))?;
    }
    if report.interrupted(&opts) {
        ctx.note(&format!(
            "interrupted: the {} messages read were kept; importing again reads on from there \
             (a file) or from the start (standard input, a FIFO), adding nothing twice",
            c.read
        ));
        return Ok(exit::INTERRUPTED);
    }
    Ok(if report.had_rejections() {
        exit::REJECTED
    } else {
        exit::OK
    })
}

/// The first Ctrl-C asks the import to stop after what it has read (kept and assembled); a
/// second one ends the process at once (the database stays consistent either way).
pub(super) fn stop_on_ctrl_c() -> Option<&'static AtomicBool> {
    static STOP: AtomicBool = AtomicBool::new(false);
    let installed = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
        eprintln!("\npatchq: stopping: keeping what was read (Ctrl-C again to quit at once)");
    });
    installed.is_ok().then_some(&STOP)
}

/// Shows progress on a terminal and prints warnings, a bounded number of them.
pub(super) struct Observer {
    bar: Option<ProgressBar>,
    warnings: u64,
}

const MAX_WARNINGS: u64 = 50;

impl Observer {
    pub(super) fn new(ctx: &Context) -> Observer {
        let bar = (ctx.stderr_tty && !ctx.quiet).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg}: {prefix} messages, {bytes} of mail ({binary_bytes_per_sec}), {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Observer { bar, warnings: 0 }
    }

    pub(super) fn done(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if self.warnings > MAX_WARNINGS {
            eprintln!(
                "patchq: {} more problems not shown; every one is recorded in the database",
                self.warnings - MAX_WARNINGS
            );
        }
    }
}

impl ImportObserver for Observer {
    fn input(&mut self, name: &str, _size: Option<u64>) {
        if let Some(bar) = &self.bar {
            bar.set_position(0);
            bar.set_message(terminal_safe(name, false));
        }
    }

    fn progress(&mut self, messages: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_prefix(messages.to_string());
        }
    }

    fn warning(&mut self, text: &str) {
        self.warnings += 1;
        if self.warnings <= MAX_WARNINGS {
            let line = format!("patchq: warning: {}", terminal_safe(text, false));
            match &self.bar {
                Some(bar) => bar.println(line),
                None => eprintln!("{line}"),
            }
        }
    }
}
