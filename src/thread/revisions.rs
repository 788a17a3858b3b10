//! Revision chains: which earlier series a series is a new version of. Strongest signal first: a
//! b4 change-id; a series posted inside an older series' thread; the same sender with a similar
//! cover or first-patch subject within six months. A series without a version of its own that
//! follows another is numbered after it (b4 does the same).

use rustc_hash::FxHashMap as HashMap;

use super::jwz::Threads;
use super::{Msg, Prior, Series, same_person};
use crate::model::{MessageId, Person};

/// How far apart two versions of the same work may be.
const MAX_GAP: i64 = 183 * 24 * 3600;
/// A re-post with the same version counts as a new revision only this soon (or as a RESEND).
const SAME_VERSION_GAP: i64 = 7 * 24 * 3600;

/// A subject prepared for comparison: normalised text and its sorted distinct words.
#[derive(Clone)]
struct Name {
    text: String,
    words: Vec<String>,
}

impl Name {
    fn new(raw: &str) -> Option<Name> {
        let text = normalise(raw);
        let mut words: Vec<String> = text
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        words.dedup();
        (!text.is_empty()).then_some(Name { text, words })
    }
}

/// A possible previous revision: a series of this assembly or a prior one.
struct Cand {
    key: MessageId,
    date: i64,
    version: u32,
    submitter: Person,
    names: Vec<Name>,
    change_id: Option<String>,
    pull: bool,
    local: Option<usize>,
}

pub fn link(msgs: &[Msg], threads: &Threads<'_>, series: &mut [Series], prior: &[Prior]) {
    let mut member_of: Vec<u32> = vec![u32::MAX; msgs.len()];
    for (s, ser) in series.iter().enumerate() {
        for m in ser.members() {
            member_of[m] = s as u32;
        }
    }
    let local_names: Vec<Vec<Name>> = series.iter().map(|s| names(msgs, s)).collect();
    let mut cands: Vec<Cand> = series
        .iter()
        .enumerate()
        .map(|(i, s)| Cand {
            key: s.key.clone(),
            date: s.date,
            version: s.version,
            submitter: s.submitter.clone(),
            names: local_names[i].clone(),
            change_id: s.change_id.clone(),
            pull: s.pull,
            local: Some(i),
        })
        .collect();
    cands.extend(prior.iter().map(|p| Cand {
        key: p.key.clone(),
        date: p.date,
        version: p.version,
        submitter: p.submitter.clone(),
        names: p.names.iter().filter_map(|n| Name::new(n)).collect(),
        change_id: p.change_id.clone(),
        pull: p.pull,
        local: None,
    }));
    let mut by_sender: HashMap<String, Vec<usize>> = HashMap::default();
    for (c, cand) in cands.iter().enumerate() {
        by_sender
            .entry(sender_key(&cand.submitter))
            .or_default()
            .push(c);
    }
    for bucket in by_sender.values_mut() {
        bucket.sort_by_key(|&c| cands[c].date);
    }
    let mut by_change: HashMap<&str, Vec<usize>> = HashMap::default();
    for (c, cand) in cands.iter().enumerate() {
        if let Some(id) = &cand.change_id {
            by_change.entry(id.as_str()).or_default().push(c);
        }
    }
    // Series are in date order, so a previous revision is always settled first.
    for s in 0..series.len() {
        let prev = by_change_id(&cands, &by_change, &series[s])
            .or_else(|| by_thread(threads, series, &member_of, &local_names, s))
            .or_else(|| by_subject(&cands, &by_sender, &local_names[s], &series[s]));
        let Some(p) = prev else { continue };
        let prev_version = match cands[p].local {
            Some(l) => series[l].version,
            None => cands[p].version,
        };
        series[s].previous = Some(cands[p].key.clone());
        if !series[s].version_explicit && series[s].version <= prev_version {
            series[s].version = prev_version + 1;
        }
    }
}

/// Who a series is from, for grouping: the address, else the name.
fn sender_key(p: &Person) -> String {
    if p.email.is_empty() {
        p.name.to_lowercase()
    } else {
        p.email.to_ascii_lowercase()
    }
}

/// `c` may be the previous revision of `s`: earlier, of the same kind.
fn earlier(c: &Cand, s: &Series) -> bool {
    c.key != s.key && c.pull == s.pull && (c.date, &c.key) < (s.date, &s.key)
}

fn by_change_id(
    cands: &[Cand],
    by_change: &HashMap<&str, Vec<usize>>,
    s: &Series,
) -> Option<usize> {
    let id = s.change_id.as_deref()?;
    by_change
        .get(id)?
        .iter()
        .copied()
        .filter(|&t| earlier(&cands[t], s))
        .filter(|&t| cands[t].version <= s.version || !s.version_explicit)
        .max_by_key(|&t| (cands[t].version, cands[t].date))
}

/// The first series met walking up from `s`'s first message that `s` plausibly re-rolls: a
/// higher version or the same subject, by the same sender or about the same thing (a
/// reviewer's own patch posted in a thread is not a new version of it). Returns the
/// candidate index, which for local series is the series index.
fn by_thread(
    threads: &Threads<'_>,
    series: &[Series],
    member_of: &[u32],
    names: &[Vec<Name>],
    s: usize,
) -> Option<usize> {
    let me = &series[s];
    let first = me.members().next()?;
    threads
        .ancestor_msgs(first)
        .map(|a| member_of[a])
        .filter(|&t| t != u32::MAX)
        .map(|t| t as usize)
        .find(|&t| {
            let them = &series[t];
            t != s
                && them.pull == me.pull
                && (them.date, &them.key) < (me.date, &me.key)
                && them.version <= me.version.max(1)
                // A new version says so, or is about the same thing: an unnumbered patch posted
                // in reply to a series is not a new version of it.
                && ((me.version_explicit && them.version < me.version) || similar(&names[t], &names[s]))
                && (same_person(&them.submitter, &me.submitter) || similar(&names[t], &names[s]))
        })
}

fn by_subject(
    cands: &[Cand],
    by_sender: &HashMap<String, Vec<usize>>,
    my_names: &[Name],
    me: &Series,
) -> Option<usize> {
    let bucket = by_sender.get(&sender_key(&me.submitter))?;
    // The bucket is sorted by date: only the last six months before `me` can be candidates.
    let from = bucket.partition_point(|&c| cands[c].date < me.date - MAX_GAP);
    let to = bucket.partition_point(|&c| cands[c].date <= me.date);
    bucket[from..to]
        .iter()
        .copied()
        .filter(|&t| earlier(&cands[t], me) && same_person(&cands[t].submitter, &me.submitter))
        .filter(|&t| {
            let tv = cands[t].version;
            tv < me.version
                || !me.version_explicit
                || (tv == me.version && (me.resend || me.date - cands[t].date <= SAME_VERSION_GAP))
        })
        .filter(|&t| similar(&cands[t].names, my_names))
        .max_by_key(|&t| (cands[t].date, cands[t].version))
}

/// The subjects a series is known by: its cover letter's and its first patch's.
fn names(msgs: &[Msg], s: &Series) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    let raw = s.cover.iter().chain(s.patches.first().map(|p| &p.msg));
    for &m in raw {
        if let Some(n) = Name::new(&msgs[m].tags.name)
            && !out.iter().any(|o| o.text == n.text)
        {
            out.push(n);
        }
    }
    out
}

/// A subject reduced for comparison: lower case, words only.
pub fn normalise(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Equal names, or names sharing most of their words (for reworded subjects).
fn similar(a: &[Name], b: &[Name]) -> bool {
    a.iter().any(|x| {
        b.iter()
            .any(|y| x.text == y.text || word_overlap(&x.words, &y.words) >= 0.75)
    })
}

/// Shared words over the larger word count, for names of three words or more.
fn word_overlap(a: &[String], b: &[String]) -> f64 {
    if a.len() < 3 || b.len() < 3 {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / a.len().max(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Vec<Name> {
        Name::new(s).into_iter().collect()
    }

    #[test]
    fn names_compare_loosely() {
        assert_eq!(normalise("net: foo: Cleanups!"), "net foo cleanups");
        assert!(similar(
            &n("net: foo: add ring size parameter"),
            &n("net: foo: add a ring size parameter")
        ));
        assert!(similar(&n("Fix typo"), &n("fix  typo.")));
        assert!(!similar(&n("net: foo: cleanups"), &n("gpio: bar: fixes")));
        assert!(!similar(&n("fix typo"), &n("fix typo in x")));
    }
}
