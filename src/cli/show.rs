//! `patchq show SERIES`: one series with its patches, trailers, replies, revisions and history.

use std::io::Write;

use clap::Args;

use super::{Context, OutputFormat, exit};
use crate::app;
use crate::render::series::{EventJson, PatchJson, ReplyJson, SeriesJson, VersionJson, show_json};
use crate::render::terminal_safe;

/// What `--help` and the man page add after the options.
const HELP: &str = "\
Examples:
  patchq show 42                               a series: patches, trailers, revisions, commits, history
  patchq show 20261012-foo-v2-0@example.org    by any Message-ID of the series
  patchq --format json show 42 | jq .patches";

/// Show one series: patches, trailers, replies, revisions, events
#[derive(Debug, Args)]
#[command(after_long_help = HELP)]
pub struct ShowArgs {
    /// Series id, a Message-ID of any of its messages, or a URL ending in one
    #[arg(value_name = "SERIES")]
    pub series: String,
}

pub fn run(ctx: &Context, args: ShowArgs) -> anyhow::Result<u8> {
    let store = ctx.store_to_read()?;
    let id = app::query::resolve(&store, &args.series)?;
    let d = app::query::detail(&store, id)?;
    let json = show_json(&d.series, &d.trailers, &d.replies, &d.versions, &d.events);
    let mut out = std::io::stdout().lock();
    if ctx.format == OutputFormat::Json {
        writeln!(out, "{}", serde_json::to_string(&json)?)?;
        return Ok(exit::OK);
    }
    let s = &json.series;
    summary(&mut out, s)?;
    versions(&mut out, &json.versions, s.id)?;
    patches(&mut out, &s.patches)?;
    replies(&mut out, &s.replies)?;
    events(&mut out, &json.events)?;
    Ok(exit::OK)
}

/// Who, when, where it stands, what it touches.
fn summary<R>(out: &mut dyn Write, s: &SeriesJson<R>) -> std::io::Result<()> {
    let safe = |t: &str| terminal_safe(t, false);
    writeln!(out, "{} v{}: {}", s.id, s.version, safe(&s.name))?;
    writeln!(
        out,
        "  from      {} <{}>",
        safe(&s.submitter.name),
        safe(&s.submitter.email)
    )?;
    writeln!(
        out,
        "  posted    {}   last activity {}",
        s.date, s.last_activity
    )?;
    writeln!(out, "  state     {} ({})", s.state, s.state_source)?;
    if !s.subsystems.is_empty() {
        let names: Vec<String> = s.subsystems.iter().map(|n| safe(n)).collect();
        writeln!(out, "  subsystem {}", names.join(", "))?;
    }
    if let Some(d) = &s.delegate {
        writeln!(out, "  delegate  {}", safe(d))?;
    }
    if s.archived {
        writeln!(out, "  archived")?;
    }
    writeln!(
        out,
        "  patches   {}/{}{}",
        s.received,
        s.total,
        if s.complete { "" } else { " (incomplete)" }
    )?;
    for r in &s.repositories {
        let how = match r.how.as_str() {
            "paths" => "by the files it touches",
            _ => "landed there",
        };
        writeln!(out, "  repository {} ({how})", safe(&r.name))?;
    }
    if s.landed > 0 {
        writeln!(out, "  landed    {}/{} patches", s.landed, s.received)?;
    }
    Ok(())
}

/// The revision chain, `*` on this one, with what changed from the one before.
fn versions(out: &mut dyn Write, versions: &[VersionJson], this: i64) -> std::io::Result<()> {
    for v in versions {
        let mine = if v.id == this { "*" } else { " " };
        let mut what = Vec::new();
        for (label, list) in [
            ("changed", &v.changed),
            ("new", &v.added),
            ("dropped", &v.dropped),
        ] {
            if !list.is_empty() {
                let n: Vec<String> = list.iter().map(u32::to_string).collect();
                what.push(format!("{label} {}", n.join(",")));
            }
        }
        let what = if what.is_empty() && v.version > 1 && v.id != versions[0].id {
            "same patches".to_string()
        } else {
            what.join("; ")
        };
        let line = format!(
            " {mine}rev v{} #{:<5} {} {:>2} patches {:<17} {what}",
            v.version, v.id, v.date, v.patches, v.state
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Each patch: its commits, trailers and mismatches; a contested slot says so.
fn patches(out: &mut dyn Write, patches: &[PatchJson]) -> std::io::Result<()> {
    let safe = |t: &str| terminal_safe(t, false);
    for p in patches {
        if p.conflict {
            writeln!(
                out,
                "  [{}] CONFLICT: another patch for this slot, with another diff, from <{}> \
                 ({}), not taken: {}",
                p.number,
                safe(&p.from),
                p.attestation,
                safe(&p.msgid)
            )?;
            continue;
        }
        let again = if p.duplicate { "(sent again) " } else { "" };
        writeln!(out, "  [{}] {again}{}", p.number, safe(&p.subject))?;
        for c in &p.commits {
            let held = c
                .held
                .map(|p| format!(" {p}% of its lines"))
                .unwrap_or_default();
            writeln!(
                out,
                "        commit {} ({}{held}, {})",
                c.sha, c.method, c.date
            )?;
        }
        for t in p.trailers.iter().flatten() {
            let mark = match t.attestation.as_str() {
                "verified" => String::new(),
                other => format!(", {}", other.to_uppercase()),
            };
            writeln!(
                out,
                "        {}: {} ({}{mark})",
                t.kind,
                safe(&t.value),
                t.source
            )?;
        }
        for t in p.mismatches.iter().flatten() {
            writeln!(
                out,
                "        mismatch {}: {} (from <{}>)",
                t.kind,
                safe(&t.value),
                safe(&t.msgid)
            )?;
        }
    }
    Ok(())
}

/// One line per reply.
fn replies(out: &mut dyn Write, replies: &[ReplyJson]) -> std::io::Result<()> {
    let safe = |t: &str| terminal_safe(t, false);
    for r in replies {
        let said = r.first_line.as_deref().unwrap_or(&r.subject);
        let bot = if r.bot { " (bot)" } else { "" };
        writeln!(
            out,
            "  reply {} {}{bot}: {}",
            r.date,
            safe(&r.from.name),
            safe(said)
        )?;
    }
    Ok(())
}

/// The history: who changed what, where, why.
fn events(out: &mut dyn Write, events: &[EventJson]) -> std::io::Result<()> {
    let safe = |t: &str| terminal_safe(t, false);
    for e in events {
        let why = e
            .why
            .as_deref()
            .map(|w| format!(": {}", safe(w)))
            .unwrap_or_default();
        let what = match e.kind.as_str() {
            "rule" => format!(
                "a rule would set {} (a person's state stands)",
                e.new.as_deref().unwrap_or("-")
            ),
            "note" => format!("note: {}", safe(e.new.as_deref().unwrap_or(""))),
            "ignored" => format!(
                "mail command ignored (would set {})",
                e.new.as_deref().unwrap_or("-")
            ),
            kind => format!(
                "{kind} {} -> {}",
                e.old.as_deref().unwrap_or("-"),
                e.new.as_deref().unwrap_or("-")
            ),
        };
        let place = e
            .replica
            .as_deref()
            .map(|r| format!(" on {}", safe(&r.chars().take(8).collect::<String>())))
            .unwrap_or_default();
        writeln!(
            out,
            "  event {} {what} by {}{place}{why}",
            e.at,
            safe(&e.who)
        )?;
    }
    Ok(())
}
