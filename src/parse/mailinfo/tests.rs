//! Unit tests of the parent module.
use super::*;

fn split(body: &str) -> BodySplit {
    split_body(body, &SplitOptions::default(), &|s| s.to_string())
}

#[test]
fn message_and_patch_split_at_the_triple_dash() {
    let s = split(
        "\nHere is a patch.\n\nSigned-off-by: A <a@b>\n---\n foo | 1 +\ndiff --git a/foo b/foo\n",
    );
    assert_eq!(s.message, "Here is a patch.\n\nSigned-off-by: A <a@b>\n");
    assert_eq!(s.patch, "---\n foo | 1 +\ndiff --git a/foo b/foo\n");
}

#[test]
fn in_body_headers_override_and_are_removed() {
    let s =
        split("From: Real Author <real@x>\nSubject: [PATCH] real subject\n\nBody\n---\npatch\n");
    assert_eq!(s.from.as_deref(), Some("Real Author <real@x>\n"));
    assert_eq!(s.subject.as_deref(), Some("[PATCH] real subject\n"));
    assert_eq!(s.message, "Body\n");
}

#[test]
fn folded_in_body_header() {
    let s = split("Subject: a long\n subject line\n\nbody\n");
    assert_eq!(s.subject.as_deref(), Some("a long subject line\n"));
}

#[test]
fn in_body_headers_only_at_the_top() {
    let s = split("Hello\nFrom: Nit Picker <n@x>\n");
    assert_eq!(s.from, None);
    assert_eq!(s.message, "Hello\nFrom: Nit Picker <n@x>\n");
}

#[test]
fn patch_subject_line_in_body() {
    let s = split("[PATCH] fix the thing\n\nbody\n");
    assert_eq!(
        cleanup_subject(s.subject.as_deref().unwrap()),
        "fix the thing"
    );
    assert_eq!(s.message, "body\n");
}

#[test]
fn scissors_only_when_asked() {
    let body = "junk above\n-- >8 --\nSubject: real\n\nkept\n";
    assert_eq!(
        split(body).message,
        "junk above\n-- >8 --\nSubject: real\n\nkept\n"
    );
    let opts = SplitOptions {
        scissors: true,
        ..Default::default()
    };
    let s = split_body(body, &opts, &|s| s.to_string());
    assert_eq!(s.message, "kept\n");
    assert_eq!(s.subject.as_deref(), Some("real\n"));
}

#[test]
fn patchbreak_rules() {
    assert!(patchbreak("---\n"));
    assert!(patchbreak("--- \n"));
    assert!(patchbreak("--- a/foo\n"));
    assert!(patchbreak("diff --git a/x b/x\n"));
    assert!(patchbreak("Index: x\n"));
    assert!(!patchbreak("----\n"));
    assert!(!patchbreak("---foo\n"));
    assert!(!patchbreak("-- \n"));
}

#[test]
fn scissors_lines() {
    assert!(is_scissors_line("-- >8 --\n"));
    assert!(is_scissors_line("------------ 8< ------------\n"));
    assert!(is_scissors_line(
        "- - - - >8 - - - - remove everything above this line - - - - >8 - - - -\n"
    ));
    assert!(!is_scissors_line("-- \n"));
    assert!(!is_scissors_line(">8\n"));
}

#[test]
fn subjects_lose_re_and_brackets() {
    assert_eq!(cleanup_subject("Re: [PATCH v2 3/7] foo: bar"), "foo: bar");
    assert_eq!(
        cleanup_subject("re: [PATCH] another patch"),
        "another patch"
    );
    assert_eq!(
        cleanup_subject("[RFC][PATCH]   spaced   out  "),
        "spaced out"
    );
    assert_eq!(cleanup_subject("Revert \"x\""), "Revert \"x\"");
    assert_eq!(cleanup_subject("[unclosed bracket"), "[unclosed bracket");
}

#[test]
fn from_values_like_git() {
    let p = parse_from("A (zzz) U Thor <a.u.thor@example.com> (Comment)");
    assert_eq!(
        (p.name.as_str(), p.email.as_str()),
        ("A (zzz) U Thor (Comment)", "a.u.thor@example.com")
    );
    let p = parse_from("\"Author \\\"The Author\\\" Name\" <somebody@example.com>");
    assert_eq!(p.name, "Author \"The Author\" Name");
    let p = parse_from("john.doe@xz (John Doe)");
    assert_eq!(
        (p.name.as_str(), p.email.as_str()),
        ("John Doe", "john.doe@xz")
    );
    let p = parse_from("bare@address.org");
    assert_eq!(
        (p.name.as_str(), p.email.as_str()),
        ("bare@address.org", "bare@address.org")
    );
    let p = parse_from("Nobody <nobody>");
    assert_eq!((p.name.as_str(), p.email.as_str()), ("Nobody", "nobody"));
    let p = parse_from("\"Last, First\" <lf@x.org>");
    assert_eq!(p.name, "Last, First");
}

#[test]
fn whitespace_runs_collapse() {
    assert_eq!(cleanup_space("a \t\n b"), "a b");
    assert_eq!(cleanup_space("x\n"), "x ");
}

#[test]
fn a_from_line_with_a_multibyte_character_where_the_commit_id_ends() {
    // 66 bytes after "From " with "é" across byte 40: not a format-patch separator (and no
    // slice inside the character).
    let line = format!("From {}é{}\n", "a".repeat(39), "b".repeat(24));
    assert!(!is_format_patch_separator(&line));
    let s = split(&format!("{line}\nmsg\n---\ndiff --git a/x b/x\n"));
    assert_eq!(s.message, format!("{line}\nmsg\n"));
    let real = format!("From {} Mon Sep 17 00:00:00 2001\n", "0123456789".repeat(4));
    assert!(is_format_patch_separator(&real));
}

/// The message is copied a run of lines at a time: runs broken by skipped blank lines at the
/// top and by in-body headers still give every line once, in order, before the Message-ID.
#[test]
fn every_message_line_once_in_order_around_skipped_lines() {
    let opts = SplitOptions {
        message_id: Some("<m@x>".into()),
        ..Default::default()
    };
    let body = "\n\nFrom: A <a@x>\n\nFirst line\nsecond line\n\nthird\n---\npatch\n";
    let s = split_body(body, &opts, &|s| s.to_string());
    assert_eq!(
        s.message,
        "First line\nsecond line\n\nthird\nMessage-ID: <m@x>\n"
    );
    assert_eq!(s.patch, "---\npatch\n");
    let s = split("no break\nat all");
    assert_eq!(s.message, "no break\nat all");
    assert_eq!(s.patch, "");
}
