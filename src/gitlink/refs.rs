//! Message-IDs a commit message names: `Link:` trailers with lore, lkml or patch.msgid.link URLs
//! (any URL whose path holds an id), `Message-Id:` trailers, and `Closes:`/`References:` values
//! (which count only when they name a patch; the caller knows).
//!
//! Pure text work: must not look anything up.

use crate::model::{MessageId, RefKind, percent_decode};

/// Every Message-ID the commit message names, in order, each once (the first kind wins).
pub fn message_refs(message: &str) -> Vec<(MessageId, RefKind)> {
    let mut out: Vec<(MessageId, RefKind)> = Vec::new();
    for line in message.lines() {
        let line = line.trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let kind = match key.trim().to_ascii_lowercase().as_str() {
            "link" => RefKind::Link,
            "message-id" | "message-id-ref" => RefKind::MessageId,
            "closes" | "references" => RefKind::Closes,
            _ => continue,
        };
        let value = value.trim();
        let ids = if value.starts_with('<') {
            crate::model::extract_message_ids(value)
        } else {
            value
                .split_whitespace()
                .filter_map(|w| id_in_url(w).or_else(|| bare_id(w, kind)))
                .collect()
        };
        for id in ids {
            if !out.iter().any(|(o, _)| *o == id) {
                out.push((id, kind));
            }
        }
    }
    out
}

/// The Message-ID in a URL's path: the first segment holding an `@`, percent-decoded
/// (`https://lore.kernel.org/r/<id>`, `.../linux-modules/<id>/T/#u`, `https://patch.msgid.link/<id>`).
fn id_in_url(word: &str) -> Option<MessageId> {
    let word = word.trim_matches(|c| c == '<' || c == '>' || c == '(' || c == ')');
    let rest = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))?;
    let rest = rest.split(['#', '?']).next().unwrap_or(rest);
    let (_host, path) = rest.split_once('/')?;
    path.split('/')
        .map(percent_decode)
        .find(|seg| seg.contains('@'))
        .map(|seg| seg.trim_end_matches(['.', ',', ';']).to_string())
        .and_then(|seg| MessageId::parse(&seg))
}

/// A `Message-Id: id@host` written without brackets.
fn bare_id(word: &str, kind: RefKind) -> Option<MessageId> {
    (kind == RefKind::MessageId && word.contains('@') && !word.contains("://"))
        .then(|| MessageId::parse(word))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(msg: &str) -> Vec<(String, RefKind)> {
        message_refs(msg)
            .into_iter()
            .map(|(i, k)| (i.as_str().to_string(), k))
            .collect()
    }

    #[test]
    fn link_urls_of_every_kind() {
        let msg = "foo: fix bar\n\nBody.\n\nSigned-off-by: A <a@b>\n\
            Link: https://lore.kernel.org/r/20240101-one@example.org\n\
            Link: https://lore.kernel.org/linux-modules/20240102.two@example.org/T/#u\n\
            Link: https://patch.msgid.link/three%40example.org\n\
            link: https://lkml.kernel.org/r/<four@example.org>\n\
            Link: https://bugzilla.kernel.org/show_bug.cgi?id=1\n";
        assert_eq!(
            ids(msg),
            vec![
                ("20240101-one@example.org".into(), RefKind::Link),
                ("20240102.two@example.org".into(), RefKind::Link),
                ("three@example.org".into(), RefKind::Link),
                ("four@example.org".into(), RefKind::Link),
            ]
        );
    }

    #[test]
    fn message_id_and_closes_trailers() {
        let msg = "x\n\nMessage-Id: <m1@host>\nMessage-ID: m2@host\n\
            Closes: https://lore.kernel.org/all/report@host/\nReferences: <r1@host>\n\
            Link: https://lore.kernel.org/r/m1@host\n";
        assert_eq!(
            ids(msg),
            vec![
                ("m1@host".into(), RefKind::MessageId),
                ("m2@host".into(), RefKind::MessageId),
                ("report@host".into(), RefKind::Closes),
                ("r1@host".into(), RefKind::Closes),
            ]
        );
    }

    #[test]
    fn prose_mentions_are_not_refs() {
        let msg = "x\n\nSee https://lore.kernel.org/r/prose@host for the story.\n\
            Reported-by: R <r@host>\n";
        assert!(ids(msg).is_empty());
    }
}
