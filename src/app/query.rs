//! Finding series: the filtered list, and the one series a user names (by id, by any of its
//! Message-IDs, or by a URL ending in one).

use super::AppError;
use crate::model::{MessageId, percent_decode};
use crate::parse::{ParseOptions, parse_mail};
use crate::store::{
    EventRow, ReplyRow, SeriesFilter, SeriesRow, SeriesShapes, Stats, Store, SubsystemLoad,
    TrailerRow,
};

/// Everything `show` prints about one series.
pub struct SeriesDetail {
    pub series: SeriesRow,
    /// Every revision of the chain, oldest first (this one included).
    pub versions: Vec<SeriesRow>,
    pub trailers: Vec<TrailerRow>,
    pub replies: Vec<ReplyRow>,
    pub revisions: Vec<i64>,
    pub events: Vec<EventRow>,
}

pub fn list(store: &Store, filter: &SeriesFilter) -> Result<Vec<SeriesRow>, AppError> {
    let _read = store.read_tx()?;
    Ok(store.list_series(filter)?)
}

/// The row id of the subsystem `name` names (exact, unique prefix or unique part, any case); an
/// ambiguous name fails listing the candidates.
pub fn subsystem_id(store: &Store, name: &str) -> Result<i64, AppError> {
    let names = store.subsystem_names()?;
    if names.is_empty() {
        return Err(AppError::User(
            "no MAINTAINERS loaded: run `patchq maintainers load FILE` first".to_string(),
        ));
    }
    match crate::maintainers::find_name(names.iter().map(String::as_str), name) {
        Ok(i) => Ok(i as i64 + 1),
        Err(c) if c.is_empty() => Err(AppError::User(format!("no subsystem matches {name:?}"))),
        Err(c) => {
            let shown: Vec<&str> = c.iter().take(20).map(|&i| names[i].as_str()).collect();
            let more = if c.len() > 20 {
                format!(" and {} more", c.len() - 20)
            } else {
                String::new()
            };
            Err(AppError::User(format!(
                "{name:?} is ambiguous: {}{more}",
                shown.join("; ")
            )))
        }
    }
}

/// The `M:`/`R:` address `text` names (see [`person`]).
pub fn maintainer(store: &Store, text: &str) -> Result<String, AppError> {
    person(&store.subsystem_addresses()?, text, "maintainer")
}

/// The delegate `text` names (see [`person`]).
pub fn delegate(store: &Store, text: &str) -> Result<String, AppError> {
    person(&store.delegates()?, text, "delegate")
}

/// The one address of `known` that `text` names: equal to it, or the only one containing it
/// (any case). None or several is an error listing the closest (`what`: "maintainer" ...).
pub fn person(known: &[String], text: &str, what: &str) -> Result<String, AppError> {
    let wanted = text.trim().to_lowercase();
    if let Some(exact) = known.iter().find(|k| k.to_lowercase() == wanted) {
        return Ok(exact.clone());
    }
    let containing: Vec<&String> = known
        .iter()
        .filter(|k| k.to_lowercase().contains(&wanted))
        .collect();
    match containing.as_slice() {
        [one] => Ok(one.to_string()),
        [] => {
            let mut near: Vec<(f64, &String)> = known
                .iter()
                .map(|k| (strsim::jaro_winkler(&k.to_lowercase(), &wanted), k))
                .filter(|(score, _)| *score >= 0.8)
                .collect();
            near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let near: Vec<&str> = near.iter().take(5).map(|(_, k)| k.as_str()).collect();
            Err(AppError::User(match near.is_empty() {
                true => format!("no {what} address contains {text:?}"),
                false => format!(
                    "no {what} address contains {text:?}; did you mean {}?",
                    near.join(", ")
                ),
            }))
        }
        many => {
            let shown: Vec<&str> = many.iter().take(10).map(|k| k.as_str()).collect();
            let more = match many.len() {
                n if n > 10 => format!(" and {} more", n - 10),
                _ => String::new(),
            };
            Err(AppError::User(format!(
                "{text:?} matches several {what} addresses: {}{more}",
                shown.join(", ")
            )))
        }
    }
}

/// The canonical path of the linked repository `name` names: its path, or its name (the last
/// part of the path, `.git` dropped).
pub fn repository(store: &Store, name: &str) -> Result<String, AppError> {
    let mut repos: Vec<String> = store.link_revs(None)?.into_iter().map(|r| r.repo).collect();
    repos.dedup();
    let wanted = std::fs::canonicalize(name)
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let found: Vec<&String> = repos
        .iter()
        .filter(|r| **r == wanted || crate::model::repo_name(r) == name)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.to_string()),
        [] if repos.is_empty() => Err(AppError::User(
            "no repository linked yet: run `patchq link --repo PATH` first".into(),
        )),
        [] => Err(AppError::User(format!(
            "no linked repository {name:?}; known: {}",
            repos
                .iter()
                .map(|r| crate::model::repo_name(r))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        _ => Err(AppError::User(format!(
            "{name:?} names several repositories: {}; give the path",
            found
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The series `arg` names: `12`, `<msgid>`, `msgid`, or `https://lore.kernel.org/r/<msgid>`.
pub fn resolve(store: &Store, arg: &str) -> Result<i64, AppError> {
    let arg = arg.trim();
    if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        let id: i64 = arg
            .parse()
            .map_err(|_| AppError::User(format!("no series with id {arg}")))?;
        return match store.series_by_id(id)? {
            Some(_) => Ok(id),
            None => Err(AppError::User(format!("no series with id {id}"))),
        };
    }
    let msgid = msgid_of(arg)
        .ok_or_else(|| AppError::User(format!("not a series id, Message-ID or URL: {arg}")))?;
    store
        .series_of_message(msgid.as_str())?
        .ok_or_else(|| AppError::User(format!("no series holds message <{msgid}>")))
}

/// The Message-ID `arg` names (bare, in angle brackets, or a URL ending in one).
pub fn resolve_msgid(arg: &str) -> Result<String, AppError> {
    msgid_of(arg.trim())
        .map(|m| m.as_str().to_string())
        .ok_or_else(|| AppError::User(format!("not a Message-ID: {arg}")))
}

/// The Message-ID in an argument: bare, in angle brackets, or the last segment of a URL.
fn msgid_of(arg: &str) -> Option<MessageId> {
    let text = match arg.split_once("://") {
        Some((_, rest)) => {
            let path = rest.split(['?', '#']).next().unwrap_or(rest);
            let segment = path.split('/').rfind(|s| !s.is_empty())?;
            percent_decode(segment)
        }
        None => arg.to_string(),
    };
    MessageId::parse(&text).filter(|m| m.as_str().contains('@') || !arg.contains("://"))
}

pub fn detail(store: &Store, id: i64) -> Result<SeriesDetail, AppError> {
    let _read = store.read_tx()?;
    let series = store
        .series_by_id(id)?
        .ok_or_else(|| AppError::User(format!("no series with id {id}")))?;
    let revisions = store.revisions(id)?;
    let mut versions = Vec::with_capacity(revisions.len());
    for r in &revisions {
        versions.extend(store.series_by_id(*r)?);
    }
    let mut replies = store.series_replies(id)?;
    let ids =
        store.message_rows_of(&replies.iter().map(|r| r.msgid.as_str()).collect::<Vec<_>>())?;
    let mut first = std::collections::HashMap::new();
    store.each_raw_message(&ids, |row, raw| {
        if let Ok(mail) = parse_mail(raw, &ParseOptions::default()) {
            first.insert(mail.msgid.as_str().to_string(), first_line(&mail.body));
        }
        let _ = row;
    })?;
    for r in replies.iter_mut() {
        r.first_line = first.remove(&r.msgid).flatten();
    }
    Ok(SeriesDetail {
        trailers: store.series_trailers(id)?,
        replies,
        revisions,
        versions,
        events: store.events(&series.key)?,
        series,
    })
}

/// The first line a reply says itself: not quoted, not the "On ..., X wrote:" attribution, not
/// blank; at most 120 characters.
fn first_line(body: &str) -> Option<String> {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    lines
        .iter()
        .enumerate()
        .find(|(i, l)| {
            let attribution = l.ends_with("wrote:")
                || l.ends_with("writes:")
                || (l.ends_with(':') && lines.get(i + 1).is_some_and(|n| n.starts_with('>')));
            !l.is_empty() && !l.starts_with('>') && !attribution
        })
        .map(|(_, l)| l.chars().take(120).collect())
}

/// The list series `id` was posted to, if known.
pub fn list_of(store: &Store, id: i64) -> Result<Option<String>, AppError> {
    Ok(store.series_by_id(id)?.and_then(|s| s.list_id))
}

/// What the database holds (`stats`), and the series shapes when asked; commit links and
/// subsystems counted.
pub fn stats(
    store: &Store,
    shapes: bool,
) -> Result<(Stats, Option<SeriesShapes>, u64, u64), AppError> {
    let shapes = match shapes {
        true => Some(store.series_shapes()?),
        false => None,
    };
    Ok((
        store.stats()?,
        shapes,
        store.commit_link_count()?,
        store.subsystem_count()?,
    ))
}

/// Subsystems with their series counts, busiest first; `closed` states are not outstanding.
pub fn subsystem_load(store: &Store, closed: &[&str]) -> Result<Vec<SubsystemLoad>, AppError> {
    Ok(store.subsystem_load(closed)?)
}

/// The name of subsystem `id` (as `subsystem_id` returns it).
pub fn subsystem_name(store: &Store, id: i64) -> Result<Option<String>, AppError> {
    Ok(store.subsystem_names()?.get(id as usize - 1).cloned())
}

/// The subsystems where `email` is an `M:` or `R:`.
pub fn subsystems_of(store: &Store, email: &str) -> Result<Vec<String>, AppError> {
    Ok(store.subsystems_of_person(email)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_from_urls() {
        let m = |a: &str| msgid_of(a).map(|m| m.to_string());
        assert_eq!(
            m("https://lore.kernel.org/r/abc@x.org").as_deref(),
            Some("abc@x.org")
        );
        assert_eq!(
            m("https://lore.kernel.org/ltp/abc@x.org/").as_deref(),
            Some("abc@x.org")
        );
        assert_eq!(
            m("https://patch.msgid.link/abc%40x.org").as_deref(),
            Some("abc@x.org")
        );
        assert_eq!(m("<abc@x.org>").as_deref(), Some("abc@x.org"));
        assert_eq!(m("https://example.org/"), None);
    }
}
