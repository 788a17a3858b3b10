//! Subsystems on the real linux-modules archive with the Linux 6.12 MAINTAINERS (run by
//! `.ci/run`; get_maintainer.pl agreement is `scripts/maintainers-agreement`, also run there).

use rusqlite::Connection;

use crate::corpus::corpus;
use crate::helpers::Env;

#[test]
#[ignore = "corpus: run by .ci/run"]
fn module_patches_map_to_module_support() {
    let env = Env::new();
    let archive = corpus().join("real/linux-modules_2026-01_2026-06.mbox.gz");
    assert_eq!(env.import(&[&archive]).code, 0);
    let maintainers = corpus().join("maintainers/linux-6.12.MAINTAINERS");
    let r = env.run(&["maintainers", "load", maintainers.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.stats()["subsystems"], 2906);
    // Its 29 remarks (sections without S: are normal there) are one line; --verbose lists them.
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].starts_with("patchq: 29 remark(s) on the file, such as: ")
            && lines[0].ends_with("has no S: status (--verbose lists them all)"),
        "{}",
        r.stderr
    );
    let r = env.run(&["maintainers", "load", "-v", maintainers.to_str().unwrap()]);
    assert_eq!(
        r.stderr.matches("patchq: warning: ").count(),
        29,
        "{}",
        r.stderr
    );

    // Every series with a patch touching kernel/module/, straight from the stored paths.
    let db = Connection::open(env.db()).unwrap();
    let mut stmt = db
        .prepare(
            "SELECT DISTINCT s.key FROM series s JOIN placement p ON p.series_id = s.id
             AND p.role = 'patch' JOIN message_files f ON f.message_id = p.message_id
             WHERE f.old_path LIKE 'kernel/module/%' OR f.new_path LIKE 'kernel/module/%'",
        )
        .unwrap();
    let touching: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(touching.len(), 48);
    let listed = env
        .run(&[
            "--format",
            "json",
            "list",
            "--all",
            "--subsystem",
            "module support",
        ])
        .json();
    let listed: Vec<&serde_json::Value> = listed.as_array().unwrap().iter().collect();
    for key in &touching {
        let s = listed
            .iter()
            .find(|s| s["msgid"] == key.as_str())
            .unwrap_or_else(|| panic!("{key} touches kernel/module/ but is not listed"));
        assert!(
            s["subsystems"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n == "MODULE SUPPORT"),
            "{key}: {}",
            s["subsystems"]
        );
    }
    // THE REST (F: * and F: */) is a fallback: no series that a real section takes carries it.
    let rest: (i64, i64) = db
        .query_row(
            "SELECT
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM series_subsystems y
                 WHERE y.series_id = x.series_id AND y.subsystem_id <> x.subsystem_id)),
               count(*)
             FROM series_subsystems x JOIN subsystems u ON u.id = x.subsystem_id
             WHERE u.name = 'THE REST'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    println!(
        "linux-modules: THE REST alone on {} series, beside another section on {}",
        rest.1, rest.0
    );
    assert_eq!(
        rest.0, 0,
        "series mapped to a real section also carry THE REST"
    );
    let rows = env.run(&["--format", "json", "subsystems"]).json();
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.last(), Some(&"THE REST"), "{names:?}");
    // The outstanding list shows the outstanding ones among them.
    let outstanding = env
        .run(&["--format", "json", "list", "--subsystem", "module support"])
        .json();
    assert_eq!(
        (listed.len(), outstanding.as_array().unwrap().len()),
        (66, 41)
    );
    println!(
        "linux-modules: {} series touch kernel/module/, all listed under MODULE SUPPORT ({} \
         series there in all, {} outstanding)",
        touching.len(),
        listed.len(),
        outstanding.as_array().unwrap().len()
    );
}

/// `maintainers load` rules a patch out of a new `K:` regex without parsing it when the regex
/// matches nothing in its raw bytes and `text_is_raw` says its text lines are raw lines. That
/// premise holds for every message of the four real archives, and most patches qualify.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn text_said_to_be_raw_is_made_of_raw_lines_on_every_real_message() {
    use patchq::parse::{keyword_text, text_is_raw};
    let (mut raw_ones, mut patches, mut raw_patches) = (0, 0, 0);
    for name in [
        "ltp_2024-01_2026-03.mbox.gz",
        "uboot-stm32_2019-04_2026-07.mbox.gz",
        "batman_2019-04_2026-07.mbox.gz",
        "linux-modules_2026-01_2026-06.mbox.gz",
    ] {
        for raw in crate::corpus::messages(&corpus().join("real").join(name)) {
            let is_patch = patchq::parse::parse_mail(&raw, &Default::default())
                .is_ok_and(|m| m.kind == patchq::model::MailKind::Patch);
            patches += usize::from(is_patch);
            if !text_is_raw(&raw) {
                continue;
            }
            raw_ones += 1;
            raw_patches += usize::from(is_patch);
            let lines: std::collections::HashSet<&[u8]> = raw.split(|&b| b == b'\n').collect();
            let text = keyword_text(&raw).unwrap();
            for line in text.lines().filter(|l| *l != "---") {
                assert!(
                    lines.contains(line.as_bytes()),
                    "{name}: {line:?} is no raw line"
                );
            }
        }
    }
    println!("{raw_ones} messages are their own text; {raw_patches} of {patches} patches");
    assert!(raw_patches * 10 > patches * 8, "{raw_patches} of {patches}");
}
