//! Unit tests of threading and series assembly on small hand-made message sets.

use super::*;
use crate::parse::subject::parse_subject;

/// A message: (msgid, in-reply-to, sender, minutes, subject, has diff).
fn msg(id: &str, irt: Option<&str>, from: &str, minute: i64, subject: &str, diff: bool) -> Msg {
    let tags = parse_subject(subject);
    let kind = if diff && !tags.reply {
        MailKind::Patch
    } else {
        MailKind::Comment
    };
    let person = Person {
        name: from.to_string(),
        email: format!("{}@example.org", from.to_lowercase()),
    };
    Msg {
        id: minute,
        msgid: MessageId::parse(id).unwrap(),
        in_reply_to: irt.map(|p| MessageId::parse(p).unwrap()),
        references: irt
            .map(|p| vec![MessageId::parse(p).unwrap()])
            .unwrap_or_default(),
        bot: crate::model::is_bot(&person, false, &[]),
        from: person,
        date: 1_700_000_000 + minute * 60,
        kind,
        tags,
        has_diff: diff,
        has_diffstat: false,
        patch_id: diff.then(|| format!("pid-{subject}")),
        change_id: None,
        list_id: None,
        trailers: Vec::new(),
        attestation: crate::model::AttestState::Unverified,
    }
}

/// Each series as (key, version, total, numbers, has cover, previous).
/// (key, version, total, patch numbers, has cover, previous key) per series.
type Shape = (String, u32, u32, Vec<u32>, bool, Option<String>);

fn shape(msgs: &[Msg]) -> Vec<Shape> {
    assemble(msgs, &[])
        .series
        .into_iter()
        .map(|s| {
            (
                s.key.to_string(),
                s.version,
                s.total,
                s.patches.iter().map(|p| p.number).collect(),
                s.cover.is_some(),
                s.previous.map(|p| p.to_string()),
            )
        })
        .collect()
}

#[test]
fn cover_and_patches_shallow_and_deep() {
    let shallow = [
        msg("c@x", None, "Jane", 0, "[PATCH 0/2] work", false),
        msg("p1@x", Some("c@x"), "Jane", 1, "[PATCH 1/2] one", true),
        msg("p2@x", Some("c@x"), "Jane", 2, "[PATCH 2/2] two", true),
    ];
    assert_eq!(
        shape(&shallow),
        [("c@x".into(), 1, 2, vec![1, 2], true, None)]
    );
    let deep = [
        msg("c@x", None, "Jane", 0, "[PATCH 0/2] work", false),
        msg("p1@x", Some("c@x"), "Jane", 1, "[PATCH 1/2] one", true),
        msg("p2@x", Some("p1@x"), "Jane", 2, "[PATCH 2/2] two", true),
    ];
    assert_eq!(shape(&deep), shape(&shallow));
}

#[test]
fn arrival_order_does_not_matter() {
    let mut msgs = vec![
        msg("p2@x", Some("c@x"), "Jane", 2, "[PATCH 2/2] two", true),
        msg("r@x", Some("p2@x"), "Rita", 3, "Re: [PATCH 2/2] two", false),
        msg("c@x", None, "Jane", 0, "[PATCH 0/2] work", false),
        msg("p1@x", Some("c@x"), "Jane", 1, "[PATCH 1/2] one", true),
    ];
    let a = shape(&msgs);
    msgs.reverse();
    assert_eq!(a, shape(&msgs));
    let asm = assemble(&msgs, &[]);
    assert_eq!(asm.series[0].replies.len(), 1);
}

#[test]
fn a_repost_threaded_to_the_old_one_is_a_new_revision() {
    let msgs = [
        msg("a1@x", None, "Jane", 0, "[PATCH 1/2] one", true),
        msg("a2@x", Some("a1@x"), "Jane", 1, "[PATCH 2/2] two", true),
        msg("b1@x", Some("a1@x"), "Jane", 10, "[PATCH 1/2] one", true),
        msg("b2@x", Some("b1@x"), "Jane", 11, "[PATCH 2/2] two", true),
    ];
    assert_eq!(
        shape(&msgs),
        [
            ("a1@x".into(), 1, 2, vec![1, 2], false, None),
            ("b1@x".into(), 2, 2, vec![1, 2], false, Some("a1@x".into())),
        ]
    );
}

#[test]
fn partial_reroll_belongs_to_the_new_version() {
    let msgs = [
        msg("c1@x", None, "Jane", 0, "[PATCH 0/3] work", false),
        msg("a1@x", Some("c1@x"), "Jane", 1, "[PATCH 1/3] one", true),
        msg("a2@x", Some("c1@x"), "Jane", 1, "[PATCH 2/3] two", true),
        msg("a3@x", Some("c1@x"), "Jane", 1, "[PATCH 3/3] three", true),
        msg(
            "b2@x",
            Some("a2@x"),
            "Jane",
            100,
            "[PATCH v2 2/3] two",
            true,
        ),
    ];
    let s = shape(&msgs);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0], ("c1@x".into(), 1, 3, vec![1, 2, 3], true, None));
    assert_eq!(
        s[1],
        ("b2@x".into(), 2, 3, vec![2], false, Some("c1@x".into()))
    );
}

#[test]
fn unthreaded_series_join_by_time_and_sender() {
    let msgs = [
        msg("a1@x", None, "Jane", 0, "[PATCH 1/2] one", true),
        msg("a2@x", None, "Jane", 1, "[PATCH 2/2] two", true),
        msg("b1@x", None, "Jane", 60, "[PATCH 1/2] one", true),
        msg("b2@x", None, "Jane", 61, "[PATCH 2/2] two", true),
        msg("o2@x", None, "Bob", 2, "[PATCH 2/2] other", true),
    ];
    let s = shape(&msgs);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(s[0].3, [1, 2]);
    assert_eq!(s[1].0, "o2@x");
    assert_eq!((s[2].0.as_str(), s[2].3.clone()), ("b1@x", vec![1, 2]));
}

#[test]
fn reference_loops_and_missing_parents() {
    let mut a = msg("a@x", Some("b@x"), "Jane", 0, "x", false);
    a.references = vec![MessageId::parse("b@x").unwrap()];
    let b = msg("b@x", Some("a@x"), "Rita", 1, "y", false);
    let c = msg("c@x", Some("missing@x"), "Tom", 2, "z", false);
    let asm = assemble(&[a, b, c], &[]);
    assert_eq!(asm.placements[0].parent.as_ref().unwrap().as_str(), "b@x");
    assert_eq!(asm.placements[1].parent, None, "the loop is broken");
    assert_eq!(asm.placements[2].root.as_str(), "missing@x");
}

#[test]
fn trailers_from_replies_and_cover_letters() {
    let mut msgs = vec![
        msg("c@x", None, "Jane", 0, "[PATCH 0/2] work", false),
        msg("p1@x", Some("c@x"), "Jane", 1, "[PATCH 1/2] one", true),
        msg("p2@x", Some("c@x"), "Jane", 2, "[PATCH 2/2] two", true),
        msg(
            "r1@x",
            Some("c@x"),
            "Rita",
            3,
            "Re: [PATCH 0/2] work",
            false,
        ),
        msg("r2@x", Some("p2@x"), "Tom", 4, "Re: [PATCH 2/2] two", false),
        msg(
            "r3@x",
            Some("r2@x"),
            "Mallory",
            5,
            "Re: [PATCH 2/2] two",
            false,
        ),
    ];
    msgs[3].trailers = vec![Trailer::new("Reviewed-by", "Rita <rita@example.org>")];
    msgs[4].trailers = vec![Trailer::new("Tested-by", "Tom <tom@example.org>")];
    msgs[5].trailers = vec![Trailer::new("Acked-by", "Somebody <somebody@example.org>")];
    let s = &assemble(&msgs, &[]).series[0];
    let got: Vec<(String, String, bool)> = s
        .trailers
        .iter()
        .map(|t| (msgs[t.patch].msgid.to_string(), t.trailer.line(), t.applied))
        .collect();
    assert_eq!(
        got,
        [
            (
                "p1@x".into(),
                "Reviewed-by: Rita <rita@example.org>".into(),
                true
            ),
            (
                "p2@x".into(),
                "Reviewed-by: Rita <rita@example.org>".into(),
                true
            ),
            (
                "p2@x".into(),
                "Tested-by: Tom <tom@example.org>".into(),
                true
            ),
            (
                "p2@x".into(),
                "Acked-by: Somebody <somebody@example.org>".into(),
                false
            ),
        ]
    );
    assert_eq!((s.tags.reviewed, s.tags.tested, s.tags.acked), (1, 1, 0));
    assert_eq!((s.replies.len(), s.participants), (3, 4));
}

#[test]
fn trailers_carry_over_when_the_patch_did_not_change() {
    let mut msgs = vec![
        msg("a@x", None, "Jane", 0, "[PATCH] same", true),
        msg("r@x", Some("a@x"), "Rita", 1, "Re: [PATCH] same", false),
        msg("b@x", None, "Jane", 100, "[PATCH v2] same", true),
    ];
    msgs[1].trailers = vec![Trailer::new("Reviewed-by", "Rita <rita@example.org>")];
    msgs[2].patch_id = msgs[0].patch_id.clone();
    let asm = assemble(&msgs, &[]);
    let v2 = &asm.series[1];
    assert_eq!(v2.previous.as_ref().unwrap().as_str(), "a@x");
    assert_eq!(v2.trailers.len(), 1);
    assert_eq!(
        v2.trailers[0].source,
        TrailerSource::Carried(MessageId::parse("a@x").unwrap())
    );
    msgs[2].patch_id = Some("changed".into());
    assert!(assemble(&msgs, &[]).series[1].trailers.is_empty());
}

#[test]
fn a_cover_letter_carrying_a_diff_is_still_the_cover_letter() {
    // Seen on LTP: a v3 0/4 quoting the diff against v2 was left out of its series.
    let msgs = [
        msg("c@x", None, "Jane", 0, "[PATCH v3 0/2] work", true),
        msg("p1@x", Some("c@x"), "Jane", 1, "[PATCH v3 1/2] one", true),
        msg("p2@x", Some("c@x"), "Jane", 2, "[PATCH v3 2/2] two", true),
    ];
    assert_eq!(shape(&msgs), [("c@x".into(), 3, 2, vec![1, 2], true, None)]);
}

#[test]
fn a_forwarded_patch_is_a_series_unless_it_answers_one() {
    // Seen on LTP: "Fwd: [PATCH v2] mm: ..." answering a message of another list.
    let alone = [msg(
        "f@x",
        Some("elsewhere@x"),
        "Jane",
        0,
        "Fwd: [PATCH v2] mm: fix",
        true,
    )];
    assert_eq!(shape(&alone), [("f@x".into(), 2, 1, vec![1], false, None)]);
    let inside = [
        msg("p@x", None, "Jane", 0, "[PATCH] mm: fix", true),
        msg("f@x", Some("p@x"), "Rita", 5, "Fwd: [PATCH] mm: fix", true),
    ];
    assert_eq!(shape(&inside), [("p@x".into(), 1, 1, vec![1], false, None)]);
    assert_eq!(assemble(&inside, &[]).series[0].replies.len(), 1);
}

#[test]
fn the_same_patch_for_several_stable_trees_is_not_a_revision() {
    // Seen on batman-adv: AUTOSEL backports of one patch to 6.9, 6.8 ... in the same minute.
    let msgs = [
        msg(
            "a@x",
            None,
            "Sasha",
            0,
            "[PATCH AUTOSEL 6.9 1/3] net: fix",
            true,
        ),
        msg(
            "b@x",
            None,
            "Sasha",
            1,
            "[PATCH AUTOSEL 6.8 1/2] net: fix",
            true,
        ),
    ];
    assert_eq!(
        shape(&msgs),
        [
            ("a@x".into(), 1, 3, vec![1], false, None),
            ("b@x".into(), 1, 2, vec![1], false, None),
        ]
    );
}

#[test]
fn a_restarted_count_follows_the_latest_posting() {
    // Seen on LTP: v1..v5, then the same work re-posted without a version, then v2, v3.
    let day = 24 * 60;
    let msgs = [
        msg(
            "a@x",
            None,
            "Piotr",
            0,
            "[PATCH v5] thermal: add new test group",
            true,
        ),
        msg(
            "b@x",
            None,
            "Piotr",
            52 * day,
            "[PATCH] thermal: add new test group",
            true,
        ),
        msg(
            "c@x",
            None,
            "Piotr",
            53 * day,
            "[PATCH v2] thermal: add new test group",
            true,
        ),
    ];
    assert_eq!(
        shape(&msgs),
        [
            ("a@x".into(), 5, 1, vec![1], false, None),
            ("b@x".into(), 1, 1, vec![1], false, Some("a@x".into())),
            ("c@x".into(), 2, 1, vec![1], false, Some("b@x".into())),
        ]
    );
}

#[test]
fn a_cover_letter_with_a_stale_version_keeps_its_patches() {
    // Seen on LTP and batman: "[PATCH v1 00/10]" sent with "[PATCH v2 01/10]"... in one batch.
    let msgs = [
        msg("c@x", None, "Jane", 0, "[PATCH v1 0/2] work", false),
        msg("p1@x", Some("c@x"), "Jane", 1, "[PATCH v2 1/2] one", true),
        msg("p2@x", Some("c@x"), "Jane", 1, "[PATCH v2 2/2] two", true),
    ];
    assert_eq!(shape(&msgs), [("c@x".into(), 2, 2, vec![1, 2], true, None)]);
}

#[test]
fn patches_of_one_batch_join_though_only_some_say_the_version() {
    // Seen on U-Boot STM32: v2 grew to two patches, "[PATCH 1/2]" and "[PATCH v2 2/2]", both
    // answering v1, sent in the same second.
    let msgs = [
        msg("a@x", None, "Alex", 0, "[PATCH] mmc: use of_parse", true),
        msg(
            "b1@x",
            Some("a@x"),
            "Alex",
            9000,
            "[PATCH 1/2] mmc: enable hs",
            true,
        ),
        msg(
            "b2@x",
            Some("a@x"),
            "Alex",
            9000,
            "[PATCH v2 2/2] mmc: use of_parse",
            true,
        ),
    ];
    assert_eq!(
        shape(&msgs),
        [
            ("a@x".into(), 1, 1, vec![1], false, None),
            ("b1@x".into(), 2, 2, vec![1, 2], false, Some("a@x".into())),
        ]
    );
}

#[test]
fn two_reposts_in_one_thread_make_a_chain_not_a_fork() {
    // Seen on LTP: "[PATCH] lib: Improve doc", re-posted unversioned, then as v2, both answering
    // the first posting.
    let msgs = [
        msg("a@x", None, "Avinesh", 0, "[PATCH] lib: Improve doc", true),
        msg(
            "b@x",
            Some("a@x"),
            "Avinesh",
            2,
            "[PATCH] lib: Improve doc",
            true,
        ),
        msg(
            "c@x",
            Some("a@x"),
            "Avinesh",
            5,
            "[PATCH v2] lib: Improve doc",
            true,
        ),
    ];
    assert_eq!(
        shape(&msgs),
        [
            ("a@x".into(), 1, 1, vec![1], false, None),
            ("b@x".into(), 2, 1, vec![1], false, Some("a@x".into())),
            ("c@x".into(), 2, 1, vec![1], false, Some("b@x".into())),
        ]
    );
}

#[test]
fn a_miscounted_cover_letter_takes_its_patches_count() {
    // Seen on LTP: "[PATCH v2 0/3]" sent with "[PATCH v2 1/4]" .. "4/4".
    let mut msgs = vec![msg("c@x", None, "Li", 0, "[PATCH v2 0/3] timeouts", false)];
    for n in 1..=4 {
        let subject = format!("[PATCH v2 {n}/4] part {n}");
        msgs.push(msg(
            &format!("p{n}@x"),
            Some("c@x"),
            "Li",
            1,
            &subject,
            true,
        ));
    }
    assert_eq!(
        shape(&msgs),
        [("c@x".into(), 2, 4, vec![1, 2, 3, 4], true, None)]
    );
}

/// A v1 posted twice three minutes apart chains v1 -> v1, and the v2 two weeks later follows
/// the second posting, whether the three are assembled together or the first two are settled
/// priors (an import or rebuild assembling in windows): the chain among priors is followed too.
#[test]
fn a_re_post_among_settled_revisions_is_followed_as_in_one_assembly() {
    let subject = "[PATCH] net: bridge: split router state";
    let a1 = msg("<a1@x>", None, "Linus", 0, subject, true);
    let a2 = msg("<a2@x>", None, "Linus", 3, subject, true);
    let v2 = msg(
        "<b@x>",
        None,
        "Linus",
        20_000,
        "[PATCH v2] net: bridge: split router state",
        true,
    );
    let together = assemble(&[a1.clone(), a2.clone(), v2.clone()], &[]);
    let previous = |asm: &Assembly, key: &str| {
        let s = asm.series.iter().find(|s| s.key.as_str() == key).unwrap();
        s.previous.as_ref().map(|p| p.to_string())
    };
    assert_eq!(previous(&together, "a2@x").as_deref(), Some("a1@x"));
    assert_eq!(previous(&together, "b@x").as_deref(), Some("a2@x"));
    // The quick re-post was taken for a v2, as in the assembly together.
    let versions: Vec<u32> = together.series.iter().map(|s| s.version).collect();
    assert_eq!(versions, [1, 2, 2]);
    let prior = |m: &Msg, version: u32, previous: Option<&Msg>| Prior {
        key: m.msgid.clone(),
        date: m.date,
        version,
        submitter: m.from.clone(),
        cover_name: None,
        first_name: Some(m.tags.name.clone()),
        patch_names: Vec::new(),
        change_id: None,
        pull: false,
        prefixes: vec!["PATCH".into()],
        trailers: Vec::new(),
        previous: previous.map(|p| p.msgid.clone()),
    };
    let priors = [prior(&a1, 1, None), prior(&a2, 2, Some(&a1))];
    let later = assemble(&[v2], &priors);
    assert_eq!(previous(&later, "b@x").as_deref(), Some("a2@x"));
}
