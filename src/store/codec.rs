//! Compression of stored blobs (raw messages, bodies): zstd at a fast level, one reusable
//! context per thread so callers on worker threads pay no per-call setup.

use std::cell::RefCell;

/// zstd level: fast enough to keep up with import, still about 3-4x on mail.
const LEVEL: i32 = 1;

thread_local! {
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
}

/// Compresses `data` for storage.
pub fn compress(data: &[u8]) -> Vec<u8> {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = zstd::bulk::Compressor::new(LEVEL).ok();
        }
        match c.as_mut().map(|c| c.compress(data)) {
            Some(Ok(out)) => out,
            // Only on allocation failure: fall back to a fresh one-shot context.
            _ => zstd::bulk::compress(data, LEVEL).expect("zstd compression of a memory buffer"),
        }
    })
}

/// Undoes `compress`.
pub fn decompress(data: &[u8]) -> std::io::Result<Vec<u8>> {
    zstd::stream::decode_all(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = b"Subject: hello\n\nworld\n".repeat(100);
        let packed = compress(&text);
        assert!(packed.len() < text.len() / 4);
        assert_eq!(decompress(&packed).unwrap(), text);
        assert_eq!(decompress(&compress(b"")).unwrap(), b"");
    }
}
