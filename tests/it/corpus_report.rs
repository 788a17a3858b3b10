//! The weekly report on the U-Boot STM32 archive for three weeks: series posted, new revisions,
//! patches and review replies equal counts made here straight from the mails with simple rules
//! of their own (subject prefixes, counters, In-Reply-To chains), independent of patchq's
//! threading and series code. Run by `.ci/run`.

use std::collections::HashMap;

use patchq::model::Mail;
use patchq::parse::{ParseOptions, parse_mail};

use crate::corpus::{corpus, messages};
use crate::helpers::Env;

/// What the subject says, read here: (is a reply, has PATCH, version, counter).
fn subject(s: &str) -> (bool, bool, u32, Option<(u32, u32)>) {
    let lower = s.trim().to_lowercase();
    let reply = ["re:", "aw:", "fwd:", "fw:", "sv:"]
        .iter()
        .any(|p| lower.starts_with(p));
    let mut patch = false;
    let mut version = 1;
    let mut counter = None;
    let mut rest = lower.as_str();
    while let Some(open) = rest.strip_prefix('[') {
        let Some(close) = open.find(']') else { break };
        for tok in open[..close].split([' ', ',']) {
            if tok.starts_with("patch") || tok == "rfc" {
                patch |= tok.starts_with("patch");
                if let Some(v) = tok.strip_prefix("patchv").and_then(|v| v.parse().ok()) {
                    version = v;
                }
            } else if let Some(v) = tok.strip_prefix('v').and_then(|v| v.parse().ok()) {
                version = v;
            } else if let Some((n, t)) = tok.split_once('/')
                && let (Ok(n), Ok(t)) = (n.parse(), t.parse())
            {
                counter = Some((n, t));
            }
        }
        rest = open[close + 1..].trim_start();
    }
    (reply, patch && !lower.contains("pull"), version, counter)
}

struct Counted {
    series: i64,
    revisions: i64,
    patches: i64,
    reviews: i64,
}

fn count(mails: &[Mail], since: i64, until: i64) -> Counted {
    let by_id: HashMap<&str, &Mail> = mails.iter().map(|m| (m.msgid.as_str(), m)).collect();
    let is_cover = |m: &Mail| {
        let (reply, patch, _, c) = subject(&m.subject);
        !reply && patch && matches!(c, Some((0, _)))
    };
    let is_patch = |m: &Mail| {
        let (reply, patch, _, c) = subject(&m.subject);
        !reply && patch && !m.files.is_empty() && !matches!(c, Some((0, _)))
    };
    let parent = |m: &Mail| {
        m.in_reply_to
            .as_ref()
            .and_then(|p| by_id.get(p.as_str()).copied())
    };
    let within = |m: &Mail| m.date.is_some_and(|d| (since..until).contains(&d.utc));
    let mut c = Counted {
        series: 0,
        revisions: 0,
        patches: 0,
        reviews: 0,
    };
    for m in mails.iter().filter(|m| within(m)) {
        let (_, _, version, counter) = subject(&m.subject);
        // A cover letter starts a series; so does a patch not under a cover letter that is the
        // first of its series, or whose parent is not on this list (the earlier patches went
        // elsewhere).
        let anchor = is_cover(m)
            || (is_patch(m)
                && !parent(m).is_some_and(is_cover)
                && (matches!(counter, None | Some((1, _))) || parent(m).is_none()));
        if anchor {
            c.series += 1;
            c.revisions += i64::from(version > 1);
        }
        if is_patch(m) {
            c.patches += 1;
        }
        if !is_patch(m) && !is_cover(m) {
            // A reply: walk up to the posting it answers.
            let mut at = parent(m);
            let mut root = None;
            for _ in 0..100 {
                let Some(p) = at else { break };
                if is_cover(p) || is_patch(p) {
                    root = Some(p);
                    if is_cover(p) || !parent(p).is_some_and(&is_cover) {
                        break;
                    }
                }
                at = parent(p);
            }
            if let Some(r) = root
                && !r.from.email.eq_ignore_ascii_case(&m.from.email)
                && r.from.name != m.from.name
            {
                c.reviews += 1;
            }
        }
    }
    c
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn stm32_weeks_match_counts_made_from_the_archive() {
    let archive = corpus().join("real/uboot-stm32_2019-04_2026-07.mbox.gz");
    let env = Env::new();
    assert_eq!(env.import(&[&archive]).code, 0);
    let mails: Vec<Mail> = messages(&archive)
        .iter()
        .filter_map(|raw| parse_mail(raw, &ParseOptions::default()).ok())
        .collect();
    for week in ["2020-W10", "2022-W37", "2024-W44"] {
        let r = env.run(&["--format", "json", "report", "--week", week]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let j = r.json();
        let since = chrono::DateTime::parse_from_rfc3339(&format!(
            "{}T00:00:00Z",
            patchq::report::day(j["period"]["since"].as_i64().unwrap())
        ))
        .unwrap()
        .timestamp();
        let c = count(&mails, since, since + 7 * 86_400);
        let got = |k: &str| j["activity"][k]["value"].as_i64().unwrap();
        println!(
            "report {week} (stm32): series {} / {}, revisions {} / {}, patches {} / {}, review replies {} / {} (report / counted here)",
            got("series_posted"),
            c.series,
            got("new_revisions"),
            c.revisions,
            got("patches_posted"),
            c.patches,
            got("review_replies"),
            c.reviews
        );
        assert_eq!(
            (
                got("series_posted"),
                got("new_revisions"),
                got("patches_posted"),
                got("review_replies")
            ),
            (c.series, c.revisions, c.patches, c.reviews),
            "{week}"
        );
    }
}
