//! The fuzz targets over the real corpus: every message of the four archives, its subject line
//! and its body, and for each message mutants of the shapes hostile mail takes (cut at any byte,
//! a byte turned into half a UTF-8 character, a multibyte character put anywhere, two lines
//! swapped, a header repeated thousands of times), all must pass the targets without a panic.

use std::panic::catch_unwind;

use crate::corpus::{corpus, messages};
use crate::fuzz_replay::targets;

/// A small deterministic generator (xorshift), so a failure names a reproducible mutant.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// The mutants of `raw`, named.
fn mutants(raw: &[u8], rng: &mut Rng) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    out.push(("cut", raw[..rng.below(raw.len())].to_vec()));
    let mut half = raw.to_vec();
    if !half.is_empty() {
        let at = rng.below(half.len());
        half[at] = 0xc3;
    }
    out.push(("half a character", half));
    let mut wide = raw.to_vec();
    let chars = ["é", "€", "Ⱥ", "🙂", "\u{202e}"];
    let at = rng.below(wide.len());
    let c = chars[rng.below(chars.len())].as_bytes();
    wide.splice(at..at, c.iter().copied());
    out.push(("a multibyte character", wide));
    let mut lines: Vec<&[u8]> = raw.split(|&b| b == b'\n').collect();
    if lines.len() > 2 {
        let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
        lines.swap(a, b);
    }
    out.push(("two lines swapped", lines.join(&b"\n"[..])));
    out
}

#[test]
#[ignore = "corpus: run by .ci/run"]
fn every_real_message_and_its_hostile_mutants_pass_the_fuzz_targets() {
    let target = |name: &str| targets::TARGETS.iter().find(|(n, _)| *n == name).unwrap().1;
    let (message, subject, diff) = (target("message"), target("subject"), target("diff"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut inputs = 0u64;
    let mut failed = Vec::new();
    for file in [
        "ltp_2024-01_2026-03.mbox.gz",
        "uboot-stm32_2019-04_2026-07.mbox.gz",
        "batman_2019-04_2026-07.mbox.gz",
        "linux-modules_2026-01_2026-06.mbox.gz",
    ] {
        let raws = messages(&corpus().join("real").join(file));
        for (i, raw) in raws.iter().enumerate() {
            let body_at = raw
                .windows(2)
                .position(|w| w == b"\n\n")
                .map_or(0, |p| p + 2);
            let subject_line = raw
                .split(|&b| b == b'\n')
                .find(|l| l.starts_with(b"Subject: "))
                .unwrap_or_default();
            let mut runs: Vec<(&str, targets::Target, Vec<u8>)> = vec![
                ("message", message, raw.clone()),
                ("subject", subject, subject_line.to_vec()),
                ("body", diff, raw[body_at..].to_vec()),
            ];
            for (what, m) in mutants(raw, &mut rng) {
                runs.push((what, message, m));
            }
            if i % 500 == 0 {
                // A header named thousands of times (References-like growth on a real mail).
                let mut big = b"References:".to_vec();
                for k in 0..5000 {
                    big.extend_from_slice(format!(" <r{k}@x>").as_bytes());
                }
                big.extend_from_slice(b"\n");
                big.extend_from_slice(raw);
                runs.push(("5,000 references", message, big));
            }
            for (what, run, data) in runs {
                inputs += 1;
                if catch_unwind(|| run(&data)).is_err() {
                    failed.push(format!("{file} message {i}: {what}"));
                }
            }
        }
    }
    assert_eq!(failed, Vec::<String>::new());
    println!(
        "fuzz targets over the corpus: {inputs} inputs (messages, subjects, bodies, mutants), no panic"
    );
}
