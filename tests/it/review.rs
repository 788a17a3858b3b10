//! Review state: each automatic rule (under-review on someone else's reply, superseded by a new
//! revision, a maintainer's `pw-bot:` command; accepted from git links is in `link.rs`), a
//! person's state never overwritten (and `show` saying what a rule would have done), state
//! commands in bulk, everything surviving `patchq rebuild`, and databases of every earlier
//! schema version upgraded with state, history and notes intact.

use std::fs;

use crate::helpers::{Env, stamped};

const MAINTAINERS: &str = "FOO DRIVER\nM:\tMax Maintainer <max@example.org>\nR:\tRita Reviewer <rita@example.org>\nS:\tMaintained\nF:\tdrivers/foo/\n";

fn patch(
    id: &str,
    from: &str,
    date: &str,
    subject: &str,
    file: &str,
    parent: Option<&str>,
) -> String {
    let reply = parent
        .map(|p| format!("In-Reply-To: <{p}>\nReferences: <{p}>\n"))
        .unwrap_or_default();
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: {from}\nDate: {date}\nSubject: {subject}\n\
         Message-ID: <{id}>\n{reply}\nA change.\n\nSigned-off-by: {from}\n---\n\
         diff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n\
         @@ -1,2 +1,3 @@\n int a;\n+int {};\n int b;\n\n",
        id.replace(['@', '.', '-'], "_")
    )
}

fn reply(id: &str, from: &str, date: &str, parent: &str, body: &str) -> String {
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: {from}\nDate: {date}\nSubject: Re: a patch\n\
         Message-ID: <{id}>\nIn-Reply-To: <{parent}>\nReferences: <{parent}>\n\n{body}\n\n"
    )
}

const JANE: &str = "Jane Dev <jane@example.org>";
const BOB: &str = "Bob Builder <bob@example.net>";
const CAROL: &str = "Carol Coder <carol@example.com>";
const RITA: &str = "Rita Reviewer <rita@example.org>";
const DAN: &str = "Dan Driveby <dan@example.net>";
const MAX: &str = "Max Maintainer <max@example.org>";

struct Lab {
    env: Env,
    n: usize,
}

impl Lab {
    /// Imports `mails` as a list server trusted for the list delivers them (each vouched for).
    fn import(&mut self, mails: &[String]) {
        self.n += 1;
        if self.n == 1 {
            self.env.trust_list_server("");
        }
        let path = self.env.path(&format!("part{}.mbox", self.n));
        let stamped: Vec<String> = mails.iter().map(|m| stamped(m, "pass")).collect();
        fs::write(&path, stamped.concat()).unwrap();
        let r = self.env.import(&[&path]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }

    fn show(&self, s: &str) -> serde_json::Value {
        let r = self.env.run(&["--format", "json", "show", s]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.json()
    }

    fn state(&self, s: &str) -> String {
        self.show(s)["state"].as_str().unwrap().to_string()
    }

    fn last_event(&self, s: &str) -> serde_json::Value {
        self.show(s)["events"]
            .as_array()
            .unwrap()
            .last()
            .cloned()
            .unwrap()
    }
}

/// Three one-patch series from Jane, Bob and Carol with MAINTAINERS loaded, Carol's deferred by
/// Max before anyone answered, then replies: Rita's, Dan's (no maintainer, with a pw-bot line),
/// Max's (a quoted and an unquoted pw-bot line). Shared by the tests below.
fn replied() -> Lab {
    let mut lab = Lab {
        env: Env::new(),
        n: 0,
    };
    let m = lab.env.path("MAINTAINERS");
    fs::write(&m, MAINTAINERS).unwrap();
    lab.import(&[
        patch(
            "p1@x",
            JANE,
            "Mon, 02 Mar 2026 10:00:00 +0000",
            "[PATCH] foo: fix a",
            "drivers/foo/a.c",
            None,
        ),
        reply(
            "r0@x",
            JANE,
            "Mon, 02 Mar 2026 11:00:00 +0000",
            "p1@x",
            "Oops, one more thing I meant to say.",
        ),
        patch(
            "p2@x",
            BOB,
            "Mon, 02 Mar 2026 12:00:00 +0000",
            "[PATCH] foo: fix b",
            "drivers/foo/b.c",
            None,
        ),
        patch(
            "p3@x",
            CAROL,
            "Mon, 02 Mar 2026 13:00:00 +0000",
            "[PATCH] foo: fix c",
            "drivers/foo/c.c",
            None,
        ),
    ]);
    assert_eq!(
        lab.env
            .run(&["-q", "maintainers", "load", m.to_str().unwrap()])
            .code,
        0
    );
    // The submitter answering herself is not a review.
    assert_eq!(lab.state("p1@x"), "new");
    // A person defers P3 before anyone answers.
    let r = lab
        .env
        .cmd(&[
            "state",
            "p3@x",
            "deferred",
            "--note",
            "after the merge window",
        ])
        .env("PATCHQ_USER", "max@example.org")
        .output()
        .unwrap();
    assert!(r.status.success());

    lab.import(&[
        reply(
            "r1@x",
            RITA,
            "Tue, 03 Mar 2026 09:00:00 +0000",
            "p1@x",
            "Looks right.",
        ),
        reply(
            "r2@x",
            DAN,
            "Tue, 03 Mar 2026 09:10:00 +0000",
            "p2@x",
            "Not sure.\n\npw-bot: cr",
        ),
        reply(
            "r3@x",
            MAX,
            "Tue, 03 Mar 2026 10:00:00 +0000",
            "p2@x",
            "> pw-bot: accept\n\nPlease split it.\n\npw-bot: cr",
        ),
        reply(
            "r4@x",
            MAX,
            "Tue, 03 Mar 2026 11:00:00 +0000",
            "p3@x",
            "Needs work.\n\npw-bot: changes-requested",
        ),
        reply(
            "r5@x",
            RITA,
            "Tue, 03 Mar 2026 11:30:00 +0000",
            "p3@x",
            "Agreed.",
        ),
    ]);
    lab
}

/// The v2 of Bob's and of Carol's series.
fn post_v2(lab: &mut Lab) {
    lab.import(&[
        patch(
            "p2v2@x",
            BOB,
            "Wed, 04 Mar 2026 10:00:00 +0000",
            "[PATCH v2] foo: fix b",
            "drivers/foo/b.c",
            Some("p2@x"),
        ),
        patch(
            "p3v2@x",
            CAROL,
            "Wed, 04 Mar 2026 11:00:00 +0000",
            "[PATCH v2] foo: fix c",
            "drivers/foo/c.c",
            Some("p3@x"),
        ),
    ]);
}

#[test]
fn replies_and_a_maintainers_pw_bot_line_set_states() {
    let lab = replied();
    assert_eq!(lab.state("p1@x"), "under-review");
    let e = lab.last_event("p1@x");
    assert_eq!(
        (e["who"].as_str(), e["why"].as_str()),
        (Some("patchq"), Some("reply from rita@example.org <r1@x>"))
    );
    assert_eq!(e["at"], "2026-03-03T09:00:00Z");
    // Dan is no maintainer: his reply starts the review, his pw-bot line does nothing; Max's
    // (unquoted) one does, on his behalf.
    assert_eq!(lab.state("p2@x"), "changes-requested");
    let e = lab.last_event("p2@x");
    assert_eq!(
        (e["old"].as_str(), e["who"].as_str(), e["why"].as_str()),
        (
            Some("under-review"),
            Some("max@example.org"),
            Some("pw-bot: changes-requested <r3@x>")
        )
    );
    assert_eq!(lab.state("p3@x"), "deferred");
}

#[test]
fn a_new_revision_supersedes_and_a_persons_state_stands() {
    let mut lab = replied();
    post_v2(&mut lab);
    assert_eq!(lab.state("p2@x"), "superseded");
    assert_eq!(lab.last_event("p2@x")["why"], "superseded by v2 <p2v2@x>");
    assert_eq!(lab.state("p2v2@x"), "new");
    // Carol's v1 keeps the person's state; show says what the rules would have done.
    let shown = lab.show("p3@x");
    assert_eq!(
        (shown["state"].as_str(), shown["state_source"].as_str()),
        (Some("deferred"), Some("person"))
    );
    let rules: Vec<&str> = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "rule")
        .map(|e| e["new"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["under-review", "changes-requested", "superseded"]);
    let text = lab.env.run(&["show", "p3@x"]).stdout;
    assert!(text.contains("a rule would set superseded (a person's state stands) by patchq: superseded by v2 <p3v2@x>"), "{text}");
    // A person's change names the replica it was made on (this database's id).
    let replica = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["replica"].as_str())
        .expect("the person's event carries its replica");
    assert_eq!(replica.len(), 16, "{replica}");
    let line = format!(
        "state new -> deferred by max@example.org on {}: after the merge window",
        &replica[..8]
    );
    assert!(text.contains(&line), "{text}");
}

#[test]
fn importing_again_and_rebuilding_change_no_state() {
    let mut lab = replied();
    post_v2(&mut lab);
    // Importing again and rebuilding change nothing a person or a rule decided.
    let before: Vec<serde_json::Value> = ["p1@x", "p2@x", "p3@x", "p2v2@x"]
        .iter()
        .map(|s| lab.show(s))
        .collect();
    lab.import(&[reply(
        "r6@x",
        DAN,
        "Thu, 05 Mar 2026 10:00:00 +0000",
        "p2@x",
        "Late.",
    )]);
    let r = lab.env.run(&["rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("rebuilt 12 messages (0 unreadable and 0 damaged, kept; 0 parsed now that were not), 5 series"),
        "{}",
        r.stderr
    );
    for (s, b) in ["p1@x", "p2@x", "p3@x", "p2v2@x"].iter().zip(&before) {
        let a = lab.show(s);
        assert_eq!(
            (&a["state"], &a["events"], &a["delegate"]),
            (&b["state"], &b["events"], &b["delegate"]),
            "{s}"
        );
    }
}

#[test]
fn state_commands_take_many_series_and_stdin() {
    let mut lab = Lab {
        env: Env::new(),
        n: 0,
    };
    lab.import(&[
        patch(
            "a@x",
            JANE,
            "Mon, 02 Mar 2026 10:00:00 +0000",
            "[PATCH] foo: a",
            "drivers/foo/a.c",
            None,
        ),
        patch(
            "b@x",
            BOB,
            "Mon, 02 Mar 2026 11:00:00 +0000",
            "[PATCH] foo: b",
            "drivers/foo/b.c",
            None,
        ),
        patch(
            "c@x",
            CAROL,
            "Mon, 02 Mar 2026 12:00:00 +0000",
            "[PATCH] foo: c",
            "drivers/foo/c.c",
            None,
        ),
    ]);
    let list = lab
        .env
        .run(&["--format", "json", "list", "--from", "example.org"])
        .stdout;
    let r = lab.env.run_with_stdin(
        &["--format", "json", "state", "-", "rfc"],
        Some(list.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.json().as_array().unwrap().len(),
        1,
        "only Jane's is from example.org"
    );
    let r = lab
        .env
        .run(&["state", "b@x", "https://lore.kernel.org/r/c@x", "rejected"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        (lab.state("a@x"), lab.state("b@x"), lab.state("c@x")),
        ("rfc".into(), "rejected".into(), "rejected".into())
    );
    // A typo changes nothing at all.
    let r = lab.env.run(&["state", "a@x", "nosuch@x", "accepted"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no series holds message <nosuch@x>"),
        "{}",
        r.stderr
    );
    assert_eq!(lab.state("a@x"), "rfc");
    assert_eq!(lab.env.run(&["state", "a@x", "done"]).code, 1);
    // Delegate and archive: the outstanding list leaves archived series out.
    assert_eq!(lab.env.run(&["delegate", "a@x", "max@example.org"]).code, 0);
    assert_eq!(lab.show("a@x")["delegate"], "max@example.org");
    assert_eq!(
        lab.env
            .run(&["--format", "json", "list", "--delegate", "MAX@example.org"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(lab.env.run(&["archive", "a@x"]).code, 0);
    assert_eq!(lab.env.run(&["list"]).code, 1, "nothing outstanding");
    assert_eq!(lab.env.run(&["archive", "--undo", "a@x"]).code, 0);
    assert_eq!(
        lab.env
            .run(&["--format", "json", "list"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        lab.env
            .run(&["note", "a@x", "b@x", "ask Jane about the locking"])
            .code,
        0
    );
    let text = lab.env.run(&["show", "b@x"]).stdout;
    assert!(
        text.contains("note: ask Jane about the locking by "),
        "{text}"
    );
    let kinds: Vec<String> = lab.show("a@x")["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["kind"].as_str().unwrap(),
                e["new"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "state rfc",
            "delegate max@example.org",
            "archive true",
            "archive false",
            "note ask Jane about the locking"
        ]
    );
}

#[test]
fn bot_replies_never_start_review_or_count_as_reviewers() {
    let mut lab = Lab {
        env: Env::new(),
        n: 0,
    };
    // The user's own CI, besides the bots patchq knows.
    let config = lab.env.path("config.toml");
    fs::write(&config, "bots = [\"*@ci.example.org\"]\n").unwrap();
    lab.env
        .vars
        .push(("PATCHQ_CONFIG".into(), config.display().to_string()));
    let config = lab.env.run(&["--format", "json", "config"]).json();
    assert_eq!(config["bots"], serde_json::json!(["*@ci.example.org"]));
    let robot = "kernel test robot <oliver.sang@intel.com>";
    let auto = |id: &str, parent: &str| {
        reply(
            id,
            "Build Farm <farm@example.net>",
            "Mon, 02 Mar 2026 11:30:00 +0000",
            parent,
            "Built.",
        )
        .replace(
            "Subject: Re: a patch\n",
            "Subject: Re: a patch\nAuto-Submitted: auto-generated\n",
        )
    };
    lab.import(&[
        patch(
            "b1@x",
            JANE,
            "Mon, 02 Mar 2026 10:00:00 +0000",
            "[PATCH] foo: fix a",
            "drivers/foo/a.c",
            None,
        ),
        reply(
            "b1r1@x",
            robot,
            "Mon, 02 Mar 2026 11:00:00 +0000",
            "b1@x",
            "Hi Jane, our robot noticed a build failure.",
        ),
        auto("b1r2@x", "b1@x"),
        reply(
            "b1r3@x",
            "Runner <runner7@ci.example.org>",
            "Mon, 02 Mar 2026 11:45:00 +0000",
            "b1@x",
            "CI passed.",
        ),
        reply(
            "b1r4@x",
            "",
            "Mon, 02 Mar 2026 11:50:00 +0000",
            "b1@x",
            "pr-tracker-bot: merged",
        )
        .replace("From: \n", "From: pr-tracker-bot@kernel.org\n"),
    ]);
    // Four bots answered; nobody reviewed.
    assert_eq!(lab.state("b1@x"), "new", "{}", lab.show("b1@x"));
    let shown = lab.show("b1@x");
    let bots: Vec<(&str, bool)> = shown["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["msgid"].as_str().unwrap(),
                r["bot"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        bots,
        [
            ("b1r1@x", true),
            ("b1r2@x", true),
            ("b1r3@x", true),
            ("b1r4@x", true)
        ]
    );
    let text = lab.env.run(&["show", "b1@x"]).stdout;
    assert!(
        text.contains("reply 2026-03-02T11:00:00Z kernel test robot (bot): Hi Jane"),
        "{text}"
    );
    // A person's reply starts review, dated by it.
    lab.import(&[reply(
        "b1r5@x",
        RITA,
        "Tue, 03 Mar 2026 09:00:00 +0000",
        "b1@x",
        "Looks fine.",
    )]);
    assert_eq!(lab.state("b1@x"), "under-review");
    assert_eq!(
        lab.last_event("b1@x")["why"],
        "reply from rita@example.org <b1r5@x>"
    );
    // The report counts Rita as the reviewer and lists the bots apart.
    let r = lab.env.run(&[
        "--format",
        "json",
        "report",
        "--since",
        "2026-03-01",
        "--until",
        "2026-03-08",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = r.json();
    let people = |k: &str| -> Vec<(String, i64)> {
        report[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["email"].as_str().unwrap().to_string(),
                    p["count"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        people("top_reviewers"),
        [("rita@example.org".to_string(), 1)]
    );
    assert_eq!(
        people("bots"),
        [
            ("farm@example.net".to_string(), 1),
            ("oliver.sang@intel.com".to_string(), 1),
            ("pr-tracker-bot@kernel.org".to_string(), 1),
            ("runner7@ci.example.org".to_string(), 1),
        ]
    );
    let md = lab
        .env
        .run(&["report", "--since", "2026-03-01", "--until", "2026-03-08"])
        .stdout;
    assert!(
        md.contains(
            "Bots (replies; not counted as review):\n\n- Build Farm (farm@example.net): 1 (+1)\n\
         - kernel test robot (oliver.sang@intel.com): 1 (+1)"
        ),
        "{md}"
    );
}

/// Regression (the LTP import killed after its fifth commit and run again): automatic states
/// follow the order their mail arrived in, not the order the series are saved in. A v1
/// superseded by its v2 the same day stays superseded when a reviewer answers the v1 months
/// later, whether the answer comes in the same import or a later one; one import applied the
/// later reply first (`new -> under-review`, then `under-review -> superseded`).
#[test]
fn a_late_reply_to_a_revision_already_superseded_leaves_it_superseded() {
    let v1 = patch(
        "old@x",
        JANE,
        "Sun, 07 Apr 2024 09:52:00 +0000",
        "[PATCH] foo: fix d",
        "drivers/foo/d.c",
        None,
    );
    let v2 = patch(
        "new@x",
        JANE,
        "Sun, 07 Apr 2024 10:24:00 +0000",
        "[PATCH v2] foo: fix d",
        "drivers/foo/d.c",
        None,
    );
    let late = reply(
        "late@x",
        RITA,
        "Wed, 04 Sep 2024 10:00:00 +0000",
        "old@x",
        "Why?",
    );
    let events = |lab: &Lab| -> Vec<(String, String)> {
        lab.show("old@x")["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or("").to_string();
                (format!("{} -> {}", s("old"), s("new")), s("why"))
            })
            .collect()
    };
    let expected = vec![(
        "new -> superseded".to_string(),
        "superseded by v2 <new@x>".to_string(),
    )];
    let mut once = Lab {
        env: Env::new(),
        n: 0,
    };
    once.import(&[v1.clone(), v2.clone(), late.clone()]);
    assert_eq!(events(&once), expected, "one import");
    let mut twice = Lab {
        env: Env::new(),
        n: 0,
    };
    twice.import(&[v1, v2]);
    twice.import(&[late]);
    assert_eq!(events(&twice), expected, "the reply in a later import");
}
