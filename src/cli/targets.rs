//! Naming series on the command line: ids, Message-IDs or URLs as arguments, or `-` to read them
//! from standard input (one or more a line, or `patchq list --format json` output, whose `id`
//! fields are taken); and printing what a review command changed.

use std::io::{Read, Write};

use super::{Context, OutputFormat, exit};
use crate::app::review::{self, Changed, who};
use crate::store::PersonChange;

/// The common body of `state`, `delegate`, `archive` and `note`: resolve the named series
/// (`-` from stdin), apply `change` as the current user, print what changed as `what`.
pub fn change(
    ctx: &Context,
    series: &[String],
    change: PersonChange,
    note: Option<&str>,
    what: &str,
) -> anyhow::Result<u8> {
    let targets = expand(series)?;
    let mut store = ctx.store()?;
    let who = who(std::env::var("PATCHQ_USER").ok());
    let changed = review::apply(&mut store, &targets, &change, &who, ctx.now, note)?;
    print(ctx, what, &changed)?;
    Ok(exit::OK)
}

/// The series named by `args`, `-` expanded from standard input.
pub fn expand(args: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for a in args {
        if a != "-" {
            out.push(a.clone());
            continue;
        }
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        out.extend(from_text(&text));
    }
    Ok(out)
}

/// Series named in `text`: JSON values (objects with an `id`, arrays of them, numbers, strings)
/// or white-space separated words.
fn from_text(text: &str) -> Vec<String> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        let mut out = Vec::new();
        for value in serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>() {
            match value {
                Ok(v) => collect_ids(&v, &mut out),
                Err(_) => return text.split_whitespace().map(str::to_string).collect(),
            }
        }
        return out;
    }
    text.split_whitespace()
        .map(|w| w.trim_matches('"').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn collect_ids(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_ids(x, out)),
        serde_json::Value::Object(o) => {
            if let Some(id) = o.get("id") {
                collect_ids(id, out);
            }
        }
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::String(s) => out.push(s.clone()),
        _ => {}
    }
}

/// Prints what changed: a line per series, or a JSON array.
pub fn print(ctx: &Context, what: &str, changed: &[Changed]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if ctx.format == OutputFormat::Json {
        let json: Vec<_> = changed
            .iter()
            .map(|c| serde_json::json!({"id": c.id, "msgid": c.key, "changed": c.changed}))
            .collect();
        writeln!(out, "{}", serde_json::to_string(&json)?)?;
        return Ok(());
    }
    if ctx.quiet {
        return Ok(());
    }
    for c in changed {
        let key = crate::render::terminal_safe(&c.key, false);
        let note = if c.changed { what } else { "unchanged" };
        writeln!(out, "{:<6} <{key}>: {note}", c.id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::from_text;

    #[test]
    fn ids_from_words_and_json() {
        assert_eq!(from_text("12 13\n<a@b>\n"), ["12", "13", "<a@b>"]);
        assert_eq!(
            from_text("[{\"id\":4,\"msgid\":\"x@y\"},{\"id\":5}]"),
            ["4", "5"]
        );
        assert_eq!(from_text("{\"id\":4}\n{\"id\":7}\n"), ["4", "7"]);
        assert_eq!(from_text("\"a@b\"\n"), ["a@b"]);
    }
}
