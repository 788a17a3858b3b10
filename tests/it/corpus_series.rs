//! Series on the real archives: every patch mail in exactly one series, the hand-checked series
//! of `shapes.rs` as they are on the real lists, and the same series whether an archive arrives
//! at once or in chunks, in order or not. Run by `.ci/run` (they need `../shared/corpus`).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rusqlite::Connection;

use crate::corpus::{corpus, messages};
use crate::helpers::Env;

const ARCHIVES: [&str; 4] = [
    "ltp_2024-01_2026-03.mbox.gz",
    "uboot-stm32_2019-04_2026-07.mbox.gz",
    "batman_2019-04_2026-07.mbox.gz",
    "linux-modules_2026-01_2026-06.mbox.gz",
];

fn archive(name: &str) -> std::path::PathBuf {
    corpus().join("real").join(name)
}

fn count(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn every_patch_mail_belongs_to_exactly_one_series() {
    for name in ARCHIVES {
        let env = Env::new();
        let r = env.import(&[&archive(name)]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let db = Connection::open(env.db()).unwrap();
        // Patches and pull requests that are not replies: kind 'patch'/'pull' (a reply with a
        // diff is a comment). Placement holds one row per message, so "exactly one" is "one".
        let unplaced = count(
            &db,
            "SELECT count(*) FROM messages m LEFT JOIN placement p ON p.message_id = m.id
             WHERE m.deleted = 0 AND m.kind IN ('patch', 'pull')
               AND (p.series_id IS NULL OR p.role NOT IN ('patch', 'cover'))",
        );
        assert_eq!(unplaced, 0, "{name}: patch mails outside any series");
        let placed_twice = count(
            &db,
            "SELECT count(*) FROM (SELECT message_id FROM placement GROUP BY 1 HAVING count(*) > 1)",
        );
        assert_eq!(placed_twice, 0, "{name}");
        let empty = count(
            &db,
            "SELECT count(*) FROM series s WHERE NOT EXISTS (SELECT 1 FROM placement p
             WHERE p.series_id = s.id AND p.role = 'patch')",
        );
        // A cover letter whose patches all went elsewhere is a series of its own, with none.
        let lone_covers = count(
            &db,
            "SELECT count(*) FROM series s WHERE cover_id IS NOT NULL AND received = 0",
        );
        assert_eq!(
            empty, lone_covers,
            "{name}: series without patches or cover letter"
        );
        let j = env.run(&["--format", "json", "stats", "--series"]).json();
        let sh = &j["shapes"];
        let trailers: u64 = sh["trailers"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        let mut chains: Vec<(u64, u64)> = sh["chains"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(len, n)| (len.parse().unwrap(), n.as_u64().unwrap()))
            .collect();
        chains.sort_unstable();
        let chains: Vec<String> = chains.iter().map(|(l, n)| format!("{l}:{n}")).collect();
        println!(
            "series report {name}: {} series ({} with cover letter, {} complete, {} incomplete, \
             {} pull requests), revision chains by length {}, longest ending at <{}>, {} \
             superseded, {trailers} trailers applied ({} carried over), {} mismatches kept",
            j["series"],
            sh["with_cover"],
            sh["complete"],
            sh["incomplete"],
            sh["pulls"],
            chains.join(" "),
            sh["longest_chain"].as_str().unwrap_or("-"),
            sh["superseded"],
            sh["carried"],
            sh["mismatches"],
        );
    }
}

/// One series as `list --format json` shows it, looked up by any of its Message-IDs.
fn series_of(env: &Env, msgid: &str) -> serde_json::Value {
    let r = env.run(&["--format", "json", "show", msgid]);
    assert_eq!(r.code, 0, "{msgid}: {}", r.stderr);
    r.json()
}

/// Every revision of the work `msgid` belongs to: (version, key, name) oldest first.
fn chain(env: &Env, msgid: &str) -> Vec<(u64, String, String)> {
    let s = series_of(env, msgid);
    s["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            let r = series_of(env, &id.to_string());
            (
                r["version"].as_u64().unwrap(),
                r["msgid"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn numbers(s: &serde_json::Value) -> Vec<u64> {
    s["patches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect()
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn hand_checked_series_on_ltp() {
    let env = Env::new();
    assert_eq!(env.import(&[&archive(ARCHIVES[0])]).code, 0);
    // v1..v17 over six months, the subject reworded at v17 (shapes 11).
    let c = chain(&env, "20251029061129.3307836-1-chwen@redhat.com");
    assert_eq!(
        c.iter().map(|(v, ..)| *v).collect::<Vec<_>>(),
        (1..=17).collect::<Vec<_>>()
    );
    // A cover letter quoting a diff is still the cover letter (shapes 05).
    let s = series_of(&env, "20250609124506.1454420-1-pvorel@suse.cz");
    assert_eq!(s["cover"], "20250609124506.1454420-1-pvorel@suse.cz");
    assert_eq!(
        (numbers(&s), s["version"].as_u64()),
        (vec![1, 2, 3, 4], Some(3))
    );
    // A forwarded patch from another list is a series (shapes 06).
    let s = series_of(&env, "b4c096fa-e7dd-49ec-a237-4c81498bb2ac@suse.cz");
    assert_eq!((s["version"].as_u64(), numbers(&s)), (Some(2), vec![1]));
    // "[PATCH v1 00/10]" sent with v2 patches (shapes 07).
    let s = series_of(&env, "20240515113338.554-1-andrea.cervesato@suse.de");
    assert_eq!(s["msgid"], "20240515113338.554-1-andrea.cervesato@suse.de");
    assert_eq!((s["version"].as_u64(), numbers(&s).len()), (Some(2), 10));
    // "[PATCH v2 0/3]" with four patches (shapes 08).
    let s = series_of(&env, "20250109045532.43017-1-liwang@redhat.com");
    assert_eq!(
        (s["total"].as_u64(), s["complete"].as_bool()),
        (Some(4), Some(true))
    );
    // Conversions of different tests by one sender are not revisions (shapes 16): fsync03's
    // v1..v4 only.
    let c = chain(&env, "20250217091144.827361-1-maxj.fnst@fujitsu.com");
    assert_eq!(c.len(), 4, "{c:?}");
    assert!(
        c.iter().all(|(.., name)| name.starts_with("fsync03:")),
        "{c:?}"
    );
    // Re-posted unversioned, then as v2, both answering the first: a chain (shapes 20), which a
    // v3 continues later that day.
    let c = chain(&env, "20240103112536.1925-1-akumar@suse.de");
    assert_eq!(
        c.iter()
            .map(|(v, k, _)| (*v, k.as_str()))
            .collect::<Vec<_>>(),
        [
            (1, "20240103112023.32355-1-akumar@suse.de"),
            (2, "20240103112255.1021-1-akumar@suse.de"),
            (2, "20240103112536.1925-1-akumar@suse.de"),
            (3, "20240103191733.21761-1-akumar@suse.de"),
        ]
    );
    // Cover-letter trailers reach every patch (shapes 01).
    let s = series_of(&env, "20240104122308.1158487-1-pvorel@suse.cz");
    for p in s["patches"].as_array().unwrap() {
        assert!(
            p["trailers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["email"] == "liwang@redhat.com" && t["source"] == "cover"),
            "{p}"
        );
    }
    // "Otherwise: Reviewed-by:" counts; "nit: ... <addr>" does not (shapes 19).
    let s = series_of(&env, "ZuGe2gxREw2kKVfJ@yuki.lan");
    let given: Vec<&serde_json::Value> = s["patches"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["trailers"].as_array().unwrap())
        .filter(|t| t["msgid"] == "ZuGe2gxREw2kKVfJ@yuki.lan")
        .collect();
    assert_eq!(given.len(), 1);
    assert_eq!(
        (given[0]["kind"].as_str(), given[0]["email"].as_str()),
        (Some("Reviewed-by"), Some("chrubis@suse.cz"))
    );
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn hand_checked_series_on_uboot_and_batman() {
    let env = Env::new();
    assert_eq!(env.import(&[&archive(ARCHIVES[1])]).code, 0);
    // Two send-email runs 105 s apart, no threading (shapes 03).
    let s = series_of(&env, "20230927124625.247858-1-hws@denx.de");
    assert_eq!(s["msgid"], "20230927124440.247726-1-hws@denx.de");
    assert_eq!(numbers(&s), [1, 2]);
    // "[PATCH 1/2]" and "[PATCH v2 2/2]" in one batch answering v1 (shapes 09).
    let s = series_of(&env, "20200915195147.2659607-2-mr.nuke.me@gmail.com");
    assert_eq!(s["msgid"], "20200915195147.2659607-1-mr.nuke.me@gmail.com");
    assert_eq!((s["version"].as_u64(), numbers(&s)), (Some(2), vec![1, 2]));
    let prev = series_of(&env, &s["previous"].to_string());
    assert_eq!(
        prev["msgid"],
        "20200909215402.366561-1-mr.nuke.me@gmail.com"
    );
    // Pull requests name their tag: never revisions of each other (shapes 18).
    let listed = env
        .run(&["--format", "json", "list", "--all", "--limit", "100000"])
        .json();
    let pulls: Vec<&serde_json::Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"].as_str().unwrap().starts_with("Pull request"))
        .collect();
    assert_eq!(pulls.len(), 35, "pull requests on U-Boot STM32");
    assert!(pulls.iter().all(|s| s["previous"].is_null()));

    let env = Env::new();
    assert_eq!(env.import(&[&archive(ARCHIVES[2])]).code, 0);
    // "Start new development cycle" heads every cycle's series (shapes 14).
    let c = chain(&env, "20230127102133.700173-2-sw@simonwunderlich.de");
    assert_eq!(c.len(), 1, "{c:?}");
    // Stable-tree notices are not series (shapes 15).
    let listed = env
        .run(&["--format", "json", "list", "--all", "--limit", "100000"])
        .json();
    for s in listed.as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        assert!(!name.contains("-stable tree"), "{name}");
        // AUTOSEL backports to different trees are not revisions of each other (shapes 13).
        if let Some(prev) = s["previous"].as_i64() {
            let p = series_of(&env, &prev.to_string());
            let trees = |s: &serde_json::Value| -> Vec<String> {
                s["prefixes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|t| t.as_str())
                    .filter(|t| t.contains('.') && t.starts_with(|c: char| c.is_ascii_digit()))
                    .map(str::to_string)
                    .collect()
            };
            assert_eq!(trees(s), trees(&p), "{name}");
        }
    }
}

/// Everything derived about series, keyed by Message-IDs so that row ids do not matter.
fn derived(db_path: &Path) -> BTreeSet<String> {
    let db = Connection::open(db_path).unwrap();
    let mut out = BTreeSet::new();
    let queries = [
        "SELECT 'series ' || s.key || ' v' || s.version || ' ' || s.received || '/' || s.total
                || ' complete=' || s.complete || ' cover=' || coalesce(c.msgid, '-')
                || ' previous=' || coalesce(s.previous, '-') || ' name=' || s.name
         FROM series s LEFT JOIN messages c ON c.id = s.cover_id",
        "SELECT 'member ' || m.msgid || ' ' || coalesce(p.role, '-') || ' ' || coalesce(p.number, '-') || ' in '
                || coalesce(s.key, '-') || ' dup=' || p.duplicate || ' answers '
                || coalesce(t.msgid, '-')
         FROM placement p JOIN messages m ON m.id = p.message_id
         LEFT JOIN series s ON s.id = p.series_id LEFT JOIN messages t ON t.id = p.target_id",
        "SELECT 'trailer ' || s.key || ' ' || pm.msgid || ' ' || t.name || ': ' || t.value
                || ' by ' || g.msgid || ' ' || t.source || ' applied=' || t.applied
         FROM trailers t JOIN series s ON s.id = t.series_id
         JOIN messages pm ON pm.id = t.patch_id JOIN messages g ON g.id = t.given_by",
        "SELECT 'state ' || key || ' ' || state || ' ' || source FROM review_state",
    ];
    for q in queries {
        let mut stmt = db.prepare(q).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// Writes `msgs` as an mboxrd file.
fn write_mbox(path: &Path, msgs: &[Vec<u8>]) {
    let mut out = Vec::new();
    for raw in msgs {
        out.extend_from_slice(b"From chunk@example.org Thu Jan  1 00:00:00 1970\n");
        for line in raw.split_inclusive(|&b| b == b'\n') {
            let unquoted = line.iter().position(|&b| b != b'>').unwrap_or(line.len());
            if line[unquoted..].starts_with(b"From ") {
                out.push(b'>');
            }
            out.extend_from_slice(line);
        }
        if !raw.ends_with(b"\n") {
            out.push(b'\n');
        }
        out.push(b'\n');
    }
    fs::write(path, out).unwrap();
}

fn differences(a: &BTreeSet<String>, b: &BTreeSet<String>) -> String {
    let only_a: Vec<&String> = a.difference(b).take(15).collect();
    let only_b: Vec<&String> = b.difference(a).take(15).collect();
    format!(
        "{} only in one import, {} only in the other\n  one: {only_a:#?}\n  other: {only_b:#?}",
        a.difference(b).count(),
        b.difference(a).count()
    )
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn ltp_in_ten_chunks_gives_the_same_series() {
    let path = archive(ARCHIVES[0]);
    let whole = Env::new();
    assert_eq!(whole.import(&[&path]).code, 0);
    let expected = derived(&whole.db());

    let msgs = messages(&path);
    let size = msgs.len().div_ceil(10);
    let tmp = tempfile::tempdir().unwrap();
    let chunks: Vec<std::path::PathBuf> = msgs
        .chunks(size)
        .enumerate()
        .map(|(i, part)| {
            let p = tmp.path().join(format!("chunk-{i}.mbox"));
            write_mbox(&p, part);
            p
        })
        .collect();
    assert_eq!(chunks.len(), 10);
    for (order, list) in [
        ("in order", chunks.iter().collect::<Vec<_>>()),
        ("in reverse", chunks.iter().rev().collect()),
    ] {
        let env = Env::new();
        for chunk in list {
            let r = env.import(&[chunk]);
            assert_eq!(r.code, 0, "{order}: {}", r.stderr);
        }
        let got = derived(&env.db());
        assert!(got == expected, "{order}: {}", differences(&expected, &got));
    }
}
