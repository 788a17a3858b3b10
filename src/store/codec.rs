//! Compression of stored blobs (raw messages, bodies): zstd at a fast level, one reusable
//! context per thread so callers on worker threads pay no per-call setup. Every frame carries
//! zstd's content checksum, so a damaged chunk fails to decompress instead of giving garbage
//! (chunks written before 0008 have none; their messages' own hashes are checked where stored).

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
            *c = new_compressor().ok();
        }
        match c.as_mut().map(|c| c.compress(data)) {
            Some(Ok(out)) => out,
            // Only on allocation failure: fall back to a fresh context.
            _ => new_compressor()
                .and_then(|mut c| c.compress(data))
                .expect("zstd compression of a memory buffer"),
        }
    })
}

fn new_compressor() -> std::io::Result<zstd::bulk::Compressor<'static>> {
    let mut c = zstd::bulk::Compressor::new(LEVEL)?;
    c.include_checksum(true)?;
    Ok(c)
}

/// Undoes `compress`; fails on a damaged frame.
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

    #[test]
    fn a_damaged_frame_is_refused_not_decoded_to_garbage() {
        let text = b"Subject: hello\n\nworld\n".repeat(100);
        let packed = compress(&text);
        for at in [packed.len() / 2, packed.len() - 2] {
            let mut bad = packed.clone();
            bad[at] ^= 0x5a;
            assert!(decompress(&bad).is_err(), "flipped byte {at}");
        }
    }
}
