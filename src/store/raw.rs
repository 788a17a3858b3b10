//! Reading stored raw mail back, checked: a chunk must decompress (zstd's frame checksum), the
//! message's range must lie inside it, and its bytes must hash as they did when stored. Damage
//! is reported per message, so that one bad page costs the messages on it and nothing else.

use rusqlite::OptionalExtension;
use xxhash_rust::xxh3::xxh3_64;

use super::{Store, StoreError};
use crate::model::MessageId;

/// A message whose stored raw bytes are damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub id: i64,
    pub msgid: String,
    pub why: String,
}

/// Where a message's bytes are, and what they hashed to.
struct Place {
    chunk: i64,
    id: i64,
    offset: i64,
    size: i64,
    hash: Option<i64>,
    msgid: String,
}

impl Place {
    /// The message's bytes in its unpacked chunk, checked.
    fn cut<'a>(&self, data: &'a [u8]) -> Result<&'a [u8], String> {
        let range = usize::try_from(self.offset)
            .ok()
            .zip(usize::try_from(self.size).ok())
            .and_then(|(o, s)| Some(o..o.checked_add(s)?));
        let raw = range
            .and_then(|r| data.get(r))
            .ok_or("its place lies outside its chunk")?;
        match self.hash {
            Some(h) if xxh3_64(raw) as i64 != h => Err("its bytes do not hash as stored".into()),
            _ => Ok(raw),
        }
    }
}

/// Some requested messages that share one stored chunk, still compressed.
pub struct RawChunk {
    id: i64,
    packed: Option<Vec<u8>>,
    places: Vec<Place>,
}

impl RawChunk {
    /// Decompresses the chunk and calls `f` with each intact message's row id and bytes;
    /// returns the damaged ones.
    pub fn unpack(self, mut f: impl FnMut(i64, &[u8])) -> Vec<Damaged> {
        let data = match self.packed {
            None => Err(format!("its chunk {} is missing", self.id)),
            Some(packed) => super::decompress(&packed)
                .map_err(|e| format!("its chunk {} is damaged: {e}", self.id)),
        };
        let mut damaged = Vec::new();
        for p in self.places {
            match data
                .as_deref()
                .map_err(String::clone)
                .and_then(|d| p.cut(d))
            {
                Ok(raw) => f(p.id, raw),
                Err(why) => damaged.push(Damaged {
                    id: p.id,
                    msgid: p.msgid,
                    why,
                }),
            }
        }
        damaged
    }
}

impl Store {
    /// The stored raw bytes of a message; an error names it when they are damaged.
    pub fn raw_message(&self, msgid: &MessageId) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(id): Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM messages WHERE msgid = ?1",
                [msgid.as_str()],
                |r| r.get(0),
            )
            .optional()?
        else {
            return Ok(None);
        };
        let mut out = None;
        let damaged = self.each_raw_message(&[id], |_, raw| out = Some(raw.to_vec()))?;
        match damaged.into_iter().next() {
            Some(d) => Err(StoreError::Corrupt(format!(
                "raw mail of <{}>: {}",
                d.msgid, d.why
            ))),
            None => Ok(out),
        }
    }

    /// Calls `f` with the raw bytes of each message of `ids` (row ids) whose bytes are intact,
    /// in chunk order, each compressed chunk unpacked once however many of the messages it
    /// holds; returns the damaged ones.
    pub fn each_raw_message(
        &self,
        ids: &[i64],
        f: impl FnMut(i64, &[u8]),
    ) -> Result<Vec<Damaged>, StoreError> {
        self.each_raw_in("messages", ids, f)
    }

    /// `each_raw_message` over the rows `ids` of `table` (`messages` or `conflicts`).
    fn each_raw_in(
        &self,
        table: &str,
        ids: &[i64],
        mut f: impl FnMut(i64, &[u8]),
    ) -> Result<Vec<Damaged>, StoreError> {
        let mut damaged = Vec::new();
        self.each_raw_chunk_in(table, ids, |chunk| damaged.extend(chunk.unpack(&mut f)))?;
        Ok(damaged)
    }

    /// Like [`Store::each_raw_message`], a compressed chunk at a time, still packed: the caller
    /// unpacks each [`RawChunk`] where it likes (worker threads, so that decompressing and
    /// parsing run in parallel while this connection reads on).
    pub fn each_raw_chunk(&self, ids: &[i64], f: impl FnMut(RawChunk)) -> Result<(), StoreError> {
        self.each_raw_chunk_in("messages", ids, f)
    }

    fn each_raw_chunk_in(
        &self,
        table: &str,
        ids: &[i64],
        mut f: impl FnMut(RawChunk),
    ) -> Result<(), StoreError> {
        let mut places = self.places(table, ids)?;
        places.sort_unstable_by_key(|p| (p.chunk, p.id));
        let mut data_of = self
            .conn
            .prepare_cached("SELECT data FROM raw_chunks WHERE id = ?1")?;
        let mut rest = places.into_iter().peekable();
        while let Some(first) = rest.next() {
            let id = first.chunk;
            let mut places = vec![first];
            while let Some(p) = rest.next_if(|p| p.chunk == id) {
                places.push(p);
            }
            let packed: Option<Vec<u8>> = data_of.query_row([id], |r| r.get(0)).optional()?;
            f(RawChunk { id, packed, places });
        }
        Ok(())
    }

    fn places(&self, table: &str, ids: &[i64]) -> Result<Vec<Place>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT raw_chunk, raw_offset, raw_size, raw_hash, msgid FROM {table} WHERE id = ?1"
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            out.push(stmt.query_row([id], |r| {
                Ok(Place {
                    chunk: r.get(0)?,
                    id,
                    offset: r.get(1)?,
                    size: r.get(2)?,
                    hash: r.get(3)?,
                    msgid: r.get(4)?,
                })
            })?);
        }
        Ok(out)
    }
}

/// What checking the stored raw mail found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawCheck {
    /// Messages (and conflicting copies) whose bytes were read and checked.
    pub checked: u64,
    /// Of those, stored before checksums were kept (only their chunk's decompression checks them).
    pub without_hash: u64,
    pub damaged: Vec<Damaged>,
}

impl Store {
    /// SQLite's own check of the file (`quick`: without comparing indexes to tables); `["ok"]`
    /// when it finds nothing.
    pub fn integrity_check(&self, quick: bool) -> Result<Vec<String>, StoreError> {
        let pragma = if quick {
            "quick_check"
        } else {
            "integrity_check"
        };
        let mut stmt = self.conn.prepare(&format!("PRAGMA {pragma}"))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Reads back every stored message's raw bytes (a chunk at a time) and checks them; calls
    /// `progress` with the messages checked so far.
    pub fn check_raw(&self, progress: &mut dyn FnMut(u64)) -> Result<RawCheck, StoreError> {
        let mut out = RawCheck::default();
        for table in ["messages", "conflicts"] {
            let ids: Vec<i64> = self
                .conn
                .prepare(&format!("SELECT id FROM {table} ORDER BY raw_chunk, id"))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            out.without_hash += self.conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE raw_hash IS NULL"),
                [],
                |r| r.get::<_, i64>(0),
            )? as u64;
            for chunk in ids.chunks(5000) {
                let damaged = self.each_raw_in(table, chunk, |_, _| {})?;
                out.damaged.extend(damaged.into_iter().map(|mut d| {
                    if table == "conflicts" {
                        d.why = format!("(a conflicting copy) {}", d.why);
                    }
                    d
                }));
                out.checked += chunk.len() as u64;
                progress(out.checked);
            }
        }
        Ok(out)
    }
}
