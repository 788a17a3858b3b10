//! `patchq thread`: any stored thread (a bug report and its replies, a series and its review),
//! as a tree or as the raw messages.
//!
//! Owns: finding the thread and ordering it as a tree. Must not: print or run SQL.

use std::collections::HashMap;

use super::AppError;
use super::query::resolve_msgid;
use crate::store::{MessageHit, Store};

/// A message of the thread and how deep it sits.
pub struct Node {
    pub depth: usize,
    pub hit: MessageHit,
}

/// The thread holding the message `arg` names, depth first, each reply under the message it
/// answers (its In-Reply-To, else its last reference present), siblings by date.
pub fn tree(store: &Store, arg: &str) -> Result<Vec<Node>, AppError> {
    let _read = store.read_tx()?;
    let msgid = resolve_msgid(arg)?;
    let rows = store.thread_of(&msgid)?;
    if rows.is_empty() {
        return Err(AppError::User(format!("no stored message <{msgid}>")));
    }
    let at: HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.0.msgid.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = rows
        .iter()
        .map(|(hit, irt, refs)| {
            let named = irt
                .iter()
                .map(String::as_str)
                .chain(refs.split(' ').rev())
                .filter(|m| !m.is_empty() && *m != hit.msgid);
            named.into_iter().find_map(|m| at.get(m).copied())
        })
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    let mut seen = vec![false; rows.len()];
    let mut stack: Vec<(usize, usize)> = (0..rows.len())
        .rev()
        .filter(|&i| parent[i].is_none())
        .map(|i| (i, 0))
        .collect();
    while let Some((i, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        out.push(Node {
            depth,
            hit: rows[i].0.clone(),
        });
        stack.extend(
            (0..rows.len())
                .rev()
                .filter(|&c| parent[c] == Some(i))
                .map(|c| (c, depth + 1)),
        );
    }
    // A reply loop (each naming the other) has no root: keep its messages, flat.
    for (_, row) in rows.iter().enumerate().filter(|(i, _)| !seen[*i]) {
        out.push(Node {
            depth: 0,
            hit: row.0.clone(),
        });
    }
    Ok(out)
}

/// The raw messages of the thread, in the tree's order.
pub fn raw(store: &Store, nodes: &[Node]) -> Result<Vec<Vec<u8>>, AppError> {
    let ids: Vec<i64> = nodes.iter().map(|n| n.hit.id).collect();
    let mut by_id: HashMap<i64, Vec<u8>> = HashMap::new();
    store.each_raw_message(&ids, |id, raw| {
        by_id.insert(id, raw.to_vec());
    })?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
