//! `patchq rebuild`: recompute everything derived from the stored raw mail.

use clap::Args;

use super::{Context, exit};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq rebuild                                 after upgrading patchq, or when check says so";

/// Recompute everything derived from the stored mail (parsing, series, subsystems, search)
///
/// Review state, its history and notes are kept (they are keyed by Message-ID), and so are the
/// links to commits. Run it after upgrading patchq when the notes say parsing improved.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct RebuildArgs {}

pub fn run(ctx: &Context, _args: RebuildArgs) -> anyhow::Result<u8> {
    let mut store = ctx.writable_store()?;
    let started = std::time::Instant::now();
    let r = crate::app::rebuild::rebuild(&mut store, ctx.now, &ctx.settings.trust)?;
    for d in &r.damaged {
        ctx.note(&format!(
            "damaged: <{}> (message {}): {}; its rows are kept as they were",
            d.msgid, d.id, d.why
        ));
    }
    ctx.note(&format!(
        "rebuilt {} messages ({} unreadable and {} damaged, kept; {} parsed now that were not), \
         {} series, {} mapped to subsystems in {:.2} s",
        r.messages,
        r.unreadable,
        r.damaged.len(),
        r.recovered,
        r.series,
        r.mapped,
        started.elapsed().as_secs_f64()
    ));
    Ok(if r.damaged.is_empty() {
        exit::OK
    } else {
        exit::REJECTED
    })
}
