//! Unit tests of the parent module.
use super::*;
use crate::model::{ChangeStatus, DateSource};

const PATCH: &str = "From: Jane Dev <jane@example.org>\nTo: list@example.org\nSubject: [PATCH v2 1/3] foo: fix bar\nDate: Tue, 2 Jan 2024 10:00:00 +0100\nMessage-Id: <20240102-1@example.org>\nIn-Reply-To: <20240102-0@example.org>\nReferences: <20240102-0@example.org>\nList-Id: Example <example.lists.example.org>\n\nBar was broken.\n\nSigned-off-by: Jane Dev <jane@example.org>\n---\n foo.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\ndiff --git a/foo.c b/foo.c\nindex 1111111..2222222 100644\n--- a/foo.c\n+++ b/foo.c\n@@ -1,3 +1,3 @@\n int a;\n-int bar;\n+int baz;\n int c;\n-- \n2.43.0\n\n";

fn parse(raw: &str) -> Mail {
    parse_mail(raw.as_bytes(), &ParseOptions::default()).unwrap()
}

#[test]
fn a_git_send_email_patch() {
    let m = parse(PATCH);
    assert_eq!(m.msgid.as_str(), "20240102-1@example.org");
    assert!(!m.msgid_synthetic);
    assert_eq!(m.from.name, "Jane Dev");
    assert_eq!(m.from.email, "jane@example.org");
    assert_eq!(m.author, None);
    assert_eq!(m.subject, "[PATCH v2 1/3] foo: fix bar");
    assert_eq!(
        m.in_reply_to.as_ref().unwrap().as_str(),
        "20240102-0@example.org"
    );
    assert_eq!(m.list_id.as_deref(), Some("example.lists.example.org"));
    assert_eq!(m.kind, MailKind::Patch);
    assert_eq!(
        m.message,
        "Bar was broken.\n\nSigned-off-by: Jane Dev <jane@example.org>\n"
    );
    assert_eq!(m.touched_paths(), ["foo.c"]);
    assert_eq!(m.files[0].status, ChangeStatus::Modified);
    assert_eq!((m.files[0].added, m.files[0].removed), (1, 1));
    assert!(m.diff.as_deref().unwrap().ends_with(" int c;\n"));
    let d = m.date.unwrap();
    assert_eq!(
        (d.utc, d.offset_minutes, d.source),
        (1704186000, 60, DateSource::Header)
    );
    assert!(m.patch_id.is_some());
}

#[test]
fn a_reply_with_a_diff_is_a_comment() {
    let reply = PATCH.replace("Subject: [PATCH", "Subject: Re: [PATCH");
    let m = parse(&reply);
    assert_eq!(m.kind, MailKind::Comment);
    assert!(m.diff.is_some());
}

#[test]
fn in_body_from_names_the_author() {
    let fwd = PATCH.replace(
        "Bar was broken.",
        "From: Other Author <other@example.org>\n\nBar was broken.",
    );
    let m = parse(&fwd);
    assert_eq!(m.author.as_ref().unwrap().email, "other@example.org");
    assert_eq!(m.from.email, "jane@example.org");
}

#[test]
fn missing_message_id_gets_a_stable_synthetic_one() {
    let raw = PATCH.replace("Message-Id: <20240102-1@example.org>\n", "");
    let a = parse(&raw);
    let b = parse(&raw);
    assert!(a.msgid_synthetic);
    assert_eq!(a.msgid, b.msgid);
    assert!(a.msgid.as_str().ends_with("@synthetic.patchq.invalid"));
    let other = parse(&raw.replace("Bar was broken.", "Bar was very broken."));
    assert_ne!(a.msgid, other.msgid);
}

#[test]
fn random_bytes_are_not_a_message() {
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(parse_mail(&noise, &ParseOptions::default()).is_err());
    assert_eq!(
        parse_mail(b"", &ParseOptions::default()),
        Err(ParseError::NoHeaders)
    );
}

#[test]
fn list_falls_back_to_the_import_option() {
    let raw = PATCH.replace("List-Id: Example <example.lists.example.org>\n", "");
    let opts = ParseOptions {
        default_list: Some("given.example.org".into()),
        ..ParseOptions::default()
    };
    let m = parse_mail(raw.as_bytes(), &opts).unwrap();
    assert_eq!(m.list_id.as_deref(), Some("given.example.org"));
}

#[test]
fn pull_requests_are_recognised() {
    let raw = "From: M <m@x>\nSubject: [GIT PULL] fixes\nMessage-Id: <p@x>\n\nThe following changes since commit abc:\n\n  x\n\nare available in the Git repository at:\n\n  https://git.example.org/r.git tags/fixes-1\n\nfor you to fetch changes up to def:\n";
    let m = parse(raw);
    assert_eq!(m.kind, MailKind::PullRequest);
    let p = m.pull.unwrap();
    assert_eq!(
        (p.url.as_str(), p.branch.as_deref()),
        ("https://git.example.org/r.git", Some("tags/fixes-1"))
    );
}

#[test]
fn a_reply_quoting_a_pull_request_is_a_comment() {
    // Seen on U-Boot STM32: "Re: [PULL] ..." quoting the request without its own threading.
    let raw = "From: M <m@x>\nSubject: Re: [PULL] fixes\nMessage-Id: <r@x>\n\nApplied.\n\nThe following changes since commit abc:\n\n  x\n\nare available in the Git repository at:\n\n  https://git.example.org/r.git tags/fixes-1\n\nfor you to fetch changes up to def:\n";
    assert_eq!(parse(raw).kind, MailKind::Comment);
}

#[test]
fn b4_change_id_from_header_or_cover_text() {
    let raw = PATCH.replace("List-Id:", "X-Change-ID: 20240101-topic-abc\nList-Id:");
    assert_eq!(parse(&raw).change_id.as_deref(), Some("20240101-topic-abc"));
    let cover = "From: a <a@x>\nSubject: [PATCH 0/2] x\nMessage-Id: <c@x>\n\ntext\n\n---\nbase-commit: 123\nchange-id: 20240101-topic-def\n\nBest regards,\n";
    assert_eq!(
        parse(cover).change_id.as_deref(),
        Some("20240101-topic-def")
    );
}

#[test]
fn content_hash_ignores_transport_headers() {
    let a = parse(PATCH);
    let b = parse(&format!(
        "Received: from relay; Tue, 2 Jan 2024 10:00:01 +0100\n{PATCH}_______________\nfooter\n"
    ));
    assert_eq!(content_hash(&a), content_hash(&b));
    let c = parse(&PATCH.replace("foo: fix bar", "foo: fix baz"));
    assert_ne!(content_hash(&a), content_hash(&c));
}

#[test]
fn dmarc_rewritten_senders_are_restored() {
    // The list (List-Id example.lists.example.org) rewrote From to its own address.
    let munged = PATCH.replace(
        "From: Jane Dev <jane@example.org>",
        "From: Jane Dev via Example <example@lists.example.org>\nReply-To: Jane Dev <jane@example.org>",
    );
    let m = parse(&munged);
    assert_eq!(
        (m.from.name.as_str(), m.from.email.as_str()),
        ("Jane Dev", "jane@example.org")
    );
    assert_eq!(m.sender_via.as_deref(), Some("example@lists.example.org"));
    let relay = PATCH.replace("From: Jane Dev <jane@example.org>", "From: Jane Dev via B4 Relay <devnull+jane.example.org@kernel.org>\nX-Original-From: Jane Dev <jane@example.org>\nReply-To: jane@example.org");
    assert_eq!(parse(&relay).from.email, "jane@example.org");
    let lost = PATCH.replace(
        "From: Jane Dev <jane@example.org>",
        "From: \"Jane Dev via Example\" <example@lists.example.org>\nReply-To: The list <example@lists.example.org>",
    );
    let m = parse(&lost);
    assert_eq!(
        (m.from.name.as_str(), m.from.email.as_str()),
        ("Jane Dev", "")
    );
}

#[test]
fn anyone_else_naming_a_sender_in_other_headers_is_not_believed() {
    // " via " in a name, X-Original-From and Reply-To from a sender who is not the list.
    let forged = PATCH.replace(
        "From: Jane Dev <jane@example.org>",
        "From: Boss via Example <mallory@evil.example>\nX-Original-From: Boss <maint@kernel.org>\nReply-To: maint@kernel.org",
    );
    let m = parse(&forged);
    assert_eq!(m.from.email, "mallory@evil.example");
    assert_eq!(m.sender_via, None);
}

#[test]
fn a_list_rewritten_sender_whose_name_grows_when_lower_cased() {
    // "Ⱥ" is two bytes, its lower case three: finding " via " in the lower-cased copy and
    // cutting the original there sliced inside a character.
    let raw = "From: \"ȺȺȺȺȺȺ via éé\" <list@example.org>\nReply-To: Ann <ann@example.org>\n\
               List-Post: <mailto:list@example.org>\nSubject: x\nMessage-ID: <a@b>\n\nbody\n";
    let m = parse(raw);
    assert_eq!(
        (m.from.name.as_str(), m.from.email.as_str()),
        ("Ann", "ann@example.org")
    );
    let raw = raw.replace("Reply-To: Ann <ann@example.org>\n", "");
    assert_eq!(parse(&raw).from.name, "ȺȺȺȺȺȺ");
}

/// `keyword_text` is the full parse's message and diff, on every patch of the fixtures
/// (base64 and quoted-printable bodies, attachments, cover letters, replies).
#[test]
fn keyword_text_is_what_the_full_parse_splits() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut files = vec![format!("{dir}/sample.mbox")];
    for e in std::fs::read_dir(format!("{dir}/series")).unwrap() {
        files.push(e.unwrap().path().to_string_lossy().into_owned());
    }
    let mut checked = 0;
    for f in files {
        let text = std::fs::read(&f).unwrap();
        let starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memmem::find_iter(&text, b"\nFrom ").map(|i| i + 1))
            .collect();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let raw = &text[start..end];
            let raw = &raw[raw.iter().position(|&b| b == b'\n').unwrap() + 1..];
            let Ok(mail) = parse_mail(raw, &ParseOptions::default()) else {
                continue;
            };
            let full = format!("{}\n---\n{}", mail.message, mail.diff.unwrap_or_default());
            assert_eq!(keyword_text(raw).as_deref(), Some(full.as_str()), "{f}");
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} messages");
}

#[test]
fn text_is_raw_only_when_nothing_asks_for_decoding() {
    assert!(text_is_raw(PATCH.as_bytes()));
    let with = |field: &str| PATCH.replacen("List-Id:", &format!("{field}\nList-Id:"), 1);
    assert!(text_is_raw(
        with("Content-Type: text/plain; charset=UTF-8").as_bytes()
    ));
    assert!(text_is_raw(
        with("Content-Type: text/plain; charset=\"iso-8859-1\"").as_bytes()
    ));
    assert!(text_is_raw(
        with("Content-Transfer-Encoding: 8bit").as_bytes()
    ));
    for field in [
        "Content-Transfer-Encoding: base64",
        "content-transfer-encoding: Quoted-Printable",
        "Content-Type: text/plain;\n format=flowed",
        "CONTENT-TYPE: text/html",
        "Content-Type: text/plain; charset=utf-16",
        "Content-Type: text/plain; charset=utf-7",
    ] {
        assert!(!text_is_raw(with(field).as_bytes()), "{field}");
    }
    // A single-byte charset turns non-ASCII bytes into other characters.
    let latin = with("Content-Type: text/plain; charset=iso-8859-1").replace("Bar was", "Bär was");
    assert!(!text_is_raw(latin.as_bytes()));
    // So does US-ASCII, which mail-parser reads as Windows-1252.
    let ascii = with("Content-Type: text/plain; charset=us-ascii").replace("Bar was", "Bär was");
    assert!(!text_is_raw(ascii.as_bytes()));
    let mail = parse_mail(ascii.as_bytes(), &ParseOptions::default()).unwrap();
    assert!(mail.body.contains("BÃ¤r was"), "{}", mail.body);
    assert!(!text_is_raw(PATCH.replace('\n', "\r\n").as_bytes()));
    assert!(!text_is_raw(b"Subject: x\n\n\xff\n"));
}
