//! Git linking on a repository built here with fixed names and dates: patches posted with
//! `git format-patch` (cover letters, v1 and v2, replies with trailers), then applied the ways
//! maintainers do. Every case asserts the exact link and method, or the deliberate non-link.
//!
//! | case | applied as | expected |
//! |---|---|---|
//! | S1 | `git am` unchanged | patch-id |
//! | S2 | trailers and a `Link:` added | link-trailer |
//! | S3 | subject reworded (a person rejected it before) | patch-id, state kept |
//! | S4 | message rewritten | patch-id |
//! | S5 | `git am -3` on a base where the context moved | diff |
//! | S6 | v2 applied with one hunk edited | diff, to v2 |
//! | S7 | squashed with a fix-up from a reply | diff |
//! | S8 | applied, then cherry-picked to a stable branch | patch-id, both commits |
//! | S9 | v1 applied while v2 (same first patch) was posted | patch-id, to v1 |
//! | S10 | rewritten by the maintainer, subject and author kept | subject |
//! | S11 | series with `Link:` to the cover letter | link-trailer, each patch |
//! | S12 | later mail, commit already scanned | patch-id on the next run |
//! | S13 | on a branch rewritten afterwards | link taken back |
//! | S14 | first of two patches applied | patch-id; `landed` 1, `list --applied some` |
//! | S15 | applied in a second repository | patch-id; both repositories rescanned |
//! | N1..N5 | revert; same file other change; same subject other author; `Link:`/`Closes:` to a reply; a patch posted after the commit | no link |

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use crate::helpers::{Env, git};
use crate::sample::{format_patch, reply, thread};

type Who = (&'static str, &'static str);
const LINUS: Who = ("Linus Lead", "lead@example.org");
const JANE: Who = ("Jane Dev", "jane@example.org");
const BOB: Who = ("Bob Builder", "bob@example.net");
const CAROL: Who = ("Carol Coder", "carol@example.com");
const DAVE: Who = ("Dave Driver", "dave@example.com");
const ERIN: Who = ("Erin Engineer", "erin@example.org");
const FRANK: Who = ("Frank Fixer", "frank@example.net");

/// 30 distinct lines for file `name`.
fn lines(name: &str) -> Vec<String> {
    (1..=30)
        .map(|i| format!("int {name}_{i}(void) {{ return {i} * {}; }}", name.len()))
        .collect()
}

/// `name`'s lines with `edits` (1-based line, new text) applied.
fn edited(name: &str, edits: &[(usize, &str)]) -> String {
    let mut l = lines(name);
    for (i, t) in edits {
        l[i - 1] = t.to_string();
    }
    l.join("\n") + "\n"
}

struct Lab {
    env: Env,
    repo: PathBuf,
    mails: Vec<String>,
}

impl Lab {
    fn write(&self, file: &str, text: &str) {
        fs::write(self.repo.join(file), text).unwrap();
    }

    fn git(&self, args: &[&str], date: &str) -> String {
        git(&self.repo, args, date)
    }

    fn commit(&self, who: Who, date: &str, msg: &str) -> String {
        self.git(&["add", "-A"], date);
        let author = format!("{} <{}>", who.0, who.1);
        self.git(&["commit", "-q", "--author", &author, "-m", msg], date);
        self.head()
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"], "2026-01-01T00:00:00Z")
            .trim()
            .to_string()
    }

    /// Commits `changes` on a topic branch from `base` and posts them: returns the mails (with
    /// Message-IDs `<id>-<n>@example.org`, n = 0 for the cover letter), threaded to the cover or
    /// the first patch.
    fn post(
        &mut self,
        id: &str,
        who: Who,
        date: &str,
        changes: &[(&str, String, &str)],
        cover: Option<&str>,
        version: u32,
    ) -> Vec<String> {
        self.git(&["checkout", "-q", "-B", id, "base"], date);
        for (file, text, msg) in changes {
            self.write(file, text);
            self.commit(
                who,
                date,
                &format!("{msg}\n\nSigned-off-by: {} <{}>", who.0, who.1),
            );
        }
        let mut extra = vec!["-n"];
        let v = format!("-v{version}");
        if version > 1 {
            extra.push(&v);
        }
        if cover.is_some() {
            extra.push("--cover-letter");
        }
        let out = self.env.path("fp");
        let range = format!("base..{id}");
        let mails = format_patch(&self.repo, &out, &range, &extra);
        self.git(&["checkout", "-q", "master"], date);
        let first = if cover.is_some() { 0 } else { 1 };
        let root = format!("{id}-{first}@example.org");
        let mut ids = Vec::new();
        for (i, m) in mails.iter().enumerate() {
            let n = i + first;
            let msgid = format!("{id}-{n}@example.org");
            let m = match cover {
                Some(subject) if n == 0 => m
                    .replace("*** SUBJECT HERE ***", subject)
                    .replace("*** BLURB HERE ***", "The work.")
                    .replace(
                        "From: Fixture Committer <committer@example.org>",
                        &format!("From: {} <{}>", who.0, who.1),
                    )
                    .replace(
                        "Date: Thu, 1 Jan 2026 00:00:00 +0000",
                        &format!("Date: {date}"),
                    ),
                _ => m.clone(),
            };
            let m = if n == first {
                thread(&m, &msgid, None, &[])
            } else {
                thread(&m, &msgid, Some(&root), &[&root])
            };
            self.mails.push(m.clone());
            ids.push(m);
        }
        ids
    }

    /// `git am` of one posted mail on the current branch, committed at `date`.
    fn am(&self, mail: &str, date: &str, three_way: bool) -> String {
        let file = self.env.path("am.mbox");
        fs::write(&file, mail).unwrap();
        let f = file.display().to_string();
        let mut args = vec!["am", "-q"];
        if three_way {
            args.push("-3");
        }
        args.push(&f);
        self.git(&args, date);
        self.head()
    }

    fn amend(&self, date: &str, msg: &str) -> String {
        self.git(&["add", "-A"], date);
        self.git(&["commit", "-q", "--amend", "-m", msg], date);
        self.head()
    }

    fn message(&self) -> String {
        self.git(&["log", "-1", "--format=%B"], "2026-01-01T00:00:00Z")
    }

    fn import(&mut self) {
        let mbox = self.env.path("list.mbox");
        let mut text = String::new();
        for m in self.mails.drain(..) {
            text.push_str(&m);
            if !m.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
        }
        let mut old = fs::read_to_string(&mbox).unwrap_or_default();
        old.push_str(&text);
        fs::write(&mbox, old).unwrap();
        let r = self.env.import(&[&mbox]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }

    /// `patchq link` with `args`; the links it printed as (msgid, commit, method).
    fn link(&self, args: &[&str]) -> (BTreeSet<(String, String, String)>, String) {
        let mut all = vec!["--format", "json", "link"];
        all.extend_from_slice(args);
        let r = self.env.run(&all);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let links = r
            .stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                assert!(v["series"].as_i64().unwrap() > 0, "{l}");
                (
                    v["msgid"].as_str().unwrap().to_string(),
                    v["commit"].as_str().unwrap().to_string(),
                    v["method"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (links, r.stderr)
    }

    fn show(&self, msgid: &str) -> serde_json::Value {
        let r = self.env.run(&["--format", "json", "show", msgid]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.json()
    }

    fn state(&self, msgid: &str) -> String {
        self.show(msgid)["state"].as_str().unwrap().to_string()
    }
}

fn mid(id: &str, n: u32) -> String {
    format!("{id}-{n}@example.org")
}

fn link_of(msgid: &str, commit: &str, method: &str) -> (String, String, String) {
    (msgid.to_string(), commit.to_string(), method.to_string())
}

fn lab() -> Lab {
    let env = Env::new();
    let repo = env.path("tree");
    fs::create_dir_all(&repo).unwrap();
    let lab = Lab {
        env,
        repo,
        mails: Vec::new(),
    };
    let d0 = "2026-01-05T10:00:00Z";
    lab.git(&["init", "-q", "-b", "master"], d0);
    for f in [
        "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "s12", "s13", "s14",
        "u", "n4",
    ] {
        lab.write(&format!("{f}.c"), &edited(f, &[]));
    }
    lab.commit(LINUS, d0, "Initial tree");
    lab.git(&["tag", "base"], d0);
    lab
}

/// Everything maintainers do to patches, posted in February 2026 and applied in March, and the
/// first link run over master and stable. Shared by the tests below, each on its own copy.
struct Scenario {
    lab: Lab,
    repo: String,
    expected: BTreeSet<(String, String, String)>,
    found: BTreeSet<(String, String, String)>,
    stderr: String,
    c8: String,
    c11: Vec<String>,
    n4: String,
}

fn scenario() -> Scenario {
    let mut lab = lab();
    // --- Posting (February 2026).
    let s1 = lab.post(
        "s1",
        CAROL,
        "Mon, 02 Feb 2026 10:00:00 +0100",
        &[(
            "s1.c",
            edited("s1", &[(3, "int s1_3(void) { return 33; }")]),
            "s1: return 33 from s1_3",
        )],
        None,
        1,
    );
    let s2 = lab.post(
        "s2",
        BOB,
        "Tue, 03 Feb 2026 10:00:00 +0000",
        &[(
            "s2.c",
            edited("s2", &[(5, "int s2_5(void) { return -5; }")]),
            "s2: negate s2_5",
        )],
        None,
        1,
    );
    lab.mails.push(reply(
        "Max Maintainer <max@example.org>",
        "Wed, 04 Feb 2026 09:00:00 +0000",
        "max-s2@example.org",
        &mid("s2", 1),
        &[&mid("s2", 1)],
        "Re: [PATCH] s2: negate s2_5",
        "Reviewed-by: Max Maintainer <max@example.org>\n",
    ));
    let s3 = lab.post(
        "s3",
        DAVE,
        "Wed, 04 Feb 2026 10:00:00 +0000",
        &[(
            "s3.c",
            edited("s3", &[(7, "int s3_7(void) { return 77; }")]),
            "s3: return 77 from s3_7",
        )],
        None,
        1,
    );
    let s4 = lab.post(
        "s4",
        ERIN,
        "Thu, 05 Feb 2026 10:00:00 +0000",
        &[(
            "s4.c",
            edited("s4", &[(9, "int s4_9(void) { return 99; }")]),
            "s4: return 99 from s4_9",
        )],
        None,
        1,
    );
    let s5_edit = "int s5_11(void) { return 1111; }";
    let s5 = lab.post(
        "s5",
        JANE,
        "Fri, 06 Feb 2026 10:00:00 +0000",
        &[(
            "s5.c",
            edited(
                "s5",
                &[(11, s5_edit), (12, "int s5_12(void) { return 1212; }")],
            ),
            "s5: change s5_11 and s5_12",
        )],
        None,
        1,
    );
    let h = |v2: bool| {
        edited(
            "s6",
            &[
                (3, "int s6_3(void) { return 300; }"),
                (4, "int s6_4(void) { return 400; }"),
                (5, "int s6_5(void) { return 500; }"),
                (20, "int s6_20(void) { return 2000; }"),
                (
                    21,
                    if v2 {
                        "int s6_21(void) { return 2100 + 1; }"
                    } else {
                        "int s6_21(void) { return 2100; }"
                    },
                ),
                (22, "int s6_22(void) { return 2200; }"),
            ],
        )
    };
    let _s6v1 = lab.post(
        "s6a",
        BOB,
        "Sat, 07 Feb 2026 10:00:00 +0000",
        &[("s6.c", h(false), "s6: scale six functions")],
        None,
        1,
    );
    let s6v2 = lab.post(
        "s6b",
        BOB,
        "Sat, 14 Feb 2026 10:00:00 +0000",
        &[("s6.c", h(true), "s6: scale six functions")],
        None,
        2,
    );
    let s7_base = [
        (2, "int s7_2(void) { return 222; }"),
        (4, "int s7_4(void) { return 444; }"),
    ];
    let s7 = lab.post(
        "s7",
        CAROL,
        "Sun, 08 Feb 2026 10:00:00 +0000",
        &[("s7.c", edited("s7", &s7_base), "s7: two new values")],
        None,
        1,
    );
    lab.mails.push(reply("Max Maintainer <max@example.org>", "Mon, 09 Feb 2026 09:00:00 +0000", "max-s7@example.org", &mid("s7", 1), &[&mid("s7", 1)], "Re: [PATCH] s7: two new values",
        "Please squash this in:\n\n--- a/s7.c\n+++ b/s7.c\n@@ -5,1 +5,1 @@\n-int s7_5(void) { return 5 * 2; }\n+int s7_5(void) { return 555; }\n"));
    let s8 = lab.post(
        "s8",
        DAVE,
        "Mon, 09 Feb 2026 10:00:00 +0000",
        &[(
            "s8.c",
            edited("s8", &[(13, "int s8_13(void) { return 1313; }")]),
            "s8: fix s8_13",
        )],
        None,
        1,
    );
    let p1 = (
        "s9.c",
        edited("s9", &[(2, "int s9_2(void) { return 92; }")]),
        "s9: first step",
    );
    let s9v1 = lab.post(
        "s9a",
        ERIN,
        "Tue, 10 Feb 2026 10:00:00 +0000",
        &[
            p1.clone(),
            (
                "s10.c",
                edited("s10", &[(4, "int s10_4(void) { return 104; }")]),
                "s9: second step",
            ),
        ],
        None,
        1,
    );
    let _s9v2 = lab.post(
        "s9b",
        ERIN,
        "Tue, 17 Feb 2026 10:00:00 +0000",
        &[
            p1.clone(),
            (
                "s10.c",
                edited("s10", &[(4, "int s10_4(void) { return 1004; }")]),
                "s9: second step",
            ),
        ],
        None,
        2,
    );
    let _s10 = lab.post(
        "s10",
        JANE,
        "Wed, 11 Feb 2026 10:00:00 +0000",
        &[(
            "s12.c",
            edited("s12", &[(1, "int s12_1(void) { return 1; }")]),
            "s12: simplify s12_1",
        )],
        None,
        1,
    );
    let s11 = lab.post(
        "s11",
        BOB,
        "Thu, 12 Feb 2026 10:00:00 +0000",
        &[
            (
                "s11.c",
                edited("s11", &[(1, "int s11_1(void) { return 101; }")]),
                "s11: one",
            ),
            (
                "s11.c",
                edited(
                    "s11",
                    &[
                        (1, "int s11_1(void) { return 101; }"),
                        (15, "int s11_15(void) { return 115; }"),
                    ],
                ),
                "s11: two",
            ),
            (
                "s11.c",
                edited(
                    "s11",
                    &[
                        (1, "int s11_1(void) { return 101; }"),
                        (15, "int s11_15(void) { return 115; }"),
                        (29, "int s11_29(void) { return 129; }"),
                    ],
                ),
                "s11: three",
            ),
        ],
        Some("s11: three steps"),
        1,
    );
    let s14 = lab.post(
        "s14",
        CAROL,
        "Sat, 14 Feb 2026 12:00:00 +0000",
        &[
            (
                "s14.c",
                edited("s14", &[(3, "int s14_3(void) { return 143; }")]),
                "s14: first",
            ),
            (
                "s14.c",
                edited(
                    "s14",
                    &[
                        (3, "int s14_3(void) { return 143; }"),
                        (9, "int s14_9(void) { return 149; }"),
                    ],
                ),
                "s14: second",
            ),
        ],
        None,
        1,
    );
    let _u1 = lab.post(
        "u1",
        JANE,
        "Fri, 13 Feb 2026 10:00:00 +0000",
        &[(
            "u.c",
            edited("u", &[(6, "int u_6(void) { return 66; }")]),
            "u: tidy up",
        )],
        None,
        1,
    );
    lab.mails.push(reply(
        "Rita Reviewer <rita@example.org>",
        "Sat, 14 Feb 2026 09:00:00 +0000",
        "rita-report@example.org",
        &mid("u1", 1),
        &[&mid("u1", 1)],
        "Re: [PATCH] u: tidy up",
        "This breaks n4 on my machine.\n",
    ));
    lab.import();

    // Someone rejected S3 by hand before it was applied.
    {
        let db = rusqlite::Connection::open(lab.env.db()).unwrap();
        db.execute("INSERT INTO review_state(key, state, source, updated) VALUES (?1, 'rejected', 'person', 0)", [mid("s3", 1)]).unwrap();
    }

    // --- Applying (late February, March 2026).
    let mut expected = BTreeSet::new();
    let c1 = lab.am(&s1[0], "2026-03-01T10:00:00Z", false);
    expected.insert(link_of(&mid("s1", 1), &c1, "patch-id"));
    lab.am(&s2[0], "2026-03-01T11:00:00Z", false);
    let msg = lab.message().trim_end().to_string();
    let c2 = lab.amend("2026-03-01T11:00:00Z", &format!("{msg}\nReviewed-by: Max Maintainer <max@example.org>\nLink: https://patch.msgid.link/{}", mid("s2", 1)));
    expected.insert(link_of(&mid("s2", 1), &c2, "link-trailer"));
    lab.am(&s3[0], "2026-03-01T12:00:00Z", false);
    let c3 = lab.amend(
        "2026-03-01T12:00:00Z",
        "s3: make s3_7 return seventy-seven\n\nSigned-off-by: Dave Driver <dave@example.com>",
    );
    expected.insert(link_of(&mid("s3", 1), &c3, "patch-id"));
    lab.am(&s4[0], "2026-03-01T13:00:00Z", false);
    let c4 = lab.amend(
        "2026-03-01T13:00:00Z",
        "Rework s4_9\n\nThe maintainer wrote this message from scratch.",
    );
    expected.insert(link_of(&mid("s4", 1), &c4, "patch-id"));
    // The context of S5 moved before it was applied.
    lab.write(
        "s5.c",
        &edited("s5", &[(9, "int s5_9(void) { return 9 * 3; } /* moved */")]),
    );
    lab.commit(LINUS, "2026-02-20T10:00:00Z", "s5: touch s5_9");
    let c5 = lab.am(&s5[0], "2026-03-01T14:00:00Z", true);
    expected.insert(link_of(&mid("s5", 1), &c5, "diff"));
    // S6 v2 with one line of a hunk edited.
    lab.am(&s6v2[0], "2026-03-01T15:00:00Z", false);
    let s6 = fs::read_to_string(lab.repo.join("s6.c"))
        .unwrap()
        .replace("return 300;", "return 300 /* checked */;");
    lab.write("s6.c", &s6);
    let c6 = lab.amend("2026-03-01T15:00:00Z", "s6: scale six functions");
    expected.insert(link_of(&mid("s6b", 1), &c6, "diff"));
    // S7 squashed with the fix-up from the reply.
    lab.am(&s7[0], "2026-03-01T16:00:00Z", false);
    let s7_text = fs::read_to_string(lab.repo.join("s7.c")).unwrap().replace(
        "int s7_5(void) { return 5 * 2; }",
        "int s7_5(void) { return 555; }",
    );
    lab.write("s7.c", &s7_text);
    let msg = lab.message();
    let c7 = lab.amend("2026-03-01T16:00:00Z", msg.trim_end());
    expected.insert(link_of(&mid("s7", 1), &c7, "diff"));
    // S8 applied, then cherry-picked to stable.
    // S14: only the first of two patches applied.
    let c14 = lab.am(&s14[0], "2026-03-02T09:00:00Z", false);
    expected.insert(link_of(&mid("s14", 1), &c14, "patch-id"));
    let c8 = lab.am(&s8[0], "2026-03-02T10:00:00Z", false);
    expected.insert(link_of(&mid("s8", 1), &c8, "patch-id"));
    // S9 v1 applied although v2 was posted.
    let c9a = lab.am(&s9v1[0], "2026-03-02T11:00:00Z", false);
    let c9b = lab.am(&s9v1[1], "2026-03-02T11:00:00Z", false);
    expected.insert(link_of(&mid("s9a", 1), &c9a, "patch-id"));
    expected.insert(link_of(&mid("s9a", 2), &c9b, "patch-id"));
    // S10 rewritten by the maintainer under the author's name and subject.
    lab.write(
        "s12.c",
        &edited(
            "s12",
            &[
                (2, "int s12_2(void) { return 2; }"),
                (3, "int s12_3(void) { return 3; }"),
            ],
        ),
    );
    let jane = format!("{} <{}>", JANE.0, JANE.1);
    lab.git(&["add", "-A"], "2026-03-02T12:00:00Z");
    lab.git(
        &[
            "commit",
            "-q",
            "--author",
            &jane,
            "--date",
            "Wed, 11 Feb 2026 10:00:00 +0000",
            "-m",
            "s12: simplify s12_1\n\n[maintainer: rewrote it]",
        ],
        "2026-03-02T12:00:00Z",
    );
    let c10 = lab.head();
    expected.insert(link_of(&mid("s10", 1), &c10, "subject"));
    // S11: each commit links the cover letter.
    let mut c11 = Vec::new();
    for (i, m) in s11[1..].iter().enumerate() {
        lab.am(m, "2026-03-02T13:00:00Z", false);
        let msg = lab.message().trim_end().to_string();
        let c = lab.amend(
            "2026-03-02T13:00:00Z",
            &format!("{msg}\nLink: https://lore.kernel.org/r/{}", mid("s11", 0)),
        );
        expected.insert(link_of(&mid("s11", i as u32 + 1), &c, "link-trailer"));
        c11.push(c);
    }
    // N1: a revert of S1. N2: Carol again on s1.c, another change.
    lab.git(
        &[
            "-c",
            "user.name=Linus Lead",
            "-c",
            "user.email=lead@example.org",
            "revert",
            "--no-edit",
            &c1,
        ],
        "2026-03-05T10:00:00Z",
    );
    lab.write(
        "s1.c",
        &edited("s1", &[(20, "int s1_20(void) { return 2020; }")]),
    );
    lab.commit(CAROL, "2026-03-06T10:00:00Z", "s1: return 2020 from s1_20");
    // N3: Frank, same subject as U1 (never applied), another change.
    lab.write(
        "u.c",
        &edited("u", &[(25, "int u_25(void) { return 2525; }")]),
    );
    lab.commit(FRANK, "2026-03-07T10:00:00Z", "u: tidy up");
    // N4: Link: and Closes: naming the report reply, not a patch.
    lab.write(
        "n4.c",
        &edited("n4", &[(1, "int n4_1(void) { return 41; }")]),
    );
    lab.commit(LINUS, "2026-03-08T10:00:00Z", "n4: fix the breakage Rita saw\n\nCloses: https://lore.kernel.org/all/rita-report@example.org/\nLink: https://lore.kernel.org/r/rita-report@example.org");
    let n4 = lab.head();
    // Stable: S8 cherry-picked.
    lab.git(
        &["checkout", "-q", "-b", "stable", "base"],
        "2026-03-09T10:00:00Z",
    );
    lab.git(&["cherry-pick", "-x", &c8], "2026-03-09T10:00:00Z");
    let c8s = lab.head();
    expected.insert(link_of(&mid("s8", 1), &c8s, "patch-id"));
    lab.git(&["checkout", "-q", "master"], "2026-03-09T10:00:00Z");
    // N5: a patch posted after the commit it equals (a backport request).
    lab.git(
        &["checkout", "-q", "-B", "late", "base"],
        "2026-04-01T10:00:00Z",
    );
    lab.write(
        "n4.c",
        &edited("n4", &[(1, "int n4_1(void) { return 41; }")]),
    );
    lab.commit(
        LINUS,
        "2026-04-01T10:00:00Z",
        "n4: fix the breakage Rita saw",
    );
    let late = format_patch(&lab.repo, &lab.env.path("fp"), "base..late", &["-n"]);
    lab.git(&["checkout", "-q", "master"], "2026-04-01T10:00:00Z");
    lab.mails.push(thread(
        &late[0].replace(
            "Date: Wed, 1 Apr 2026 10:00:00 +0000",
            "Date: Wed, 01 Apr 2026 10:00:00 +0000",
        ),
        "late-1@example.org",
        None,
        &[],
    ));
    lab.import();

    // --- Linking.
    let repo = lab.repo.display().to_string();
    let (mut found, stderr) = lab.link(&["--repo", &repo, "--rev", "master"]);
    assert!(stderr.contains("new commits"), "{stderr}");
    let (more, _) = lab.link(&["--repo", &repo, "--rev", "stable"]);
    found.extend(more);
    Scenario {
        lab,
        repo,
        expected,
        found,
        stderr,
        c8,
        c11,
        n4,
    }
}

#[test]
fn links_every_way_maintainers_apply_patches() {
    let Scenario {
        expected,
        found,
        stderr,
        n4,
        ..
    } = scenario();
    let wrong: Vec<_> = found.difference(&expected).collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    assert!(
        wrong.is_empty() && missed.is_empty(),
        "wrong links: {wrong:#?}\nmissed: {missed:#?}\nstderr: {stderr}"
    );
    println!(
        "link cases: {} links expected, {} found, {} wrong, {} missed; deliberate non-links: 5 commits and 2 patches",
        expected.len(),
        found.len(),
        wrong.len(),
        missed.len()
    );
    assert!(!found.iter().any(|(_, c, _)| *c == n4));
}

#[test]
fn landed_series_are_accepted_and_a_persons_state_stands() {
    let Scenario { lab, c8, c11, .. } = scenario();
    // States: accepted when every patch landed, a person's state kept, v1 accepted over v2.
    for id in [
        "s1", "s2", "s4", "s5", "s6b", "s7", "s8", "s9a", "s10", "s11",
    ] {
        let key = if id == "s11" { mid(id, 0) } else { mid(id, 1) };
        assert_eq!(lab.state(&key), "accepted", "{id}");
    }
    assert_eq!(lab.state(&mid("s3", 1)), "rejected");
    assert_eq!(lab.state(&mid("s6a", 1)), "superseded");
    assert_eq!(lab.state(&mid("s9b", 1)), "new");
    assert_eq!(lab.state(&mid("u1", 1)), "under-review", "Rita answered");
    assert_eq!(lab.state("late-1@example.org"), "new");
    let shown = lab.show(&mid("s11", 0));
    let events = shown["events"].as_array().unwrap();
    let accept = events.iter().find(|e| e["new"] == "accepted").unwrap();
    assert_eq!(accept["who"], "patchq");
    assert!(
        accept["why"].as_str().unwrap().contains(&c11[0][..12]),
        "{accept}"
    );
    let patches = shown["patches"].as_array().unwrap();
    assert_eq!(patches[1]["commit"], c11[1].as_str());
    let s8shown = lab.show(&mid("s8", 1));
    assert_eq!(
        s8shown["patches"][0]["commit"],
        c8.as_str(),
        "the first commit"
    );
    assert_eq!(
        s8shown["patches"][0]["commits"].as_array().unwrap().len(),
        2
    );
    let s14shown = lab.show(&mid("s14", 1));
    assert_eq!(
        (s14shown["landed"].as_u64(), s14shown["state"].as_str()),
        (Some(1), Some("new"))
    );
    let applied = |how: &str| -> BTreeSet<String> {
        let r = lab
            .env
            .run(&["--format", "json", "list", "--all", "--applied", how]);
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["msgid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(applied("some"), BTreeSet::from([mid("s14", 1)]));
    let none = applied("none");
    assert!(
        none.contains(&mid("u1", 1))
            && none.contains(&mid("s9b", 1))
            && none.contains(&mid("s6a", 1))
    );
    let all = applied("all");
    assert_eq!(all.len(), 11, "{all:?}");
    assert!(all.contains(&mid("s3", 1)) && all.contains(&mid("s11", 0)));
    assert!(all.is_disjoint(&none));
}

/// S12: mail imported after its commit was scanned links on the next run; returns its commit.
fn late_mail(lab: &mut Lab, repo: &str) -> String {
    // --- S12: mail imported after its commit was scanned.
    lab.write(
        "s13.c",
        &edited("s13", &[(8, "int s13_8(void) { return 88; }")]),
    );
    let c12 = lab.commit(JANE, "2026-03-03T10:00:00Z", "s13: return 88 from s13_8");
    lab.git(
        &["update-ref", "refs/heads/next", &c12],
        "2026-03-03T10:00:00Z",
    );
    lab.git(&["reset", "-q", "--hard", "HEAD~1"], "2026-03-03T10:00:00Z");
    lab.link(&["--repo", repo, "--rev", "next"]);
    lab.git(
        &["checkout", "-q", "-B", "s12", "base"],
        "2026-02-20T10:00:00Z",
    );
    lab.write(
        "s13.c",
        &edited("s13", &[(8, "int s13_8(void) { return 88; }")]),
    );
    lab.commit(
        JANE,
        "Fri, 20 Feb 2026 10:00:00 +0000",
        "s13: return 88 from s13_8",
    );
    let m = format_patch(&lab.repo, &lab.env.path("fp"), "base..s12", &["-n"]);
    lab.git(&["checkout", "-q", "master"], "2026-02-20T10:00:00Z");
    lab.mails.push(thread(&m[0], &mid("s12", 1), None, &[]));
    lab.import();
    let (later, _) = lab.link(&[]);
    assert_eq!(
        later,
        BTreeSet::from([link_of(&mid("s12", 1), &c12, "patch-id")])
    );
    assert_eq!(lab.state(&mid("s12", 1)), "accepted");
    c12
}

#[test]
fn a_rerun_reads_only_new_commits_and_late_mail_links_to_a_scanned_commit() {
    let Scenario { mut lab, repo, .. } = scenario();
    // --- Again with nothing new: nothing read, nothing changed.
    let (again, stderr) = lab.link(&[]);
    assert!(again.is_empty());
    assert!(
        stderr.contains("master at") && stderr.contains(": 0 new commits"),
        "{stderr}"
    );

    late_mail(&mut lab, &repo);
}

#[test]
fn a_second_repository_serving_the_list_is_remembered_with_the_first() {
    let Scenario { mut lab, repo, .. } = scenario();
    late_mail(&mut lab, &repo);
    // --- S15: a second repository serving the same list (a tools tree), remembered with the
    // first; `patchq link` with no arguments scans both.
    let s15 = lab.post(
        "s15",
        BOB,
        "Sat, 21 Feb 2026 10:00:00 +0000",
        &[(
            "u.c",
            edited("u", &[(17, "int u_17(void) { return 1717; }")]),
            "u: tools change",
        )],
        None,
        1,
    );
    lab.import();
    let tools = lab.env.path("tools");
    git(
        lab.env.dir.path(),
        &["clone", "-q", &repo, tools.to_str().unwrap()],
        "2026-03-11T10:00:00Z",
    );
    let file = lab.env.path("s15.mbox");
    fs::write(&file, &s15[0]).unwrap();
    git(
        &tools,
        &["am", "-q", file.to_str().unwrap()],
        "2026-03-11T10:00:00Z",
    );
    let c15 = git(&tools, &["rev-parse", "HEAD"], "2026-03-11T10:00:00Z")
        .trim()
        .to_string();
    let tools_s = tools.display().to_string();
    let (first, _) = lab.link(&["--repo", &tools_s]);
    assert_eq!(
        first,
        BTreeSet::from([link_of(&mid("s15", 1), &c15, "patch-id")])
    );
    let (again, stderr) = lab.link(&[]);
    assert!(again.is_empty());
    assert_eq!(
        stderr.matches(": 0 new commits").count(),
        4,
        "master, stable, next, tools HEAD: {stderr}"
    );
}

#[test]
fn a_rewritten_branch_takes_its_links_back() {
    let Scenario { mut lab, repo, .. } = scenario();
    late_mail(&mut lab, &repo);
    // --- S13: the branch holding S12's commit is rewritten without it.
    lab.git(
        &["update-ref", "refs/heads/next", "master"],
        "2026-03-10T10:00:00Z",
    );
    let (after, stderr) = lab.link(&[]);
    assert!(after.is_empty());
    assert!(
        stderr.contains("no longer on it") && stderr.contains("1 taken back"),
        "{stderr}"
    );
    assert_eq!(lab.state(&mid("s12", 1)), "new");
    let events = lab.show(&mid("s12", 1))["events"].clone();
    assert_eq!(events.as_array().unwrap().last().unwrap()["new"], "new");
}

/// The repository's path, as `link --repo` takes it.
fn repo_arg(lab: &Lab) -> String {
    lab.repo.display().to_string()
}

#[test]
fn of_two_equal_postings_the_one_git_am_applied_is_linked_by_its_date() {
    let mut lab = lab();
    let text = edited("s1", &[(3, "int s1_accuracy = 1;")]);
    let change = [("s1.c", text, "s1: set the accuracy")];
    // v2 and a v3 that only re-posts it; the maintainer applies v2 (its Date: becomes the
    // commit's author date), after v3 was posted.
    let v2 = lab.post("eq2", JANE, "2026-02-02T10:00:00Z", &change, None, 2);
    lab.post("eq3", JANE, "2026-02-09T10:00:00Z", &change, None, 3);
    lab.import();
    let c = lab.am(&v2[0], "2026-02-20T10:00:00Z", false);
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(
        links,
        BTreeSet::from([link_of(&mid("eq2", 1), &c, "patch-id")])
    );
    // The re-post's change landed too: it is not left outstanding.
    assert_eq!(
        (lab.state(&mid("eq2", 1)), lab.state(&mid("eq3", 1))),
        ("accepted".to_string(), "accepted".to_string())
    );
    // Applied from v3 instead, the link goes to v3.
    let mut lab = self::lab();
    let change = [(
        "s2.c",
        edited("s2", &[(3, "int s2_accuracy = 1;")]),
        "s2: set it",
    )];
    lab.post("eq4", JANE, "2026-02-02T10:00:00Z", &change, None, 2);
    let v3 = lab.post("eq5", JANE, "2026-02-09T10:00:00Z", &change, None, 3);
    lab.import();
    let c = lab.am(&v3[0], "2026-02-20T10:00:00Z", false);
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(
        links,
        BTreeSet::from([link_of(&mid("eq5", 1), &c, "patch-id")])
    );
}

#[test]
fn a_patch_applied_eight_months_after_it_was_posted_links_by_subject() {
    let mut lab = lab();
    let posted = edited("s3", &[(3, "int s3_late = 1;")]);
    lab.post(
        "late",
        JANE,
        "2026-02-02T10:00:00Z",
        &[("s3.c", posted, "s3: handle late input")],
        None,
        1,
    );
    lab.import();
    // The maintainer writes the change anew in October under Jane's name and subject.
    lab.write(
        "s3.c",
        &edited("s3", &[(10, "int s3_late_rewritten(void) { return 7; }")]),
    );
    let c = lab.commit(
        JANE,
        "2026-10-05T10:00:00Z",
        "s3: handle late input\n\nRewritten.",
    );
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(
        links,
        BTreeSet::from([link_of(&mid("late", 1), &c, "subject")])
    );
}

#[test]
fn a_pull_request_links_to_the_merge_that_pulled_its_tip_and_is_accepted() {
    let mut lab = lab();
    let d = "2026-03-01T10:00:00Z";
    lab.git(&["checkout", "-q", "-b", "topic", "base"], d);
    lab.write("s4.c", &edited("s4", &[(2, "int s4_pulled = 1;")]));
    lab.commit(BOB, d, "s4: one");
    lab.write("s5.c", &edited("s5", &[(2, "int s5_pulled = 1;")]));
    let tip = lab.commit(BOB, d, "s5: two");
    lab.git(&["checkout", "-q", "master"], d);
    let base = lab.git(&["rev-parse", "base"], d).trim().to_string();
    let pull = format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: Bob Builder <bob@example.net>\n\
         Date: Sun, 1 Mar 2026 12:00:00 +0000\nSubject: [GIT PULL] s4 and s5 for 7.1\n\
         Message-ID: <pull-1@example.org>\n\nHi Linus,\n\n\
         The following changes since commit {base}:\n\n  Initial tree (2026-01-05 10:00:00 +0000)\n\n\
         are available in the Git repository at:\n\n  https://git.example.org/bob.git tags/s-7.1\n\n\
         for you to fetch changes up to {tip}:\n\n  s5: two (2026-03-01 10:00:00 +0000)\n"
    );
    lab.mails.push(pull);
    lab.import();
    lab.git(
        &[
            "-c",
            "user.name=Linus Lead",
            "-c",
            "user.email=lead@example.org",
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge tag 's-7.1'",
            "topic",
        ],
        "2026-03-03T10:00:00Z",
    );
    let merge = lab.head();
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(
        links,
        BTreeSet::from([link_of("pull-1@example.org", &merge, "pull")])
    );
    assert_eq!(lab.state("pull-1@example.org"), "accepted");
    // Nothing new: the link stays, nothing is printed.
    let (again, _) = lab.link(&[]);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(lab.state("pull-1@example.org"), "accepted");
}

#[test]
fn a_maintainers_fix_posted_in_a_reply_and_committed_links_to_the_reply() {
    let mut lab = lab();
    let posted = edited("s6", &[(4, "int s6_fixed = 0;")]);
    let v1 = lab.post(
        "rd",
        JANE,
        "2026-04-01T10:00:00Z",
        &[("s6.c", posted, "s6: fix it")],
        None,
        1,
    );
    // "Something like this?": the maintainer's own fix, as a diff in his reply.
    let d = "2026-04-02T10:00:00Z";
    lab.write(
        "s6.c",
        &edited(
            "s6",
            &[
                (4, "int s6_fixed = 1; /* the right way */"),
                (9, "int s6_nine = 9;"),
            ],
        ),
    );
    let diff = lab.git(&["diff"], d);
    lab.git(&["checkout", "-q", "--", "s6.c"], d);
    let body = format!("On Wed, Jane Dev wrote:\n> s6: fix it\n\nSomething like this?\n\n{diff}");
    let answer = reply(
        "Linus Lead <lead@example.org>",
        "Thu, 2 Apr 2026 10:00:00 +0000",
        "rd-reply@example.org",
        &mid("rd", 1),
        &[&mid("rd", 1)],
        "Re: [PATCH] s6: fix it",
        &body,
    );
    assert!(v1[0].contains("Message-ID"));
    lab.mails.push(answer);
    lab.import();
    lab.write(
        "s6.c",
        &edited(
            "s6",
            &[
                (4, "int s6_fixed = 1; /* the right way */"),
                (9, "int s6_nine = 9;"),
            ],
        ),
    );
    let c = lab.commit(LINUS, "2026-04-05T10:00:00Z", "s6: fix it properly");
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(
        links,
        BTreeSet::from([link_of("rd-reply@example.org", &c, "reply-diff")])
    );
    // Jane's patch did not land: her series stays outstanding.
    assert_eq!(lab.state(&mid("rd", 1)), "under-review");
}

#[test]
fn a_series_squashed_into_one_commit_links_every_patch_as_squash() {
    let mut lab = lab();
    let d = "2026-05-04T10:00:00Z";
    let changes = [
        (
            "s7.c",
            edited("s7", &[(2, "int s7_sq = 1;"), (3, "int s7_sq2 = 2;")]),
            "s7: first step",
        ),
        (
            "s8.c",
            edited("s8", &[(5, "int s8_sq = 1;"), (6, "int s8_sq2 = 2;")]),
            "s8: second step",
        ),
        (
            "s9.c",
            edited("s9", &[(7, "int s9_sq = 1;"), (8, "int s9_sq2 = 2;")]),
            "s9: third step",
        ),
    ];
    lab.post("sq", CAROL, d, &changes, Some("Three small steps"), 1);
    // An unrelated one-patch series on one of the same files, applied on its own.
    let other = lab.post(
        "solo",
        DAVE,
        d,
        &[(
            "s10.c",
            edited("s10", &[(4, "int s10_solo = 1;")]),
            "s10: alone",
        )],
        None,
        1,
    );
    lab.import();
    let solo = lab.am(&other[0], "2026-05-06T10:00:00Z", false);
    // The maintainer applies the three patches as one commit.
    for (file, text, _) in &changes {
        lab.write(file, text);
    }
    let c = lab.commit(
        CAROL,
        "2026-05-07T10:00:00Z",
        "s7, s8, s9: three small steps",
    );
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(
        links,
        BTreeSet::from([
            link_of(&mid("sq", 1), &c, "squash"),
            link_of(&mid("sq", 2), &c, "squash"),
            link_of(&mid("sq", 3), &c, "squash"),
            link_of(&mid("solo", 1), &solo, "patch-id"),
        ])
    );
    // The whole series landed, and show gives the share of each patch's lines held.
    let s = lab.show(&mid("sq", 0));
    assert_eq!(s["state"], "accepted", "{s}");
    let held: Vec<(String, u64)> = s["patches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let c = &p["commits"][0];
            (
                c["method"].as_str().unwrap().to_string(),
                c["held"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(held, vec![("squash".to_string(), 100); 3]);
    let text = lab.env.run(&["show", &mid("sq", 0)]);
    assert!(
        text.stdout
            .contains(&format!("commit {c} (squash 100% of its lines, ")),
        "{}",
        text.stdout
    );
    // A second run finds nothing new and keeps the links.
    let (again, _) = lab.link(&[]);
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn one_patch_of_a_series_applied_alone_is_no_squash() {
    let mut lab = lab();
    let d = "2026-05-04T10:00:00Z";
    let changes = [
        ("s11.c", edited("s11", &[(2, "int s11_a = 1;")]), "s11: a"),
        ("s12.c", edited("s12", &[(2, "int s12_b = 1;")]), "s12: b"),
    ];
    let mails = lab.post("ns", CAROL, d, &changes, None, 1);
    lab.import();
    // Patch 2 applied with a further edit of the maintainer's on patch 1's file: the commit
    // holds patch 2 and none of patch 1's lines.
    lab.am(&mails[1], "2026-05-06T10:00:00Z", false);
    lab.write("s11.c", &edited("s11", &[(20, "int s11_maint = 20;")]));
    let c = lab.amend("2026-05-06T10:00:00Z", "s12: b\n\nAnd a touch on s11.");
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(links, BTreeSet::from([link_of(&mid("ns", 2), &c, "diff")]));
    assert_eq!(lab.state(&mid("ns", 1)), "new");
}

#[test]
fn a_reposted_patch_already_applied_is_no_part_of_a_later_commit_that_moves_its_lines() {
    // Both commits judged in one run, then each in a run of its own (the first link is then
    // in the database, not in the batch).
    for separate_runs in [false, true] {
        moved_lines_of_a_repost(separate_runs);
    }
}

fn moved_lines_of_a_repost(separate_runs: bool) {
    let mut lab = lab();
    let a = edited(
        "s13",
        &[(
            3,
            "int s13_a1 = 1001;\nint s13_a2 = 1002;\nint s13_a3 = 1003;",
        )],
    );
    let b = edited(
        "s13",
        &[(
            20,
            "int s13_a1 = 1001;\nint s13_a2 = 1002;\nint s13_a3 = 1003;",
        )],
    );
    let orig = lab.post(
        "orig",
        JANE,
        "2026-06-01T10:00:00Z",
        &[("s13.c", a.clone(), "s13: add a")],
        None,
        1,
    );
    // A maintainer's batch re-posts Jane's patch (applied meanwhile) with a second one that
    // moves its lines.
    lab.post(
        "batch",
        BOB,
        "2026-06-10T10:00:00Z",
        &[
            ("s13.c", a, "s13: add a"),
            ("s13.c", b.clone(), "s13: move a"),
        ],
        None,
        1,
    );
    lab.import();
    let ca = lab.am(&orig[0], "2026-06-05T10:00:00Z", false);
    let mut links = BTreeSet::new();
    if separate_runs {
        links = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]).0;
    }
    let moved = b.replace("int s13_25(void) { return 25 * 3; }", "int s13_25 = 25;");
    lab.write("s13.c", &moved);
    let cb = lab.commit(JANE, "2026-06-12T10:00:00Z", "s13: move a");
    links.extend(lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]).0);
    assert_eq!(
        links,
        BTreeSet::from([
            link_of(&mid("orig", 1), &ca, "patch-id"),
            link_of(&mid("batch", 2), &cb, "diff"),
        ])
    );
}

/// A tools repository beside the lab's tree: `cli/main.c`, with two patches posted against it
/// (Message-IDs `tools-1`, one editing `cli/main.c`; `tools-new-1`, adding `cli/extra.c`), and
/// the mail of a third (`tools-spare-1`, editing `cli/main.c`), returned unposted; `cli/` is
/// then moved to `src/`.
fn tools_repo(lab: &mut Lab) -> (PathBuf, String) {
    let tools = lab.env.path("tools");
    fs::create_dir_all(tools.join("cli")).unwrap();
    let d = "2026-01-05T10:00:00Z";
    git(&tools, &["init", "-q", "-b", "master"], d);
    fs::write(tools.join("cli/main.c"), edited("cli", &[])).unwrap();
    git(&tools, &["add", "-A"], d);
    let who = "--author=Bob Builder <bob@example.net>";
    git(&tools, &["commit", "-q", who, "-m", "Initial tools"], d);
    git(&tools, &["tag", "base"], d);
    let d = "2026-03-02T10:00:00Z";
    for (id, file, text) in [
        (
            "tools",
            "cli/main.c",
            edited("cli", &[(4, "int cli_verbose = 1;")]),
        ),
        (
            "tools-new",
            "cli/extra.c",
            "int cli_extra_1 = 1;\n".to_string(),
        ),
        (
            "tools-spare",
            "cli/main.c",
            edited("cli", &[(9, "int cli_spare = 1;")]),
        ),
    ] {
        git(&tools, &["checkout", "-q", "-B", id, "base"], d);
        fs::write(tools.join(file), text).unwrap();
        git(&tools, &["add", "-A"], d);
        git(
            &tools,
            &["commit", "-q", who, "-m", &format!("cli: {id}")],
            d,
        );
        let mails = format_patch(&tools, &lab.env.path("fp"), &format!("base..{id}"), &["-n"]);
        lab.mails.push(thread(&mails[0], &mid(id, 1), None, &[]));
        git(&tools, &["checkout", "-q", "master"], d);
    }
    let spare = lab.mails.pop().unwrap();
    // The tools tree then moves everything: `cli/` is only in its history.
    let d = "2026-03-03T10:00:00Z";
    git(&tools, &["mv", "cli", "src"], d);
    git(&tools, &["commit", "-q", who, "-m", "Move cli/ to src/"], d);
    (tools, spare)
}

#[test]
fn series_are_routed_to_the_repository_they_landed_in_or_whose_files_they_touch() {
    let mut lab = lab();
    let d = "2026-03-02T10:00:00Z";
    let landed = lab.post(
        "k1",
        JANE,
        d,
        &[("s1.c", edited("s1", &[(5, "int s1_k = 1;")]), "s1: k")],
        None,
        1,
    );
    lab.post(
        "k2",
        JANE,
        d,
        &[("s2.c", edited("s2", &[(5, "int s2_k = 1;")]), "s2: k")],
        None,
        1,
    );
    // A file neither repository has, at the top: no route.
    lab.post(
        "k3",
        BOB,
        d,
        &[("nowhere.c", "int x = 1;\n".into(), "nowhere")],
        None,
        1,
    );
    let multi = lab.post(
        "multi",
        CAROL,
        d,
        &[(
            "s4.c",
            edited("s4", &[(6, "int s4_multi = 1;")]),
            "s4: multi",
        )],
        None,
        1,
    );
    let (tools, spare) = tools_repo(&mut lab);
    // Patch 2 of "multi" is against the tools tree (its patch 1 was posted above).
    let second = spare
        .replace("[PATCH 1/1]", "[PATCH 2/2]")
        .replace(&mid("tools-spare", 1), &mid("multi", 2))
        .replace(
            "From: Bob Builder <bob@example.net>",
            "From: Carol Coder <carol@example.com>",
        )
        .replace(
            "To: widget-devel",
            &format!(
                "In-Reply-To: <{0}>\nReferences: <{0}>\nTo: widget-devel",
                mid("multi", 1)
            ),
        );
    let first = lab
        .mails
        .iter_mut()
        .find(|m| m.contains(&mid("multi", 1)))
        .unwrap();
    *first = first.replace("[PATCH 1/1]", "[PATCH 1/2]");
    lab.mails.push(second);
    lab.import();
    lab.am(&landed[0], "2026-03-05T10:00:00Z", false);
    lab.am(&multi[0], "2026-03-05T10:00:00Z", false);
    let route = |lab: &Lab, id: &str| -> Vec<(String, String)> {
        let s = lab.show(&mid(id, 1));
        s["repositories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_string(),
                    r["how"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |name: &str, how: &str| vec![(name.to_string(), how.to_string())];
    // The tree alone: the tools patches fit nowhere yet.
    lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert_eq!(route(&lab, "k1"), pair("tree", "landed"));
    assert_eq!(route(&lab, "k2"), pair("tree", "paths"));
    assert_eq!(route(&lab, "tools"), vec![]);
    assert_eq!(route(&lab, "multi"), pair("tree", "landed"));
    // With the tools repository linked too, they are routed there.
    let (_, stderr) = lab.link(&["--repo", tools.to_str().unwrap()]);
    assert!(
        stderr.contains("series by repository: tools 3 (0 landed), tree 3 (2 landed)"),
        "{stderr}"
    );
    let got: Vec<_> = ["k1", "k2", "k3", "tools", "tools-new"]
        .iter()
        .map(|id| route(&lab, id))
        .collect();
    assert_eq!(
        got,
        vec![
            pair("tree", "landed"),
            pair("tree", "paths"),
            vec![],
            pair("tools", "paths"),
            pair("tools", "paths"),
        ]
    );
    // A series with a patch for each repository belongs to both, the one it landed in first.
    let mut both = pair("tree", "landed");
    both.extend(pair("tools", "paths"));
    assert_eq!(route(&lab, "multi"), both);
    // `list --repo` by name or path; outstanding only by default.
    let keys = |args: &[&str]| lab.env.list_keys(args);
    assert_eq!(
        keys(&["--repo", "tools"]),
        vec![mid("multi", 1), mid("tools", 1), mid("tools-new", 1)]
    );
    assert_eq!(
        keys(&["--repo", &repo_arg(&lab)]),
        vec![mid("k2", 1), mid("multi", 1)]
    );
    assert_eq!(
        keys(&["--repo", "tree", "--all"]),
        vec![mid("k1", 1), mid("k2", 1), mid("multi", 1)]
    );
    let text = lab.env.run(&["show", &mid("tools", 1)]);
    assert!(
        text.stdout
            .contains("  repository tools (by the files it touches)\n"),
        "{}",
        text.stdout
    );
    let bad = lab.env.run(&["list", "--repo", "nosuch"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("no linked repository \"nosuch\"; known: tree, tools"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_subject_the_repository_uses_again_and_again_links_nothing() {
    let mut lab = lab();
    // Every cycle the same author commits "s5: start new cycle"; one such patch was posted.
    lab.write("s5.c", &edited("s5", &[(20, "int s5_cycle = 1;")]));
    lab.commit(JANE, "2026-01-10T10:00:00Z", "s5: start new cycle");
    lab.post(
        "cycle",
        JANE,
        "2026-02-02T10:00:00Z",
        &[(
            "s5.c",
            edited("s5", &[(2, "int s5_cycle = 2;")]),
            "s5: start new cycle",
        )],
        None,
        1,
    );
    lab.import();
    // The next cycle's commit, made without the posting.
    lab.write("s5.c", &edited("s5", &[(20, "int s5_cycle = 3;")]));
    lab.commit(JANE, "2026-04-10T10:00:00Z", "s5: start new cycle");
    let (links, _) = lab.link(&["--repo", &repo_arg(&lab), "--rev", "master"]);
    assert!(links.is_empty(), "{links:?}");
    assert_eq!(lab.state(&mid("cycle", 1)), "new");
}
