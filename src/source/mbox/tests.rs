//! Unit tests of the mbox reader.

use super::*;

fn split(input: &[u8], max: usize) -> Vec<(String, Item)> {
    let mut items = Vec::new();
    let mut sink = |item: Item, _r: Resume| {
        items.push((item.origin().locator(), item));
        true
    };
    let mut splitter = Splitter::new(&mut sink, max, 0, Xxh3::new());
    splitter.run(&mut &input[..]).unwrap();
    items
}

fn raws(input: &[u8]) -> Vec<String> {
    split(input, 64 << 20)
        .into_iter()
        .map(|(_, i)| match i {
            Item::Message { raw, .. } => String::from_utf8(raw).unwrap(),
            other => panic!("unexpected item at {}", other.origin()),
        })
        .collect()
}

#[test]
fn splits_mboxrd_and_unescapes_from_lines() {
    let mbox = b"From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: a\n\n>From here\n>>From there\n> From not\n\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: b\n\nbody\n\n";
    let got = raws(mbox);
    assert_eq!(
        got,
        [
            "Subject: a\n\nFrom here\n>From there\n> From not\n",
            "Subject: b\n\nbody\n"
        ]
    );
}

#[test]
fn leading_whitespace_lines_are_skipped() {
    let got = raws(b"  \n\t\n\nFrom a Mon Sep 17 00:00:00 2001\nSubject: a\n\nx\n");
    assert_eq!(got, ["Subject: a\n\nx\n"]);
}

#[test]
fn single_message_without_from_line_is_kept() {
    let got = raws(b"\n\nSubject: alone\n\nbody\nFrom inside the body\n");
    assert_eq!(got, ["Subject: alone\n\nbody\nFrom inside the body\n"]);
}

#[test]
fn crlf_mbox() {
    let mbox = b"From a@b Mon Sep 17 00:00:00 2001\r\nSubject: a\r\n\r\nx\r\n\r\nFrom a@b Mon Sep 17 00:00:00 2001\r\nSubject: b\r\n\r\ny\r\n";
    assert_eq!(
        raws(mbox),
        ["Subject: a\r\n\r\nx\r\n", "Subject: b\r\n\r\ny\r\n"]
    );
}

#[test]
fn envelope_lines_without_blank_before_follow_git() {
    let mbox = b"From nobody Mon Sep 17 00:00:00 2001\nSubject: a\n\nx\nFrom nobody Mon Sep 17 00:00:00 2001\nSubject: b\n\ny\nFrom the body, not a separator\n";
    let got = raws(mbox);
    assert_eq!(got.len(), 2);
    assert!(got[1].ends_with("From the body, not a separator\n"));
}

#[test]
fn origins_are_byte_offsets_of_envelope_lines() {
    let mbox = b"From a Mon Sep 17 00:00:00 2001\nS: 1\n\nFrom a Mon Sep 17 00:00:00 2001\nS: 2\n";
    let got: Vec<String> = split(mbox, 1 << 20).into_iter().map(|(o, _)| o).collect();
    assert_eq!(got, ["byte 0", "byte 38"]);
}

#[test]
fn oversized_messages_are_skipped_keeping_their_head() {
    let mut mbox = b"From a Mon Sep 17 00:00:00 2001\nMessage-ID: <big@x>\n\n".to_vec();
    mbox.extend(std::iter::repeat_n(b'x', 5000));
    mbox.extend_from_slice(b"\n\nFrom a Mon Sep 17 00:00:00 2001\nSubject: small\n\nok\n");
    let got = split(&mbox, 1000);
    assert_eq!(got.len(), 2);
    match &got[0].1 {
        Item::Oversized { size, head, .. } => {
            // headers (21) + body (5000) + its newline + the separator blank line
            assert_eq!(*size, 21 + 5000 + 2);
            assert!(head.starts_with(b"Message-ID: <big@x>"));
        }
        other => panic!("unexpected item at {}", other.origin()),
    }
    assert!(matches!(&got[1].1, Item::Message { raw, .. } if raw.ends_with(b"ok\n")));
}

#[test]
fn over_long_lines_are_read_in_pieces() {
    let mut msg = b"Subject: long\n\n".to_vec();
    msg.extend(std::iter::repeat_n(b'y', 3 * LINE_PIECE + 7));
    msg.push(b'\n');
    let got = raws(&msg);
    assert_eq!(got[0].len(), msg.len());
}

#[test]
fn from_line_check_matches_git() {
    assert!(is_from_line(b"From nobody Mon Sep 17 00:00:00 2001\n"));
    assert!(is_from_line(b"From mboxrd@z Thu Jan  1 00:00:00 1970\n"));
    assert!(!is_from_line(b"From the start of time until now\n"));
    assert!(!is_from_line(b"From x 12:00 on\n"));
}

#[test]
fn resume_continues_after_the_recorded_prefix() {
    let first = b"From a Mon Sep 17 00:00:00 2001\nSubject: 1\n\nx\n".to_vec();
    let mut resume = None;
    let mut sink = |_i: Item, r: Resume| {
        if let Resume::Mbox(r) = r {
            resume = Some(r);
        }
        true
    };
    Splitter::new(&mut sink, 1 << 20, 0, Xxh3::new())
        .run(&mut &first[..])
        .unwrap();
    let resume = resume.unwrap();
    assert_eq!(resume.offset, first.len() as u64);

    let mut grown = first.clone();
    grown.extend_from_slice(b"\nFrom a Mon Sep 17 00:00:00 2001\nSubject: 2\n\ny\n");
    let mut hasher = Xxh3::new();
    let mut reader = &grown[..];
    assert!(skip_prefix(&mut reader, &resume, &mut hasher).unwrap());

    let mut changed = b"From a Mon Sep 17 00:00:00 2001\nSubject: X\n\nx\n".to_vec();
    changed.extend_from_slice(b"more");
    let mut reader = &changed[..];
    assert!(!skip_prefix(&mut reader, &resume, &mut Xxh3::new()).unwrap());
}

#[test]
fn every_resume_point_hashes_exactly_the_bytes_before_it() {
    let mut input = Vec::new();
    for i in 0..40 {
        input.extend_from_slice(
            format!("From a Mon Sep 17 00:00:00 2001\nSubject: {i}\n\n").as_bytes(),
        );
        input.extend_from_slice(b">From escaped\nFrom inside the body\n");
        input.extend(std::iter::repeat_n(b'z', (i % 3) * LINE_PIECE + i * 37));
        input.extend_from_slice(b"\n\n");
    }
    // 7-byte reads split nearly every line across buffers, envelope lines included.
    for cap in [7, 64, 4096, 1 << 20] {
        let mut points = Vec::new();
        let mut sink = |_i: Item, r: Resume| {
            if let Resume::Mbox(r) = r {
                points.push(r);
            }
            true
        };
        let mut reader = io::BufReader::with_capacity(cap, &input[..]);
        Splitter::new(&mut sink, 1 << 30, 0, Xxh3::new())
            .run(&mut reader)
            .unwrap();
        assert_eq!(points.len(), 40, "buffer of {cap}");
        for p in &points {
            let prefix = &input[..p.offset as usize];
            assert_eq!(
                p.hash,
                xxhash_rust::xxh3::xxh3_128(prefix),
                "at {} with {cap}",
                p.offset
            );
        }
        assert_eq!(points.last().unwrap().offset, input.len() as u64);
    }
}

/// Lines are added to a message a run at a time: whatever the reads' sizes (lines split across
/// buffers, runs cut at buffer ends, an escaped `>From ` in the middle of a run), every message
/// is the same bytes.
#[test]
fn messages_are_the_same_whatever_the_reads() {
    let mut input = Vec::new();
    let mut want = Vec::new();
    for i in 0..30 {
        input.extend_from_slice(b"From a Mon Sep 17 00:00:00 2001\n");
        let body = format!("Subject: {i}\n\nline one\n{}\nlast\n", "x".repeat(i * 53));
        input.extend_from_slice(body.replace("line one", ">From escaped").as_bytes());
        input.extend_from_slice(b"\n");
        want.push(body.replace("line one", "From escaped"));
    }
    for cap in [5, 64, 333, 4096, 1 << 20] {
        let mut got = Vec::new();
        let mut sink = |i: Item, _r: Resume| {
            if let Item::Message { raw, .. } = i {
                got.push(String::from_utf8(raw).unwrap());
            }
            true
        };
        let mut reader = io::BufReader::with_capacity(cap, &input[..]);
        Splitter::new(&mut sink, 1 << 30, 0, Xxh3::new())
            .run(&mut reader)
            .unwrap();
        assert_eq!(got, want, "buffer of {cap}");
    }
}
