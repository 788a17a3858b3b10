//! Unit tests of subject parsing.

use super::{is_tree_notice, parse_subject};

fn v(s: &str) -> (Option<u32>, Option<(u32, u32)>, String) {
    let t = parse_subject(s);
    (t.version, t.counter, t.name)
}

#[test]
fn plain_patches() {
    let t = parse_subject("[PATCH] foo: fix bar");
    assert!(t.patch && !t.reply && !t.rfc);
    assert_eq!(
        (t.version, t.counter, t.name.as_str()),
        (None, None, "foo: fix bar")
    );
    assert_eq!(t.version_or_1(), 1);
}

#[test]
fn versions_in_every_spelling() {
    for s in [
        "[PATCH v3 2/7] x",
        "[PATCH V3 2/7] x",
        "[PATCHv3 2/7] x",
        "[PATCH-v3 2/7] x",
        "[PATCH 2/7] x (v3)",
        "[PATCH v3,2/7] x",
        "[PATCH,v3,2/7] x",
    ] {
        assert_eq!(v(s), (Some(3), Some((2, 7)), "x".to_string()), "{s}");
    }
    assert_eq!(parse_subject("[RFCv2 PATCH 1/2] y").version, Some(2));
    assert!(parse_subject("[RFCv2 PATCH 1/2] y").rfc);
}

#[test]
fn comma_joined_forms_that_trip_other_tools() {
    let t = parse_subject("[PATCH v6,19/24] drm: thing");
    assert_eq!((t.version, t.counter), (Some(6), Some((19, 24))));
    assert_eq!(t.prefixes, ["PATCH", "v6", "19/24"]);
}

#[test]
fn counters() {
    assert_eq!(parse_subject("[PATCH 02/15] x").counter, Some((2, 15)));
    assert_eq!(parse_subject("[PATCH 2 of 15] x").counter, Some((2, 15)));
    let cover = parse_subject("[PATCH v2 0/3] net: foo: cleanups");
    assert!(cover.is_cover());
    assert_eq!(parse_subject("[PATCH 3/2] extra").counter, Some((3, 2)));
}

#[test]
fn replies_and_their_translations_and_repeats() {
    for s in [
        "Re: [PATCH] x",
        "RE: [PATCH] x",
        "Re: Re: [PATCH] x",
        "AW: [PATCH] x",
        "Sv: [PATCH] x",
        "Re[2]: [PATCH] x",
        "RE : [PATCH] x",
        "回复: [PATCH] x",
        "Re: [LTP] Re: [PATCH] x",
    ] {
        let t = parse_subject(s);
        assert!(t.reply && t.patch, "{s}");
        assert_eq!(t.name, "x", "{s}");
    }
    let f = parse_subject("Fwd: [PATCH] x");
    assert!(f.forward && !f.reply);
    // Words that only look like markers at the start are subject text.
    assert!(!parse_subject("Revert \"foo\"").reply);
    assert!(!parse_subject("Report: something broke").reply);
}

#[test]
fn list_and_tree_tags_are_kept() {
    let t = parse_subject("Re: [LTP] [PATCH net-next v2 1/3] tcp: x");
    assert_eq!(t.prefixes, ["LTP", "PATCH", "net-next", "v2", "1/3"]);
    assert_eq!(t.trees(), ["LTP", "net-next"]);
    let t = parse_subject("[Uboot-stm32] [PATCH 6.1 12/50] stable backport");
    assert_eq!((t.version, t.counter), (None, Some((12, 50))));
    assert_eq!(t.trees(), ["Uboot-stm32", "6.1"]);
}

#[test]
fn flags() {
    let t = parse_subject("[RESEND PATCH v2] x");
    assert!(t.resend && t.patch && t.version == Some(2));
    let t = parse_subject("[GIT PULL] gpio fixes for 6.19");
    assert!(t.pull && !t.patch);
    assert_eq!(t.name, "gpio fixes for 6.19");
    assert!(parse_subject("[PULL] u-boot-stm32 for v2024.01").pull);
    assert!(parse_subject("[RFC PATCH] x").rfc);
}

#[test]
fn odd_inputs() {
    assert_eq!(parse_subject("").name, "");
    assert_eq!(parse_subject("[unclosed x").name, "[unclosed x");
    assert_eq!(parse_subject("   spaced    out   ").name, "spaced out");
    assert_eq!(parse_subject("[PATCH v0] x").version, None);
    assert_eq!(parse_subject("[PATCH v99999999999] x").version, None);
}

#[test]
fn tree_notices_are_told_from_patches() {
    // Seen on the batman and LTP lists: stable-tree bots mail the queued diff with these subjects.
    for notice in [
        r#"Patch "batman-adv: Reserve needed_*room for fragments" has been added to the 5.4-stable tree"#,
        r#"FAILED: patch "nfsd: fix "x" handling" failed to apply to 5.15-stable tree"#,
        "+ mm-fix-foo.patch added to mm-hotfixes-unstable branch",
        "- mm-fix-foo.patch removed from -mm tree",
    ] {
        assert!(is_tree_notice(&parse_subject(notice).name), "{notice}");
    }
    for patch in [
        "batman-adv: Patch \"x\" handling",
        "Patch the \"foo\" driver",
        "+ added to the list",
    ] {
        assert!(!is_tree_notice(&parse_subject(patch).name), "{patch}");
    }
}
