//! `patchq thread MSGID [--mbox]`: any stored thread as a tree, or its messages as an mbox.

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::app::thread::{raw, tree};
use crate::render::terminal_safe;
use crate::render::time::age;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq thread 20261020-gpio-bar-1@example.net        a thread as a tree
  patchq thread MSGID --mbox > thread.mbox             as a mailbox (the raw messages)";

/// Print the thread holding a message: a bug report and its replies, a series and its review
///
/// Every stored message belongs to a thread, in a series or not. The tree shows each reply
/// under the message it answers, with its age and sender; --mbox writes the messages as they
/// came (mboxrd), for a mail reader or `git am`.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct ThreadArgs {
    /// Any Message-ID in the thread (bare, <in brackets>, or a URL ending in one)
    pub message: String,
    /// Write the raw messages as an mbox instead of the tree
    #[arg(long)]
    pub mbox: bool,
}

pub fn run(ctx: &Context, args: ThreadArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let nodes = tree(&store, &args.message)?;
    let mut out = std::io::stdout().lock();
    if args.mbox {
        for m in raw(&store, &nodes)? {
            out.write_all(&crate::render::mbox::raw(&m))?;
        }
        return Ok(exit::OK);
    }
    if ctx.format == OutputFormat::Json {
        let json: Vec<_> = nodes
            .iter()
            .map(|n| {
                serde_json::json!({
                    "depth": n.depth,
                    "msgid": n.hit.msgid,
                    "from": {"name": n.hit.from_name, "email": n.hit.from_email},
                    "date": crate::render::time::rfc3339(n.hit.date),
                    "subject": n.hit.subject,
                    "series": n.hit.series,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string(&json)?)?;
        return Ok(exit::OK);
    }
    for n in &nodes {
        let from = if n.hit.from_name.is_empty() {
            &n.hit.from_email
        } else {
            &n.hit.from_name
        };
        writeln!(
            out,
            "{:>4} {}{}  ({}) <{}>",
            age(ctx.now, n.hit.date),
            "  ".repeat(n.depth),
            terminal_safe(&n.hit.subject, false),
            terminal_safe(from, false),
            terminal_safe(&n.hit.msgid, false)
        )?;
    }
    Ok(exit::OK)
}
