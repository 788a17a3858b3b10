//! Threading after JWZ: each message hangs under the message it answers (In-Reply-To, else the
//! last of its References); messages that are missing are kept as placeholders; a message that
//! names no parent, and placeholders, take the parent other messages' References give them.
//! Links that would close a loop are refused. Processing in a fixed order makes the result
//! independent of arrival order. Message-IDs are interned to numbers once, so walking threads
//! costs no string work; the top of each tree is kept in a union-find, so that refusing loops
//! and finding roots cost the same however deep a thread is (a hostile 50,000-deep reply chain
//! or a References header naming 100,000 ids is linear work).

use rustc_hash::FxHashMap as HashMap;

use super::Msg;
use crate::model::MessageId;

/// Where a message sits in its thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The message it answers (maybe one that is not in the archive).
    pub parent: Option<MessageId>,
    /// The top of its thread (maybe a missing message).
    pub root: MessageId,
}

const NONE: u32 = u32::MAX;

/// The thread structure of a set of messages, over interned Message-IDs.
pub struct Threads<'a> {
    /// Interned id -> Message-ID text.
    names: Vec<&'a str>,
    /// Interned id -> parent's interned id.
    parent: Vec<u32>,
    /// Interned id -> message index (for ids of messages in the set).
    msg: Vec<u32>,
    /// Message index -> interned id.
    id_of: Vec<u32>,
    /// Interned id -> a node nearer the top of its tree (itself at the top): union-find.
    top: Vec<u32>,
}

impl<'a> Threads<'a> {
    pub fn build(msgs: &'a [Msg], order: &[usize]) -> Threads<'a> {
        let mut ids: HashMap<&'a str, u32> = HashMap::default();
        ids.reserve(msgs.len() * 2);
        let mut t = Threads {
            names: Vec::with_capacity(msgs.len() * 2),
            parent: Vec::with_capacity(msgs.len() * 2),
            msg: Vec::with_capacity(msgs.len() * 2),
            id_of: vec![NONE; msgs.len()],
            top: Vec::with_capacity(msgs.len() * 2),
        };
        for &i in order {
            let id = t.intern(&mut ids, msgs[i].msgid.as_str());
            // A second message with the same id (the store never passes one) shares the first
            // one's place.
            if t.msg[id as usize] == NONE {
                t.msg[id as usize] = i as u32;
            }
            t.id_of[i] = id;
        }
        // A message's own headers first.
        for &i in order {
            let m = &msgs[i];
            if let Some(p) = direct_parent(m) {
                let (c, p) = (t.id_of[i], t.intern(&mut ids, p.as_str()));
                t.link(c, p);
            }
        }
        // Then what other messages' References say about placeholders and parentless messages.
        for &i in order {
            let chain: Vec<u32> = reference_chain(&msgs[i])
                .into_iter()
                .map(|r| t.intern(&mut ids, r))
                .collect();
            for pair in chain.windows(2) {
                let (up, down) = (pair[0], pair[1]);
                if down != t.id_of[i] {
                    t.link(down, up);
                }
            }
        }
        // Every node straight under its top, so that `root_of` is one step.
        for id in 0..t.top.len() as u32 {
            t.find_top(id);
        }
        t
    }

    fn intern(&mut self, ids: &mut HashMap<&'a str, u32>, name: &'a str) -> u32 {
        *ids.entry(name).or_insert_with(|| {
            let id = self.names.len() as u32;
            self.names.push(name);
            self.parent.push(NONE);
            self.msg.push(NONE);
            self.top.push(id);
            id
        })
    }

    /// Sets `child`'s parent unless it has one or the link would close a loop. A node without
    /// a parent is the top of its tree, so the link closes a loop exactly when `parent` is in
    /// `child`'s own tree.
    fn link(&mut self, child: u32, parent: u32) {
        if child == parent || self.parent[child as usize] != NONE {
            return;
        }
        let top = self.find_top(parent);
        if top == child {
            return;
        }
        self.parent[child as usize] = parent;
        self.top[child as usize] = top;
    }

    /// The top of `id`'s tree, shortening the path there (path halving).
    fn find_top(&mut self, mut id: u32) -> u32 {
        while self.top[id as usize] != id {
            let up = self.top[id as usize];
            self.top[id as usize] = self.top[up as usize];
            id = up;
        }
        id
    }

    /// The message index behind an interned id, when it is in the set.
    fn msg_of(&self, id: u32) -> Option<usize> {
        match self.msg[id as usize] {
            NONE => None,
            i => Some(i as usize),
        }
    }

    /// Message indices of the ancestors of message `i`, nearest first (placeholders skipped).
    pub fn ancestor_msgs(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.ancestor_ids(self.id_of[i])
            .filter_map(|id| self.msg_of(id))
    }

    /// The message index of `i`'s direct parent, when that parent is in the set.
    pub fn parent_msg(&self, i: usize) -> Option<usize> {
        match self.parent[self.id_of[i] as usize] {
            NONE => None,
            p => self.msg_of(p),
        }
    }

    /// Whether message `i` answers anything (even a missing message).
    pub fn has_parent(&self, i: usize) -> bool {
        self.parent[self.id_of[i] as usize] != NONE
    }

    fn ancestor_ids(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let mut at = id;
        std::iter::from_fn(move || match self.parent[at as usize] {
            NONE => None,
            up => {
                at = up;
                Some(up)
            }
        })
    }

    /// The Message-ID at the top of message `i`'s thread.
    pub fn root_of(&self, i: usize) -> &'a str {
        // `build` left every node straight under its top.
        self.names[self.top[self.id_of[i] as usize] as usize]
    }

    /// For every message, the nearest ancestor in the set for which `marked` holds (through
    /// placeholders and unmarked messages), in one pass over the threads however deep.
    pub fn nearest_marked(&self, marked: &[bool]) -> Vec<Option<usize>> {
        // Per interned id: the answer for its own ancestors, once known.
        let mut above: Vec<Option<Option<usize>>> = vec![None; self.names.len()];
        let mut path = Vec::new();
        for i in 0..self.id_of.len() {
            let mut at = self.id_of[i];
            while above[at as usize].is_none() {
                path.push(at);
                match self.parent[at as usize] {
                    NONE => above[at as usize] = Some(None),
                    up => at = up,
                }
            }
            // `at` is known now (a top just met is the last on the path: nothing above it).
            if path.last() == Some(&at) {
                path.pop();
            }
            let mut answer = self.mark_of(at, marked).or(above[at as usize].flatten());
            for &id in path.iter().rev() {
                above[id as usize] = Some(answer);
                answer = self.mark_of(id, marked).or(answer);
            }
            path.clear();
        }
        self.id_of
            .iter()
            .map(|&id| above[id as usize].flatten())
            .collect()
    }

    /// The message behind `id` when it is in the set and marked.
    fn mark_of(&self, id: u32, marked: &[bool]) -> Option<usize> {
        self.msg_of(id).filter(|&m| marked[m])
    }

    pub fn placements(&self, msgs: &[Msg]) -> Vec<Placement> {
        (0..msgs.len())
            .map(|i| {
                let parent = self.parent[self.id_of[i] as usize];
                Placement {
                    parent: (parent != NONE).then(|| {
                        MessageId::from_normalised(self.names[parent as usize].to_string())
                    }),
                    root: MessageId::from_normalised(self.root_of(i).to_string()),
                }
            })
            .collect()
    }
}

/// The message a message answers: In-Reply-To, else its last reference.
fn direct_parent(m: &Msg) -> Option<&MessageId> {
    m.in_reply_to
        .as_ref()
        .or_else(|| m.references.last())
        .filter(|p| **p != m.msgid)
}

/// References, oldest first, then In-Reply-To when they do not end with it, then the message.
fn reference_chain(m: &Msg) -> Vec<&str> {
    let mut chain: Vec<&str> = m
        .references
        .iter()
        .map(|r| r.as_str())
        .filter(|r| *r != m.msgid.as_str())
        .collect();
    if let Some(irt) = &m.in_reply_to
        && chain.last() != Some(&irt.as_str())
        && irt != &m.msgid
    {
        chain.retain(|r| *r != irt.as_str());
        chain.push(irt.as_str());
    }
    chain.push(m.msgid.as_str());
    chain
}
