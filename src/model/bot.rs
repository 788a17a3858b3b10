//! Automated senders: CI systems, test robots, trackers. Their replies never start review, never
//! count as a review reply or reviewer, and are shown as a bot.

use super::Person;
use super::trust::glob;

/// Whole addresses of bots that look like people's.
const BOT_ADDRESSES: [&str; 1] = ["lkp@intel.com"];
/// Local parts (before any `+tag`) of bots' addresses.
const BOT_LOCAL_PARTS: [&str; 6] = [
    "bot",
    "syzbot",
    "ci_notify",
    "pr-tracker-bot",
    "patchwork-bot",
    "sashiko-bot",
];
/// Display names bots send under from people's addresses (the kernel test robot sends from its
/// operators' addresses).
const BOT_NAMES: [&str; 2] = ["kernel test robot", "syzbot"];

/// Whether mail from `from` comes from a bot: the header said so (`automated`: `Auto-Submitted`
/// other than `no`, `X-Patchwork-Bot`), the address or name is a known bot's, its local part ends
/// in `-bot`/`_bot`, or it matches one of `extra` (the user's setting: addresses, `*` any run of
/// characters). A forged name can only make its own mail count less, never more.
pub fn is_bot(from: &Person, automated: bool, extra: &[String]) -> bool {
    if automated {
        return true;
    }
    let email = from.email.to_ascii_lowercase();
    let local = email.split('@').next().unwrap_or("");
    let local = local.split('+').next().unwrap_or(local);
    let name = from.name.trim().to_lowercase();
    BOT_ADDRESSES.contains(&email.as_str())
        || BOT_LOCAL_PARTS.contains(&local)
        || local.ends_with("-bot")
        || local.ends_with("_bot")
        || BOT_NAMES.contains(&name.as_str())
        || extra.iter().any(|p| glob(&p.to_ascii_lowercase(), &email))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, email: &str) -> Person {
        Person {
            name: name.into(),
            email: email.into(),
        }
    }

    #[test]
    fn the_bots_of_the_real_lists_are_bots_and_people_are_not() {
        let bots = [
            p("kernel test robot", "oliver.sang@intel.com"),
            p("kernel test robot", "lkp@intel.com"),
            p("", "pr-tracker-bot@kernel.org"),
            p("patchwork-bot+f2fs", "patchwork-bot+f2fs@kernel.org"),
            p("", "sashiko-bot@kernel.org"),
            p("", "bot+bpf-ci@kernel.org"),
            p(
                "syzbot",
                "syzbot+aa5520f7faf8d5438034@syzkaller.appspotmail.com",
            ),
            p("", "ci_notify@linaro.org"),
        ];
        for b in &bots {
            assert!(is_bot(b, false, &[]), "{b:?}");
        }
        let people = [
            p("Oliver Sang", "oliver.sang@intel.com"),
            p("James Bottomley", "james.bottomley@hansenpartnership.com"),
            p("Alex Williamson", "alex@shazbot.org"),
            p("Abbot Costello", "abbot@example.org"),
        ];
        for h in &people {
            assert!(!is_bot(h, false, &[]), "{h:?}");
            assert!(
                is_bot(h, true, &[]),
                "Auto-Submitted makes anyone a bot: {h:?}"
            );
        }
    }

    #[test]
    fn the_users_own_bots_match_by_address_with_wildcards() {
        let extra = vec![
            "*@ci.example.org".to_string(),
            "build*@example.com".to_string(),
        ];
        assert!(is_bot(&p("", "runner7@ci.example.org"), false, &extra));
        assert!(is_bot(&p("", "Builder2@example.com"), false, &extra));
        assert!(!is_bot(
            &p("", "runner7@ci.example.org.evil"),
            false,
            &extra
        ));
        assert!(!is_bot(&p("", "me@example.com"), false, &extra));
        assert!(glob("a*b*c", "axxbyyc") && !glob("a*b*c", "axxbyy") && glob("x", "x"));
    }
}
