//! `patchq fetch`: one thread from a public-inbox server, imported like any mail.

use std::io::Write;

use clap::Args;

use super::import::{Observer, stop_on_ctrl_c};
use super::{Context, OutputFormat, exit};
use crate::app::{ImportOptions, fetch::fetch};
use crate::render::wire;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq fetch 20261012-foo-v2-0@example.org           one thread from the remotes' server
  patchq fetch https://lore.kernel.org/all/MSGID/      a URL ending in a Message-ID
  patchq fetch MSGID --remote linux-modules";

/// Import one thread from a public-inbox server (its t.mbox.gz, as `b4 mbox` does)
///
/// For the series posted to another list that someone asks you to look at. MSGID-OR-URL is a
/// message's URL (https://lore.kernel.org/all/<msgid>/) or a Message-ID, asked of --remote
/// NAME (or of the only remote over HTTP). The thread is kept beside the database and imported;
/// fetching it again later adds only the replies that came since.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct FetchArgs {
    /// A Message-ID (with or without <>) or a message URL
    #[arg(value_name = "MSGID-OR-URL")]
    pub what: String,
    /// The remote whose server to ask
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
    /// HTTP(S) proxy (default: the https_proxy, ALL_PROXY, NO_PROXY variables)
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
}

pub fn run(ctx: &Context, args: FetchArgs) -> anyhow::Result<u8> {
    super::sync::set_proxy(args.proxy.as_deref())?;
    let mut store = ctx.store()?;
    let import = ImportOptions {
        trust: ctx.settings.trust.clone(),
        stop: stop_on_ctrl_c(),
        ..ImportOptions::default()
    };
    let mut observer = Observer::new(ctx);
    let done = fetch(
        &mut store,
        &args.what,
        args.remote.as_deref(),
        &super::sync::data_dir(ctx),
        &import,
        &mut observer,
    )?;
    observer.done();
    let c = &done.import.counts;
    let secs = done.import.elapsed.as_secs_f64();
    ctx.note(&format!(
        "<{}> from {}: {} messages, {} new, {} rejected, {:.2}s",
        done.msgid, done.base, c.read, c.new, c.rejected, secs
    ));
    if ctx.format == OutputFormat::Json {
        let json = wire::FetchJson {
            msgid: done.msgid.clone(),
            url: done.base.clone(),
            read: c.read,
            new: c.new,
            rejected: c.rejected + c.unparsed,
            elapsed_s: (secs * 1000.0).round() / 1000.0,
        };
        writeln!(std::io::stdout(), "{}", wire::to_line(&json))?;
    }
    Ok(if done.import.had_rejections() {
        exit::REJECTED
    } else {
        exit::OK
    })
}
