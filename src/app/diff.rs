//! `patchq diff`: what changed between two revisions of a series, patch by patch as
//! `git range-diff` shows it, from the posted mail alone (no repository): pairs by patch-id
//! (unchanged), then by subject, then by changed lines (changed, with the diff of the two
//! diffs); the rest added or dropped; and the cover letter's changes.
//!
//! Owns: choosing the revisions, pairing their patches, and the interdiffs. Must not: print or
//! run SQL.

use std::collections::HashMap;

use similar::TextDiff;

use super::AppError;
use crate::gitlink::subject_key;
use crate::parse::fingerprint::{changed_lines, similarity};
use crate::parse::{ParseOptions, parse_mail};
use crate::store::{SeriesRow, Store};

/// Changed-line similarity from which two patches with different subjects are one reworked.
const SAME_WORK: f64 = 0.5;

/// How a patch fared from one revision to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Unchanged,
    Changed,
    Added,
    Dropped,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Dropped => "dropped",
        }
    }
}

/// One patch of either revision, or a pair of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// `(number, Message-ID)` in the older revision.
    pub from: Option<(u32, String)>,
    /// `(number, Message-ID)` in the newer one.
    pub to: Option<(u32, String)>,
    /// The newer subject (the older for a dropped patch).
    pub subject: String,
    pub change: Change,
    /// For `changed`: the unified diff from the older patch's diff to the newer's.
    pub interdiff: String,
}

/// Two revisions compared.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionDiff {
    pub from: SeriesRow,
    pub to: SeriesRow,
    pub pairs: Vec<Pair>,
    /// The unified diff of the cover letters' text (empty when equal or absent).
    pub cover: String,
}

/// One patch as compared: its number, Message-ID, subject, patch-id and diff.
struct Side {
    number: u32,
    msgid: String,
    subject: String,
    patch_id: Option<String>,
    diff: String,
}

/// Compares revisions `from` and `to` (versions: `v2` is 2) of the chain holding series `id`;
/// by default the newest and the one before it.
pub fn diff(
    store: &Store,
    id: i64,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<RevisionDiff, AppError> {
    let _read = store.read_tx()?;
    let mut chain = Vec::new();
    for r in store.revisions(id)? {
        chain.extend(store.series_by_id(r)?);
    }
    let pick = |v: Option<u32>, default: Option<&SeriesRow>| -> Result<SeriesRow, AppError> {
        match v {
            Some(v) => chain
                .iter()
                .find(|s| s.version == v)
                .cloned()
                .ok_or_else(|| {
                    let have: Vec<String> =
                        chain.iter().map(|s| format!("v{}", s.version)).collect();
                    AppError::User(format!(
                        "no revision v{v}; the chain has {}",
                        have.join(", ")
                    ))
                }),
            None => default.cloned().ok_or_else(|| {
                AppError::User(format!(
                    "series {id} has a single revision: nothing to compare"
                ))
            }),
        }
    };
    let newest = chain.last();
    let to = pick(to, newest)?;
    let before = chain
        .iter()
        .rposition(|s| s.id == to.id)
        .and_then(|i| i.checked_sub(1));
    let from = pick(from, before.map(|i| &chain[i]))?;
    let (old, old_cover) = sides(store, &from)?;
    let (new, new_cover) = sides(store, &to)?;
    Ok(RevisionDiff {
        pairs: pair(&old, &new),
        cover: unified(&old_cover, &new_cover, &from, &to),
        from,
        to,
    })
}

/// The patches of `s` with their diffs, and its cover letter's text.
fn sides(store: &Store, s: &SeriesRow) -> Result<(Vec<Side>, String), AppError> {
    let patches: Vec<_> = s.patches.iter().filter(|p| !p.duplicate).collect();
    let mut ids: Vec<i64> = patches.iter().map(|p| p.message_id).collect();
    let cover = match &s.cover {
        Some(c) => store.message_rows_of(&[c.as_str()])?.first().copied(),
        None => None,
    };
    ids.extend(cover);
    let mut diffs: HashMap<i64, String> = HashMap::new();
    let mut cover_text = String::new();
    store.each_raw_message(&ids, |row, raw| {
        if let Ok(mail) = parse_mail(raw, &ParseOptions::default()) {
            if Some(row) == cover {
                cover_text = mail.body.clone();
            } else {
                diffs.insert(row, mail.diff.unwrap_or_default());
            }
        }
    })?;
    let sides = patches
        .iter()
        .map(|p| Side {
            number: p.number,
            msgid: p.msgid.clone(),
            subject: crate::parse::subject::parse_subject(&p.subject).name,
            patch_id: p.patch_id.clone(),
            diff: normalise(diffs.get(&p.message_id).map_or("", String::as_str)),
        })
        .collect();
    Ok((sides, cover_text))
}

/// A diff as range-diff compares them: `index` lines dropped and hunk headers without their
/// line numbers (a rebase moves them; that is no change to the patch).
fn normalise(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len());
    for line in diff.lines() {
        if line.starts_with("index ") {
            continue;
        }
        match line.strip_prefix("@@ ").and_then(|l| l.split_once(" @@")) {
            Some((_, rest)) => out.push_str(&format!("@@{rest}")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Pairs the patches of two revisions: equal patch-ids, then equal subjects, then the most
/// similar changed lines (at least [`SAME_WORK`]); in the newer revision's order, each dropped
/// patch after the pairs that come before it in the older one.
fn pair(old: &[Side], new: &[Side]) -> Vec<Pair> {
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let mut link = |test: &dyn Fn(&Side, &Side) -> bool| {
        for (j, n) in new.iter().enumerate() {
            if of_new[j].is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| !taken[i] && test(&old[i], n)) {
                of_new[j] = Some(i);
                taken[i] = true;
            }
        }
    };
    link(&|o, n| o.patch_id.is_some() && o.patch_id == n.patch_id);
    link(&|o, n| subject_key(&o.subject) == subject_key(&n.subject));
    link(&|o, n| similarity(&changed_lines(&o.diff), &changed_lines(&n.diff)) >= SAME_WORK);
    let mut out: Vec<(u32, Pair)> = Vec::new();
    for (j, n) in new.iter().enumerate() {
        let to = Some((n.number, n.msgid.clone()));
        let pair = match of_new[j].map(|i| &old[i]) {
            Some(o) => {
                let same = o.patch_id.is_some() && o.patch_id == n.patch_id || o.diff == n.diff;
                Pair {
                    from: Some((o.number, o.msgid.clone())),
                    to,
                    subject: n.subject.clone(),
                    change: if same {
                        Change::Unchanged
                    } else {
                        Change::Changed
                    },
                    interdiff: if same {
                        String::new()
                    } else {
                        interdiff(&o.diff, &n.diff)
                    },
                }
            }
            None => Pair {
                from: None,
                to,
                subject: n.subject.clone(),
                change: Change::Added,
                interdiff: String::new(),
            },
        };
        out.push((n.number, pair));
    }
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        // After the newer patch paired with the older one just before it.
        let after = (0..i)
            .rev()
            .find_map(|k| of_new.iter().position(|m| *m == Some(k)))
            .map_or(0, |j| new[j].number);
        let at = out
            .iter()
            .position(|(n, _)| *n > after)
            .unwrap_or(out.len());
        out.insert(
            at,
            (
                after,
                Pair {
                    from: Some((o.number, o.msgid.clone())),
                    to: None,
                    subject: o.subject.clone(),
                    change: Change::Dropped,
                    interdiff: String::new(),
                },
            ),
        );
    }
    out.into_iter().map(|(_, p)| p).collect()
}

fn interdiff(old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .to_string()
}

fn unified(old: &str, new: &str, from: &SeriesRow, to: &SeriesRow) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("v{} cover letter", from.version),
            &format!("v{} cover letter", to.version),
        )
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(number: u32, subject: &str, pid: &str, diff: &str) -> Side {
        Side {
            number,
            msgid: format!("{subject}@x"),
            subject: subject.to_string(),
            patch_id: Some(pid.to_string()),
            diff: normalise(diff),
        }
    }

    const D1: &str = "diff --git a/a.c b/a.c\nindex 1..2 100644\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@ f\n-int alpha_one = 1;\n+int alpha_one = 2;\n";
    const D2: &str = "diff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n@@ -4 +4 @@\n-int beta_two = 1;\n+int beta_two = 2;\n";

    #[test]
    fn patches_pair_by_patch_id_then_subject_then_lines() {
        let old = vec![
            side(1, "[PATCH 1/3] a: one", "p1", D1),
            side(2, "[PATCH 2/3] b: two", "p2", D2),
            side(3, "[PATCH 3/3] c: three", "p3", "diff --git a/c.c b/c.c\n"),
        ];
        let moved = D1
            .replace("@@ -1,3 +1,3 @@", "@@ -7,3 +7,3 @@")
            .replace("index 1..2", "index 3..4");
        let new = vec![
            side(1, "[PATCH v2 1/3] a: one", "q1", &moved),
            side(
                2,
                "[PATCH v2 2/3] b: two",
                "q2",
                &D2.replace("= 2;", "= 3;"),
            ),
            side(
                3,
                "[PATCH v2 3/3] d: four",
                "q4",
                "diff --git a/d.c b/d.c\n",
            ),
        ];
        let got: Vec<(Option<u32>, Option<u32>, Change)> = pair(&old, &new)
            .iter()
            .map(|p| {
                (
                    p.from.as_ref().map(|f| f.0),
                    p.to.as_ref().map(|t| t.0),
                    p.change,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(1), Some(1), Change::Unchanged),
                (Some(2), Some(2), Change::Changed),
                (Some(3), None, Change::Dropped),
                (None, Some(3), Change::Added),
            ]
        );
        let p = &pair(&old, &new)[1];
        assert!(
            p.interdiff
                .contains("-+int beta_two = 2;\n++int beta_two = 3;\n"),
            "{}",
            p.interdiff
        );
    }
}
