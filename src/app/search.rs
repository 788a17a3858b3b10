//! Full-text search: bringing the index up to date (messages parsed from their stored mail,
//! a batch at a time), and turning what the user typed into a safe FTS5 query.

use super::AppError;
use crate::model::{Mail, MailKind};
use crate::parse::{ParseOptions, lines, parse_mail};
use crate::store::{MessageHit, Store};

/// What bringing the search index up to date did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Indexed {
    /// Messages indexed now.
    pub done: usize,
    /// Messages left out because the database cannot be written (searches do not see them).
    pub left: usize,
}

/// Indexes every message stored since the last search, a batch per transaction with the
/// watermark (read inside it, so two searches at once never index a message twice). A database
/// that cannot be written is searched as its index stands.
pub fn ensure_indexed(store: &mut Store) -> Result<Indexed, AppError> {
    let mut out = Indexed::default();
    if store.unindexed_messages(1)?.is_empty() {
        return Ok(out);
    }
    if store.read_only().is_some() {
        out.left = store.unindexed_messages(usize::MAX)?.len();
        return Ok(out);
    }
    loop {
        let n = store.write(index_batch)?;
        if n == 0 {
            return Ok(out);
        }
        out.done += n;
    }
}

/// Indexes the next batch of messages; returns how many.
fn index_batch(store: &mut Store) -> Result<usize, AppError> {
    let batch = store.unindexed_messages(2000)?;
    let ids: Vec<i64> = batch.iter().map(|b| b.0).collect();
    let mut bodies = std::collections::HashMap::with_capacity(ids.len());
    let opts = ParseOptions::default();
    // Damaged mail is indexed by its subject and paths alone.
    let text = |_, raw: &[u8]| {
        parse_mail(raw, &opts)
            .ok()
            .map(|mail| indexed_text(&mail).into_owned())
    };
    let _damaged =
        super::parallel::map_raw(store, &ids, super::parallel::jobs(), text, |id, body| {
            if let Some(body) = body {
                bodies.insert(id, body);
            }
        })?;
    let mut rows = Vec::with_capacity(batch.len());
    for (id, subject) in batch {
        let paths = store.message_paths(id)?;
        let body = bodies.remove(&id).unwrap_or_default();
        rows.push((id, subject, body, paths));
    }
    store.index_messages(&rows)?;
    Ok(rows.len())
}

/// The text of a message the index holds: a patch's commit message (its diff is left out), else
/// the body without the lines it quotes (a review quoting a whole patch is found by what the
/// reviewer wrote; the quoted text is indexed where it was written).
pub(crate) fn indexed_text(mail: &Mail) -> std::borrow::Cow<'_, str> {
    match mail.kind {
        MailKind::Patch => mail.message.as_str().into(),
        _ if !mail.body.contains('>') => mail.body.as_str().into(),
        _ => unquoted(&mail.body).into(),
    }
}

/// `text` without its quoting lines (`>` after any indentation), each line kept with its
/// line end; the lines between two quotes are copied as one run.
fn unquoted(text: &str) -> String {
    let mut own = String::with_capacity(text.len());
    let mut run = 0..0;
    for line in lines(text) {
        let end = run.end + line.len();
        if line.trim_start().starts_with('>') {
            own.push_str(&text[run]);
            run = end..end;
        } else {
            run.end = end;
        }
    }
    own.push_str(&text[run]);
    own
}

/// [`indexed_text`] and [`indexed_paths`], the text taken out of `mail` where the index holds a
/// field whole (a patch's commit message, a body quoting nothing) instead of copied. For an
/// import's parsing threads, so that the writer has only to hand the text to the index.
pub(crate) fn take_indexed(mail: &mut Mail) -> (String, String) {
    let quoting = match indexed_text(mail) {
        std::borrow::Cow::Owned(own) => Some(own),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let text = quoting.unwrap_or_else(|| match mail.kind {
        MailKind::Patch => std::mem::take(&mut mail.message),
        _ => std::mem::take(&mut mail.body),
    });
    (text, indexed_paths(mail))
}

/// The paths a message's diff touches, as the index holds them: space separated, in order.
pub(crate) fn indexed_paths(mail: &Mail) -> String {
    let paths: Vec<&str> = mail.files.iter().map(|f| f.path()).collect();
    paths.join(" ")
}

/// What the user typed as an FTS5 query: every word must appear (as typed, in any column);
/// a word ending in `*` matches as a prefix; `subject:`, `body:` or `paths:` before a word
/// limits it to that column; quotes group words into a phrase. Nothing typed can be FTS5 syntax.
pub fn fts_query(text: &str) -> Result<String, AppError> {
    let mut terms = Vec::new();
    for token in split_words(text) {
        let (column, word) = match token.split_once(':') {
            Some((c, w)) if matches!(c, "subject" | "body" | "paths") && !w.is_empty() => {
                (Some(c), w.to_string())
            }
            _ => (None, token),
        };
        let (word, prefix) = match word.strip_suffix('*') {
            Some(w) => (w.to_string(), true),
            None => (word, false),
        };
        if word.trim().is_empty() {
            continue;
        }
        let mut term = format!("\"{}\"", word.replace('"', "\"\""));
        if prefix {
            term.push('*');
        }
        if let Some(c) = column {
            term = format!("{c}:{term}");
        }
        terms.push(term);
    }
    if terms.is_empty() {
        return Err(AppError::User("nothing to search for".into()));
    }
    Ok(terms.join(" AND "))
}

/// Words, with "double quoted" runs kept together.
fn split_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            // Control characters (a NUL ends a string for SQLite) separate words like spaces.
            c if c.is_control() => {
                if !cur.is_empty() && !quoted {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Messages matching an FTS5 `query` (from `fts_query`), newest first, at most `limit`.
pub fn messages(
    store: &Store,
    query: &str,
    limit: Option<u64>,
) -> Result<Vec<MessageHit>, AppError> {
    Ok(store.search_messages(query, limit)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an import's parsing threads take out of a message for the index is what indexing
    /// it from its stored mail gives: a patch's commit message, a reply without its quotes, the
    /// whole of other mail, and the paths.
    #[test]
    fn the_text_taken_for_the_index_is_the_text_indexed() {
        let patch = "From: A <a@x.org>\nSubject: [PATCH] foo: fix bar\nMessage-ID: <p@x>\n\n\
                     Fix the bar.\n\nSigned-off-by: A <a@x.org>\n---\n\
                     diff --git a/lib/foo.c b/lib/foo.c\n--- a/lib/foo.c\n+++ b/lib/foo.c\n\
                     @@ -1 +1 @@\n-a\n+b\n";
        let quoting = "From: B <b@x.org>\nSubject: Re: foo\nMessage-ID: <q@x>\n\n\
                       > Fix the bar.\nNo: the baz.\n";
        let plain = "From: C <c@x.org>\nSubject: hello\nMessage-ID: <c@x>\n\nAll well.\n";
        let opts = ParseOptions::default();
        let mut texts = Vec::new();
        for raw in [patch, quoting, plain] {
            let mut mail = parse_mail(raw.as_bytes(), &opts).unwrap();
            let want = (indexed_text(&mail).into_owned(), indexed_paths(&mail));
            assert_eq!(take_indexed(&mut mail), want);
            texts.push(want);
        }
        assert_eq!(
            texts,
            [
                (
                    "Fix the bar.\n\nSigned-off-by: A <a@x.org>\n".to_string(),
                    "lib/foo.c".to_string()
                ),
                ("No: the baz.\n".to_string(), String::new()),
                ("All well.\n".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn quoting_lines_are_left_out_and_the_rest_kept_with_its_line_ends() {
        let text = "On Monday A wrote:\r\n> one\r\n  >> two\r\nyes\r\n\r\nand\n>three\nend";
        assert_eq!(unquoted(text), "On Monday A wrote:\r\nyes\r\n\r\nand\nend");
        assert_eq!(unquoted("> only\n>quotes"), "");
        assert_eq!(unquoted("none\nat all"), "none\nat all");
        assert_eq!(unquoted(""), "");
    }

    #[test]
    fn queries_are_quoted_terms() {
        assert_eq!(fts_query("foo bar").unwrap(), "\"foo\" AND \"bar\"");
        assert_eq!(
            fts_query("modul* paths:kernel/module").unwrap(),
            "\"modul\"* AND paths:\"kernel/module\""
        );
        assert_eq!(
            fts_query("\"ring size\" NEAR(x)").unwrap(),
            "\"ring size\" AND \"NEAR(x)\""
        );
        assert_eq!(fts_query("say \"hi").unwrap(), "\"say\" AND \"hi\"");
        // A NUL would end the query string inside SQLite (a fuzzer's find).
        assert_eq!(
            fts_query("a\0b \"c\0d\"").unwrap(),
            "\"a\" AND \"b\" AND \"cd\""
        );
        assert!(fts_query("  ").is_err());
    }
}
