//! The bodies of patchq's fuzz targets. Each takes arbitrary bytes and must return without
//! panicking, whatever they are; some also check a property of what comes out (search queries
//! FTS5 accepts, terminal text without control characters, a mail that parses the same twice).
//!
//! Shared by the `cargo fuzz` binaries in `fuzz_targets/`, by the replay test
//! (`tests/it/fuzz_replay.rs`), which runs the seeds made from `fixtures/` and every input a
//! fuzzer ever found (`fixtures/fuzz/<target>/`) through them on every `cargo test`, and by
//! `examples/fuzz_seeds.rs`, which writes the seeds as the fuzzers' starting corpus.
//! Must not: write files, or use the network or the clock; only `seeds` reads (the fixtures).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use patchq::maintainers::{Maintainers, keyword_lines};
use patchq::parse::{self, ParseError, ParseOptions, SplitOptions};
use patchq::source::{Item, Resume};
use patchq::store::Store;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// Every target, by name (the directory names under `fixtures/fuzz/`).
pub const TARGETS: [(&str, Target); 7] = [
    ("message", message),
    ("mbox", mbox),
    ("subject", subject),
    ("diff", diff),
    ("maintainers", maintainers),
    ("search_query", search_query),
    ("render", render),
];

/// One raw message through everything a stored mail goes through: the full parse (the same
/// whether read by its headers alone or parsed whole by mail-parser), the content hash, the summary threading uses, `git mailinfo`'s split with every option, and the minimal
/// record kept when a parse fails.
pub fn message(data: &[u8]) {
    // Every server trusted for every list, so that attestation reads every trace header.
    let trusting = ParseOptions {
        trust: patchq::model::Trust {
            lists: vec![patchq::model::ListTrust {
                list: "*".into(),
                authserv: vec!["*".into()],
                munges_from: true,
                unattested_commands: false,
            }],
            relays: vec!["*".into()],
            bots: vec!["*bot*".into()],
        },
        ..ParseOptions::default()
    };
    if let Err(ParseError::Internal(e)) = parse::parse_mail(data, &trusting) {
        panic!("the parser failed (every server trusted): {e}");
    }
    let opts = ParseOptions::default();
    match parse::parse_mail(data, &opts) {
        Ok(mail) => {
            let again = parse::parse_mail(data, &opts).expect("parses the second time too");
            assert_eq!(mail.msgid, again.msgid, "parsing is deterministic");
            if let Ok(whole) = parse::parse_mail_whole(data, &opts) {
                assert_eq!(
                    mail, whole,
                    "read by its headers alone as the whole parse reads it"
                );
            }
            let _ = parse::content_hash(&mail);
            let _ = patchq::thread::Msg::from_mail(1, mail);
        }
        Err(ParseError::Internal(e)) => panic!("the parser failed: {e}"),
        Err(_) => {
            let _ = parse::minimal_record(data);
        }
    }
    let split = SplitOptions {
        scissors: true,
        message_id: Some("<x@y>".into()),
        ..SplitOptions::default()
    };
    let plain = SplitOptions {
        no_inbody_headers: true,
        ..SplitOptions::default()
    };
    for opts in [split, plain] {
        if let Err(ParseError::Internal(e)) = parse::mailinfo(data, &opts) {
            panic!("mailinfo failed: {e}");
        }
    }
}

/// An mbox split into messages (a small size limit, so the oversized path runs too), each
/// parsed, and all of them threaded and assembled into series.
pub fn mbox(data: &[u8]) {
    let mut raws = Vec::new();
    let mut sink = |item: Item, _: Resume| {
        if let Item::Message { raw, .. } = item {
            raws.push(raw);
        }
        raws.len() < 64
    };
    let mut reader = std::io::BufReader::with_capacity(64, data);
    let _ = patchq::source::split_mbox(&mut reader, 16 * 1024, &mut sink);
    let opts = ParseOptions::default();
    let msgs: Vec<_> = raws
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| match parse::parse_mail(raw, &opts) {
            Err(ParseError::Internal(e)) => panic!("the parser failed: {e}"),
            parsed => parsed.ok().map(|m| (i, m)),
        })
        .map(|(i, m)| patchq::thread::Msg::from_mail(i as i64 + 1, m))
        .collect();
    let _ = patchq::thread::assemble(&msgs, &[]);
}

/// A subject line: tags, the `git am` clean-up, stable-tree notices.
pub fn subject(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let tags = parse::subject::parse_subject(&text);
    let _ = parse::subject::is_tree_notice(&tags.name);
    let _ = parse::cleanup_subject(&text);
    let _ = parse::mailinfo::parse_from(&text);
    let _ = parse::mailbox(&text);
}

/// A message body: the diff and the files it touches, patch-id, changed-line fingerprint,
/// trailers, pull requests, `pw-bot:` commands, the commit message / patch split.
pub fn diff(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(d) = parse::diff::extract(&text) {
        let _ = parse::fingerprint::changed_lines(&d.text);
    }
    let _ = parse::patchid::patch_id(&text);
    let _ = parse::fingerprint::changed_lines(&text);
    let _ = parse::trailers::own_trailers(&text);
    let _ = parse::trailers::followup_trailers(&text);
    let _ = parse::pull::find(&text);
    let _ = parse::pw_bot(&text);
    let _ = parse::mailinfo::split_body(&text, &SplitOptions::default(), &|s| s.to_string());
}

/// A MAINTAINERS file, then every line of it asked as a path and the whole text as a patch.
pub fn maintainers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for is_dir in [None, Some(true), Some(false)] {
        let m = Maintainers::parse(&text, &|_| is_dir);
        for line in text.lines().take(200) {
            let _ = m.match_path(line.trim());
            let _ = m.find(line);
        }
        let _ = m.keywords_matching(&keyword_lines(&text), |_| true);
    }
}

thread_local! {
    static SEARCH_DB: RefCell<Option<Store>> = const { RefCell::new(None) };
}

/// What a user types after `patchq search`: whatever it is, the query built from it is valid
/// FTS5 (running it on a database never fails).
pub fn search_query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(query) = patchq::app::search::fts_query(&text) else {
        return;
    };
    SEARCH_DB.with(|db| {
        let mut db = db.borrow_mut();
        let store = db.get_or_insert_with(|| Store::open_in_memory().expect("in-memory database"));
        if let Err(e) = store.search_messages(&query, Some(1)) {
            panic!("{text:?} became {query:?}, which FTS5 refuses: {e}");
        }
    });
}

/// Mail text made safe for a terminal keeps no control character but newlines.
pub fn render(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for keep_newlines in [false, true] {
        let safe = patchq::render::terminal_safe(&text, keep_newlines);
        if let Some(c) = safe
            .chars()
            .find(|&c| c.is_control() && !(keep_newlines && c == '\n'))
        {
            panic!("{c:?} left in {safe:?}");
        }
    }
    let _ = patchq::render::mbox::encode_word(&text);
}

/// Queries a user might type, for the search target.
const QUERIES: [&str; 8] = [
    "fanotify",
    "subject:kmod paths:kernel/module",
    "\"ring size\" NEAR(x)",
    "modul* -x OR y",
    "\"unterminated",
    "col:umn: ^start * \"\"",
    "AND OR NOT ( ) { } :",
    "ümlaut 中文 🙂",
];

/// Sections with every kind of pattern, added to the fixture's file.
const MAINTAINERS_EXTRA: [&str; 4] = [
    "WILD\nM:\tW <w@x.org>\nS:\tMaintained\nF:\tdrivers/*/foo[0-9]?.c\nX:\tdrivers/net/\nN:\t(?:foo|bar)_[a-z]+\nK:\t\\bfoo_probe\\b\n",
    "ODD\nM: no address\nS: Odd Fixes\nF: a/b/\nF: */\nT: git git://x\nQ: x\n",
    "BROKEN REGEX\nS:\tMaintained\nN:\t(unclosed\nK:\t[z-a]\n",
    "drivers/net/ethernet/foo/main.c\nkernel/module/main.c\nDocumentation/private/x.rst\n",
];

/// Inputs per target, made from `fixtures/`: whole mailboxes, each message, its subject line
/// and body, the MAINTAINERS file, queries.
pub fn seeds(fixtures: &Path) -> BTreeMap<&'static str, Vec<(String, Vec<u8>)>> {
    let mut out: BTreeMap<&'static str, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    let mut mailboxes = vec![fixtures.join("sample.mbox")];
    let mut series: Vec<_> = std::fs::read_dir(fixtures.join("series"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    series.sort();
    mailboxes.extend(series);
    for path in &mailboxes {
        let data = std::fs::read(path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for (i, raw) in split(&data).into_iter().enumerate() {
            let name = format!("{stem}-{i}");
            let (head, body) = match raw.windows(2).position(|w| w == b"\n\n") {
                Some(at) => (&raw[..at], &raw[at + 2..]),
                None => (&raw[..], &[][..]),
            };
            if let Some(subject) = head
                .split(|&b| b == b'\n')
                .find_map(|l| l.strip_prefix(b"Subject: "))
            {
                out.entry("subject")
                    .or_default()
                    .push((name.clone(), subject.to_vec()));
                let query = subject.to_vec();
                out.entry("search_query")
                    .or_default()
                    .push((name.clone(), query));
            }
            out.entry("diff")
                .or_default()
                .push((name.clone(), body.to_vec()));
            out.entry("render")
                .or_default()
                .push((name.clone(), raw.clone()));
            out.entry("message").or_default().push((name, raw));
        }
        out.entry("mbox").or_default().push((stem, data));
    }
    let maintainers = std::fs::read(fixtures.join("MAINTAINERS")).unwrap();
    let text = String::from_utf8_lossy(&maintainers).into_owned();
    let list = out.entry("maintainers").or_default();
    for (i, section) in text.split("\n\n").enumerate() {
        list.push((format!("section-{i}"), section.as_bytes().to_vec()));
    }
    for (i, extra) in MAINTAINERS_EXTRA.iter().enumerate() {
        list.push((
            format!("extra-{i}"),
            format!("{text}\n{extra}").into_bytes(),
        ));
    }
    list.push(("MAINTAINERS".into(), maintainers));
    for (i, q) in QUERIES.iter().enumerate() {
        out.entry("search_query")
            .or_default()
            .push((format!("query-{i}"), q.as_bytes().to_vec()));
    }
    out
}

fn split(mbox: &[u8]) -> Vec<Vec<u8>> {
    let mut raws = Vec::new();
    let mut sink = |item: patchq::source::Item, _: patchq::source::Resume| {
        if let patchq::source::Item::Message { raw, .. } = item {
            raws.push(raw);
        }
        true
    };
    let mut reader = std::io::BufReader::new(mbox);
    patchq::source::split_mbox(&mut reader, 1 << 24, &mut sink).unwrap();
    raws
}
