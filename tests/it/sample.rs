//! The sample archive in `fixtures/sample.mbox`, and how it is made: a small kernel-style git
//! repository built with fixed names and dates, its commits posted with `git format-patch`
//! (cover letters, a v1 and a v2, a series without cover letter, a base64 and a quoted-printable
//! patch), review replies written here, and a pull request. `UPDATE_INPUTS=1 cargo test
//! sample` rewrites the committed files (and fails, naming them).

use std::fs;

use base64::Engine;
use std::path::{Path, PathBuf};

use crate::helpers::{compare_committed, fixtures, git};

pub const LIST: &str = "widget-devel.lists.example.org";

/// The generated repository and archive.
pub struct Sample {
    pub repo: PathBuf,
    pub mbox: Vec<u8>,
}

const MAINTAINERS: &str = "\
List of maintainers for the widget tree (a test fixture in kernel format)

FOO ETHERNET DRIVER
M:\tMax Maintainer <max@example.org>
R:\tRita Reviewer <rita@example.org>
L:\twidget-devel@lists.example.org
S:\tMaintained
F:\tdrivers/net/ethernet/foo/

GPIO SUBSYSTEM
M:\tMax Maintainer <max@example.org>
L:\twidget-devel@lists.example.org
S:\tMaintained
F:\tdrivers/gpio/
F:\tinclude/linux/gpio.h

MODULE SUPPORT
M:\tCarol Coder <carol@example.com>
L:\twidget-devel@lists.example.org
S:\tMaintained
F:\tkernel/module/

DOCUMENTATION
M:\tDora Docs <dora@example.org>
S:\tMaintained
F:\tDocumentation/
X:\tDocumentation/private/

THE REST
M:\tLinus Lead <lead@example.org>
L:\twidget-devel@lists.example.org
S:\tBuried alive in reporters
F:\t*
F:\t*/
";

fn foo_main(init_name: &str, ring: bool, unused: bool) -> String {
    let mut s = String::from(
        "// SPDX-License-Identifier: GPL-2.0\n/* foo ethernet driver */\n#include <linux/module.h>\n\n",
    );
    if ring {
        s.push_str("static int ring_size = 256;\nmodule_param(ring_size, int, 0444);\n\n");
    }
    s.push_str(&format!(
        "static int {init_name}(struct foo_dev *dev)\n{{\n"
    ));
    if unused {
        s.push_str("\tint unused;\n\n");
    }
    s.push_str("\tdev->ready = 1;\n\treturn 0;\n}\n\n");
    s.push_str(&format!("static void foo_remove(struct foo_dev *dev)\n{{\n\tdev->ready = 0;\n}}\n\nMODULE_DESCRIPTION(\"foo via {init_name}\");\nMODULE_LICENSE(\"GPL\");\n"));
    s
}

fn gpio_bar(fixed: bool) -> String {
    let cmp = if fixed { "<" } else { "<=" };
    format!(
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/gpio.h>\n\nstatic int bar_get(struct bar *b, unsigned int n)\n{{\n\tif (!(n {cmp} b->ngpio))\n\t\treturn -EINVAL;\n\treturn b->val[n] == 1;\n}}\n"
    )
}

fn module_main(typo_fixed: bool, helper: bool) -> String {
    let comment = if typo_fixed { "taint" } else { "tiant" };
    let check = if helper {
        "\tif (module_is_tainted(mod))\n"
    } else {
        "\tif (mod->taints & TAINT_MASK)\n"
    };
    format!(
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n\n/* Check the {comment} flags of a module before loading it. */\nint check_modinfo(struct module *mod)\n{{\n{check}\t\treturn -EPERM;\n\treturn 0;\n}}\n"
    )
}

fn write(repo: &Path, path: &str, content: &str) {
    let p = repo.join(path);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, content).unwrap();
}

/// Commits the working tree as `who` at `date`.
fn commit(repo: &Path, who: (&str, &str), date: &str, msg: &str) {
    git(repo, &["add", "-A"], date);
    let author = format!("{} <{}>", who.0, who.1);
    git(
        repo,
        &["commit", "-q", "--author", &author, "-m", msg],
        date,
    );
}

const JANE: (&str, &str) = ("Jane Dev", "jane@example.org");
const BOB: (&str, &str) = ("Bob Builder", "bob@example.net");
const CAROL: (&str, &str) = ("Carol Coder", "carol@example.com");
const EDOUARD: (&str, &str) = ("Édouard Ünicode", "edouard@example.fr");

/// Builds the repository in `dir/widget` and the archive.
pub fn build(dir: &Path) -> Sample {
    let repo = dir.join("widget");
    fs::create_dir_all(&repo).unwrap();
    let d0 = "Tue, 01 Sep 2026 10:00:00 +0000";
    git(&repo, &["init", "-q", "-b", "master"], d0);
    write(&repo, "MAINTAINERS", MAINTAINERS);
    write(
        &repo,
        "drivers/net/ethernet/foo/foo_main.c",
        &foo_main("foo_init", false, true),
    );
    write(&repo, "drivers/gpio/gpio-bar.c", &gpio_bar(false));
    write(&repo, "kernel/module/main.c", &module_main(false, false));
    write(
        &repo,
        "Documentation/widget.rst",
        "Widget\n======\n\nThe widget does things.\n",
    );
    commit(
        &repo,
        ("Linus Lead", "lead@example.org"),
        d0,
        "Initial widget tree",
    );
    git(&repo, &["tag", "base"], d0);

    let sign =
        |msg: &str, who: (&str, &str)| format!("{msg}\n\nSigned-off-by: {} <{}>", who.0, who.1);
    let foo_c = "drivers/net/ethernet/foo/foo_main.c";
    // Series A, v1 and v2.
    for (branch, date, name) in [
        ("a-v1", "Mon, 05 Oct 2026 09:00:00 +0200", "foo_probe"),
        ("a-v2", "Mon, 12 Oct 2026 09:00:00 +0200", "foo_setup"),
    ] {
        git(&repo, &["checkout", "-q", "-b", branch, "base"], date);
        write(&repo, foo_c, &foo_main("foo_init", false, false));
        commit(
            &repo,
            JANE,
            date,
            &sign(
                "net: foo: drop an unused variable\n\nfoo_init() declares a variable it never uses.",
                JANE,
            ),
        );
        write(&repo, foo_c, &foo_main(name, false, false));
        commit(
            &repo,
            JANE,
            date,
            &sign(
                &format!(
                    "net: foo: rename foo_init to {name}\n\nThe name says what the function does."
                ),
                JANE,
            ),
        );
        write(&repo, foo_c, &foo_main(name, true, false));
        commit(
            &repo,
            JANE,
            date,
            &sign(
                "net: foo: add a ring size parameter\n\nLet users pick the ring size at load time.",
                JANE,
            ),
        );
    }
    let db = "Tue, 20 Oct 2026 14:30:00 -0700";
    git(&repo, &["checkout", "-q", "-b", "b", "base"], db);
    write(&repo, "drivers/gpio/gpio-bar.c", &gpio_bar(true));
    commit(
        &repo,
        BOB,
        db,
        &sign(
            "gpio: bar: fix an off-by-one in bar_get()\n\nbar_get() accepted n == ngpio and read past the end of val[].",
            BOB,
        ),
    );
    let dc = "Mon, 02 Nov 2026 08:15:00 +0100";
    git(&repo, &["checkout", "-q", "-b", "c", "base"], dc);
    write(&repo, "kernel/module/main.c", &module_main(true, false));
    commit(
        &repo,
        CAROL,
        dc,
        &sign("module: fix a typo in a comment", CAROL),
    );
    write(&repo, "kernel/module/main.c", &module_main(true, true));
    commit(
        &repo,
        CAROL,
        dc,
        &sign(
            "module: use module_is_tainted()\n\nThe helper exists; use it.",
            CAROL,
        ),
    );
    let de = "Sun, 15 Nov 2026 20:00:00 +0100";
    git(&repo, &["checkout", "-q", "-b", "e", "base"], de);
    write(
        &repo,
        "Documentation/widget.rst",
        "Widget\n======\n\nThe widget does things, très bien.\n",
    );
    commit(
        &repo,
        EDOUARD,
        de,
        &sign("Documentation: widget: say how well it works", EDOUARD),
    );
    git(&repo, &["checkout", "-q", "master"], de);

    let mbox = archive(&repo, dir);
    Sample { repo, mbox }
}

/// `git format-patch` of `range` into separate mails (cover letter first when asked).
pub fn format_patch(repo: &Path, out: &Path, range: &str, extra: &[&str]) -> Vec<String> {
    let _ = fs::remove_dir_all(out);
    let mut args = vec!["format-patch", "-q", "--no-thread", "--no-signature", "-o"];
    let out_s = out.display().to_string();
    args.push(&out_s);
    args.extend_from_slice(extra);
    args.push(range);
    git(repo, &args, "Thu, 01 Jan 2026 00:00:00 +0000");
    let mut files: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| fs::read_to_string(f).unwrap())
        .collect()
}

/// Adds list and threading headers after the `Date:` line of a format-patch mail.
pub fn thread(mail: &str, msgid: &str, parent: Option<&str>, refs: &[&str]) -> String {
    let mut extra = format!("To: widget-devel@lists.example.org\nMessage-ID: <{msgid}>\n");
    if let Some(p) = parent {
        extra.push_str(&format!("In-Reply-To: <{p}>\n"));
        let all: Vec<String> = refs.iter().map(|r| format!("<{r}>")).collect();
        extra.push_str(&format!("References: {}\n", all.join("\n ")));
    }
    extra.push_str(&format!("List-Id: Widget development <{LIST}>\n"));
    let at = mail.find("\nSubject: ").expect("a Subject line") + 1;
    format!("{}{}{}", &mail[..at], extra, &mail[at..])
}

/// Fills in the cover letter's placeholders, sender and date.
fn cover(mail: &str, date: &str, subject: &str, blurb: &str) -> String {
    mail.replace("*** SUBJECT HERE ***", subject)
        .replace("*** BLURB HERE ***", blurb)
        .replace(
            "From: Fixture Committer <committer@example.org>",
            "From: Jane Dev <jane@example.org>",
        )
        .replace(
            "Date: Thu, 1 Jan 2026 00:00:00 +0000",
            &format!("Date: {date}"),
        )
}

/// A reply written by hand.
pub fn reply(
    from: &str,
    date: &str,
    msgid: &str,
    parent: &str,
    refs: &[&str],
    subject: &str,
    body: &str,
) -> String {
    let all: Vec<String> = refs.iter().map(|r| format!("<{r}>")).collect();
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: {from}\nDate: {date}\nSubject: {subject}\n\
         To: widget-devel@lists.example.org\nMessage-ID: <{msgid}>\nIn-Reply-To: <{parent}>\n\
         References: {}\nList-Id: Widget development <{LIST}>\n\n{body}",
        all.join("\n ")
    )
}

fn archive(repo: &Path, dir: &Path) -> Vec<u8> {
    let out = dir.join("patches");
    let mut mails: Vec<String> = Vec::new();
    // A v1: cover letter and three patches, threaded to the cover.
    let a1 = format_patch(repo, &out, "base..a-v1", &["--cover-letter"]);
    let c1 = "20261005-foo-v1-0@example.org";
    mails.push(thread(
        &cover(
            &a1[0],
            "Mon, 5 Oct 2026 08:59:00 +0200",
            "net: foo: cleanups",
            "A few cleanups for the foo driver.",
        ),
        c1,
        None,
        &[],
    ));
    for (i, m) in a1[1..].iter().enumerate() {
        mails.push(thread(
            m,
            &format!("20261005-foo-v1-{}@example.org", i + 1),
            Some(c1),
            &[c1],
        ));
    }
    let p12 = "20261005-foo-v1-2@example.org";
    mails.push(reply(
        "Rita Reviewer <rita@example.org>", "Tue, 06 Oct 2026 11:00:00 +0200", "rita-1@example.org", p12, &[c1, p12],
        "Re: [PATCH 2/3] net: foo: rename foo_init to foo_probe",
        "On Mon, Oct 05, 2026, Jane Dev wrote:\n> -static int foo_init(struct foo_dev *dev)\n> +static int foo_probe(struct foo_dev *dev)\n\nfoo_probe is taken by the bus code; please call it foo_setup.\n",
    ));
    mails.push(reply(
        "Jane Dev <jane@example.org>", "Tue, 06 Oct 2026 12:00:00 +0200", "jane-1@example.org", "rita-1@example.org", &[c1, p12, "rita-1@example.org"],
        "Re: [PATCH 2/3] net: foo: rename foo_init to foo_probe",
        "> foo_probe is taken by the bus code; please call it foo_setup.\n\nWill do in v2, thanks.\n",
    ));
    mails.push(reply(
        "Max Maintainer <max@example.org>", "Wed, 07 Oct 2026 08:00:00 +0000", "max-1@example.org", c1, &[c1],
        "Re: [PATCH 0/3] net: foo: cleanups",
        "Looks fine apart from Rita's comment on 2/3.\n\nAcked-by: Max Maintainer <max@example.org>\n",
    ));
    // A v2, posted as a new thread; Tom's reply reaches the archive before the patch it answers.
    let a2 = format_patch(repo, &out, "base..a-v2", &["--cover-letter", "-v2"]);
    let c2 = "20261012-foo-v2-0@example.org";
    mails.push(thread(
        &cover(
            &a2[0],
            "Mon, 12 Oct 2026 08:59:00 +0200",
            "net: foo: cleanups",
            "Changes in v2:\n- call it foo_setup (Rita)",
        ),
        c2,
        None,
        &[],
    ));
    let p21 = "20261012-foo-v2-1@example.org";
    mails.push(reply(
        "Tom Tester <tom@example.com>",
        "Wed, 14 Oct 2026 16:00:00 +0000",
        "tom-1@example.com",
        p21,
        &[c2, p21],
        "Re: [PATCH v2 1/3] net: foo: drop an unused variable",
        "Ran it on my board.\n\nTested-by: Tom Tester <tom@example.com>\n",
    ));
    for (i, m) in a2[1..].iter().enumerate() {
        mails.push(thread(
            m,
            &format!("20261012-foo-v2-{}@example.org", i + 1),
            Some(c2),
            &[c2],
        ));
    }
    mails.push(reply(
        "Rita Reviewer <rita@example.org>",
        "Thu, 15 Oct 2026 10:00:00 +0200",
        "rita-2@example.org",
        c2,
        &[c2],
        "Re: [PATCH v2 0/3] net: foo: cleanups",
        "For the whole series:\n\nReviewed-by: Rita Reviewer <rita@example.org>\n",
    ));
    // B: one patch, quoted-printable, applied by the maintainer.
    let b = format_patch(repo, &out, "base..b", &[]);
    let pb = "20261020-gpio-bar-1@example.net";
    mails.push(quoted_printable(&thread(&b[0], pb, None, &[])));
    mails.push(reply(
        "Max Maintainer <max@example.org>", "Wed, 21 Oct 2026 09:00:00 +0000", "max-2@example.org", pb, &[pb],
        "Re: [PATCH] gpio: bar: fix an off-by-one in bar_get()",
        "On Tue, Oct 20, 2026, Bob Builder wrote:\n> bar_get() accepted n == ngpio and read past the end of val[].\n\nApplied to gpio-next, thanks!\n",
    ));
    // C: two patches without a cover letter, the second answering the first.
    let c = format_patch(repo, &out, "base..c", &["-n"]);
    let pc1 = "20261102-module-1@example.com";
    let pc2 = "20261102-module-2@example.com";
    mails.push(thread(&c[0], pc1, None, &[]));
    mails.push(thread(&c[1], pc2, Some(pc1), &[pc1]));
    mails.push(reply(
        "Dan Drive-by <dan@example.net>", "Tue, 03 Nov 2026 07:00:00 +0000", "dan-1@example.net", pc1, &[pc1],
        "Re: [PATCH 1/2] module: fix a typo in a comment",
        "> Reviewed-by: Someone Else <someone@example.net>\n\nThat line above is quoted, it does not count.\nIs \"tiant\" really a typo?\n",
    ));
    // D: a pull request.
    mails.push(pull_request());
    // E: a patch with a non-ASCII author, its body in base64.
    let e = format_patch(repo, &out, "base..e", &[]);
    mails.push(base64_body(&thread(
        &e[0],
        "20261115-doc-1@example.fr",
        None,
        &[],
    )));
    let mut mbox = String::new();
    for m in mails {
        mbox.push_str(&m);
        if !m.ends_with('\n') {
            mbox.push('\n');
        }
        mbox.push('\n');
    }
    mbox.into_bytes()
}

fn pull_request() -> String {
    format!(
        "From nobody Mon Sep 17 00:00:00 2001\nFrom: Max Maintainer <max@example.org>\n\
         Date: Tue, 10 Nov 2026 18:00:00 +0000\nSubject: [GIT PULL] gpio fixes for 6.19\n\
         To: Linus Lead <lead@example.org>\nCc: widget-devel@lists.example.org\n\
         Message-ID: <gpio-pull-6.19@example.org>\nList-Id: Widget development <{LIST}>\n\n\
         Hi Linus,\n\nThe following changes since commit 0123456789abcdef0123456789abcdef01234567:\n\n\
         \x20 Initial widget tree (2026-09-01 10:00:00 +0000)\n\n\
         are available in the Git repository at:\n\n\
         \x20 https://git.example.org/gpio.git tags/gpio-fixes-6.19\n\n\
         for you to fetch changes up to 89abcdef0123456789abcdef0123456789abcdef:\n\n\
         \x20 gpio: bar: fix an off-by-one in bar_get() (2026-10-20 14:30:00 -0700)\n"
    )
}

/// Re-encodes the body of a plain format-patch mail as quoted-printable.
fn quoted_printable(mail: &str) -> String {
    let (head, body) = mail.split_once("\n\n").unwrap();
    let mut out = String::new();
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches('\n');
        let mut enc = String::new();
        for (i, b) in text.bytes().enumerate() {
            let last = i + 1 == text.len();
            match b {
                b'=' => enc.push_str("=3D"),
                b'\t' | b' ' if last => enc.push_str(&format!("={b:02X}")),
                33..=126 | b' ' | b'\t' => enc.push(b as char),
                _ => enc.push_str(&format!("={b:02X}")),
            }
        }
        // Soft line breaks keep encoded lines under 76 characters.
        while enc.len() > 75 {
            let mut cut = 75;
            while enc.as_bytes()[cut - 1] == b'=' || enc.as_bytes().get(cut - 2) == Some(&b'=') {
                cut -= 1;
            }
            out.push_str(&enc[..cut]);
            out.push_str("=\n");
            enc = enc[cut..].to_string();
        }
        out.push_str(&enc);
        out.push('\n');
    }
    format!(
        "{head}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: quoted-printable\n\n{out}"
    )
}

/// Re-encodes the body of a format-patch mail (already MIME, 8bit) as base64.
fn base64_body(mail: &str) -> String {
    let (head, body) = mail.split_once("\n\n").unwrap();
    let head = head.replace(
        "Content-Transfer-Encoding: 8bit",
        "Content-Transfer-Encoding: base64",
    );
    let enc = base64::engine::general_purpose::STANDARD.encode(body.as_bytes());
    let lines: Vec<&str> = enc
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!("{head}\n\n{}\n", lines.join("\n"))
}

#[test]
fn sample_fixture_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let sample = build(dir.path());
    let path = fixtures().join("sample.mbox");
    let maintainers = fixtures().join("MAINTAINERS");
    // A generated input of other tests: its own variable, so that regenerating outputs never
    // rewrites it (nor the reverse).
    let stale: Vec<String> = [
        compare_committed(&path, &sample.mbox, "UPDATE_INPUTS"),
        compare_committed(&maintainers, MAINTAINERS.as_bytes(), "UPDATE_INPUTS"),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
    assert_eq!(
        fs::read_to_string(sample.repo.join("MAINTAINERS")).unwrap(),
        MAINTAINERS
    );
}

#[test]
fn sample_imports_with_the_expected_shape() {
    let env = crate::helpers::Env::new();
    let r = env.import(&[&fixtures().join("sample.mbox")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    // 4 + 3 replies (v1), 4 + 2 replies (v2), 1 + 1 (B), 2 + 1 (C), pull, base64 patch.
    assert_eq!(j["read"], 20);
    assert_eq!(j["new"], 20);
    // Patches: 3 (v1) + 3 (v2) + 1 + 2 + 1; covers, replies and the pull request are not.
    assert_eq!(j["patches"], 10);
    assert_eq!(j["rejected"], 0);
}
