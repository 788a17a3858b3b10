//! Event lines of the share history: one JSON object a line, checked when read (anyone who can
//! push to the shared repository can write anything there).

use serde::{Deserialize, Serialize};

use super::BadLine;
use crate::model::{PERSON_EVENT_KINDS, REVIEW_STATES, SharedEvent};

/// Longest key, name or text an event may carry (bytes).
const MAX_TEXT: usize = 64 * 1024;

#[derive(Serialize, Deserialize)]
struct Line {
    uid: String,
    key: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    new: Option<String>,
    who: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    why: Option<String>,
    at: i64,
    lamport: i64,
    replica: String,
}

/// `events` as lines, in the order given.
pub(super) fn write_lines(events: &[SharedEvent]) -> String {
    let mut out = String::new();
    for e in events {
        let line = Line {
            uid: e.uid.clone(),
            key: e.key.clone(),
            kind: e.kind.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
            who: e.who.clone(),
            why: e.why.clone(),
            at: e.at,
            lamport: e.lamport,
            replica: e.replica.clone(),
        };
        out.push_str(&serde_json::to_string(&line).expect("plain strings serialize"));
        out.push('\n');
    }
    out
}

/// Reads the lines of one commit's events: valid ones to `events`, the others to `bad`.
pub(super) fn read_lines(
    text: &[u8],
    commit: &str,
    events: &mut Vec<SharedEvent>,
    bad: &mut Vec<BadLine>,
) {
    for (i, raw) in text.split(|b| *b == b'\n').enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = serde_json::from_slice::<Line>(raw)
            .map_err(|e| format!("not an event: {e}"))
            .and_then(check);
        match parsed {
            Ok(e) => events.push(e),
            Err(why) => bad.push(BadLine {
                commit: commit.to_string(),
                line: i + 1,
                why,
            }),
        }
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A line that says what an event must: known kind, well-formed ids, a known state.
fn check(l: Line) -> Result<SharedEvent, String> {
    if !is_hex(&l.uid, 32) {
        return Err(format!("bad event id {:?}", l.uid));
    }
    if !is_hex(&l.replica, 16) {
        return Err(format!("bad replica id {:?}", l.replica));
    }
    if !PERSON_EVENT_KINDS.contains(&l.kind.as_str()) {
        return Err(format!("unknown kind {:?}", l.kind));
    }
    if l.key.is_empty() || l.who.is_empty() {
        return Err("no series key or no author".into());
    }
    let texts = [
        Some(&l.key),
        Some(&l.who),
        l.old.as_ref(),
        l.new.as_ref(),
        l.why.as_ref(),
    ];
    if texts.iter().flatten().any(|t| t.len() > MAX_TEXT) {
        return Err(format!("a field is longer than {MAX_TEXT} bytes"));
    }
    let new = l.new.as_deref();
    let valid = match l.kind.as_str() {
        "state" => new.is_some_and(|s| REVIEW_STATES.contains(&s)),
        "archive" => matches!(new, Some("true" | "false")),
        "note" => new.is_some(),
        _ => true,
    };
    if !valid {
        return Err(format!("{} event with value {:?}", l.kind, new));
    }
    if l.lamport < 1 {
        return Err(format!("bad clock {}", l.lamport));
    }
    Ok(SharedEvent {
        uid: l.uid,
        key: l.key,
        kind: l.kind,
        old: l.old,
        new: l.new,
        who: l.who,
        why: l.why,
        at: l.at,
        lamport: l.lamport,
        replica: l.replica,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> SharedEvent {
        SharedEvent {
            uid: "0123456789abcdef0123456789abcdef".into(),
            key: "20240101.1-1-a@example.org".into(),
            kind: "state".into(),
            old: Some("new".into()),
            new: Some("accepted".into()),
            who: "alice@example.org".into(),
            why: Some("looks good\nline two".into()),
            at: 1_700_000_000,
            lamport: 3,
            replica: "00000000deadbeef".into(),
        }
    }

    #[test]
    fn lines_read_back_as_written() {
        let text = write_lines(&[event(), event()]);
        assert_eq!(text.lines().count(), 2);
        let (mut events, mut bad) = (Vec::new(), Vec::new());
        read_lines(text.as_bytes(), "c1", &mut events, &mut bad);
        assert_eq!(events, vec![event(), event()]);
        assert!(bad.is_empty());
    }

    #[test]
    fn lines_that_are_not_valid_events_are_named_and_skipped() {
        let mut wrong_state = event();
        wrong_state.new = Some("merged".into());
        let mut wrong_kind = event();
        wrong_kind.kind = "rule".into();
        let mut bad_id = event();
        bad_id.uid = "ffffffffffffffffffffffffffffffff".into();
        let mut text = write_lines(&[wrong_state, bad_id, wrong_kind]);
        text.push_str("{\"uid\": 1}\nnot json\n");
        text = text.replace("\"ffffffffffffffffffffffffffffffff\"", "\"../../x\"");
        let (mut events, mut bad) = (Vec::new(), Vec::new());
        read_lines(text.as_bytes(), "c9", &mut events, &mut bad);
        assert!(events.is_empty());
        let lines: Vec<(usize, &str)> = bad.iter().map(|b| (b.line, b.commit.as_str())).collect();
        assert_eq!(
            lines,
            vec![(1, "c9"), (2, "c9"), (3, "c9"), (4, "c9"), (5, "c9")]
        );
        assert!(bad[1].why.contains("bad event id"), "{:?}", bad[1]);
        assert!(bad[2].why.contains("unknown kind"), "{:?}", bad[2]);
    }
}
