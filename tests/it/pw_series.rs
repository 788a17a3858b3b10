//! Patchwork's series fixtures (`../shared/corpus/patchwork/series`): for each, the series a
//! maintainer should see, reasoned from the mails themselves. Where patchq differs from
//! Patchwork's own expectations the comment says why.

use std::path::{Path, PathBuf};

use crate::corpus::corpus;
use crate::helpers::Env;

/// One series: (id, has cover, patch numbers, version, total, complete, previous revision id).
type Shape = (i64, bool, Vec<u32>, u32, u32, bool, Option<i64>);

fn shapes(file: &Path) -> Vec<Shape> {
    let env = Env::new();
    let r = env.import(&[file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = env
        .run(&["--format", "json", "list", "--all", "--sort", "date"])
        .json();
    let mut out: Vec<Shape> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                !s["cover"].is_null(),
                s["patches"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["number"].as_u64().unwrap() as u32)
                    .collect(),
                s["version"].as_u64().unwrap() as u32,
                s["total"].as_u64().unwrap() as u32,
                s["complete"].as_bool().unwrap(),
                s["previous"].as_i64(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The fixture, with a `.template`'s placeholders filled (Depends-on: tokens point at a series
/// in another fixture; any Message-ID will do here).
fn fixture(name: &str, tmp: &Path) -> PathBuf {
    let dir = corpus().join("patchwork/series");
    if !name.ends_with(".template") {
        return dir.join(name);
    }
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let filled = text
        .replace(
            "{depends_token_1}",
            "<20240610210912.161735-1-ahassick@iol.unh.edu>",
        )
        .replace(
            "{depends_token_2}",
            "<20240610210912.161735-3-ahassick@iol.unh.edu>",
        )
        .replace(
            "{depends_token}",
            "<20240610210912.161735-1-ahassick@iol.unh.edu>",
        )
        .replace("{{", "{")
        .replace("}}", "}");
    let out = tmp.join(name.trim_end_matches(".template"));
    std::fs::write(&out, filled).unwrap();
    out
}

/// A series without its id and previous link: (has cover, numbers, version, total, complete).
type Body = (bool, Vec<u32>, u32, u32, bool);

fn cover(numbers: &[u32], version: u32, total: u32, complete: bool) -> Body {
    (true, numbers.to_vec(), version, total, complete)
}

fn plain(numbers: &[u32], version: u32, total: u32, complete: bool) -> Body {
    (false, numbers.to_vec(), version, total, complete)
}

/// Builds the expected shapes, numbering series 1.. in date order.
fn expect(list: &[(Body, Option<i64>)]) -> Vec<Shape> {
    list.iter()
        .enumerate()
        .map(|(i, ((c, n, v, t, done), prev))| (i as i64 + 1, *c, n.clone(), *v, *t, *done, *prev))
        .collect()
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn patchwork_series_fixtures() {
    let tmp = tempfile::tempdir().unwrap();
    let one_cover_series = expect(&[(cover(&[1, 2], 1, 2, true), None)]);
    let cases: Vec<(&str, Vec<Shape>)> = vec![
        ("base-cover-letter.mbox", one_cover_series.clone()),
        // Deep threading: 2/2 answers 1/2, which answers the cover letter.
        ("base-deep-threaded.mbox", one_cover_series.clone()),
        // The patches carry no version; they take the cover letter's v3.
        (
            "base-different-versions.mbox",
            expect(&[(cover(&[1, 2, 3, 4], 3, 4, true), None)]),
        ),
        // 3/2 sent later joins its series; all of 1..2 arrived, so it is complete.
        (
            "base-extra-patches.mbox",
            expect(&[(cover(&[1, 2, 3], 1, 2, true), None)]),
        ),
        (
            "base-incomplete.mbox",
            expect(&[(cover(&[1], 1, 2, false), None)]),
        ),
        (
            "base-no-cover-letter.mbox",
            expect(&[(plain(&[1, 2], 1, 2, true), None)]),
        ),
        // No References at all: sender, total and time put the cover letter and patches together.
        ("base-no-references-no-cover.mbox", one_cover_series.clone()),
        // "[net,v2,1/2]": comma-joined prefixes without PATCH, no References.
        (
            "base-no-references.mbox",
            expect(&[(plain(&[1, 2], 2, 2, true), None)]),
        ),
        ("base-out-of-order.mbox", one_cover_series.clone()),
        (
            "base-single-patch.mbox",
            expect(&[(plain(&[1], 1, 1, true), None)]),
        ),
        // v1 1/2 alone, then a v2 2/2 answering a v2 1/2 that never arrived: two incomplete
        // series; nothing links them (other subjects, not threaded to each other).
        (
            "bugs-mixed-versions.mbox",
            expect(&[
                (plain(&[1], 1, 2, false), None),
                (plain(&[2], 2, 2, false), None),
            ]),
        ),
        // A patch and a reply with another Content-Type: one series.
        (
            "bugs-multiple-content-types.mbox",
            expect(&[(plain(&[1], 1, 1, true), None)]),
        ),
        // Duplicated In-Reply-To/References headers.
        (
            "bugs-multiple-references.mbox",
            expect(&[(cover(&[1, 2, 3, 4], 2, 4, true), None)]),
        ),
        // The same two patches posted again as a reply to the first posting, still without a
        // version: a second revision (numbered v2, as b4 does), superseding the first.
        (
            "bugs-nocover-noversion.mbox",
            expect(&[
                (plain(&[1, 2], 1, 2, true), None),
                (plain(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        // v2 threaded to v1's 2/2: its own series, a revision of v1.
        (
            "bugs-nocover.mbox",
            expect(&[
                (plain(&[1, 2], 1, 2, true), None),
                (plain(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        // The same "v2 1/4" sent three times in five minutes: three postings, as Patchwork says;
        // patchq also chains them (same sender and subject within days) so only the last stays
        // outstanding, which is what a maintainer wants from an accidental re-send.
        (
            "bugs-spamming.mbox",
            expect(&[
                (plain(&[1], 2, 4, false), None),
                (plain(&[1], 2, 4, false), Some(1)),
                (plain(&[1], 2, 4, false), Some(2)),
            ]),
        ),
        // An unnumbered patch answering the cover letter is a series of its own, not patch 2
        // and not a new version.
        (
            "bugs-unnumbered.mbox",
            expect(&[
                (cover(&[1], 1, 2, false), None),
                (plain(&[1], 1, 1, true), None),
            ]),
        ),
        ("dependency-base-patch.mbox", one_cover_series.clone()),
        ("dependency-multi.mbox.template", one_cover_series.clone()),
        ("dependency-multi-2.mbox.template", one_cover_series.clone()),
        (
            "dependency-one-cover.mbox.template",
            one_cover_series.clone(),
        ),
        (
            "dependency-one-first-patch.mbox.template",
            one_cover_series.clone(),
        ),
        // "[PATCH 0 of 2]" counters.
        ("mercurial-cover-letter.mbox", one_cover_series.clone()),
        (
            "mercurial-no-cover-letter.mbox",
            expect(&[(plain(&[1, 2], 1, 2, true), None)]),
        ),
        (
            "revision-basic.mbox",
            expect(&[
                (cover(&[1, 2], 1, 2, true), None),
                (cover(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        // The second posting has no cover letter and no version: it follows the first by
        // subject and sender, so it is v2.
        (
            "revision-no-cover-letter.mbox",
            expect(&[
                (cover(&[1, 2], 1, 2, true), None),
                (plain(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        (
            "revision-out-of-order.mbox",
            expect(&[
                (cover(&[1, 2], 1, 2, true), None),
                (cover(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        (
            "revision-threaded-to-cover.mbox",
            expect(&[
                (cover(&[1, 2], 1, 2, true), None),
                (cover(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        (
            "revision-threaded-to-patch.mbox",
            expect(&[
                (cover(&[1, 2], 1, 2, true), None),
                (cover(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        (
            "revision-threaded-to-single-patch.mbox",
            expect(&[
                (plain(&[1], 1, 1, true), None),
                (plain(&[1], 2, 1, true), Some(1)),
            ]),
        ),
        // Both postings are "v2" without References, an hour apart: two series, the second a
        // re-send of the first (same sender and subject).
        (
            "revision-unlabeled-noreferences.mbox",
            expect(&[
                (plain(&[1, 2], 2, 2, true), None),
                (plain(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
        // An unversioned second posting of the same series: v2.
        (
            "revision-unlabeled.mbox",
            expect(&[
                (cover(&[1, 2], 1, 2, true), None),
                (cover(&[1, 2], 2, 2, true), Some(1)),
            ]),
        ),
    ];
    assert_eq!(cases.len(), 32, "every fixture has a case");
    for (name, want) in &cases {
        let file = fixture(name, tmp.path());
        assert_eq!(&shapes(&file), want, "{name}");
    }
    println!(
        "patchwork series fixtures: {} of {} as expected",
        cases.len(),
        cases.len()
    );
}
