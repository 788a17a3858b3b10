//! Unit tests of trailer finding.

use super::*;

fn lines(ts: Vec<Trailer>) -> Vec<String> {
    ts.into_iter().map(|t| t.line()).collect()
}

#[test]
fn reply_trailers_need_an_address_and_no_quote() {
    let body = "> Reviewed-by: Quoted <q@example.com>\n\nLooks good.\n\nReviewed-by: Rita Reviewer <rita@example.org>\nAcked-by: nobody\nNote: this is prose\nTested-by: Tom <tom@example.com> # on arm64\n\n-- \nsig\nReviewed-by: Sig Nature <sig@example.org>\n";
    assert_eq!(
        lines(followup_trailers(body)),
        [
            "Reviewed-by: Rita Reviewer <rita@example.org>",
            "Tested-by: Tom <tom@example.com>"
        ]
    );
}

#[test]
fn links_only_in_link_trailers() {
    let body = "Link: https://lore.kernel.org/r/x@y\nReported-by: https://bugs.example.org/1\nFixes: 0123456789ab (\"foo: bar\")\n";
    assert_eq!(
        lines(followup_trailers(body)),
        [
            "Link: https://lore.kernel.org/r/x@y",
            "Fixes: 0123456789ab (\"foo: bar\")"
        ]
    );
}

#[test]
fn wrapped_trailers_are_joined() {
    let body = "Fixes: abcd0123 (\"foo: a very long\nsubject line\")\nSigned-off-by: A Very Long Name\n<long@example.com>\n";
    assert_eq!(
        lines(followup_trailers(body)),
        [
            "Fixes: abcd0123 (\"foo: a very long subject line\")",
            "Signed-off-by: A Very Long Name <long@example.com>"
        ]
    );
}

#[test]
fn extra_info_lines_are_not_content() {
    let body = "Reviewed-by: B B <b@example.com>\n[for the parts that are bogus]\nTested-by: C <c@example.com>\n";
    assert_eq!(lines(followup_trailers(body)).len(), 2);
}

#[test]
fn headers_after_content_and_ignored_names() {
    let body = "Some text\nFrom: X <x@example.com>\nEmail: e@example.com\nReviewed-by: R <r@example.com>\n";
    assert_eq!(
        lines(followup_trailers(body)),
        ["Reviewed-by: R <r@example.com>"]
    );
}

#[test]
fn a_patch_s_own_trailers_are_its_last_paragraph() {
    let msg = "Fix things.\n\nMore words: here.\n\nFixes: abcdef01234567890\nReviewed-by: Original Reviewer <original-reviewer@example.com>\nLink: https://msgid.link/some@msgid.here\nSigned-off-by: Original Submitter <original-submitter@example.com>\n";
    assert_eq!(
        lines(own_trailers(msg)),
        [
            "Fixes: abcdef01234567890",
            "Reviewed-by: Original Reviewer <original-reviewer@example.com>",
            "Link: https://msgid.link/some@msgid.here",
            "Signed-off-by: Original Submitter <original-submitter@example.com>"
        ]
    );
}

#[test]
fn trailer_shape() {
    assert_eq!(
        split_trailer("  Reviewed-by:  A <a@b.c>  "),
        Some(("Reviewed-by", "A <a@b.c>"))
    );
    assert_eq!(split_trailer("> Reviewed-by: A <a@b.c>"), None);
    assert_eq!(split_trailer("X: y"), None);
    assert_eq!(split_trailer("Reviewed-by:"), None);
    assert_eq!(split_trailer("http://example.org/x"), None);
}

#[test]
fn prose_with_a_colon_is_not_a_trailer_but_a_trailer_after_one_is() {
    // Seen on LTP: b4 takes "nit: ... <addr>" and "Otherwise: Reviewed-by: ..." as trailers named
    // "nit" and "Otherwise". A follow-up trailer's name is hyphenated or a known one; a trailer
    // written after a word and a colon is that trailer.
    let body = "nit: we usually put email into <> (e.g. <andrea@example.com>)\n\nOtherwise: Reviewed-by: Cyril Hrubis <chrubis@example.cz>\nNote: ping <a@example.com>\n";
    assert_eq!(
        lines(followup_trailers(body)),
        ["Reviewed-by: Cyril Hrubis <chrubis@example.cz>"]
    );
}

#[test]
fn scanning_colons_finds_what_walking_lines_finds() {
    // Checked on every body of the four real archives and b4's samples (23,496, none differ);
    // these are the cases where the two could part.
    let bodies = [
        "Looks good.\n\nReviewed-by: Rita <rita@example.org>\n",
        "> Reviewed-by: Quoted <q@example.org>\nnote: a: b: c\nAcked-by: A <a@example.org>\n",
        "Fixes: 0123abcd (\"foo: a long\nsubject\")\nTested-by: T <t@example.org>\n",
        "Fixes: 0123abcd (foo\nReported-by: R <r@example.org> (ok)\n",
        "Signed-off-by: Long Name\n<long@example.org>\nAcked-by: A <a@example.org>\n",
        "Reviewed-by: R <r@example.org>\r\n[for the gpio bits]\r\nAcked-by: A <a@example.org>\r\n",
        "Subject: Re: x\nDate: today\n\nReviewed-by: R <r@example.org>\n",
        "text first\nSubject: x <s@example.org>\nReviewed-by: R <r@example.org>\n",
        "Reviewed-by: R <r@example.org>\n-- \nAcked-by: Sig <s@example.org>\n",
        "Email: me@example.org\nPhone: 123\nCc: C <c@example.org>\n",
        ":\n::\n: x\nno colon at all",
    ];
    for body in bodies {
        let scanned = scan_followup(body).unwrap_or_else(|| find(body, true));
        assert_eq!(lines(scanned), lines(find(body, true)), "{body:?}");
    }
    assert!(
        scan_followup(bodies[6]).is_none(),
        "header lines are walked"
    );
}
