//! RFC 2047 encoded words in header text (`=?UTF-8?Q?J=C3=B6rg?=`), decoded the way git's
//! mailinfo does: anywhere in the text (also inside parentheses and quotes), white space between
//! two encoded words dropped, everything else kept as written. Charsets are converted with
//! mail-parser's decoders; a malformed encoded word leaves the whole text as it was.

use mail_parser::decoders::charsets::map::charset_decoder;

/// Decodes every encoded word in `text`.
pub fn decode(text: &str) -> String {
    if !text.contains("=?") {
        return text.to_string();
    }
    try_decode(text).unwrap_or_else(|| text.to_string())
}

fn try_decode(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        // Only white space between two encoded words is dropped.
        if !(after_word && before.chars().all(char::is_whitespace)) {
            out.push_str(before);
        }
        let word = &rest[start + 2..];
        let q1 = word.find('?')?;
        let charset = &word[..q1];
        let encoding = word[q1 + 1..].chars().next()?;
        let payload_start = q1 + 1 + encoding.len_utf8();
        let payload = word.get(payload_start..)?.strip_prefix('?')?;
        let end = payload.find("?=")?;
        let bytes = match encoding.to_ascii_lowercase() {
            'b' => decode_b(&payload[..end]),
            'q' => decode_q(&payload[..end]),
            _ => return None,
        };
        out.push_str(&to_utf8(charset, &bytes));
        rest = &payload[end + 2..];
        after_word = true;
    }
    out.push_str(rest);
    Some(out)
}

/// Bytes in `charset` (an RFC 2231 language suffix allowed) as UTF-8, invalid bytes replaced.
pub(super) fn to_utf8(charset: &str, bytes: &[u8]) -> String {
    let charset = charset.split('*').next().unwrap_or(charset);
    match charset_decoder(charset.as_bytes()) {
        Some(decoder) => decoder(bytes),
        None => super::text::lossy(bytes).into_owned(),
    }
}

/// The "Q" encoding: `=XX` escapes and `_` for space; garbage kept as is.
fn decode_q(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'=' if i + 2 < b.len() + 1 && b.len() >= i + 3 => match hex_pair(b[i + 1], b[i + 2]) {
                Some(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                None => out.push(b'='),
            },
            b'_' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn hex_pair(a: u8, b: u8) -> Option<u8> {
    let h = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    Some(h(a)? << 4 | h(b)?)
}

/// The "B" encoding: base64, characters outside the alphabet skipped.
fn decode_b(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn words_anywhere_like_git() {
        assert_eq!(decode("(=?ISO8859-1?Q?a?=)"), "(a)");
        assert_eq!(decode("(=?ISO8859-1?Q?a?= b)"), "(a b)");
        assert_eq!(decode("(=?ISO8859-1?Q?a?= =?ISO8859-1?Q?b?=)"), "(ab)");
        assert_eq!(decode("(=?ISO8859-1?Q?a?=  \n  =?ISO8859-1?Q?b?=)"), "(ab)");
        assert_eq!(decode("(=?ISO8859-1?Q?a_b?=)"), "(a b)");
        assert_eq!(decode("(=?ISO8859-1?Q?a?= =?ISO8859-2?Q?_b?=)"), "(a b)");
        assert_eq!(
            decode("=?ISO8859-1?Q?Olle_J=E4rnefors?= <o@x>"),
            "Olle Järnefors <o@x>"
        );
        assert_eq!(
            decode("=?utf-8?B?w6l4YW1wbGUgdXNlcg==?= <u@x>"),
            "éxample user <u@x>"
        );
        assert_eq!(decode("test =?utf-8?q?s=c3=bcbject?="), "test sübject");
    }

    #[test]
    fn multi_byte_charsets() {
        assert_eq!(decode("=?ISO-2022-JP?B?GyRCNUhGIzFRTEAbKEI=?="), "吉藤英明");
    }

    #[test]
    fn malformed_words_leave_the_text_alone() {
        assert_eq!(decode("=?utf-8?x?abc?="), "=?utf-8?x?abc?=");
        assert_eq!(decode("price =? unknown"), "price =? unknown");
        assert_eq!(decode("plain"), "plain");
    }
}
