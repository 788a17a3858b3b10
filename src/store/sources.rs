//! Inputs the database remembers (how far each was read) and the record of every import.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, unix_now};
use crate::model::MessageId;

/// An input as the database remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub id: i64,
    pub path: String,
    pub kind: String,
    /// mbox: decompressed bytes read so far and their hash.
    pub read_offset: u64,
    pub read_hash: Option<u128>,
    /// (size, mtime in ns, hash of the first and last 64 KiB) when last read to the end.
    pub fingerprint: Option<(u64, i64, u128)>,
    /// public-inbox: last commit read per epoch.
    pub epochs: Vec<(u32, String)>,
}

/// The counts an import ends with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub read: u64,
    pub new: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub patches: u64,
}

impl Store {
    /// The row for input `path`, created on first use.
    pub fn source(
        &self,
        path: &str,
        kind: &str,
        list: Option<&str>,
    ) -> Result<SourceRow, StoreError> {
        self.conn.execute(
            "INSERT INTO sources(path, kind, list_id, first_seen) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(path) DO UPDATE SET kind = excluded.kind,
                 list_id = coalesce(excluded.list_id, sources.list_id)",
            params![path, kind, list, unix_now()],
        )?;
        let mut row = self.conn.query_row(
            "SELECT id, path, kind, read_offset, read_hash, file_size, file_mtime_ns, file_edges
             FROM sources WHERE path = ?1",
            [path],
            |r| {
                let fingerprint = match (
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                    r.get::<_, Option<Vec<u8>>>(7)?,
                ) {
                    (Some(size), Some(mtime), Some(edges)) => {
                        Some((size as u64, mtime, blob_u128(&edges)))
                    }
                    _ => None,
                };
                Ok(SourceRow {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    kind: r.get(2)?,
                    read_offset: r.get::<_, i64>(3)? as u64,
                    read_hash: r.get::<_, Option<Vec<u8>>>(4)?.map(|b| blob_u128(&b)),
                    fingerprint,
                    epochs: Vec::new(),
                })
            },
        )?;
        let mut stmt = self
            .conn
            .prepare("SELECT epoch, last_commit FROM epochs WHERE source_id = ?1 ORDER BY epoch")?;
        row.epochs = stmt
            .query_map([row.id], |r| {
                Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(row)
    }

    /// Records that a file was read to its end, so an unchanged file can be skipped next time.
    pub fn set_fingerprint(
        &self,
        source_id: i64,
        fp: Option<(u64, i64, u128)>,
    ) -> Result<(), StoreError> {
        let (size, mtime, edges) = match fp {
            Some((s, m, e)) => (Some(s as i64), Some(m), Some(e.to_be_bytes().to_vec())),
            None => (None, None, None),
        };
        self.conn.execute(
            "UPDATE sources SET file_size = ?2, file_mtime_ns = ?3, file_edges = ?4, last_read = ?5
             WHERE id = ?1",
            params![source_id, size, mtime, edges, unix_now()],
        )?;
        Ok(())
    }

    /// Forgets how far an input was read, so the next import reads all of it.
    pub fn forget_progress(&self, source_id: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sources SET read_offset = 0, read_hash = NULL, file_size = NULL,
                 file_mtime_ns = NULL, file_edges = NULL WHERE id = ?1",
            [source_id],
        )?;
        self.conn
            .execute("DELETE FROM epochs WHERE source_id = ?1", [source_id])?;
        Ok(())
    }

    /// Starts the record of an import of `inputs`.
    pub fn begin_import(&self, inputs: &[String]) -> Result<i64, StoreError> {
        let inputs = serde_json::to_string(inputs).unwrap_or_else(|_| "[]".into());
        self.conn.execute(
            "INSERT INTO imports(started, inputs) VALUES (?1, ?2)",
            params![unix_now(), inputs],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Completes the record of an import.
    pub fn finish_import(
        &self,
        id: i64,
        c: &ImportCounts,
        elapsed_ms: u64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE imports SET finished = ?2, read = ?3, new = ?4, duplicates = ?5, rejected = ?6,
                 patches = ?7, elapsed_ms = ?8 WHERE id = ?1",
            params![
                id,
                unix_now(),
                c.read as i64,
                c.new as i64,
                c.duplicates as i64,
                c.rejected as i64,
                c.patches as i64,
                elapsed_ms as i64
            ],
        )?;
        Ok(())
    }

    /// The stored raw bytes of a message.
    pub fn raw_message(&self, msgid: &MessageId) -> Result<Option<Vec<u8>>, StoreError> {
        let row: Option<(Vec<u8>, i64, i64)> = self
            .conn
            .query_row(
                "SELECT c.data, m.raw_offset, m.raw_size FROM messages m
                 JOIN raw_chunks c ON c.id = m.raw_chunk WHERE m.msgid = ?1",
                [msgid.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((chunk, offset, size)) = row else {
            return Ok(None);
        };
        let corrupt = |what: String| StoreError::Corrupt(format!("raw of {msgid}: {what}"));
        let data = super::decompress(&chunk).map_err(|e| corrupt(e.to_string()))?;
        let range = offset as usize..(offset + size) as usize;
        data.get(range)
            .map(|r| Some(r.to_vec()))
            .ok_or_else(|| corrupt("range outside its chunk".into()))
    }
}

impl Store {
    /// Calls `f` with the raw bytes of each message of `ids` (row ids), in chunk order, each
    /// compressed chunk unpacked once however many of the messages it holds.
    pub fn each_raw_message(
        &self,
        ids: &[i64],
        mut f: impl FnMut(i64, &[u8]),
    ) -> Result<(), StoreError> {
        let mut place = self
            .conn
            .prepare_cached("SELECT raw_chunk, raw_offset, raw_size FROM messages WHERE id = ?1")?;
        let mut wanted: Vec<(i64, i64, usize, usize)> = Vec::with_capacity(ids.len());
        for &id in ids {
            let (chunk, offset, size): (i64, i64, i64) =
                place.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            wanted.push((chunk, id, offset as usize, size as usize));
        }
        wanted.sort_unstable();
        let mut data_of = self
            .conn
            .prepare_cached("SELECT data FROM raw_chunks WHERE id = ?1")?;
        let mut current: Option<(i64, Vec<u8>)> = None;
        for (chunk, id, offset, size) in wanted {
            if current.as_ref().is_none_or(|(c, _)| *c != chunk) {
                let packed: Vec<u8> = data_of.query_row([chunk], |r| r.get(0))?;
                let data = super::decompress(&packed)
                    .map_err(|e| StoreError::Corrupt(format!("raw chunk {chunk}: {e}")))?;
                current = Some((chunk, data));
            }
            let data = &current.as_ref().expect("set above").1;
            let raw = data.get(offset..offset + size).ok_or_else(|| {
                StoreError::Corrupt(format!("raw of message {id}: range outside its chunk"))
            })?;
            f(id, raw);
        }
        Ok(())
    }
}

fn blob_u128(b: &[u8]) -> u128 {
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[..n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(a)
}
