//! The weekly report on a week of activity made up here (ISO week 2026-W10, with W09 before
//! it): every number of the JSON report checked against counts the test makes itself from the
//! list of mails it wrote; Markdown and HTML golden files; byte-identical output for the same
//! database and `PATCHQ_NOW`.

use std::fs;

use crate::helpers::{Env, compare_committed, fixtures};

/// One mail: (Message-ID, parent, from, date, subject, body, is a patch).
struct M {
    id: &'static str,
    parent: Option<&'static str>,
    from: &'static str,
    date: &'static str,
    subject: &'static str,
    body: &'static str,
    patch: bool,
}

const JANE: &str = "Jane Dev <jane@example.org>";
const BOB: &str = "Bob Builder <bob@example.net>";
const CAROL: &str = "Carol Coder <carol@example.com>";
const DORA: &str = "Dora Docs <dora@example.org>";
const RITA: &str = "Rita Reviewer <rita@example.org>";
const DAN: &str = "Dan Tester <dan@example.net>";
const MAX: &str = "Max Maintainer <max@example.org>";

fn mails() -> Vec<M> {
    let m = |id, parent, from, date, subject, body, patch| M {
        id,
        parent,
        from,
        date,
        subject,
        body,
        patch,
    };
    vec![
        // W08: Dora's patch nobody answers.
        m(
            "d1@x",
            None,
            DORA,
            "Mon, 16 Feb 2026 10:00:00 +0000",
            "[PATCH] docs: fix a typo",
            "",
            true,
        ),
        // W09: Jane's series, reviewed on the cover letter.
        m(
            "a0@x",
            None,
            JANE,
            "Tue, 24 Feb 2026 10:00:00 +0000",
            "[PATCH 0/2] foo: two fixes",
            "Two fixes.",
            false,
        ),
        m(
            "a1@x",
            Some("a0@x"),
            JANE,
            "Tue, 24 Feb 2026 10:00:01 +0000",
            "[PATCH 1/2] foo: fix one",
            "",
            true,
        ),
        m(
            "a2@x",
            Some("a0@x"),
            JANE,
            "Tue, 24 Feb 2026 10:00:02 +0000",
            "[PATCH 2/2] foo: fix two",
            "",
            true,
        ),
        m(
            "ra@x",
            Some("a0@x"),
            RITA,
            "Wed, 25 Feb 2026 09:00:00 +0000",
            "Re: [PATCH 0/2] foo: two fixes",
            "Reviewed-by: Rita Reviewer <rita@example.org>",
            false,
        ),
        // W10: Jane's v2, Bob's patch (tested, then accepted by hand), Carol answering herself.
        m(
            "b0@x",
            None,
            JANE,
            "Mon, 02 Mar 2026 10:00:00 +0000",
            "[PATCH v2 0/2] foo: two fixes",
            "Two fixes, v2.",
            false,
        ),
        m(
            "b1@x",
            Some("b0@x"),
            JANE,
            "Mon, 02 Mar 2026 10:00:01 +0000",
            "[PATCH v2 1/2] foo: fix one",
            "",
            true,
        ),
        m(
            "b2@x",
            Some("b0@x"),
            JANE,
            "Mon, 02 Mar 2026 10:00:02 +0000",
            "[PATCH v2 2/2] foo: fix two",
            "",
            true,
        ),
        m(
            "c1@x",
            None,
            BOB,
            "Tue, 03 Mar 2026 10:00:00 +0000",
            "[PATCH] bar: speed up",
            "",
            true,
        ),
        m(
            "e1@x",
            None,
            CAROL,
            "Wed, 04 Mar 2026 10:00:00 +0000",
            "[PATCH] baz: clean up",
            "",
            true,
        ),
        m(
            "rc@x",
            Some("c1@x"),
            DAN,
            "Thu, 05 Mar 2026 10:00:00 +0000",
            "Re: [PATCH] bar: speed up",
            "Tested-by: Dan Tester <dan@example.net>",
            false,
        ),
        m(
            "re@x",
            Some("e1@x"),
            CAROL,
            "Thu, 05 Mar 2026 11:00:00 +0000",
            "Re: [PATCH] baz: clean up",
            "One more note.",
            false,
        ),
        m(
            "rb@x",
            Some("b1@x"),
            MAX,
            "Fri, 06 Mar 2026 09:00:00 +0000",
            "Re: [PATCH v2 1/2] foo: fix one",
            "Acked-by: Max Maintainer <max@example.org>",
            false,
        ),
    ]
}

fn mbox(ms: &[M]) -> String {
    let mut out = String::new();
    for (n, m) in ms.iter().enumerate() {
        let reply = m
            .parent
            .map(|p| format!("In-Reply-To: <{p}>\nReferences: <{p}>\n"))
            .unwrap_or_default();
        let diff = if m.patch {
            format!(
                "\n\nSigned-off-by: {}\n---\ndiff --git a/f{n}.c b/f{n}.c\n--- a/f{n}.c\n+++ b/f{n}.c\n@@ -1 +1 @@\n-old {n}\n+new {n}\n",
                m.from
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "From nobody Mon Sep 17 00:00:00 2001\nFrom: {}\nDate: {}\nSubject: {}\nMessage-ID: <{}>\n{reply}\nA change.\n{}{diff}\n",
            m.from, m.date, m.subject, m.id, m.body
        ));
    }
    out
}

fn ts(date: &str) -> i64 {
    chrono::DateTime::parse_from_rfc2822(date)
        .unwrap()
        .timestamp()
}

fn setup() -> Env {
    let env = Env::new();
    let path = env.path("week.mbox");
    fs::write(&path, mbox(&mails())).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    let r = env
        .cmd(&["-q", "state", "c1@x", "accepted", "--note", "applied"])
        .env("PATCHQ_NOW", "2026-03-06T12:00:00Z")
        .env("PATCHQ_USER", "max@example.org")
        .output()
        .unwrap();
    assert!(r.status.success());
    env
}

fn report(env: &Env, format: &str) -> String {
    let out = env
        .cmd(&["--format", format, "report", "--week", "2026-W10"])
        .env("PATCHQ_NOW", "2026-03-12T08:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_number_of_the_json_report_is_right() {
    let env = setup();
    let r: serde_json::Value = serde_json::from_str(&report(&env, "json")).unwrap();
    let (w10, w09) = (
        ts("Mon, 02 Mar 2026 00:00:00 +0000"),
        ts("Mon, 23 Feb 2026 00:00:00 +0000"),
    );
    let w11 = w10 + 7 * 86_400;
    let ms = mails();
    // Counted here, from the mails written above.
    let in_week = |d: &str, a: i64, b: i64| (a..b).contains(&ts(d));
    let first = |m: &M| {
        !m.subject.starts_with("Re:")
            && (m.patch && m.parent.is_none() || m.subject.contains(" 0/"))
    };
    let count = |a: i64, b: i64, f: &dyn Fn(&M) -> bool| {
        ms.iter().filter(|m| in_week(m.date, a, b) && f(m)).count() as i64
    };
    let series = |a, b| count(a, b, &|m| first(m));
    let revisions = |a, b| count(a, b, &|m| first(m) && m.subject.contains(" v2 "));
    let patches = |a, b| count(a, b, &|m| m.patch);
    let submitter_of = |m: &M| {
        let mut at = m;
        while let Some(p) = at.parent {
            at = ms.iter().find(|x| x.id == p).unwrap();
        }
        at.from
    };
    let reviews = |a, b| {
        count(a, b, &|m| {
            !m.patch && m.parent.is_some() && m.from != submitter_of(m)
        })
    };
    let trailer = |a, b, kind: &str| count(a, b, &|m| m.body.starts_with(kind));
    let check = |key: &str, value: i64, previous: i64| {
        let c = &r["activity"][key];
        assert_eq!(
            (
                c["value"].as_i64(),
                c["previous"].as_i64(),
                c["change"].as_i64()
            ),
            (Some(value), Some(previous), Some(value - previous)),
            "{key}"
        );
    };
    check("series_posted", series(w10, w11), series(w09, w10));
    check("new_revisions", revisions(w10, w11), revisions(w09, w10));
    check(
        "new_work",
        series(w10, w11) - revisions(w10, w11),
        series(w09, w10) - revisions(w09, w10),
    );
    check("patches_posted", patches(w10, w11), patches(w09, w10));
    check("review_replies", reviews(w10, w11), reviews(w09, w10));
    check(
        "reviewed_by",
        trailer(w10, w11, "Reviewed-by"),
        trailer(w09, w10, "Reviewed-by"),
    );
    check(
        "acked_by",
        trailer(w10, w11, "Acked-by"),
        trailer(w09, w10, "Acked-by"),
    );
    check(
        "tested_by",
        trailer(w10, w11, "Tested-by"),
        trailer(w09, w10, "Tested-by"),
    );
    // Bob's accepted in W10 by hand; Jane's v1 superseded by v2 (posted in W10).
    check("accepted", 1, 0);
    check("superseded", 1, 0);
    check("rejected", 0, 0);
    // Open at the end of W10: Dora's, Jane's v2, Carol's; at the end of W09: Dora's, Jane's v1.
    check("outstanding", 3, 2);
    // Needs attention at the end of W10.
    let names = |k: &str| -> Vec<String> {
        r["attention"][k]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["msgid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("no_reply"), ["d1@x"]);
    assert_eq!(
        r["attention"]["no_reply"][0]["days"],
        (w11 - ts("Mon, 16 Feb 2026 10:00:00 +0000")) / 86_400
    );
    assert_eq!(
        names("submitter_only"),
        Vec::<String>::new(),
        "Carol's is not 7 days old yet"
    );
    assert_eq!(names("reviewed_not_applied"), Vec::<String>::new());
    // People: reviewers in W10 are Dan (reply + trailer) and Max (reply + trailer).
    let people: Vec<(String, i64)> = r["top_reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["email"].as_str().unwrap().to_string(),
                p["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("dan@example.net".to_string(), 2),
            ("max@example.org".to_string(), 2)
        ]
    );
    let submitters: Vec<(String, i64)> = r["top_submitters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["email"].as_str().unwrap().to_string(),
                p["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        submitters,
        [
            ("bob@example.net".to_string(), 1),
            ("carol@example.com".to_string(), 1),
            ("jane@example.org".to_string(), 1)
        ]
    );
    // Ages of the three open at the end: Dora 2-4 weeks, Jane v2 and Carol < 1 week.
    let ages: Vec<i64> = r["age_histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_i64().unwrap())
        .collect();
    assert_eq!(ages, [2, 0, 1, 0, 0, 0]);
    // At the end of W09: Jane's v1 (5.6 days) and Dora's (13.6 days).
    let before: Vec<i64> = r["age_histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["previous"].as_i64().unwrap())
        .collect();
    assert_eq!(before, [1, 1, 0, 0, 0, 0]);
    // Previous counts of the same people: Dan and Max did nothing in W09; Jane posted one series.
    assert!(
        r["top_reviewers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["previous"] == 0)
    );
    let jane = r["top_submitters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == "jane@example.org")
        .unwrap();
    assert_eq!(jane["previous"], 1);
    assert_eq!(r["weeks"].as_array().unwrap().len(), 12);
    assert_eq!(r["weeks"][11]["week_ending"], "2026-03-08");
    assert_eq!(r["weeks"][11]["review_activity"], reviews(w10, w11) + 2);
}

#[test]
fn markdown_and_html_are_as_recorded_and_deterministic() {
    let env = setup();
    let dir = fixtures().join("golden");
    for (format, file) in [("md", "report.md"), ("html", "report.html")] {
        let got = report(&env, format);
        assert_eq!(got, report(&env, format), "{format}: the same twice");
        if let Some(m) = compare_committed(&dir.join(file), got.as_bytes(), "UPDATE_FIXTURES") {
            panic!("{m}");
        }
    }
    let html = report(&env, "html");
    // Self-contained: no script, no link, no resource fetched (the SVG namespace is a name).
    for bad in ["<script", "<link", " src=", " href=", "url(", "@import"] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(html.lines().all(|l| l.chars().count() < 20_000));
    let md = report(&env, "md");
    let wide: Vec<&str> = md.lines().filter(|l| l.chars().count() > 78).collect();
    assert!(wide.is_empty(), "{wide:?}");
}

#[test]
fn identifiers_in_mail_text_survive_a_markdown_renderer() {
    let env = Env::new();
    let path = env.path("ids.mbox");
    let subject = "[PATCH] MODULE_VERSION() IS_ERR_OR_NULL *u* <b>[x](y)</b>";
    let ms = [M {
        id: "ids@x",
        parent: None,
        from: "Jo_Under Score <jo_u@example.org>",
        // Two weeks before the report's week ends: it needs attention, named by its subject.
        date: "Mon, 23 Feb 2026 10:00:00 +0000",
        subject,
        body: "",
        patch: true,
    }];
    fs::write(&path, mbox(&ms)).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    let md = report(&env, "md");
    // Rendered as CommonMark (as a mail client or forge would), the text reads as written.
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
    let text = html
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, rest)| rest))
        .collect::<String>()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let name = "MODULE_VERSION() IS_ERR_OR_NULL *u* <b>[x](y)</b>";
    assert!(text.contains(name), "{md}\n---\n{text}");
    assert!(
        !html.contains("<em>") && !html.contains("<b>") && !html.contains("<a "),
        "{html}"
    );
}
