//! `patchq ty [SERIES...]`: thank-you mails for series that landed, like `b4 ty`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::app::query::resolve;
use crate::app::ty::{Thanks, TyOptions, remember, thanks};
use crate::render::terminal_safe;

/// Write thank-you mails for series whose patches landed, like b4 ty
///
/// Each mail answers the series' cover letter (or its first patch): To its sender, Cc everyone
/// it was sent to and those whose trailers went into the commits; it quotes the cover letter's
/// first lines, says where the series was applied ("Applied to TREE (BRANCH), thanks!") and
/// names each patch's commit. Without SERIES: every series with linked commits not thanked yet
/// whose last commit is newer than --since. The mails are written, not sent: send them with
/// `git send-email` or your mailer. Series thanked are remembered (not with --dry-run).
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  patchq link && patchq ty -o ~/outgoing       one .thanks file per series landed in 2 weeks
  git send-email ~/outgoing/*.thanks
  patchq ty 42 --branch net-next/main -o -     one mail, to standard output
  patchq ty --since 2026-11-01 --dry-run       see them first, remember nothing")]
pub struct TyArgs {
    /// Series to thank (id, a Message-ID in it, or a URL ending in one), again if they were
    #[arg(value_name = "SERIES")]
    pub series: Vec<String>,
    /// Only series whose last commit is from DATE on (YYYY-MM-DD or RFC 3339) [default: 14
    /// days ago]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// A directory for one NNNN-KEY.thanks file per mail; `-` (or none): one mailbox on
    /// standard output (with --format json: a JSON list holding each mail)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Say "Applied to BRANCH" [default: the repository and revision the commits are in]
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// Sender "Name <address>" [default: the config file's [user], else git's user.name/email]
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// Write the mails but do not remember the series as thanked
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: TyArgs) -> anyhow::Result<u8> {
    let Some((me, _)) = super::config::identity(ctx, args.from.as_deref()) else {
        bail!(
            "who is thanking? set [user] name and email in the config file, git's \
             user.name/user.email, or give --from \"Name <address>\""
        );
    };
    let store = if args.dry_run {
        ctx.store_to_read()?
    } else {
        ctx.store()?
    };
    let mut series = Vec::new();
    for s in &args.series {
        series.push(resolve(&store, s)?);
    }
    let since = match &args.since {
        Some(d) => Some(super::dates::parse(d)?),
        None if series.is_empty() => Some(ctx.now - 14 * 86_400),
        None => None,
    };
    let offset = chrono::Local::now().offset().local_minus_utc() / 60;
    let opts = TyOptions {
        series,
        since,
        me,
        branch: args.branch.clone(),
        now: ctx.now,
        offset_minutes: offset,
    };
    let mails = thanks(&store, &opts)?;
    if mails.is_empty() {
        ctx.note("no landed series left to thank");
        return Ok(exit::NOT_FOUND);
    }
    let dir = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    write(ctx, &mails, dir)?;
    if !args.dry_run {
        remember(&store, &mails, ctx.now)?;
    }
    if !ctx.quiet {
        for m in &mails {
            eprintln!("{}", summary(m, dir));
        }
    }
    Ok(exit::OK)
}

/// The mails as files in `dir`, else as one mailbox on standard output (with JSON: a list
/// holding each mail).
fn write(ctx: &Context, mails: &[Thanks], dir: Option<&PathBuf>) -> anyhow::Result<()> {
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)?;
        for m in mails {
            std::fs::write(dir.join(file_name(m)), &m.mail)?;
        }
    }
    let mut out = std::io::stdout().lock();
    if ctx.format == OutputFormat::Json {
        let list: Vec<_> = mails
            .iter()
            .map(|m| {
                serde_json::json!({"series": m.series, "msgid": m.key,
                "message_id": m.headers.msgid, "to": m.headers.to[0].email,
                "file": dir.map(|d| d.join(file_name(m)).display().to_string()),
                "mail": m.mail})
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string(&list)?)?;
    } else if dir.is_none() {
        for m in mails {
            out.write_all(m.mail.as_bytes())?;
        }
    }
    Ok(())
}

/// One line on stderr per mail.
fn summary(m: &Thanks, dir: Option<&PathBuf>) -> String {
    let landed = m.patches.iter().filter(|p| p.2.is_some()).count();
    format!(
        "series {} v{} <{}>: thanks to {} ({landed}/{} patches with commits){}",
        m.series,
        m.version,
        terminal_safe(&m.key, false),
        terminal_safe(&m.headers.to[0].email, false),
        m.patches.len(),
        dir.map(|d| format!(" in {}", d.join(file_name(m)).display()))
            .unwrap_or_default()
    )
}

/// `0042-<key>.thanks`, the key's unsafe characters replaced.
fn file_name(m: &Thanks) -> String {
    let key: String = m
        .key
        .chars()
        .take(60)
        .map(|c| match c.is_ascii_alphanumeric() || "._-@".contains(c) {
            true => c,
            false => '_',
        })
        .collect();
    format!("{:04}-{key}.thanks", m.series)
}
