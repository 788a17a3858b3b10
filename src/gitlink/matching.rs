//! Deciding which posted patch a commit is: the evidence each signal gives for one commit and one
//! patch, and the choice among a commit's candidates (stronger signal first, then the better
//! score, then the revision whose sibling patches landed, then the newer posting).
//!
//! Pure: takes facts already gathered, must not read git or the database.

use crate::model::{LinkMethod, Person};
use crate::parse::fingerprint::{overlap, similarity};
pub use crate::thread::same_person;

/// Changed-line similarity (Dice over the fingerprints) from which two diffs count as the same
/// change. Measured on the LTP archive (`tests/it/corpus_link.rs`, run by CI): between
/// consecutive revisions of one patch whose patch-id changed (edits far larger than a
/// maintainer's touch-ups) 67% reach 0.5; of 88,000 pairs of patches by different senders from
/// unrelated work on a common file, 0.09% do (mostly the same change re-posted by someone else).
/// 0.3 would gain 6 points of recall for twice the false matches; 0.7 lose 8 for half.
pub const DIFF_THRESHOLD: f64 = 0.5;
/// A diff match on fewer shared lines than this also needs the same author.
pub const DIFF_MIN_SHARED: usize = 3;
/// A patch may be posted up to this long before the commit that applies it.
pub const WINDOW_BEFORE: i64 = 730 * 86_400;
/// ... and this long after: clocks and time zones written wrong, and a maintainer's batch (a
/// pull request to the next tree, sent as patches) re-sending commits made without a posting
/// here, typically within days (a posting from before the commit always ranks first).
pub const WINDOW_AFTER: i64 = 14 * 86_400;

/// Postings of one subject spread wider than this are a recurring subject (the same author's
/// "Start new development cycle" every release: 24 of the 30 subject links on the B.A.T.M.A.N.
/// list, nearly all to the wrong cycle), which says nothing about which of them a commit
/// applies; revisions of one patch lie closer together.
pub const RECURRING_SPREAD: i64 = 120 * 86_400;

/// What is known of a commit when its candidates are judged.
pub struct CommitSide<'a> {
    pub author: &'a Person,
    /// The author date (`git am` keeps the mail's `Date:` as it), UTC seconds.
    pub author_time: i64,
    pub commit_time: i64,
    /// `subject_key` of the summary line.
    pub subject: &'a str,
    /// Other commits of its repository have the same subject: the subject is no evidence.
    pub subject_recurs: bool,
    pub paths: &'a [String],
    pub patch_id: Option<&'a str>,
    pub lines: &'a [u64],
}

/// What is known of one posted patch.
pub struct PatchSide<'a> {
    /// The commit message names this patch's Message-ID.
    pub named: bool,
    /// The commit message names the cover letter (or another patch) of this patch's series.
    pub series_named: bool,
    pub date: i64,
    /// Sender and in-body author.
    pub people: &'a [Person],
    pub subject: &'a str,
    pub paths: &'a [String],
    pub patch_id: Option<&'a str>,
    pub lines: &'a [u64],
    /// A reply carrying a diff, not a patch: only its diff counts (`reply-diff`).
    pub reply: bool,
    /// Other commits judged with this one that apply patches of the same series: among
    /// revisions carrying an identical patch, the one whose siblings landed is the one applied.
    pub support: u32,
}

/// Why a commit was tied to a patch, and how well.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    pub method: LinkMethod,
    /// 1.0 for exact signals, the changed-line similarity for `diff`.
    pub score: f64,
}

/// The strongest evidence that `c` applies `p`, if any: for a reply's diff, only an equal
/// patch-id or changed lines, as `reply-diff`.
pub fn judge(c: &CommitSide<'_>, p: &PatchSide<'_>) -> Option<Verdict> {
    let v = judge_patch(c, p)?;
    match (p.reply, v.method) {
        (false, _) => Some(v),
        (true, LinkMethod::PatchId | LinkMethod::Diff) => Some(Verdict {
            method: LinkMethod::ReplyDiff,
            score: v.score,
        }),
        (true, _) => None,
    }
}

fn judge_patch(c: &CommitSide<'_>, p: &PatchSide<'_>) -> Option<Verdict> {
    let exact = |method| Some(Verdict { method, score: 1.0 });
    if p.named {
        return exact(LinkMethod::LinkTrailer);
    }
    if p.date > c.commit_time + WINDOW_AFTER || p.date < c.commit_time - WINDOW_BEFORE {
        return None;
    }
    if p.patch_id.is_some() && p.patch_id == c.patch_id {
        return exact(LinkMethod::PatchId);
    }
    let same_author = p.people.iter().any(|q| same_person(q, c.author));
    if let Some(sim) = same_change(p.lines, c.lines, same_author, DIFF_THRESHOLD) {
        return Some(Verdict {
            method: LinkMethod::Diff,
            score: sim,
        });
    }
    if same_author
        && !c.subject_recurs
        && !c.subject.is_empty()
        && c.subject == p.subject
        && p.paths.iter().any(|x| c.paths.contains(x))
    {
        return exact(LinkMethod::Subject);
    }
    None
}

/// The `diff` rule: two changed-line fingerprints are the same change when their similarity
/// reaches `threshold` (the product uses `DIFF_THRESHOLD`; the corpus test measures others) on
/// `DIFF_MIN_SHARED` shared lines, or fewer from the same author. Returns the similarity.
pub fn same_change(a: &[u64], b: &[u64], same_author: bool, threshold: f64) -> Option<f64> {
    let shared = overlap(a, b);
    let sim = similarity(a, b);
    (sim >= threshold && (shared >= DIFF_MIN_SHARED || (shared > 0 && same_author))).then_some(sim)
}

/// The candidate `c` applies, with the evidence. A commit that names a series (its cover letter)
/// but no patch of it takes the one patch of that series other evidence points at, or the only
/// patch there is; with neither it links nothing.
pub fn choose(c: &CommitSide<'_>, candidates: &[PatchSide<'_>]) -> Option<(usize, Verdict)> {
    let mut best: Option<(usize, Verdict)> = None;
    let named_series = candidates.iter().filter(|p| p.series_named).count();
    let recurring = recurring_subject(c, candidates);
    for (i, p) in candidates.iter().enumerate() {
        let verdict = match judge(c, p) {
            Some(v) if v.method == LinkMethod::Subject && recurring => None,
            Some(v) if p.series_named => Some(Verdict {
                method: LinkMethod::LinkTrailer,
                score: v.score,
            }),
            None if p.series_named && named_series == 1 => Some(Verdict {
                method: LinkMethod::LinkTrailer,
                score: 0.0,
            }),
            v => v,
        };
        let Some(v) = verdict else { continue };
        if best.is_none_or(|(j, b)| better(c, v, p, b, &candidates[j])) {
            best = Some((i, v));
        }
    }
    best
}

/// Whether the candidates posted under the commit's subject spread wider than
/// [`RECURRING_SPREAD`].
fn recurring_subject(c: &CommitSide<'_>, candidates: &[PatchSide<'_>]) -> bool {
    let dates = candidates
        .iter()
        .filter(|p| !c.subject.is_empty() && p.subject == c.subject)
        .map(|p| p.date);
    match (dates.clone().min(), dates.max()) {
        (Some(lo), Some(hi)) => hi - lo > RECURRING_SPREAD,
        _ => false,
    }
}

/// A `Link:` to the patch first, a reply's diff last; then a posting from before the commit
/// over one from after it (a maintainer's batch re-sending what was applied is not what was
/// applied, even when it matches the commit better); then the posting whose `Date:` the commit
/// kept as its author date, to the second (`git am` does: that is the one applied, even when
/// another revision's content matches better, as when the applied mail's diff was mangled in
/// transit and the maintainer repaired it); then the stronger method, the higher score, the
/// series whose other patches landed, and the later posting (the newer revision).
fn better(
    c: &CommitSide<'_>,
    v: Verdict,
    p: &PatchSide<'_>,
    w: Verdict,
    q: &PatchSide<'_>,
) -> bool {
    let key = |v: Verdict, p: &PatchSide<'_>| {
        (
            v.method != LinkMethod::LinkTrailer,
            v.method == LinkMethod::ReplyDiff,
            p.date > c.commit_time,
            p.date != c.author_time,
            v.method,
            -v.score,
            -i64::from(p.support),
            -p.date,
        )
    };
    key(v, p) < key(w, q)
}

/// Share of a patch's changed lines a commit must hold for the patch to count as squashed into
/// it (a later patch of the series may rework some of the earlier one's lines).
pub const SQUASH_HELD: f64 = 0.7;
/// Share of the commit's changed lines the squashed patches together must account for.
pub const SQUASH_COVERED: f64 = 0.5;

/// Whether commit `c` is several patches of one series squashed together: given that series'
/// candidate patches (the one `choose` picked among them), the share of each patch's changed
/// lines the commit holds, for those it holds enough of; `None` unless at least two qualify and
/// together they make up most of the commit. A patch of fewer than [`DIFF_MIN_SHARED`] lines
/// held is no member (a one-line change is found in many commits of its file); a commit equal
/// to one patch by patch-id is that patch alone.
pub fn squashed(c: &CommitSide<'_>, series: &[&PatchSide<'_>]) -> Option<Vec<Option<f64>>> {
    if c.lines.is_empty()
        || series
            .iter()
            .any(|p| p.patch_id.is_some() && p.patch_id == c.patch_id)
    {
        return None;
    }
    let mut covered = 0;
    let held: Vec<Option<f64>> = series
        .iter()
        .map(|p| {
            let shared = overlap(p.lines, c.lines);
            let share = shared as f64 / p.lines.len().max(1) as f64;
            (!p.reply && shared >= DIFF_MIN_SHARED && share >= SQUASH_HELD).then(|| {
                covered += shared;
                share
            })
        })
        .collect();
    let members = held.iter().flatten().count();
    let covered = covered.min(c.lines.len()) as f64 / c.lines.len() as f64;
    (members >= 2 && covered >= SQUASH_COVERED).then_some(held)
}

/// A subject reduced for comparison: bracket prefixes and reply markers gone, case and white
/// space folded, a final full stop dropped.
pub fn subject_key(subject: &str) -> String {
    let name = crate::parse::subject::parse_subject(subject).name;
    let folded = name.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.trim_end_matches('.').to_lowercase()
}

#[cfg(test)]
mod tests;
