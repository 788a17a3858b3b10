//! Subjects compared the way revisions are recognised: normalised words, hashed, a topic
//! (before the last colon) that must be equal, and how many words two descriptions share.
//!
//! Pure: must not look at dates, senders or threads (`revisions` does).

/// A subject prepared for comparison: its normalised text, the topic before its last colon
/// (`net: foo` of `net: foo: fix bar`), and the sorted distinct words of the rest. Words are
/// hashed (low bit: the word holds a digit), so that comparing allocates nothing.
#[derive(Clone)]
pub(super) struct Name {
    text: u64,
    /// The hash of no words when there is no topic.
    topic: u64,
    words: Vec<u64>,
}

impl Name {
    pub(super) fn new(raw: &str) -> Option<Name> {
        let (topic, rest) = match raw.rfind(':') {
            Some(i) => (Some(&raw[..i]), &raw[i + 1..]),
            None => (None, raw),
        };
        let mut topic_words = Vec::new();
        if let Some(t) = topic {
            hashed_words(t, &mut topic_words);
        }
        let mut words = Vec::new();
        hashed_words(rest, &mut words);
        if topic_words.is_empty() && words.is_empty() {
            return None;
        }
        let text = sequence_hash(topic_words.iter().chain(&words));
        let topic = sequence_hash(&topic_words);
        words.sort_unstable();
        words.dedup();
        Some(Name { text, topic, words })
    }

    fn has_topic(&self) -> bool {
        self.topic != sequence_hash(&[])
    }
}

/// Appends the words of `s` (runs of letters, digits and `_`, lower-cased), each hashed, the low
/// bit set when it holds a digit.
fn hashed_words(s: &str, out: &mut Vec<u64>) {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let (mut len, mut digit) = (0usize, false);
    let mut flush = |h: &mut rustc_hash::FxHasher, len: &mut usize, digit: &mut bool| {
        if *len > 0 {
            out.push((h.finish() << 1) | u64::from(*digit));
        }
        *h = rustc_hash::FxHasher::default();
        (*len, *digit) = (0, false);
    };
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            for l in c.to_lowercase() {
                h.write_u32(l as u32);
            }
            len += 1;
            digit |= c.is_ascii_digit();
        } else {
            flush(&mut h, &mut len, &mut digit);
        }
    }
    flush(&mut h, &mut len, &mut digit);
}

fn sequence_hash<'a>(words: impl IntoIterator<Item = &'a u64>) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for w in words {
        h.write_u64(*w);
    }
    h.finish()
}

/// What a series is known by: its cover letter's subject, its first patch's, and, for a series
/// of several patches without a cover letter, every patch's.
#[derive(Clone, Default)]
pub(super) struct Names {
    pub(super) cover: Option<Name>,
    pub(super) first: Option<Name>,
    pub(super) patches: Vec<Name>,
}

/// Two series are about the same work: the same cover letter subject when both have one
/// (allowing for rewording; else the very same first patch), a cover or first-patch subject in
/// common otherwise; and for two cover-less series of several patches, more than half the patches
/// of the smaller one in common too (a maintainer's "Start new development cycle" heads every
/// cycle's series).
pub(super) fn similar(a: &Names, b: &Names) -> bool {
    similar_as(a, b, false)
}

/// `similar`, more loosely (most words shared rather than nearly all) when the newer series says
/// it is a higher version: `v16 ... cover for clone and clone3 syscall` / `v17 ... cover for
/// clone syscall`.
pub(super) fn similar_as(a: &Names, b: &Names, loose: bool) -> bool {
    let min = if loose { 0.6 } else { 0.8 };
    let name = |x: &Option<Name>, y: &Option<Name>| match (x, y) {
        (Some(x), Some(y)) => similar_name(x, y, min),
        _ => false,
    };
    let same_work = match (&a.cover, &b.cover) {
        (Some(_), Some(_)) => {
            name(&a.cover, &b.cover)
                || matches!((&a.first, &b.first), (Some(x), Some(y)) if x.text == y.text)
        }
        _ => name(&a.first, &b.first) || name(&a.cover, &b.first) || name(&a.first, &b.cover),
    };
    same_work
        && (a.patches.is_empty() || b.patches.is_empty() || {
            // More than half, or half for a series that says it is a newer version.
            let (common, fewer) = (
                shared(&a.patches, &b.patches, min),
                a.patches.len().min(b.patches.len()),
            );
            2 * common > fewer || (loose && 2 * common == fewer)
        })
}

fn shared(a: &[Name], b: &[Name], min: f64) -> usize {
    a.iter()
        .filter(|x| b.iter().any(|y| similar_name(x, y, min)))
        .count()
}

/// Equal subjects, or subjects of the same topic whose descriptions share most words (for
/// rewording: `fix check of signed policy` / `fix signed policy check`). The topic must be equal:
/// `fsync03: convert docs` and `msgctl05: convert docs` are different work.
fn similar_name(x: &Name, y: &Name, min: f64) -> bool {
    // Short descriptions without a topic differ by a word or two and mean different things
    // (`Add SAFE_KEYCTL macro`, `Add SAFE_STATX macro`): the loose measure is for long ones, or
    // for a shared topic (`fsync03: Convert docs to docparse` / `fsync03: Convert docs to RST`).
    let min = if !x.has_topic() && x.words.len().min(y.words.len()) < 5 {
        min.max(0.8)
    } else {
        min
    };
    x.text == y.text
        || (x.topic == y.topic
            && no_new_numbers(&x.words, &y.words)
            && word_overlap(&x.words, &y.words) >= min)
}

/// A reworded subject may drop words with digits but brings in none: `... 20210906` and
/// `... 20210921` are two pull requests, `update to v3.0` and `update to v3.2` two updates.
fn no_new_numbers(older: &[u64], newer: &[u64]) -> bool {
    newer
        .iter()
        .filter(|&&w| w & 1 == 1)
        .all(|w| older.binary_search(w).is_ok())
}

/// Shared words over the larger word count, for descriptions of three words or more.
fn word_overlap(a: &[u64], b: &[u64]) -> f64 {
    if a.len() < 3 || b.len() < 3 {
        return 0.0;
    }
    crate::model::sorted_overlap(a, b) as f64 / a.len().max(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Names {
        Names {
            first: Name::new(s),
            ..Names::default()
        }
    }

    #[test]
    fn names_compare_loosely() {
        assert!(similar(
            &n("net: foo: add ring size parameter"),
            &n("net: foo: add a ring size parameter")
        ));
        assert!(similar(&n("Fix typo"), &n("fix  typo.")));
        assert!(similar(
            &n("ima_setup.sh: Fix check of signed policy requirement"),
            &n("ima_setup.sh: Fix signed policy requirement check")
        ));
        assert!(!similar(&n("net: foo: cleanups"), &n("gpio: bar: fixes")));
        assert!(!similar(&n("fix typo"), &n("fix typo in x")));
        // Seen on LTP: one sender's many "X: Convert docs to docparse" made a 28-long chain.
        assert!(!similar(
            &n("fsync03: Convert docs to docparse"),
            &n("msgctl05: Convert docs to docparse")
        ));
        assert!(!similar(
            &n("syscalls: kill: Remove kill07"),
            &n("syscalls: kill: Remove kill12")
        ));
        assert!(!similar(
            &n("kirk: Update to v3.0"),
            &n("kirk: Update to v3.2")
        ));
        // Seen on LTP: v17 reworded v16's subject.
        let v16 = n("Add tls parameter and flag:CLONE_SETTLS cover for clone and clone3 syscall");
        let v17 = n("Add tls parameter and flag:CLONE_SETTLS cover for clone syscall");
        assert!(!similar(&v16, &v17));
        assert!(similar_as(&v16, &v17, true));
        // Seen on LTP: two series by one sender whose first patches add different macros.
        assert!(!similar_as(
            &n("Add SAFE_KEYCTL macro"),
            &n("Add SAFE_STATX macro"),
            true
        ));
        let with_cover = |cover: &str, first: &str| Names {
            cover: Name::new(cover),
            first: Name::new(first),
            patches: Vec::new(),
        };
        assert!(!similar_as(
            &with_cover(
                "Reproducer for the landlock houdini bug",
                "Add landlock07 test"
            ),
            &with_cover(
                "statmount/listmount testing suites",
                "Add landlock07 test doc"
            ),
            true
        ));
        assert!(similar(
            &with_cover("statmount testing suites", "Add SAFE_STATX macro"),
            &with_cover("statmount/listmount testing suites", "Add SAFE_STATX macro"),
        ));
    }

    #[test]
    fn coverless_series_share_half_their_patches() {
        let series = |names: &[&str]| Names {
            cover: None,
            first: Name::new(names[0]),
            patches: names.iter().filter_map(|s| Name::new(s)).collect(),
        };
        let cycle = "batman-adv: Start new development cycle";
        let a = series(&[
            cycle,
            "batman-adv: Drop prandom.h includes",
            "batman-adv: fix x",
        ]);
        let b = series(&[
            cycle,
            "batman-adv: Add new netlink attribute",
            "batman-adv: fix y",
        ]);
        let a2 = series(&[
            cycle,
            "batman-adv: Drop prandom.h includes",
            "batman-adv: fix z",
        ]);
        assert!(!similar(&a, &b));
        assert!(similar(&a, &a2));
        assert!(similar(&a, &n(cycle)));
    }
}
