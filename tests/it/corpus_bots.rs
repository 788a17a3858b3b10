//! Bots on the real archives (run by `.ci/run`): which senders the bot rule matches on LTP and
//! linux-modules, that it matches only replies (never a patch or a cover letter), and which
//! series it keeps from `under-review` because only bots answered them.

use rusqlite::Connection;

use crate::corpus::corpus;
use crate::helpers::Env;

/// (sender, name, messages) the rule matched, and the series only bots answered.
fn matched(archive: &str) -> (Vec<(String, String, i64)>, i64) {
    let env = Env::new();
    assert_eq!(env.import(&[&corpus().join("real").join(archive)]).code, 0);
    let db = Connection::open(env.db()).unwrap();
    let mut stmt = db
        .prepare(
            "SELECT lower(from_email), from_name, count(*) FROM messages WHERE bot
             GROUP BY 1, 2 ORDER BY 3 DESC, 1",
        )
        .unwrap();
    let senders = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let placed_not_as_reply: i64 = db
        .query_row(
            "SELECT count(*) FROM messages m JOIN placement p ON p.message_id = m.id
             WHERE m.bot AND p.role <> 'reply'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        placed_not_as_reply, 0,
        "{archive}: a bot's mail placed as a patch or cover"
    );
    // Series answered by someone other than the submitter, all of them bots: still `new`.
    let only_bots: i64 = db
        .query_row(
            "SELECT count(*) FROM series s WHERE s.first_review IS NULL AND EXISTS (
               SELECT 1 FROM placement p JOIN messages m ON m.id = p.message_id
               WHERE p.series_id = s.id AND p.role = 'reply' AND m.bot
                 AND lower(m.from_email) <> lower(s.submitter_email))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // No automatic move names a bot's reply.
    let by_bots: i64 = db
        .query_row(
            "SELECT count(*) FROM events e JOIN messages m
               ON e.why = 'reply from ' || m.from_email || ' <' || m.msgid || '>'
             WHERE m.bot",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        by_bots, 0,
        "{archive}: under-review moves from bots' replies"
    );
    println!("{archive}: bots {senders:?}; {only_bots} series answered only by bots");
    (senders, only_bots)
}

fn s(email: &str, name: &str, n: i64) -> (String, String, i64) {
    (email.to_string(), name.to_string(), n)
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn on_ltp_the_bot_rule_matches_the_kernel_test_robot_and_patchwork_bot_only() {
    let (senders, only_bots) = matched("ltp_2024-01_2026-03.mbox.gz");
    assert_eq!(
        senders,
        [
            s("oliver.sang@intel.com", "kernel test robot", 63),
            s("yujie.liu@intel.com", "kernel test robot", 2),
            s("patchwork-bot+f2fs@kernel.org", "patchwork-bot+f2fs---", 1),
        ]
    );
    assert_eq!(only_bots, 0);
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn on_linux_modules_bots_no_longer_start_review() {
    let (senders, only_bots) = matched("linux-modules_2026-01_2026-06.mbox.gz");
    assert_eq!(
        senders,
        [
            s("sashiko-bot@kernel.org", "sashiko-bot@kernel.org", 23),
            s("pr-tracker-bot@kernel.org", "pr-tracker-bot@kernel.org", 5),
            s("bot+bpf-ci@kernel.org", "bot+bpf-ci@kernel.org", 2),
            s("lkp@intel.com", "kernel test robot", 1),
            s("oliver.sang@intel.com", "kernel test robot", 1),
            s(
                "syzbot+aa5520f7faf8d5438034@syzkaller.appspotmail.com",
                "syzbot",
                1
            ),
            s(
                "syzbot+e993e01b15c8eefd9cd4@syzkaller.appspotmail.com",
                "syzbot",
                1
            ),
        ]
    );
    // Before the rule, these were moved to under-review by a bot's reply.
    assert_eq!(only_bots, 8);
}
