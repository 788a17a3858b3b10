//! Matching policy on hand-made facts: each signal, its limits (author, path, time window), and
//! how ties between revisions are broken.

use super::*;

const DAY: i64 = 86_400;

fn person(name: &str, email: &str) -> Person {
    Person {
        name: name.into(),
        email: email.into(),
    }
}

struct Fixture {
    author: Person,
    paths: Vec<String>,
}

fn fixture() -> Fixture {
    Fixture {
        author: person("Jane Dev", "jane@example.org"),
        paths: vec!["drivers/foo.c".into()],
    }
}

fn commit<'a>(f: &'a Fixture, pid: Option<&'a str>, lines: &'a [u64]) -> CommitSide<'a> {
    CommitSide {
        author: &f.author,
        author_time: 99 * DAY,
        commit_time: 100 * DAY,
        subject: "foo: fix bar",
        subject_recurs: false,
        paths: &f.paths,
        patch_id: pid,
        lines,
    }
}

fn patch<'a>(
    f: &'a Fixture,
    people: &'a [Person],
    pid: Option<&'a str>,
    lines: &'a [u64],
) -> PatchSide<'a> {
    PatchSide {
        named: false,
        series_named: false,
        date: 90 * DAY,
        people,
        subject: "foo: fix bar",
        paths: &f.paths,
        patch_id: pid,
        lines,
        reply: false,
        support: 0,
    }
}

#[test]
fn signals_in_order_of_strength() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, Some("aa"), &[1, 2, 3, 4]);
    let mut p = patch(&f, &me, Some("aa"), &[1, 2, 3, 4]);
    p.named = true;
    assert_eq!(judge(&c, &p).unwrap().method, LinkMethod::LinkTrailer);
    p.named = false;
    assert_eq!(judge(&c, &p).unwrap().method, LinkMethod::PatchId);
    p.patch_id = Some("bb");
    assert_eq!(
        judge(&c, &p),
        Some(Verdict {
            method: LinkMethod::Diff,
            score: 1.0
        })
    );
    p.lines = &[7, 8, 9];
    assert_eq!(judge(&c, &p).unwrap().method, LinkMethod::Subject);
}

#[test]
fn subject_needs_author_path_and_time() {
    let f = fixture();
    let other = [person("Someone Else", "else@example.com")];
    let me = [person("JANE  DEV", "Jane+lists@Example.org")];
    let c = commit(&f, None, &[]);
    assert_eq!(judge(&c, &patch(&f, &other, None, &[])), None);
    assert_eq!(
        judge(&c, &patch(&f, &me, None, &[])).unwrap().method,
        LinkMethod::Subject
    );
    let elsewhere = vec!["drivers/bar.c".to_string()];
    let mut p = patch(&f, &me, None, &[]);
    p.paths = &elsewhere;
    assert_eq!(judge(&c, &p), None);
    // Eight months before the commit (applied late): still the same work.
    let mut p = patch(&f, &me, None, &[]);
    p.date = c.commit_time - 240 * DAY;
    assert_eq!(judge(&c, &p).unwrap().method, LinkMethod::Subject);
    // Beyond the patch window: not.
    p.date = c.commit_time - WINDOW_BEFORE - DAY;
    assert_eq!(judge(&c, &p), None);
    // Posted well after the commit was made: not the patch it applies (a batch re-sending it
    // comes within days).
    p.date = c.commit_time + WINDOW_AFTER + DAY;
    assert_eq!(judge(&c, &p), None);
    p.date = c.commit_time + 3 * DAY;
    assert_eq!(judge(&c, &p).unwrap().method, LinkMethod::Subject);
}

#[test]
fn diff_needs_enough_shared_lines_or_the_author() {
    let f = fixture();
    let other = [person("Someone Else", "else@example.com")];
    let me = [f.author.clone()];
    let c = commit(&f, None, &[1, 2]);
    let mut p = patch(&f, &other, None, &[1, 2]);
    p.subject = "other";
    assert_eq!(judge(&c, &p), None);
    p.people = &me;
    assert_eq!(judge(&c, &p).unwrap().method, LinkMethod::Diff);
    let c = commit(&f, None, &[1, 2, 3, 4, 5, 6]);
    p.lines = &[1, 2, 3, 10, 11, 12, 13];
    p.people = &other;
    assert_eq!(judge(&c, &p), None, "3 of 6/7 is below the threshold");
    p.lines = &[1, 2, 3, 4, 5, 10];
    assert!(judge(&c, &p).unwrap().score > 0.8);
}

#[test]
fn the_newest_revision_wins_a_tie_and_the_stronger_signal_wins_over_it() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, Some("aa"), &[1, 2, 3]);
    let v1 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    let mut v2 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    v2.date = 95 * DAY;
    assert_eq!(choose(&c, &[v1, v2]).unwrap().0, 1);
    let v1 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    let mut v2 = patch(&f, &me, Some("bb"), &[1, 2, 3, 4]);
    v2.date = 95 * DAY;
    assert_eq!(
        choose(&c, &[v1, v2]).unwrap(),
        (
            0,
            Verdict {
                method: LinkMethod::PatchId,
                score: 1.0
            }
        )
    );
    // v1 applied although v2 repeats this patch: v1's other patch landed with it.
    let mut v1 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    v1.support = 1;
    let mut v2 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    v2.date = 95 * DAY;
    assert_eq!(choose(&c, &[v1, v2]).unwrap().0, 0);
}

#[test]
fn a_replys_diff_counts_by_its_content_only_and_below_a_patch() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, Some("aa"), &[1, 2, 3]);
    let mut r = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    r.reply = true;
    assert_eq!(judge(&c, &r).unwrap().method, LinkMethod::ReplyDiff);
    // Same subject and author, other content: a reply's subject says nothing.
    let mut r2 = patch(&f, &me, Some("zz"), &[7]);
    r2.reply = true;
    assert_eq!(judge(&c, &r2), None);
    // The series' own patch with the same content wins.
    let mut r = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    r.reply = true;
    r.date = c.author_time;
    let p = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    assert_eq!(
        choose(&c, &[r, p]).unwrap(),
        (
            1,
            Verdict {
                method: LinkMethod::PatchId,
                score: 1.0
            }
        )
    );
    // A patch applied and then reworked as the reply suggested (its subject, author and Date:
    // kept) is that patch landing, not the reply.
    let mut r = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    r.reply = true;
    let mut p = patch(&f, &me, Some("old"), &[9]);
    p.date = c.author_time;
    assert_eq!(choose(&c, &[r, p]).unwrap().1.method, LinkMethod::Subject);
}

#[test]
fn a_recurring_subject_is_no_evidence() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, None, &[]);
    // "Start new development cycle", posted every release: none of them is the one.
    let cycle = |days: i64| {
        let mut p = patch(&f, &me, None, &[]);
        p.date = c.commit_time - days * DAY;
        p
    };
    assert_eq!(choose(&c, &[cycle(70), cycle(140), cycle(210)]), None);
    // Revisions of one patch, weeks apart: the newest.
    let (i, v) = choose(&c, &[cycle(40), cycle(10), cycle(25)]).unwrap();
    assert_eq!((i, v.method), (1, LinkMethod::Subject));
}

#[test]
fn of_equal_postings_the_one_whose_date_the_commit_kept_wins() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, Some("aa"), &[1, 2, 3]);
    // The older posting carries the commit's author date to the second: `git am` applied it,
    // over the newer one and over a sibling's support.
    let mut v2 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    v2.date = c.author_time;
    let mut v3 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    v3.date = c.author_time + DAY / 2;
    v3.support = 2;
    assert_eq!(choose(&c, &[v3, v2]).unwrap().0, 1);
    // Neither date kept: a posting from before the commit over one from after it.
    let mut before = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    before.date = c.commit_time - DAY;
    let mut after = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    after.date = c.commit_time + DAY;
    assert_eq!(choose(&c, &[after, before]).unwrap().0, 1);
}

#[test]
fn a_named_series_picks_its_matching_patch_or_its_only_one() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, Some("aa"), &[1, 2, 3]);
    let mut p1 = patch(&f, &me, Some("zz"), &[9]);
    p1.subject = "foo: other";
    p1.series_named = true;
    let mut p2 = patch(&f, &me, Some("aa"), &[1, 2, 3]);
    p2.series_named = true;
    let (i, v) = choose(&c, &[p1, p2]).unwrap();
    assert_eq!((i, v.method), (1, LinkMethod::LinkTrailer));
    let mut p1 = patch(&f, &me, Some("zz"), &[9]);
    p1.subject = "foo: other";
    p1.series_named = true;
    let mut p3 = patch(&f, &me, Some("yy"), &[8]);
    p3.subject = "foo: third";
    p3.series_named = true;
    assert_eq!(
        choose(&c, &[p1, p3]),
        None,
        "two patches, nothing tells which"
    );
    let mut only = patch(&f, &me, Some("zz"), &[9]);
    only.subject = "foo: other";
    only.series_named = true;
    assert_eq!(
        choose(&c, &[only]).unwrap().1.method,
        LinkMethod::LinkTrailer
    );
}

#[test]
fn subject_keys() {
    assert_eq!(subject_key("[PATCH v3 2/7] Foo:  Fix bar."), "foo: fix bar");
    assert_eq!(subject_key("foo: fix bar"), "foo: fix bar");
}

#[test]
fn a_commit_holding_two_patches_of_a_series_is_a_squash() {
    let f = fixture();
    let people = [f.author.clone()];
    let (a, b): (Vec<u64>, Vec<u64>) = ((1..=10).collect(), (11..=20).collect());
    // The commit holds all of a, 8 of b's 10 lines (a later patch reworked two), and one more.
    let held: Vec<u64> = (1..=18).chain([99]).collect();
    let c = commit(&f, Some("squashed"), &held);
    let (pa, pb) = (
        patch(&f, &people, Some("a"), &a),
        patch(&f, &people, Some("b"), &b),
    );
    assert_eq!(squashed(&c, &[&pa, &pb]), Some(vec![Some(1.0), Some(0.8)]));
    // A third patch it holds too little of is no member; the others still are.
    let other: Vec<u64> = (30..=39).chain([1]).collect();
    let pc = patch(&f, &people, Some("c"), &other);
    assert_eq!(
        squashed(&c, &[&pa, &pb, &pc]),
        Some(vec![Some(1.0), Some(0.8), None])
    );
    // One patch held is that patch, not a squash; nor is a commit equal to a patch by patch-id.
    assert_eq!(squashed(&c, &[&pa, &pc]), None);
    let exact = commit(&f, Some("a"), &held);
    assert_eq!(squashed(&exact, &[&pa, &pb]), None);
    // Two patches that make up a small part of a large commit are not what it is.
    let big: Vec<u64> = (1..=20).chain(100..200).collect();
    assert_eq!(squashed(&commit(&f, None, &big), &[&pa, &pb]), None);
}

#[test]
fn a_patch_of_fewer_than_three_lines_held_is_no_squash_member() {
    let f = fixture();
    let people = [f.author.clone()];
    let (a, tiny): (Vec<u64>, Vec<u64>) = ((1..=10).collect(), vec![50, 51]);
    let held: Vec<u64> = (1..=10).chain([50, 51]).collect();
    let c = commit(&f, None, &held);
    let (pa, pt) = (
        patch(&f, &people, None, &a),
        patch(&f, &people, None, &tiny),
    );
    assert_eq!(squashed(&c, &[&pa, &pt]), None);
}

#[test]
fn a_subject_other_commits_of_the_repository_share_is_no_evidence() {
    let f = fixture();
    let people = [f.author.clone()];
    let (mine, theirs): (Vec<u64>, Vec<u64>) = ((1..=5).collect(), (10..=15).collect());
    let p = patch(&f, &people, None, &mine);
    let mut c = commit(&f, None, &theirs);
    assert_eq!(judge(&c, &p).map(|v| v.method), Some(LinkMethod::Subject));
    c.subject_recurs = true;
    assert_eq!(judge(&c, &p), None);
}

#[test]
fn the_posting_whose_date_the_commit_kept_wins_over_a_better_match() {
    let f = fixture();
    let me = [f.author.clone()];
    let c = commit(&f, Some("v2"), &[1, 2, 3, 4]);
    // v2 equals the commit by patch-id; v3, whose Date: the commit kept as its author date,
    // arrived with its diff mangled (the maintainer repaired it): only most of its lines match.
    let v2 = patch(&f, &me, Some("v2"), &[1, 2, 3, 4]);
    let mut v3 = patch(&f, &me, Some("v3"), &[1, 2, 3, 9]);
    v3.date = c.author_time;
    let (i, v) = choose(&c, &[v2, v3]).unwrap();
    assert_eq!((i, v.method), (1, LinkMethod::Diff));
    // A Link: to v2 still decides.
    let mut v2 = patch(&f, &me, Some("v2"), &[1, 2, 3, 4]);
    v2.named = true;
    let mut v3 = patch(&f, &me, Some("v3"), &[1, 2, 3, 9]);
    v3.date = c.author_time;
    assert_eq!(choose(&c, &[v2, v3]).unwrap().0, 0);
}

#[test]
fn a_posting_from_before_the_commit_wins_over_a_batch_re_sending_it_after() {
    let f = fixture();
    let me = [f.author.clone()];
    // The maintainer applied the author's patch with a touch-up, then re-sent the commit in a
    // batch (equal by patch-id, with its siblings landed) a week later.
    let c = commit(&f, Some("commit"), &[1, 2, 3, 4]);
    let original = patch(&f, &me, Some("orig"), &[1, 2, 3, 9]);
    let mut batch = patch(&f, &me, Some("commit"), &[1, 2, 3, 4]);
    batch.date = c.commit_time + 7 * DAY;
    batch.support = 5;
    let (i, v) = choose(&c, &[batch, original]).unwrap();
    assert_eq!((i, v.method), (1, LinkMethod::Diff));
    // With no posting before it, the batch is what there is.
    let mut batch = patch(&f, &me, Some("commit"), &[1, 2, 3, 4]);
    batch.date = c.commit_time + 7 * DAY;
    assert_eq!(choose(&c, &[batch]).unwrap().1.method, LinkMethod::PatchId);
}
