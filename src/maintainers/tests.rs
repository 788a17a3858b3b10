//! Unit tests of MAINTAINERS parsing and matching, one rule at a time, on small files written
//! here.

use super::*;

const TREE_DIRS: [&str; 4] = ["drivers/net", "kernel/module", "net", "net/ipv6"];

fn load(text: &str) -> Maintainers {
    Maintainers::parse(text, &|p| Some(TREE_DIRS.contains(&p)))
}

fn names(m: &Maintainers, path: &str) -> Vec<String> {
    m.match_path(path)
        .into_iter()
        .map(|h| m.sections[h.section].name.clone())
        .collect()
}

const FILE: &str = "\
List of maintainers
===================

\tM: *Mail* patches to: FullName <address@domain>
\t   F:\tdrivers/net/\tall files in and below drivers/net

NETWORKING [GENERAL]
M:\tNet Maintainer <net@example.org>
L:\tnetdev@vger.example.org
S:\tMaintained
F:\tnet/
X:\tnet/ipv6/
K:\t\\bskb_\\w+

NETWORKING [IPv6]
M:\tSix Person <six@example.org>
S:\tMaintained
F:\tnet/ipv6

# a comment line inside the file
NETWORK DRIVERS
M:\tDrv Person <drv@example.org>
R:\tRita Reviewer <rita@example.org>
L:\tnetdev@vger.example.org (moderated for non-subscribers)
S:\tOdd Fixes
F:\tdrivers/net/
F:\tdrivers/net/*.h

TEGRA ARCHITECTURE
M:\tTeg Ra <tegra@example.org>
S:\tSupported
N:\t[^a-z]tegra

MODULE SUPPORT
M:\tMod Person <mod@example.org>
S:\tMaintained
F:\tinclude/linux/module*.h
F:\tkernel/module
F:\tlib/test_kmod.c

THE REST
M:\tLead <lead@example.org>
S:\tBuried alive in reporters
F:\t*
F:\t*/
";

#[test]
fn sections_are_read_like_get_maintainer_pl() {
    let m = load(FILE);
    let titles: Vec<&str> = m.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        titles,
        [
            "NETWORKING [GENERAL]",
            "NETWORKING [IPv6]",
            "NETWORK DRIVERS",
            "TEGRA ARCHITECTURE",
            "MODULE SUPPORT",
            "THE REST"
        ]
    );
    let drivers = &m.sections[2];
    assert_eq!(drivers.status.as_deref(), Some("Odd Fixes"));
    assert_eq!(
        drivers.list_addresses().collect::<Vec<_>>(),
        ["netdev@vger.example.org"]
    );
    assert!(drivers.has_person("RITA@example.org") && !drivers.has_person("net@example.org"));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn exclusions_are_checked_first() {
    let m = load(FILE);
    assert_eq!(
        names(&m, "net/core/dev.c"),
        ["NETWORKING [GENERAL]", "THE REST"]
    );
    assert_eq!(
        names(&m, "net/ipv6/route.c"),
        ["NETWORKING [IPv6]", "THE REST"]
    );
}

#[test]
fn the_deepest_match_comes_first_and_the_last_matching_line_counts() {
    let m = load(FILE);
    // drivers/net/*.h (depth 3) is the section's last matching line for a header there.
    let hits = m.match_path("drivers/net/phy.h");
    assert_eq!(m.sections[hits[0].section].name, "NETWORK DRIVERS");
    assert_eq!(hits[0].depth, 3);
    // For a .c file only drivers/net/ (depth 2) matches.
    assert_eq!(m.match_path("drivers/net/phy.c")[0].depth, 2);
    // F: * has depth -1: last.
    assert_eq!(names(&m, "drivers/net/phy.c").last().unwrap(), "THE REST");
}

#[test]
fn n_regexes_match_anywhere_in_the_path_with_depth_zero() {
    let m = load(FILE);
    assert_eq!(
        names(&m, "drivers/gpu/host1x/tegra-fuse.c")[0],
        "TEGRA ARCHITECTURE"
    );
    // [^a-z]tegra: not inside a word.
    assert!(!names(&m, "drivers/misc/integra.c").contains(&"TEGRA ARCHITECTURE".to_string()));
    let hits = m.match_path("arch/arm/mach-tegra/x.c");
    assert_eq!(hits[0].depth, 0);
}

#[test]
fn module_support_owns_its_files() {
    let m = load(FILE);
    for p in [
        "kernel/module/main.c",
        "include/linux/module.h",
        "include/linux/moduleparam.h",
        "lib/test_kmod.c",
    ] {
        assert_eq!(names(&m, p)[0], "MODULE SUPPORT", "{p}");
    }
    assert_eq!(names(&m, "kernel/modules.c"), ["THE REST"]);
}

#[test]
fn keywords_match_patch_lines_and_the_message() {
    let m = load(FILE);
    let patch = "net: use skb_put\n\n---\n a.c | 1 +\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n context skb_pull\n+added line\n";
    let lines = keyword_lines(patch);
    assert!(lines.contains(&"net: use skb_put"));
    assert!(!lines.contains(&" context skb_pull"));
    let sections: Vec<usize> = m.keywords().map(|(s, _)| s).collect();
    let matched = m.keywords_matching(&lines, |_| true);
    assert_eq!(
        matched.iter().map(|&k| sections[k]).collect::<Vec<_>>(),
        [0]
    );
    assert!(m.keywords_matching(&lines, |k| k != matched[0]).is_empty());
    let quiet = keyword_lines("fix\n---\n--- a/x\n+++ b/x\n+int y;\n");
    assert!(m.keywords_matching(&quiet, |_| true).is_empty());
}

#[test]
fn names_resolve_by_exact_prefix_or_unique_substring() {
    let m = load(FILE);
    assert_eq!(m.find("module support"), Ok(4));
    assert_eq!(m.find("tegra"), Ok(3));
    assert_eq!(m.find("network drivers"), Ok(2));
    assert_eq!(m.find("NETWORKING"), Err(vec![0, 1]));
    assert_eq!(m.find("ipv6"), Ok(1));
    assert_eq!(m.find("nothing like it"), Err(vec![]));
}

#[test]
fn odd_files_are_accepted_with_warnings() {
    let text = "\
F:\torphan/entry/
ODD SECTION
M:\tSomeone <s@example.org>
T:\tgit.example.org/tree
A:\tunknown tag
F:\tdrivers/odd/
N:\t(unclosed
K:\tfine\\b
";
    let m = load(text);
    assert_eq!(m.sections.len(), 2);
    assert!(names(&m, "drivers/odd/x.c").contains(&"ODD SECTION".to_string()));
    let w = m.warnings.join("\n");
    assert!(
        w.contains("line 1: entries before any section title"),
        "{w}"
    );
    assert!(w.contains("line 5: unknown tag A"), "{w}");
    assert!(w.contains("N: (unclosed is not a regex"), "{w}");
    assert!(w.contains("has no S: status"), "{w}");
}

#[test]
fn n_regexes_too_large_together_are_matched_one_by_one_with_a_warning() {
    // Each of these compiles alone; four together are over the regex crate's size limit (this
    // panicked before).
    let mut text = String::new();
    for i in 0..4 {
        text.push_str(&format!(
            "BIG {i}\nM:\tM <m@x.org>\nS:\tMaintained\nN:\t\\w{{100}}x{i}\n\n"
        ));
    }
    let m = Maintainers::parse(&text, &|_| None);
    let warning = m
        .warnings
        .iter()
        .find(|w| w.contains("too large to match together"));
    let warning = warning.unwrap_or_else(|| panic!("{:?}", m.warnings));
    assert!(
        warning.contains("4 sections (BIG 0, BIG 1, BIG 2, BIG 3)"),
        "{warning}"
    );
    let path = format!("drivers/{}x2.c", "a".repeat(100));
    let names: Vec<&str> = m
        .match_path(&path)
        .iter()
        .map(|h| m.sections[h.section].name.as_str())
        .collect();
    assert_eq!(names, ["BIG 2"]);
}

#[test]
fn a_keyword_rules_out_raw_mail_only_where_a_line_match_is_a_match_in_the_whole() {
    let m = Maintainers::parse(
        "A\nK:\t^\\s*foo_bar\nK:\t\\Afoo\nK:\t(?-m)^x\nK:\t-+\nK:\tbaz$\n\nTHE REST\nF:\t*\n",
        &|_| None,
    );
    let raw = b"Subject: x\n\nintro\n  foo_bar(1);\nbaz \n";
    // Anchors at line starts and ends work on the whole message too.
    assert!(m.keyword_may_match_raw(0, raw));
    assert!(!m.keyword_may_match_raw(0, b"Subject: x\n\nintro x foo_bar\n"));
    assert!(!m.keyword_may_match_raw(4, raw));
    assert!(m.keyword_may_match_raw(4, b"Subject: x\n\nbaz\n"));
    // Text anchors, flags turned off and regexes matching the `---` line are never ruled out.
    for k in [1, 2, 3] {
        assert!(m.keyword_may_match_raw(k, b"nothing"), "{k}");
    }
}
