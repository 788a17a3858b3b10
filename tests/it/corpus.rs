//! Checks against the real corpus in `../shared/corpus` (or `$PATCHQ_CORPUS`). They are ignored
//! by a plain `cargo test` because a fresh clone has no corpus; `.ci/run` runs them with
//! `cargo test --release -- --ignored`, and there a missing corpus is a failure.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use patchq::model::{ChangeStatus, MailKind};
use patchq::parse::{ParseOptions, SplitOptions, mailinfo, parse_mail};
use patchq::source::{Item, Resume, read_mbox};

use crate::helpers::Env;

pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("PATCHQ_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    assert!(
        dir.join("real").is_dir(),
        "corpus not found at {} (set PATCHQ_CORPUS)",
        dir.display()
    );
    dir
}

/// The raw messages of an mbox, as patchq's reader splits them.
pub fn messages(path: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut sink = |item: Item, _: Resume| {
        if let Item::Message { raw, .. } = item {
            out.push(raw);
        }
        true
    };
    read_mbox(path, None, 64 << 20, &mut sink).unwrap();
    out
}

const ARCHIVES: &[(&str, u64, u64)] = &[
    ("ltp_2024-01_2026-03.mbox.gz", 10_432, 10_430),
    ("uboot-stm32_2019-04_2026-07.mbox.gz", 8_536, 8_516),
    ("batman_2019-04_2026-07.mbox.gz", 3_072, 3_072),
    ("linux-modules_2026-01_2026-06.mbox.gz", 1_386, 1_386),
];

#[test]
#[ignore = "corpus: run by .ci/run"]
fn real_archives_import_once_per_message_id() {
    for (name, total, distinct) in ARCHIVES {
        let env = Env::new();
        let path = corpus().join("real").join(name);
        let r = env.import(&[&path]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let j = r.json();
        assert_eq!(j["read"].as_u64(), Some(*total), "{name}");
        assert_eq!(j["new"].as_u64(), Some(*distinct), "{name}");
        assert_eq!(j["duplicates"].as_u64(), Some(total - distinct), "{name}");
        assert_eq!(env.stats()["messages"].as_u64(), Some(*distinct), "{name}");
        let again = env.import(&[&path]).json();
        assert_eq!(
            (again["read"].as_u64(), again["new"].as_u64()),
            (Some(0), Some(0)),
            "{name}"
        );
        println!(
            "{name}: {total} read, {distinct} imported, {} duplicates",
            total - distinct
        );
    }
}

/// Every message of the corpus (the four archives, Patchwork's, b4's and git's test mails) gives
/// the same `Mail` whether read by its headers alone where they allow it or parsed whole by
/// mail-parser: the shortcut most list mail takes changes nothing.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn reading_by_the_headers_alone_gives_what_the_whole_parse_gives() {
    let root = corpus();
    let mut files = Vec::new();
    let mut dirs = vec![root.join("real"), root.join("patchwork"), root.join("b4")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if !path.ends_with("SHA256SUMS") {
                files.push(path);
            }
        }
    }
    let opts = ParseOptions::default();
    let (mut compared, mut shortcut) = (0, 0);
    for file in &files {
        for raw in messages(file) {
            let fast = parse_mail(&raw, &opts);
            let whole = patchq::parse::parse_mail_whole(&raw, &opts);
            assert_eq!(fast, whole, "{}", file.display());
            compared += 1;
            shortcut += usize::from(patchq::parse::read_by_headers(&raw));
        }
    }
    eprintln!(
        "headers alone: {shortcut} of {compared} messages in {} files read so, the same Mail",
        files.len()
    );
    assert!(compared > 23_500, "{compared}");
    assert!(shortcut * 10 > compared * 7, "{shortcut} of {compared}");
}

/// git's t5100 mailinfo fixtures: author, subject, message and patch as git gives them.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn git_mailinfo_fixtures_agree() {
    let dir = corpus().join("real/git-t5100");
    let read = |n: &str| fs::read(dir.join(n)).unwrap_or_else(|_| panic!("{n}"));
    let mut checked = 0;
    let mut failures = Vec::new();
    // patchq drops the blank line an mbox writer puts after each message (git mailsplit keeps
    // it), so trailing blank lines are not compared.
    let trim = |mut b: Vec<u8>| {
        while b.ends_with(b"\n\n") {
            b.pop();
        }
        b
    };
    let mut check = |name: &str, got: Vec<u8>, want: Vec<u8>| {
        let (got, mut want) = (trim(got), trim(want));
        // Deliberate difference: git leaves the patch part in the mail's charset (here a
        // latin-1 signature under the diff); patchq decodes the whole body to UTF-8.
        if name == "patch0005" {
            want = want
                .iter()
                .map(|&b| b as char)
                .collect::<String>()
                .into_bytes();
        }
        checked += 1;
        if got != want {
            failures.push(format!(
                "{name}:\n--- want\n{}\n--- got\n{}",
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&got)
            ));
        }
    };
    let sample = messages(&dir.join("sample.mbox"));
    assert_eq!(sample.len(), 18);
    // git's t5100 runs five messages again with an option (msg0012--message-id ...).
    let mut variants = 0;
    for (i, raw) in sample.iter().enumerate() {
        let n = format!("{:04}", i + 1);
        for opt in ["", "--scissors", "--no-inbody-headers", "--message-id"] {
            if !opt.is_empty() && !dir.join(format!("msg{n}{opt}")).exists() {
                continue;
            }
            variants += usize::from(!opt.is_empty());
            let opts = SplitOptions {
                scissors: opt == "--scissors",
                no_inbody_headers: opt == "--no-inbody-headers",
                message_id: (opt == "--message-id").then(String::new),
            };
            let info = mailinfo(raw, &opts).unwrap();
            check(
                &format!("msg{n}{opt}"),
                info.message.clone().into_bytes(),
                read(&format!("msg{n}{opt}")),
            );
            check(
                &format!("patch{n}{opt}"),
                info.patch.clone().into_bytes(),
                read(&format!("patch{n}{opt}")),
            );
            check(
                &format!("info{n}{opt}"),
                info.info_text().into_bytes(),
                read(&format!("info{n}{opt}")),
            );
        }
    }
    let rfc2047 = messages(&dir.join("rfc2047-samples.mbox"));
    assert_eq!(rfc2047.len(), 11);
    for (i, raw) in rfc2047.iter().enumerate() {
        let info = mailinfo(raw, &SplitOptions::default()).unwrap();
        check(
            &format!("rfc2047-info-{:04}", i + 1),
            info.info_text().into_bytes(),
            read(&format!("rfc2047-info-{:04}", i + 1)),
        );
    }
    for name in ["info-from", "comment", "quoted-string", "embed-from"] {
        let raw = &messages(&dir.join(format!("{name}.in")))[0];
        let info = mailinfo(raw, &SplitOptions::default()).unwrap();
        check(
            name,
            info.info_text().into_bytes(),
            read(&format!("{name}.expect")),
        );
    }
    // Deliberate difference: patchq reads every mbox the mboxrd way, so the body line
    // ">From the depths" (left alone by git for this mboxo input) becomes "From the depths".
    let raw = &messages(&dir.join("quoted-from.in"))[0];
    let want = String::from_utf8(read("quoted-from.expect"))
        .unwrap()
        .replace(">From", "From");
    check(
        "quoted-from",
        mailinfo(raw, &SplitOptions::default())
            .unwrap()
            .message
            .into_bytes(),
        want.into_bytes(),
    );
    let raw = &messages(&dir.join("nul-b64.in"))[0];
    check(
        "nul-b64",
        mailinfo(raw, &SplitOptions::default())
            .unwrap()
            .patch
            .into_bytes(),
        read("nul-b64.expect"),
    );
    for (i, raw) in messages(&dir.join("sample.mboxrd")).iter().enumerate() {
        let name = format!("{:04}mboxrd", i + 1);
        check(
            &name,
            mailinfo(raw, &SplitOptions::default())
                .unwrap()
                .message
                .into_bytes(),
            read(&name),
        );
    }
    // quoted-cr: patchq strips the CR of CRLF line ends, as `git mailinfo --quoted-cr=strip`.
    let unmark = |b: Vec<u8>| {
        String::from_utf8(b)
            .unwrap()
            .replace("%%\n", "\n")
            .replace("%%", "\r")
            .into_bytes()
    };
    for raw in messages(&dir.join("quoted-cr.mbox")) {
        let info = mailinfo(&raw, &SplitOptions::default()).unwrap();
        check(
            "quoted-cr-info",
            info.info_text().into_bytes(),
            read("quoted-cr-info"),
        );
        check(
            "quoted-cr-msg",
            info.message.into_bytes(),
            unmark(read("quoted-cr-msg")),
        );
        check(
            "quoted-cr-patch",
            info.patch.into_bytes(),
            unmark(read("quoted-cr-patch")),
        );
    }
    println!(
        "git mailinfo fixtures: {} of {checked} agree ({variants} option variants)",
        checked - failures.len()
    );
    const CHECKED: usize = 94;
    assert_eq!(
        (checked, variants),
        (CHECKED, 5),
        "expected files compared, option variants"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Patchwork's parser fixtures: every mail imports, with the kind and diff Patchwork's tests expect.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn patchwork_mail_fixtures() {
    let dir = corpus().join("patchwork/mail");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut kinds = BTreeMap::new();
    for name in &names {
        let raw = fs::read(dir.join(name)).unwrap();
        let msgs = messages(&dir.join(name));
        assert_eq!(msgs.len(), 1, "{name}");
        let mail = parse_mail(&msgs[0], &ParseOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!raw.is_empty());
        kinds.insert(name.clone(), mail);
    }
    let diff = |n: &str| {
        kinds[n]
            .diff
            .clone()
            .unwrap_or_else(|| panic!("{n}: no diff"))
    };
    for n in [
        "0001-git-pull-request.mbox",
        "0002-git-pull-request-wrapped.mbox",
        "0004-git-pull-request-git+ssh.mbox",
        "0005-git-pull-request-ssh.mbox",
        "0006-git-pull-request-http.mbox",
        "0017-git-pull-request-git-2-14-3.mbox",
    ] {
        assert_eq!(kinds[n].kind, MailKind::PullRequest, "{n}");
        assert!(kinds[n].diff.is_none(), "{n}");
    }
    let pull = |n: &str| {
        let p = kinds[n].pull.clone().unwrap();
        format!("{} {}", p.url, p.branch.unwrap_or_default())
    };
    assert_eq!(
        pull("0001-git-pull-request.mbox"),
        "git://git.kernel.org/pub/scm/linux/kernel/git/benh/powerpc.git next"
    );
    assert_eq!(
        pull("0003-git-pull-request-with-diff.mbox"),
        "git://git.kernel.org/pub/scm/linux/kernel/git/tip/linux-2.6-tip.git x86-fixes-for-linus"
    );
    assert!(
        diff("0003-git-pull-request-with-diff.mbox")
            .starts_with("diff --git a/arch/x86/include/asm/smp.h")
    );
    assert_eq!(
        pull("0023-git-pull-request-newline-in-url.mbox"),
        "https://git.kernel.org/pub/scm/linux/kernel/git/matthias.bgg/linux.git/ tags/v5.4-next-soc"
    );
    assert_eq!(
        pull("0024-git-pull-request-trailing-space.mbox"),
        "git://git.kernel.org/pub/scm/linux/kernel/git/nsekhar/linux-davinci.git tags/davinci-for-v5.6/soc"
    );
    assert!(diff("0007-cvs-format-diff.mbox").starts_with("Index"));
    for n in ["0008-git-rename.mbox", "0009-git-rename-with-diff.mbox"] {
        let d = diff(n);
        assert_eq!(
            (
                d.matches("\nrename from ").count(),
                d.matches("\nrename to ").count()
            ),
            (2, 2),
            "{n}"
        );
        assert!(
            kinds[n]
                .files
                .iter()
                .all(|f| f.status == ChangeStatus::Renamed),
            "{n}"
        );
    }
    assert_eq!(
        diff("0009-git-rename-with-diff.mbox")
            .matches("\n-a\n+b")
            .count(),
        1
    );
    let nonl = diff("0011-no-newline-at-end-of-file.mbox");
    assert!(nonl.starts_with("diff --git a/tools/testing/selftests/powerpc/Makefile"));
    assert!(nonl.trim_end().ends_with("\\ No newline at end of file"));
    assert_eq!(nonl.matches("\\ No newline at end of file").count(), 2);
    assert!(
        !kinds["0011-no-newline-at-end-of-file.mbox"]
            .message
            .contains("No newline")
    );
    assert_eq!(
        kinds["0021-git-empty-new-file.mbox"].files[0].status,
        ChangeStatus::Added
    );
    assert_eq!(
        kinds["0022-git-mode-change.mbox"].files[0].status,
        ChangeStatus::ModeChange
    );
    for n in [
        "0025-git-add-binary-file.mbox",
        "0026-git-add-mixed-binary-text-files.mbox",
        "0027-git-modify-binary-file.mbox",
    ] {
        assert!(kinds[n].files.iter().any(|f| f.binary), "{n}");
        assert!(kinds[n].patch_id.is_some(), "{n}");
    }
    assert_eq!(
        kinds["0026-git-add-mixed-binary-text-files.mbox"]
            .files
            .len(),
        2
    );
    let html = &kinds["0019-multipart-patch.mbox"];
    assert_eq!(html.kind, MailKind::Patch);
    assert!(!html.diff.clone().unwrap().contains("<div") && !html.body.contains("<div"));
    let comment = &kinds["0020-multipart-comment.mbox"];
    assert_eq!(comment.kind, MailKind::Comment);
    assert!(!comment.body.contains("<div") && !comment.body.trim().is_empty());
    for n in [
        "0010-invalid-charset.mbox",
        "0012-invalid-header-char.mbox",
        "0013-with-utf8-body.mbox",
        "0014-with-unencoded-utf8-headers.mbox",
        "0015-with-invalid-utf8-headers.mbox",
        "0016-no-subject.mbox",
    ] {
        assert_eq!(kinds[n].kind, MailKind::Patch, "{n}");
        assert!(!kinds[n].files.is_empty(), "{n}");
    }
    assert_eq!(
        kinds["0014-with-unencoded-utf8-headers.mbox"].subject,
        "MAINTAINERS: Update entry for BCM5301X ARM to include Rafał Miłecki"
    );
    // And they all import.
    let env = Env::new();
    let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let r = env.import(&refs);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["read"].as_u64(), Some(names.len() as u64));
    println!(
        "patchwork mail fixtures: {} parsed and imported",
        names.len()
    );
}

/// For every LTP patch `git patch-id --stable` accepts, patchq's patch-id is the same.
#[test]
#[ignore = "corpus: run by .ci/run"]
fn ltp_patch_ids_match_git() {
    let path = corpus().join("real/ltp_2024-01_2026-03.mbox.gz");
    let tmp = tempfile::tempdir().unwrap();
    let (mut compared, mut agree, mut git_none, mut unreadable) = (0, 0, 0, 0);
    let mut mismatches = Vec::new();
    let mut unparsed = 0;
    for raw in messages(&path) {
        let Ok(mail) = parse_mail(&raw, &ParseOptions::default()) else {
            unparsed += 1;
            continue;
        };
        if mail.diff.is_none() {
            continue;
        }
        match (git_patch_id(tmp.path(), &raw), mail.patch_id) {
            (GitId::Id(g), Some(o)) => {
                compared += 1;
                if g == o.to_hex() {
                    agree += 1;
                } else {
                    mismatches.push(mail.msgid.to_string());
                }
            }
            (GitId::Id(_), None) => {
                mismatches.push(format!("{} (no patch-id from patchq)", mail.msgid))
            }
            // Plain unified diffs without a "diff " line: git gives no patch-id, nor may we.
            (GitId::None, ours) => {
                git_none += 1;
                if ours.is_some() {
                    mismatches.push(format!("{} (patch-id from patchq only)", mail.msgid));
                }
            }
            // git mailinfo refuses the message (an unknown charset): nothing to compare.
            (GitId::MailinfoFailed, _) => unreadable += 1,
        }
    }
    println!(
        "LTP patch-ids: {agree} of {compared} agree with git patch-id --stable \
         ({git_none} diffs without a `diff` line get no id from either; \
         {unreadable} mails git mailinfo refuses)"
    );
    assert_eq!(
        (compared, git_none, unreadable, unparsed),
        (3278, 78, 3, 0),
        "patch-ids compared, diffs git gives no id, mails git refuses, mails patchq cannot parse"
    );
    assert!(
        mismatches.is_empty(),
        "{} differ: {:?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(20)]
    );
}

enum GitId {
    Id(String),
    None,
    MailinfoFailed,
}

/// `git mailinfo` then `git patch-id --stable`, entirely git's own reading of the message.
fn git_patch_id(tmp: &Path, raw: &[u8]) -> GitId {
    let msg = tmp.join("msg");
    let patch = tmp.join("patch");
    let mut mi = Command::new("git")
        .args(["mailinfo", "-u"])
        .arg(&msg)
        .arg(&patch)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    mi.stdin.take().unwrap().write_all(raw).unwrap();
    if !mi.wait().unwrap().success() {
        return GitId::MailinfoFailed;
    }
    let out = Command::new("git")
        .args(["patch-id", "--stable"])
        .stdin(fs::File::open(&patch).unwrap())
        .output()
        .unwrap();
    match String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
    {
        Some(id) => GitId::Id(id.to_string()),
        None => GitId::None,
    }
}
