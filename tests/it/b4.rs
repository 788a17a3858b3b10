//! b4's trailer samples (`../shared/corpus/b4`): for every follow-up mbox with an expected output,
//! the trailers patchq collects for each patch are exactly those b4's output adds.

use std::collections::BTreeMap;
use std::path::Path;

use crate::corpus::{corpus, messages};
use crate::helpers::Env;

/// What b4's reference runs add on their own and patchq does not collect: the applier's
/// sign-off (`--signoff`/addmysob) and, in other modes, links and Cc lines.
const B4_OWN: [&str; 1] = ["Signed-off-by: Test Override <test-override@example.com>"];

/// The trailer block of a commit message: its last paragraph's `Name: value` lines.
fn trailer_block(body: &str) -> Vec<String> {
    // The message ends at the "---" separator, a "--- a/file" line or a "diff --git" line.
    let end = body
        .lines()
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len() + 1;
            Some((start, l))
        })
        .find(|(_, l)| l.starts_with("---") || l.starts_with("diff --git"))
        .map_or(body.len(), |(start, _)| start);
    let message = &body[..end];
    let last = message.trim_end().rsplit("\n\n").next().unwrap_or("");
    last.lines()
        .filter(|l| {
            let name = l.split(": ").next().unwrap_or("");
            l.contains(": ")
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(|l| match l.find("  #") {
            Some(i) => l[..i].trim_end().to_string(),
            None => l.trim_end().to_string(),
        })
        .collect()
}

/// Message-ID -> body, for every message of an mbox.
fn bodies(path: &Path) -> BTreeMap<String, (String, String)> {
    messages(path)
        .into_iter()
        .map(|raw| {
            let text = String::from_utf8_lossy(&raw).into_owned();
            let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
            let field = |name: &str| {
                head.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().trim_matches(|c| c == '<' || c == '>').to_string())
                    .unwrap_or_default()
            };
            (field("Message-Id:"), (field("Subject:"), body.to_string()))
        })
        .collect()
}

/// Minus: every line of `b` removed from `a` once.
fn minus(mut a: Vec<String>, b: &[String]) -> Vec<String> {
    for x in b {
        if let Some(i) = a.iter().position(|y| y == x) {
            a.remove(i);
        }
    }
    a
}

/// patchq's applied trailers and mismatches per patch Message-ID, for every series of `mbox`.
fn collected(mbox: &Path) -> (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>) {
    let env = Env::new();
    let r = env.import(&[mbox]);
    assert!(r.code == 0, "{}", r.stderr);
    let list = env.run(&["--format", "json", "list", "--all"]).json();
    let (mut applied, mut mismatched) = (BTreeMap::new(), BTreeMap::new());
    for s in list.as_array().unwrap() {
        let id = s["id"].to_string();
        let show = env.run(&["--format", "json", "show", &id]).json();
        for p in show["patches"].as_array().unwrap() {
            let lines = |key: &str| -> Vec<String> {
                p[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| {
                        format!(
                            "{}: {}",
                            t["kind"].as_str().unwrap(),
                            t["value"].as_str().unwrap()
                        )
                    })
                    .collect()
            };
            applied.insert(p["msgid"].as_str().unwrap().to_string(), lines("trailers"));
            mismatched.insert(
                p["msgid"].as_str().unwrap().to_string(),
                lines("mismatches"),
            );
        }
    }
    (applied, mismatched)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn followup_trailers_match_b4s_reference_output() {
    let dir = corpus().join("b4");
    let cases = [
        ("single", "defaults"),
        ("with-cover", "defaults"),
        ("custody", "unordered"),
        ("partial-reroll", "defaults"),
        ("nore", "defaults"),
        ("non-git-patch", "defaults"),
        ("non-git-patch-with-comments", "defaults"),
        ("with-diffstat", "defaults"),
        ("name-parens", "defaults"),
        ("bare-address", "defaults"),
        ("stripped-lines", "defaults"),
        ("htmljunk", "defaults"),
    ];
    let mut checked = 0;
    for (source, reference) in cases {
        let mbox = dir.join(format!("trailers-followup-{source}.mbox"));
        let input = bodies(&mbox);
        let expected = bodies(&dir.join(format!("trailers-followup-{source}-ref-{reference}.txt")));
        let (applied, _) = collected(&mbox);
        for (msgid, (subject, body)) in &expected {
            let own = trailer_block(&input[msgid].1);
            let mut want = minus(minus(trailer_block(body), &own), &B4_OWN.map(String::from));
            // The custody reference ran with copyccs: b4 adds the To/Cc addresses itself.
            if source == "custody" {
                want.retain(|t| !t.starts_with("Cc: "));
            }
            // A patch b4 applies that patchq has not assembled is a failure, not "no trailers".
            let got = applied
                .get(msgid)
                .unwrap_or_else(|| panic!("{source}: patchq has no patch <{msgid}> ({subject})"));
            assert_eq!(
                sorted(got.clone()),
                sorted(want),
                "{source}: {subject} <{msgid}>"
            );
            checked += 1;
        }
    }
    println!(
        "b4 follow-up samples: {checked} patches in {} samples get exactly b4's trailers",
        cases.len()
    );
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn thread_followups_match_b4s_shazam_output() {
    let dir = corpus().join("b4");
    let mut checked = 0;
    for (mbox, verify) in [
        (
            "trailers-thread-with-followups",
            "trailers-thread-with-followups",
        ),
        (
            "trailers-thread-with-cover-followup",
            "trailers-thread-with-cover-followup",
        ),
    ] {
        let path = dir.join(format!("{mbox}.mbox"));
        let input = bodies(&path);
        let (applied, _) = collected(&path);
        let text = std::fs::read_to_string(dir.join(format!("{verify}.verify"))).unwrap();
        for block in text.split("\n---\n").filter(|b| !b.trim().is_empty()) {
            let mut lines = block.trim_start_matches('\n').splitn(3, '\n');
            let (_email, subject, body) = (
                lines.next().unwrap(),
                lines.next().unwrap(),
                lines.next().unwrap_or(""),
            );
            let (msgid, (_, orig)) = input
                .iter()
                .find(|(_, (s, _))| s.ends_with(subject))
                .unwrap_or_else(|| panic!("{mbox}: no patch '{subject}'"));
            let want = minus(
                minus(trailer_block(body), &trailer_block(orig)),
                &B4_OWN.map(String::from),
            );
            let got = applied
                .get(msgid)
                .unwrap_or_else(|| panic!("{mbox}: patchq has no patch <{msgid}> ({subject})"));
            assert_eq!(sorted(got.clone()), sorted(want), "{mbox}: {subject}");
            checked += 1;
        }
    }
    println!("b4 thread samples: {checked} patches get exactly b4's trailers");
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn mismatches_are_reported_not_applied() {
    let dir = corpus().join("b4");
    let (applied, mismatched) = collected(&dir.join("trailers-followup-single.mbox"));
    assert_eq!(
        mismatched["orig-message@example.com"],
        ["Reviewed-by: Mismatched Reviewer1 <mismatched-reviewer1@example.net>"]
    );
    assert!(
        !applied["orig-message@example.com"]
            .iter()
            .any(|t| t.contains("Mismatched"))
    );
    // Restating trailers the patch already carries is no mismatch; a new one from someone else is.
    let (_, mismatched) = collected(&dir.join("trailers-followup-already-present.mbox"));
    assert_eq!(
        mismatched["orig-message@example.com"],
        ["Tested-by: Someone Else <someone-else@example.com>"]
    );
}
