//! Series shapes met on the real archives, each rebuilt as a small mailbox written for the project
//! (same shape, new text) in `fixtures/series/`, with the series a maintainer should see. Every
//! case names the real series it was checked against by hand. `UPDATE_INPUTS=1 cargo test
//! shapes` rewrites the committed mailboxes (and fails, naming them).

use std::fs;
use std::path::PathBuf;

use chrono::{Duration, TimeZone, Utc};

use crate::helpers::{Env, compare_committed, fixtures};

/// One message of a case.
struct Mail {
    id: String,
    parent: Option<String>,
    from: &'static str,
    /// Minutes after the case's start.
    at: i64,
    subject: String,
    body: String,
}

fn person(who: &str) -> (&'static str, &'static str) {
    match who {
        "jane" => ("Jane Developer", "jane@example.org"),
        "rita" => ("Rita Reviewer", "rita@example.org"),
        "max" => ("Max Maintainer", "max@example.org"),
        "matthew" => ("Matthew Tester", "matthew@personal.example.net"),
        "sam" => ("Sam Backport", "sam@example.com"),
        "bot" => ("Stable Bot", "stable-bot@example.com"),
        other => panic!("no person {other}"),
    }
}

const DAY: i64 = 24 * 60;

/// A patch mail whose diff adds `line` to `file` (the same line gives the same patch-id).
fn patch(id: &str, parent: Option<&str>, from: &'static str, at: i64, subject: &str) -> Mail {
    let line = subject.rsplit("] ").next().unwrap_or(subject);
    patch_with(id, parent, from, at, subject, line)
}

fn patch_with(
    id: &str,
    parent: Option<&str>,
    from: &'static str,
    at: i64,
    subject: &str,
    line: &str,
) -> Mail {
    let (name, email) = person(from);
    let file = format!("drivers/widget/{}.c", line.len() % 7);
    let body = format!(
        "Make the widget do what the subject says.\n\nSigned-off-by: {name} <{email}>\n---\n \
         {file} | 1 +\n 1 file changed, 1 insertion(+)\n\ndiff --git a/{file} b/{file}\n\
         index 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n@@ -1,2 +1,3 @@\n \
         #include <linux/widget.h>\n+/* {line} */\n \n--\n2.45.0\n"
    );
    mail(id, parent, from, at, subject, &body)
}

fn mail(
    id: &str,
    parent: Option<&str>,
    from: &'static str,
    at: i64,
    subject: &str,
    body: &str,
) -> Mail {
    Mail {
        id: id.to_string(),
        parent: parent.map(str::to_string),
        from,
        at,
        subject: subject.to_string(),
        body: body.to_string(),
    }
}

/// The mailbox of a case: mboxrd, messages in the order given.
fn mbox(mails: &[Mail]) -> String {
    let start = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap();
    let mut out = String::new();
    for m in mails {
        let (name, email) = person(m.from);
        let date = start + Duration::minutes(m.at);
        out.push_str(&format!(
            "From {email} {}\nFrom: {name} <{email}>\nDate: {}\nSubject: {}\nMessage-ID: <{}>\n",
            date.format("%a %b %e %H:%M:%S %Y"),
            date.to_rfc2822(),
            m.subject,
            m.id
        ));
        if let Some(p) = &m.parent {
            out.push_str(&format!("In-Reply-To: <{p}>\nReferences: <{p}>\n"));
        }
        out.push_str("List-Id: <widget-devel.lists.example.org>\n\n");
        for line in m.body.lines() {
            let unquoted = line.trim_start_matches('>');
            if unquoted.starts_with("From ") {
                out.push('>');
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// What a maintainer sees: one line per series in date order, then its trailers per patch.
fn seen(env: &Env) -> Vec<String> {
    let list = env
        .run(&["--format", "json", "list", "--all", "--sort", "date"])
        .json();
    let mut series: Vec<&serde_json::Value> = list.as_array().unwrap().iter().collect();
    series.sort_by_key(|s| (s["date"].as_str().unwrap(), s["msgid"].as_str().unwrap()));
    let mut out = Vec::new();
    for s in series {
        let numbers: Vec<String> = s["patches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["number"].to_string())
            .collect();
        let show = env
            .run(&["--format", "json", "show", s["msgid"].as_str().unwrap()])
            .json();
        let key_of = |field: &str| match show[field].as_i64() {
            Some(id) => {
                let other = env
                    .run(&["--format", "json", "show", &id.to_string()])
                    .json();
                other["msgid"].as_str().unwrap().to_string()
            }
            None => "-".to_string(),
        };
        out.push(format!(
            "{} v{} {}/{} {} {}[{}] prev={} {}",
            s["msgid"].as_str().unwrap(),
            s["version"],
            s["received"],
            s["total"],
            if s["complete"] == true {
                "complete"
            } else {
                "incomplete"
            },
            if s["cover"].is_null() { "" } else { "cover " },
            numbers.join(","),
            key_of("previous"),
            s["state"].as_str().unwrap(),
        ));
        for p in show["patches"].as_array().unwrap() {
            for t in p["trailers"].as_array().unwrap() {
                out.push(format!(
                    "  {}: {} {} ({})",
                    p["number"],
                    t["kind"].as_str().unwrap(),
                    t["email"].as_str().unwrap_or("-"),
                    t["source"].as_str().unwrap()
                ));
            }
            for t in p["mismatches"].as_array().unwrap() {
                out.push(format!(
                    "  {}: mismatch {} {}",
                    p["number"],
                    t["kind"].as_str().unwrap(),
                    t["email"].as_str().unwrap_or("-"),
                ));
            }
        }
    }
    out
}

struct Case {
    name: &'static str,
    /// The real series it was checked against: archive and Message-ID.
    real: &'static str,
    mails: Vec<Mail>,
    expect: Vec<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "01-cover-and-trailers",
            real: "ltp 20240104122305.* (0/3, Reviewed-by on the cover applies to all)",
            mails: vec![
                mail("c1@x", None, "jane", 0, "[PATCH 0/3] widget: prefixes", "Three.\n\n 3 files changed, 3 insertions(+)\n"),
                patch("p1@x", Some("c1@x"), "jane", 1, "[PATCH 1/3] widget: one"),
                patch("p2@x", Some("c1@x"), "jane", 1, "[PATCH 2/3] widget: two"),
                patch("p3@x", Some("c1@x"), "jane", 1, "[PATCH 3/3] widget: three"),
                mail("r1@x", Some("p3@x"), "rita", 300, "Re: [PATCH 3/3] widget: three", "> Reviewed-by: Quoted <q@example.org>\n\nReviewed-by: Rita Reviewer <rita@example.org>\n"),
                mail("r2@x", Some("c1@x"), "max", 900, "Re: [PATCH 0/3] widget: prefixes", "For the series:\n\nAcked-by: Max Maintainer <max@example.org>\n"),
            ],
            expect: vec![
                "c1@x v1 3/3 complete cover [1,2,3] prev=- under-review",
                "  1: Acked-by max@example.org (cover)",
                "  2: Acked-by max@example.org (cover)",
                "  3: Reviewed-by rita@example.org (reply)",
                "  3: Acked-by max@example.org (cover)",
            ],
        },
        Case {
            name: "02-deep-threading",
            real: "ltp ZsBJs_C6GdO_qgV7@gondor.apana.org.au ([v3 PATCH 1/3], each patch answers the one before, the first a bot report)",
            mails: vec![
                patch("d1@x", Some("bot-report@x"), "jane", 0, "[v3 PATCH 1/3] widget: one"),
                patch("d2@x", Some("d1@x"), "jane", 1, "[v3 PATCH 2/3] widget: two"),
                patch("d3@x", Some("d2@x"), "jane", 2, "[v3 PATCH 3/3] widget: three"),
                mail("r@x", Some("d3@x"), "rita", 60, "Re: [v3 PATCH 3/3] widget: three", "Looks fine.\n"),
            ],
            expect: vec!["d1@x v3 3/3 complete [1,2,3] prev=- under-review"],
        },
        Case {
            name: "03-unthreaded",
            real: "uboot-stm32 20230927124440.247726-1-hws@denx.de (1/2 and 2/2 from two send-email runs, 105 s apart)",
            mails: vec![
                patch("u1@x", None, "jane", 0, "[PATCH 1/2] ram: print less"),
                patch("u2@x", None, "jane", 2, "[PATCH 2/2] board: print less"),
            ],
            expect: vec!["u1@x v1 2/2 complete [1,2] prev=- new"],
        },
        Case {
            name: "04-partly-copied",
            real: "uboot-stm32 20250407170529.893307-3-vincent.stehle@arm.com (only 2/5 was copied to the list)",
            mails: vec![patch("i2@x", Some("elsewhere-0@x"), "jane", 0, "[PATCH 2/5] board: fix buffer clearing")],
            expect: vec!["i2@x v1 1/5 incomplete [2] prev=- new"],
        },
        Case {
            name: "05-cover-letter-with-a-diff",
            real: "ltp 20250609124506.1454420-1-pvorel@suse.cz (v3 0/4 quoting an interdiff)",
            mails: vec![
                patch_with("cd0@x", None, "jane", 0, "[PATCH v3 0/2] shell: setup support", "interdiff"),
                patch("cd1@x", Some("cd0@x"), "jane", 1, "[PATCH v3 1/2] shell: cleanup"),
                patch("cd2@x", Some("cd0@x"), "jane", 1, "[PATCH v3 2/2] shell: setup"),
            ],
            expect: vec!["cd0@x v3 2/2 complete cover [1,2] prev=- new"],
        },
        Case {
            name: "06-forwarded-patch",
            real: "ltp b4c096fa-e7dd-49ec-a237-4c81498bb2ac@suse.cz (Fwd: of a patch from another list)",
            mails: vec![patch("fw@x", Some("other-list@x"), "max", 0, "Fwd: [PATCH v2] mm: fix vma merge")],
            expect: vec!["fw@x v2 1/1 complete [1] prev=- new"],
        },
        Case {
            name: "07-stale-cover-version",
            real: "ltp 20240515113338.554-1-andrea.cervesato@suse.de ([PATCH v1 00/10] sent with [PATCH v2 01/10]..)",
            mails: vec![
                mail("sv0@x", None, "jane", 0, "[PATCH v1 0/2] statmount tests", "Two tests.\n"),
                patch("sv1@x", Some("sv0@x"), "jane", 1, "[PATCH v2 1/2] Add statmount01"),
                patch("sv2@x", Some("sv0@x"), "jane", 1, "[PATCH v2 2/2] Add statmount02"),
            ],
            expect: vec!["sv0@x v2 2/2 complete cover [1,2] prev=- new"],
        },
        Case {
            name: "08-miscounted-cover",
            real: "ltp 20250109045532.43017-1-liwang@redhat.com ([PATCH v2 0/3] sent with 1/4..4/4)",
            mails: vec![
                mail("mc0@x", None, "jane", 0, "[PATCH v2 0/2] timeouts", "Now three.\n"),
                patch("mc1@x", Some("mc0@x"), "jane", 1, "[PATCH v2 1/3] lib: timeout one"),
                patch("mc2@x", Some("mc0@x"), "jane", 1, "[PATCH v2 2/3] lib: timeout two"),
                patch("mc3@x", Some("mc0@x"), "jane", 1, "[PATCH v2 3/3] lib: timeout three"),
            ],
            expect: vec!["mc0@x v2 3/3 complete cover [1,2,3] prev=- new"],
        },
        Case {
            name: "09-grown-in-one-batch",
            real: "uboot-stm32 20200915195147.2659607-1-mr.nuke.me@gmail.com ([PATCH 1/2] and [PATCH v2 2/2] answering v1)",
            mails: vec![
                patch("g1@x", None, "jane", 0, "[PATCH] mmc: use of_parse"),
                mail("gr@x", Some("g1@x"), "rita", 60, "Re: [PATCH] mmc: use of_parse", "Needs the hs bit first.\n"),
                patch("g2a@x", Some("g1@x"), "jane", 6 * DAY, "[PATCH 1/2] mmc: enable hs"),
                patch("g2b@x", Some("g1@x"), "jane", 6 * DAY, "[PATCH v2 2/2] mmc: use of_parse"),
            ],
            expect: vec![
                "g1@x v1 1/1 complete [1] prev=- superseded",
                "g2a@x v2 2/2 complete [1,2] prev=g1@x new",
            ],
        },
        Case {
            name: "10-partial-reroll",
            real: "patchwork's fixture shape; no instance in the four archives (checked by query)",
            mails: vec![
                patch("pr1@x", None, "jane", 0, "[PATCH 1/3] net: one"),
                patch("pr2@x", Some("pr1@x"), "jane", 1, "[PATCH 2/3] net: two"),
                patch("pr3@x", Some("pr1@x"), "jane", 1, "[PATCH 3/3] net: three"),
                patch("pr2b@x", Some("pr2@x"), "jane", 3 * DAY, "[PATCH v2 2/3] net: two"),
            ],
            expect: vec![
                "pr1@x v1 3/3 complete [1,2,3] prev=- superseded",
                "pr2b@x v2 1/3 incomplete [2] prev=pr1@x new",
            ],
        },
        Case {
            name: "11-long-chain-reworded",
            real: "ltp 20251029061129.3307836-1-chwen@redhat.com (v1..v17 over six months, v17 reworded)",
            mails: (1..=17)
                .map(|v| {
                    let what = if v < 17 { "clone and clone3" } else { "clone" };
                    patch(
                        &format!("lc{v}@x"),
                        None,
                        "jane",
                        v * 10 * DAY,
                        &format!("[PATCH v{v}] Add tls parameter and flag:CLONE_SETTLS cover for {what} syscall"),
                    )
                })
                .collect(),
            expect: vec![
                "lc1@x v1 1/1 complete [1] prev=- superseded",
                "lc2@x v2 1/1 complete [1] prev=lc1@x superseded",
                "lc3@x v3 1/1 complete [1] prev=lc2@x superseded",
                "lc4@x v4 1/1 complete [1] prev=lc3@x superseded",
                "lc5@x v5 1/1 complete [1] prev=lc4@x superseded",
                "lc6@x v6 1/1 complete [1] prev=lc5@x superseded",
                "lc7@x v7 1/1 complete [1] prev=lc6@x superseded",
                "lc8@x v8 1/1 complete [1] prev=lc7@x superseded",
                "lc9@x v9 1/1 complete [1] prev=lc8@x superseded",
                "lc10@x v10 1/1 complete [1] prev=lc9@x superseded",
                "lc11@x v11 1/1 complete [1] prev=lc10@x superseded",
                "lc12@x v12 1/1 complete [1] prev=lc11@x superseded",
                "lc13@x v13 1/1 complete [1] prev=lc12@x superseded",
                "lc14@x v14 1/1 complete [1] prev=lc13@x superseded",
                "lc15@x v15 1/1 complete [1] prev=lc14@x superseded",
                "lc16@x v16 1/1 complete [1] prev=lc15@x superseded",
                "lc17@x v17 1/1 complete [1] prev=lc16@x new",
            ],
        },
        Case {
            name: "12-restarted-count",
            real: "ltp thermal: add new test group (v1..v5, unversioned 52 days later, then v2..v11)",
            mails: vec![
                patch("rc1@x", None, "jane", 0, "[PATCH v4] thermal: add new test group"),
                patch("rc2@x", None, "jane", 4 * DAY, "[PATCH v5] thermal: add new test group"),
                patch("rc3@x", None, "jane", 56 * DAY, "[PATCH] thermal: add new test group"),
                patch("rc4@x", None, "jane", 57 * DAY, "[PATCH v2] thermal: add new test group"),
            ],
            expect: vec![
                "rc1@x v4 1/1 complete [1] prev=- superseded",
                "rc2@x v5 1/1 complete [1] prev=rc1@x superseded",
                "rc3@x v1 1/1 complete [1] prev=rc2@x superseded",
                "rc4@x v2 1/1 complete [1] prev=rc3@x new",
            ],
        },
        Case {
            name: "13-backports-to-several-trees",
            real: "batman AUTOSEL 6.9 .. 4.19 of one patch, same minute",
            mails: vec![
                patch("bp1@x", None, "sam", 0, "[PATCH AUTOSEL 6.9 01/35] batman-adv: bypass empty buckets"),
                patch("bp2@x", None, "sam", 1, "[PATCH AUTOSEL 6.8 01/30] batman-adv: bypass empty buckets"),
                patch("bp3@x", None, "sam", 2, "[PATCH AUTOSEL 6.6 01/21] batman-adv: bypass empty buckets"),
            ],
            expect: vec![
                "bp1@x v1 1/35 incomplete [1] prev=- new",
                "bp2@x v1 1/30 incomplete [1] prev=- new",
                "bp3@x v1 1/21 incomplete [1] prev=- new",
            ],
        },
        Case {
            name: "14-every-cycle-the-same-first-patch",
            real: "batman 20230127102133.700173-2-sw@simonwunderlich.de (\"Start new development cycle\" heads each cycle's series)",
            mails: vec![
                patch("dc1@x", None, "max", 0, "[PATCH 1/2] batman-adv: Start new development cycle"),
                patch("dc2@x", Some("dc1@x"), "max", 1, "[PATCH 2/2] batman-adv: drop old includes"),
                patch_with("dc3@x", None, "max", 60 * DAY, "[PATCH 1/2] batman-adv: Start new development cycle", "version 2025.2"),
                patch("dc4@x", Some("dc3@x"), "max", 60 * DAY + 1, "[PATCH 2/2] batman-adv: add netlink attribute"),
            ],
            expect: vec![
                "dc1@x v1 2/2 complete [1,2] prev=- new",
                "dc3@x v1 2/2 complete [1,2] prev=- new",
            ],
        },
        Case {
            name: "15-stable-tree-notices",
            real: "batman Patch \"batman-adv: ...\" has been added to the 5.4-stable tree (diff included)",
            mails: vec![
                patch("sn1@x", None, "bot", 0, "Patch \"batman-adv: Reserve room for fragments\" has been added to the 5.4-stable tree"),
                patch("sn2@x", None, "bot", 1, "FAILED: patch \"batman-adv: Reserve room for fragments\" failed to apply to 4.19-stable tree"),
            ],
            expect: vec![],
        },
        Case {
            name: "16-one-sender-many-conversions",
            real: "ltp maxj.fnst@fujitsu.com \"X: Convert docs to docparse\" for many tests (was a 28-long chain)",
            mails: vec![
                patch("cv1@x", None, "jane", 0, "[PATCH] utimensat: Convert docs to docparse"),
                patch("cv2@x", None, "jane", 4 * DAY, "[PATCH] getcpu: Convert docs to docparse"),
                patch("cv3@x", None, "jane", 9 * DAY, "[PATCH v2] getcpu: Convert docs to docparse"),
            ],
            expect: vec![
                "cv1@x v1 1/1 complete [1] prev=- new",
                "cv2@x v1 1/1 complete [1] prev=- superseded",
                "cv3@x v2 1/1 complete [1] prev=cv2@x new",
            ],
        },
        Case {
            name: "17-resend",
            real: "ltp 20240108012252.2496776-1-lizhijian@fujitsu.com ([RESEND PATCH 1/2] of an unanswered series)",
            mails: vec![
                patch("rs1@x", None, "jane", 0, "[PATCH 1/2] syscalls: add gitignore"),
                patch("rs2@x", Some("rs1@x"), "jane", 1, "[PATCH 2/2] lib: add gitignore"),
                patch("rs3@x", None, "jane", 20 * DAY, "[RESEND PATCH 1/2] syscalls: add gitignore"),
                patch("rs4@x", Some("rs3@x"), "jane", 20 * DAY + 1, "[RESEND PATCH 2/2] lib: add gitignore"),
            ],
            expect: vec![
                "rs1@x v1 2/2 complete [1,2] prev=- superseded",
                "rs3@x v1 2/2 complete [1,2] prev=rs1@x new",
            ],
        },
        Case {
            name: "18-pull-requests",
            real: "uboot-stm32 [PULL] u-boot-stm32-20200117, an unthreaded \"Re: [PULL]\", the next pull",
            mails: vec![
                mail("pl1@x", None, "max", 0, "[PULL] Pull request: u-boot-stm32 u-boot-stm32-20200117", PULL_20200117),
                mail("pl2@x", None, "max", 60, "Re: [PULL] Pull request: u-boot-stm32 u-boot-stm32-20200117", &format!("Sorry, one more.\n\n{PULL_20200117}")),
                mail("pl3@x", None, "max", 14 * DAY, "[PULL] Pull request: u-boot-stm32 u-boot-stm32-20200131", &PULL_20200117.replace("20200117", "20200131")),
            ],
            expect: vec![
                "pl1@x v1 1/1 complete [1] prev=- new",
                "pl3@x v1 1/1 complete [1] prev=- new",
            ],
        },
        Case {
            name: "19-trailers-in-prose-mismatches-carried",
            real: "ltp ZuGe2gxREw2kKVfJ@yuki.lan (Otherwise: Reviewed-by:), ltp 20240214170949.793338-1-pvorel@suse.cz (Acked-by from another address and name: a mismatch), uboot-stm32 20190625080606.21650-1-patrice.chotard@st.com (Reviewed-by carried to v2)",
            mails: vec![
                patch("t1@x", None, "jane", 0, "[PATCH 1/2] widget: keep"),
                patch("t2@x", Some("t1@x"), "jane", 1, "[PATCH 2/2] widget: change"),
                mail("tr1@x", Some("t1@x"), "rita", 60, "Re: [PATCH 1/2] widget: keep", "No need for the break.\n\nOtherwise: Reviewed-by: Rita Reviewer <rita@example.org>\n\nnit: we put mail into <> (e.g. <x@example.org>)\n"),
                mail("tr2@x", Some("t2@x"), "matthew", 90, "Re: [PATCH 2/2] widget: change", "Acked-by: Matt Tester <matt@work.example.com>\n"),
                patch("t3@x", None, "jane", 5 * DAY, "[PATCH v2 1/2] widget: keep"),
                patch_with("t4@x", Some("t3@x"), "jane", 5 * DAY + 1, "[PATCH v2 2/2] widget: change", "changed again"),
            ],
            expect: vec![
                "t1@x v1 2/2 complete [1,2] prev=- superseded",
                "  1: Reviewed-by rita@example.org (reply)",
                "  2: mismatch Acked-by matt@work.example.com",
                "t3@x v2 2/2 complete [1,2] prev=t1@x new",
                "  1: Reviewed-by rita@example.org (carried)",
            ],
        },
        Case {
            name: "20-two-reposts-in-one-thread",
            real: "ltp 20240103112023.32355-1-akumar@suse.de (re-posted unversioned, then as v2, both answering the first)",
            mails: vec![
                patch_with("rp1@x", None, "jane", 0, "[PATCH] lib: Improve doc", "doc 1"),
                patch_with("rp2@x", Some("rp1@x"), "jane", 2, "[PATCH] lib: Improve doc", "doc 2"),
                patch_with("rp3@x", Some("rp1@x"), "jane", 5, "[PATCH v2] lib: Improve doc", "doc 3"),
            ],
            expect: vec![
                "rp1@x v1 1/1 complete [1] prev=- superseded",
                "rp2@x v2 1/1 complete [1] prev=rp1@x superseded",
                "rp3@x v2 1/1 complete [1] prev=rp2@x new",
            ],
        },
        Case {
            name: "21-new-version-in-the-old-thread",
            real: "ltp 20240111 cpuset02 v1 -> v2 (v2 answers v1 under a new subject)",
            mails: vec![
                patch("nt1@x", None, "jane", 0, "[PATCH] cpuset_memory_test.c: Use TMPDIR"),
                mail("ntr@x", Some("nt1@x"), "rita", 60, "Re: [PATCH] cpuset_memory_test.c: Use TMPDIR", "Rewrite it in C instead?\n"),
                patch("nt2@x", Some("ntr@x"), "jane", 18 * DAY, "[PATCH v2] cpuset02: Reimplement test6 in C"),
            ],
            expect: vec![
                "nt1@x v1 1/1 complete [1] prev=- superseded",
                "nt2@x v2 1/1 complete [1] prev=nt1@x new",
            ],
        },
    ]
}

const PULL_20200117: &str = "Hi Tom,\n\nPlease pull the STM32 related fixes.\n\n\
The following changes since commit 0123456789abcdef0123456789abcdef01234567:\n\n  \
Prepare v2020.01 (2020-01-06 15:56:18 -0500)\n\nare available in the Git repository at:\n\n  \
https://gitlab.example.org/u-boot/custodians/u-boot-stm.git tags/u-boot-stm32-20200117\n\n\
for you to fetch changes up to 89abcdef0123456789abcdef0123456789abcdef:\n\n  \
stm32mp1: fix the clock tree (2020-01-16 10:00:00 +0100)\n";

fn fixture(name: &str) -> PathBuf {
    fixtures().join("series").join(format!("{name}.mbox"))
}

#[test]
fn series_fixtures_are_current() {
    // Generated inputs (`import` reads them elsewhere): UPDATE_INPUTS, not UPDATE_FIXTURES.
    let stale: Vec<String> = cases()
        .iter()
        .filter_map(|case| {
            let text = mbox(&case.mails);
            compare_committed(&fixture(case.name), text.as_bytes(), "UPDATE_INPUTS")
        })
        .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn series_shapes_seen_on_the_real_archives() {
    let mut failures = Vec::new();
    for case in cases() {
        let env = Env::new();
        let r = env.import(&[&fixture(case.name)]);
        assert_eq!(r.code, 0, "{}: {}", case.name, r.stderr);
        let got = seen(&env);
        if got != case.expect {
            failures.push(format!(
                "{} (real: {})\n  expected:\n    {}\n  got:\n    {}",
                case.name,
                case.real,
                case.expect.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn series_shapes_do_not_depend_on_arrival_order() {
    // Each case's mailbox split in two and imported newest half first, then one message at a
    // time in reverse: the same series as a single import.
    let mut failures = Vec::new();
    for case in cases() {
        let half = case.mails.len() / 2;
        let (older, newer) = case.mails.split_at(half);
        let splits: [Vec<&[Mail]>; 2] = [vec![newer, older], case.mails.chunks(1).rev().collect()];
        for parts in splits {
            let env = Env::new();
            for (i, part) in parts.iter().filter(|p| !p.is_empty()).enumerate() {
                let path = env.path(&format!("part-{i}.mbox"));
                fs::write(&path, mbox(part)).unwrap();
                let r = env.import(&[&path]);
                assert_eq!(r.code, 0, "{}: {}", case.name, r.stderr);
            }
            let got = seen(&env);
            if got != case.expect {
                failures.push(format!(
                    "{} in {} parts\n  expected:\n    {}\n  got:\n    {}",
                    case.name,
                    parts.len(),
                    case.expect.join("\n    "),
                    got.join("\n    ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_series_cross_posted_to_two_lists_is_one_series() {
    // The same mails as the other list delivers them: its own List-Id and subject tag.
    let case = cases().remove(0);
    let env = Env::new();
    let first = env.path("a.mbox");
    fs::write(&first, mbox(&case.mails)).unwrap();
    let other = mbox(&case.mails)
        .replace("Subject: ", "Subject: [other-list] ")
        .replace(
            "List-Id: <widget-devel.lists.example.org>",
            "List-Id: <other.lists.example.net>",
        );
    let second = env.path("b.mbox");
    fs::write(&second, other).unwrap();
    assert_eq!(env.import(&[&first]).code, 0);
    let r = env.import(&[&second]).json();
    assert_eq!(
        (r["new"].as_u64(), r["duplicates"].as_u64()),
        (Some(0), Some(6))
    );
    // Second copies, not different messages reusing the Message-IDs; both lists remembered.
    let db = rusqlite::Connection::open(env.db()).unwrap();
    let count = |sql: &str| db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM conflicts"), 0);
    assert_eq!(
        count("SELECT count(*) FROM message_lists WHERE list_id = 'other.lists.example.net'"),
        6
    );
    assert_eq!(seen(&env), case.expect);
}
