//! The changed-line threshold of git linking, measured on the LTP archive (run by `.ci/run`):
//! edited re-posts of one patch (the same patch number in consecutive revisions, patch-id
//! changed) should count as the same change, patches of unrelated work touching the same files
//! should not. Prints the rates for several thresholds; asserts the chosen one keeps unrelated
//! pairs from linking.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use patchq::gitlink::{DIFF_THRESHOLD, WINDOW_BEFORE, same_change, same_person};
use patchq::model::Person;
use patchq::parse::fingerprint::changed_lines;
use patchq::parse::{ParseOptions, parse_mail};
use patchq::store::Store;

use crate::corpus::corpus;
use crate::helpers::Env;

struct P {
    id: i64,
    who: Person,
    email: String,
    date: i64,
    key: String,
    number: i64,
    patch_id: Option<String>,
    lines: Vec<u64>,
}

/// Would the linker take `a` and `b` for the same change? The product's own rule
/// (`gitlink::same_change`, which `judge` applies), at threshold `t`.
fn links(a: &P, b: &P, t: f64) -> bool {
    same_change(&a.lines, &b.lines, same_person(&a.who, &b.who), t).is_some()
}

/// Patches, each series' previous revision, and `(message, path)` rows.
type Loaded = (Vec<P>, HashMap<String, Option<String>>, Vec<(i64, String)>);

fn load(env: &Env) -> Loaded {
    let db = Connection::open(env.db()).unwrap();
    let mut stmt = db
        .prepare(
            "SELECT m.id, m.from_email, coalesce(m.date, 0), s.key, p.number, m.patch_id,
                    m.from_name
             FROM placement p JOIN messages m ON m.id = p.message_id JOIN series s ON s.id = p.series_id
             WHERE p.role = 'patch' AND p.duplicate = 0 ORDER BY m.id",
        )
        .unwrap();
    let mut patches: Vec<P> = stmt
        .query_map([], |r| {
            Ok(P {
                id: r.get(0)?,
                who: Person {
                    name: r.get(6)?,
                    email: r.get(1)?,
                },
                email: r.get(1)?,
                date: r.get(2)?,
                key: r.get(3)?,
                number: r.get(4)?,
                patch_id: r.get(5)?,
                lines: Vec::new(),
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let previous: HashMap<String, Option<String>> = db
        .prepare("SELECT key, previous FROM series")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let paths: Vec<(i64, String)> = db
        .prepare("SELECT message_id, coalesce(new_path, old_path) FROM message_files")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let store = Store::open(&env.db()).unwrap();
    let ids: Vec<i64> = patches.iter().map(|p| p.id).collect();
    let index: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // Every stored patch parses (one that did not would silently drop out of the measurement).
    let mut unparsed = Vec::new();
    store
        .each_raw_message(&ids, |id, raw| {
            match parse_mail(raw, &ParseOptions::default()) {
                Ok(mail) => {
                    patches[index[&id]].lines =
                        mail.diff.as_deref().map(changed_lines).unwrap_or_default()
                }
                Err(e) => unparsed.push(format!("{id}: {e}")),
            }
        })
        .unwrap();
    assert_eq!(
        unparsed,
        Vec::<String>::new(),
        "patches that no longer parse"
    );
    (patches, previous, paths)
}

fn chain_root(key: &str, previous: &HashMap<String, Option<String>>) -> String {
    let mut at = key.to_string();
    for _ in 0..100 {
        match previous.get(&at).cloned().flatten() {
            Some(p) => at = p,
            None => break,
        }
    }
    at
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn diff_threshold_separates_edited_reposts_from_unrelated_patches() {
    let env = Env::new();
    let r = env.import(&[&corpus().join("real/ltp_2024-01_2026-03.mbox.gz")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (patches, previous, paths) = load(&env);
    let root: Vec<String> = patches
        .iter()
        .map(|p| chain_root(&p.key, &previous))
        .collect();
    let by_id: HashMap<i64, usize> = patches.iter().enumerate().map(|(i, p)| (p.id, i)).collect();

    // Edited re-posts: patch n of a revision and patch n of the revision before it.
    let by_key_number: HashMap<(&str, i64), usize> = patches
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.key.as_str(), p.number), i))
        .collect();
    let mut reposts = Vec::new();
    for (i, p) in patches.iter().enumerate() {
        let Some(Some(prev)) = previous.get(&p.key) else {
            continue;
        };
        if let Some(&j) = by_key_number.get(&(prev.as_str(), p.number)) {
            let q = &patches[j];
            if p.patch_id != q.patch_id && !p.lines.is_empty() && !q.lines.is_empty() {
                reposts.push((i, j));
            }
        }
    }
    // Unrelated: other revision chains, a path in common, posted within the linker's window.
    let mut on_path: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (id, path) in &paths {
        if let Some(&i) = by_id.get(id) {
            on_path.entry(path.as_str()).or_default().push(i);
        }
    }
    let mut unrelated = std::collections::BTreeSet::new();
    for list in on_path.values() {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let (a, b) = (&patches[i], &patches[j]);
                if root[i] != root[j]
                    && (a.date - b.date).abs() <= WINDOW_BEFORE
                    && (a.patch_id.is_none() || a.patch_id != b.patch_id)
                    && !a.lines.is_empty()
                    && !b.lines.is_empty()
                {
                    unrelated.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    println!(
        "link threshold (LTP): {} edited re-posts, {} unrelated pairs on a common path",
        reposts.len(),
        unrelated.len()
    );
    let different = unrelated
        .iter()
        .filter(|(i, j)| !patches[*i].email.eq_ignore_ascii_case(&patches[*j].email))
        .count();
    let mut chosen = (0, 0);
    for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let hit = reposts
            .iter()
            .filter(|(i, j)| links(&patches[*i], &patches[*j], t))
            .count();
        let false_links: Vec<&(usize, usize)> = unrelated
            .iter()
            .filter(|(i, j)| links(&patches[*i], &patches[*j], t))
            .collect();
        let others: Vec<&&(usize, usize)> = false_links
            .iter()
            .filter(|(i, j)| !patches[*i].email.eq_ignore_ascii_case(&patches[*j].email))
            .collect();
        println!(
            "link threshold {t:.1}: re-posts linked {hit}/{} ({:.1}%), unrelated linked {}/{} \
             ({:.3}%; by different senders {}/{}, {:.3}%)",
            reposts.len(),
            100.0 * hit as f64 / reposts.len() as f64,
            false_links.len(),
            unrelated.len(),
            100.0 * false_links.len() as f64 / unrelated.len() as f64,
            others.len(),
            different,
            100.0 * others.len() as f64 / different as f64
        );
        if (t - DIFF_THRESHOLD).abs() < 1e-9 {
            chosen = (hit, others.len());
            for (i, j) in others.iter().take(10) {
                println!(
                    "  other senders, linked: {} ~ {}",
                    patches[*i].key, patches[*j].key
                );
            }
        }
    }
    assert!(reposts.len() > 500 && unrelated.len() > 10_000);
    assert!(chosen.0 * 2 > reposts.len(), "most edited re-posts link");
    assert!(
        (chosen.1 as f64) < different as f64 * 0.001,
        "false links {}",
        chosen.1
    );
}

/// The B.A.T.M.A.N. list linked against the real histories of the three repositories it feeds
/// (`corpus/repos/*.bundle`): what each run links, by how, and the series accepted; a second
/// run with nothing new links nothing. The counts are those of the linker before tree diffs
/// were pruned by subtree id (2c6d7f5), which reached them with whole-tree diffs.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn the_real_repositories_of_the_batman_list_link_their_patches() {
    let env = Env::new();
    let archive = corpus().join("real/batman_2019-04_2026-07.mbox.gz");
    assert_eq!(env.import(&[&archive]).code, 0);
    let mut got = Vec::new();
    let mut routes = String::new();
    for repo in ["batman-adv", "batctl", "alfred"] {
        let bare = env.path(&format!("{repo}.git"));
        let bundle = corpus().join(format!("repos/{repo}.bundle"));
        crate::helpers::git(
            &env.path(""),
            &[
                "-c",
                "init.defaultBranch=master",
                "clone",
                "-q",
                "--bare",
                bundle.to_str().unwrap(),
                bare.to_str().unwrap(),
            ],
            "2026-01-01T00:00:00Z",
        );
        let r = env.run(&["--format", "json", "link", "--repo", bare.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        routes = r
            .stderr
            .lines()
            .find(|l| l.starts_with("series by repository"))
            .unwrap_or_default()
            .to_string();
        let mut methods: BTreeMap<String, usize> = BTreeMap::new();
        for line in r.stdout.lines() {
            let l: serde_json::Value = serde_json::from_str(line).unwrap();
            *methods
                .entry(l["method"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        got.push((repo, methods.into_iter().collect::<Vec<_>>()));
    }
    let m = |pairs: &[(&str, usize)]| -> Vec<(String, usize)> {
        pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(
        got,
        vec![
            (
                "batman-adv",
                m(&[
                    // 90 and 248 before a posting from before the commit, and then the one
                    // whose Date: the commit kept, won over a later batch re-sending the
                    // commit equal by patch-id; the 14-day window after the commit (was 2) let
                    // such batches link 21 commits never posted otherwise.
                    ("diff", 108),
                    ("link-trailer", 2),
                    ("patch-id", 250),
                    // 29 before a recurring subject ("Start new development cycle", posted
                    // every release) stopped counting as evidence; 8 before a subject other
                    // commits of the repository share did (three of those cycle commits).
                    ("subject", 6)
                ])
            ),
            (
                "batctl",
                m(&[("diff", 10), ("patch-id", 136), ("subject", 1)])
            ),
            ("alfred", m(&[("diff", 3), ("patch-id", 35)])),
        ]
    );
    let again = env.run(&["--format", "json", "link"]);
    assert_eq!(
        (again.code, again.stdout.trim()),
        (0, ""),
        "{}",
        again.stderr
    );
    let accepted = env
        .run(&["--format", "json", "list", "--all", "--state", "accepted"])
        .json();
    // 229 before postings whose Date: the commit kept won ties and identical re-posts counted
    // as landed (2026-11-29).
    // 304 before postings from before the commit and the Date: rule outranked the method (the
    // first postings of series re-sent in pull batches).
    assert_eq!(accepted.as_array().unwrap().len(), 318);
    // Each series routed to its repositories (a series with a patch for each, such as the
    // yearly copyright updates, belongs to all three); of the 685 series, 89 fit none (pull
    // requests to the networking trees, patches for iw and other projects).
    assert_eq!(
        routes,
        "series by repository: alfred 34 (26 landed), batctl 74 (53 landed), \
         batman-adv 495 (247 landed)"
    );
    // A series routed by its files alone goes where its subject says, whenever it says.
    for repo in ["batman-adv", "batctl", "alfred"] {
        let all = env
            .run(&["--format", "json", "list", "--all", "--repo", repo])
            .json();
        for s in all.as_array().unwrap() {
            let routes = s["repositories"].as_array().unwrap();
            let by_paths = routes.iter().all(|r| r["how"] == "paths");
            let prefix = s["name"].as_str().unwrap().split(':').next().unwrap();
            let named = ["batman-adv", "batctl", "alfred"].contains(&prefix);
            assert!(
                !by_paths || !named || prefix == repo,
                "{} routed to {repo}",
                s["name"]
            );
        }
    }
}
