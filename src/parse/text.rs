//! Bytes to text for the parser, cheaply in the usual case (valid UTF-8, mostly ASCII).
//!
//! Must not: guess charsets (`body` and `rfc2047` decode those); this only replaces what is not
//! UTF-8.

use std::borrow::Cow;

/// `bytes` as text, invalid UTF-8 replaced by U+FFFD: `String::from_utf8_lossy`, whose
/// byte-at-a-time walk was 3% of a Maildir import's CPU, after `str::from_utf8`, which checks
/// ASCII a word at a time, has found nothing to replace (nearly always).
pub(super) fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_borrowed_and_the_rest_replaced() {
        assert!(matches!(
            lossy("plain ascii, ünïcödé".as_bytes()),
            Cow::Borrowed(_)
        ));
        assert_eq!(lossy(b"caf\xe9 \xff!"), "caf\u{fffd} \u{fffd}!");
        assert_eq!(lossy(b""), "");
    }
}
