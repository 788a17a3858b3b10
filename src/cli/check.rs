//! `patchq check`: is the database whole? (SQLite's integrity check, every stored mail read
//! back and checked, work interrupted commands left.)

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::app::check::{CheckOptions, check};
use crate::render::terminal_safe;
use crate::render::wire::{self, CheckJson, DamagedJson};

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq check --quick                           SQLite's quick check and the counters
  patchq check                                   every stored message read back against its checksum
  patchq check --reparse                         and parsed again: what a newer parser reads differently";

/// Check the database: SQLite's integrity check, every stored mail read back and verified
///
/// Also says what interrupted commands left (finished by the next write command) and how many
/// messages are kept unparsed (`patchq rebuild` reads them again). Works on a read-only
/// database. Exit code 3 when damage is found.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct CheckArgs {
    /// SQLite's quick check instead of the full one (no index-to-table comparison)
    #[arg(long)]
    pub quick: bool,
    /// Also parse every message again and compare with what was stored
    #[arg(long)]
    pub reparse: bool,
}

pub fn run(ctx: &Context, args: CheckArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let opts = CheckOptions {
        quick: args.quick,
        reparse: args.reparse,
    };
    let r = check(&store, opts, &mut |_| {})?;
    let json = CheckJson {
        integrity: r.integrity.clone(),
        checked: r.raw.checked,
        without_checksum: r.raw.without_hash,
        damaged: r
            .raw
            .damaged
            .iter()
            .map(|d| DamagedJson {
                msgid: d.msgid.clone(),
                why: d.why.clone(),
            })
            .collect(),
        unparsed: r.unparsed,
        unassembled: r.unassembled,
        rebuild_pending: r.rebuild_pending,
        interrupted_imports: r.interrupted_imports,
        reparsed: r.reparsed.as_ref().map(|(n, _)| *n),
        parse_differently: r.reparsed.as_ref().map(|(_, d)| d.clone()),
    };
    let mut out = std::io::stdout().lock();
    match ctx.format {
        OutputFormat::Json => writeln!(out, "{}", wire::to_line(&json))?,
        _ => write_text(&mut out, &json)?,
    }
    Ok(if r.damaged() {
        exit::REJECTED
    } else {
        exit::OK
    })
}

fn write_text(out: &mut impl Write, j: &CheckJson) -> std::io::Result<()> {
    let safe = |s: &str| terminal_safe(s, false);
    writeln!(out, "integrity        {}", safe(&j.integrity.join("; ")))?;
    writeln!(
        out,
        "stored mail      {} checked ({} stored before checksums), {} damaged",
        j.checked,
        j.without_checksum,
        j.damaged.len()
    )?;
    for d in &j.damaged {
        writeln!(out, "  damaged <{}>: {}", safe(&d.msgid), safe(&d.why))?;
    }
    writeln!(
        out,
        "unparsed         {} (patchq rebuild reads them again)",
        j.unparsed
    )?;
    writeln!(
        out,
        "left unfinished  {} messages not assembled, rebuild {}, {} interrupted imports",
        j.unassembled,
        if j.rebuild_pending { "pending" } else { "none" },
        j.interrupted_imports
    )?;
    if let (Some(n), Some(d)) = (j.reparsed, &j.parse_differently) {
        writeln!(
            out,
            "parsed again     {n}, {} parse differently now",
            d.len()
        )?;
        for m in d.iter().take(20) {
            writeln!(out, "  <{}>", safe(m))?;
        }
    }
    Ok(())
}
