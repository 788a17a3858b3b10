//! Attestation on the real archives, each list's server trusted as a maintainer would configure
//! it (linux-modules: kernel.org's `smtp.subspace.kernel.org`, built in; LTP: `*.smtp.seeweb.it`;
//! B.A.T.M.A.N.: `open-mesh.org`; the U-Boot STM32 list's Mailman stamps nothing): how many
//! messages are verified, and what becomes of every `pw-bot:` on the lists.

use std::collections::BTreeMap;

use crate::corpus::corpus;
use crate::helpers::Env;

/// (archive, list id, authserv-ids to trust; empty: built-in settings only)
const LISTS: [(&str, &str, &str); 4] = [
    (
        "linux-modules_2026-01_2026-06.mbox.gz",
        "linux-modules.vger.kernel.org",
        "",
    ),
    (
        "ltp_2024-01_2026-03.mbox.gz",
        "ltp.lists.linux.it",
        "*.smtp.seeweb.it",
    ),
    (
        "batman_2019-04_2026-07.mbox.gz",
        "b.a.t.m.a.n.lists.open-mesh.org",
        "open-mesh.org",
    ),
    (
        "uboot-stm32_2019-04_2026-07.mbox.gz",
        "uboot-stm32.st-md-mailman.stormreply.com",
        "",
    ),
];

fn configured(list: &str, authserv: &str) -> Env {
    let env = Env::new();
    if !authserv.is_empty() {
        let dir = env.dir.path().join(".config/patchq");
        std::fs::create_dir_all(&dir).unwrap();
        let text = format!("[[list]]\nid = \"{list}\"\nauthserv = [\"{authserv}\"]\n");
        std::fs::write(dir.join("config.toml"), text).unwrap();
    }
    env
}

fn attestations(env: &Env) -> BTreeMap<String, i64> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.prepare("SELECT attestation, count(*) FROM messages GROUP BY attestation")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn messages_vouched_for_by_their_list_servers() {
    let mut figures = Vec::new();
    for (file, list, authserv) in LISTS {
        let env = configured(list, authserv);
        let r = env.import(&[&corpus().join("real").join(file)]);
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        let a = attestations(&env);
        let n = |k: &str| a.get(k).copied().unwrap_or(0);
        let total: i64 = a.values().sum();
        println!(
            "attestation {list}: {} verified, {} unverified, {} failed of {total}",
            n("verified"),
            n("unverified"),
            n("failed")
        );
        figures.push((list, n("verified"), n("unverified"), n("failed")));
    }
    // Looked at on samples of each list: kernel.org stamps nearly every mail it relays;
    // seeweb stamps an SPF result on about half of LTP's (the rest carry none of its results);
    // open-mesh.org's results pass for most, fail DMARC for senders whose domains fail it;
    // the STM32 list's Mailman stamps nothing.
    assert_eq!(
        figures,
        [
            ("linux-modules.vger.kernel.org", 1317, 69, 0),
            ("ltp.lists.linux.it", 5476, 4954, 0),
            ("b.a.t.m.a.n.lists.open-mesh.org", 1389, 1580, 103),
            ("uboot-stm32.st-md-mailman.stormreply.com", 0, 8516, 0),
        ]
    );
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn every_pw_bot_on_the_real_lists_applies_or_is_ignored_for_a_reason() {
    // The B.A.T.M.A.N. list carries netdev series with Jakub Kicinski's pw-bot lines.
    let env = configured("b.a.t.m.a.n.lists.open-mesh.org", "open-mesh.org");
    let r = env.import(&[&corpus().join("real/batman_2019-04_2026-07.mbox.gz")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = corpus().join("maintainers/linux-6.12.MAINTAINERS");
    let r = env.run(&["maintainers", "load", m.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let outcomes: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT m.msgid, m.attestation, coalesce(e.kind, '-'), coalesce(e.why, '')
             FROM messages m LEFT JOIN events e
               ON e.why LIKE 'pw-bot: %<' || m.msgid || '>%'
             WHERE m.pw_bot IS NOT NULL ORDER BY m.date",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for o in &outcomes {
        println!(
            "pw-bot on the B.A.T.M.A.N. list: <{}> ({}): {} {}",
            o.0, o.1, o.2, o.3
        );
    }
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
    for (msgid, attestation, kind, why) in &outcomes {
        // Jakub's kernel.org mail is vouched for, and he maintains NETWORKING: obeyed.
        assert_eq!(attestation, "verified", "{msgid}");
        assert_eq!(kind, "state", "{msgid}: {why}");
    }
}
