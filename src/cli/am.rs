//! `patchq am SERIES [-o FILE]`: write a series as a mailbox for `git am`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{Context, exit};
use crate::app::am::{AmOptions, Unattested, export};
use crate::app::query::resolve;
use crate::store::Store;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq am 42 -o foo.mbox && git am foo.mbox
  patchq am 42 | git am -3                           standard output
  patchq am 42 -v 2 --cover                          revision v2, cover letter first
  patchq am 42 --verified-only --no-link";

/// Write a series as a mailbox that `git am` applies, with the trailers given in replies
///
/// The newest revision of the series' chain is written unless --version names another; the
/// patches in order, each with the Reviewed-by/Acked-by/Tested-by... trailers collected from
/// replies (b4's rules) added after its own, and a `Link:` to its Message-ID. An incomplete
/// series is refused (naming the missing patches) unless --force.
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct AmArgs {
    /// The series: id, any Message-ID in it, or a URL ending in one
    pub series: String,
    /// Write to FILE instead of standard output (`-`: standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Put the cover letter first (apply with `git am --empty=drop`)
    #[arg(long)]
    pub cover: bool,
    #[command(flatten)]
    pub export: ExportArgs,
}

/// What goes into the patches: shared by `am` and `apply`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export revision vN of the chain instead of the newest
    #[arg(short = 'v', long = "version", value_name = "N")]
    pub version: Option<u32>,
    /// Export an incomplete series anyway
    #[arg(long)]
    pub force: bool,
    /// Prefix of the Link: trailer, before the Message-ID [default: the config file's for the
    /// series' list, else https://patch.msgid.link/]
    #[arg(long, env = "PATCHQ_LINK_PREFIX", value_name = "URL")]
    pub link_prefix: Option<String>,
    /// Add no Link: trailer
    #[arg(long)]
    pub no_link: bool,
    /// Leave out trailers no list server vouched for (those whose check failed always are)
    #[arg(long)]
    pub verified_only: bool,
    /// Where several senders' patches compete for one slot, take this one (repeatable)
    #[arg(long, value_name = "MSGID")]
    pub take: Vec<String>,
}

impl ExportArgs {
    /// The Link: prefix for series `id`: the flag or environment, else the configuration's.
    pub fn prefix(&self, ctx: &Context, store: &Store, id: i64) -> anyhow::Result<String> {
        if let Some(p) = &self.link_prefix {
            return Ok(p.clone());
        }
        let list = crate::app::query::list_of(store, id)?;
        Ok(ctx.settings.link_prefix_for(list.as_deref()).0)
    }

    pub fn options(&self, cover: bool, prefix: String) -> AmOptions {
        AmOptions {
            version: self.version,
            force: self.force,
            cover,
            link_prefix: (!self.no_link).then_some(prefix),
            verified_only: self.verified_only,
            take: self.take.clone(),
        }
    }
}

/// Names the trailers that went in unverified or were left out (even with -q: the maintainer
/// must know what was not vouched for).
pub fn warn_trailers(ctx: &Context, unverified: &[Unattested], left_out: &[Unattested]) {
    for u in unverified {
        ctx.warn(&format!(
            "patch {}: \"{}\" is unverified (no list server vouched for <{}>)",
            u.patch, u.trailer, u.msgid
        ));
    }
    for u in left_out {
        ctx.warn(&format!(
            "patch {}: \"{}\" left out ({}, from <{}>)",
            u.patch,
            u.trailer,
            u.attestation.as_str(),
            u.msgid
        ));
    }
}

pub fn run(ctx: &Context, args: AmArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let id = resolve(&store, &args.series)?;
    let prefix = args.export.prefix(ctx, &store, id)?;
    let opts = args.export.options(args.cover, prefix);
    let x = export(&store, id, &opts)?;
    let output = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    match output {
        Some(path) => std::fs::write(path, &x.mbox)?,
        None => std::io::stdout().lock().write_all(x.mbox.as_bytes())?,
    }
    if !ctx.quiet {
        let key = crate::render::terminal_safe(&x.key, false);
        let to = output
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default();
        eprintln!(
            "series {} v{} <{key}>: {} patches, {} trailers added{to}",
            x.series, x.version, x.patches, x.trailers_added
        );
    }
    warn_trailers(ctx, &x.unverified, &x.left_out);
    Ok(exit::OK)
}
