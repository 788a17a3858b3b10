//! Inputs the database remembers (how far each was read) and the record of every import.

use rusqlite::params;

use super::{Store, StoreError, unix_now};

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
    /// Messages kept with a minimal record because the parser failed on them.
    pub unparsed: u64,
}

impl Store {
    /// The row for input `path`, created on first use.
    pub fn source(
        &self,
        path: &str,
        kind: &str,
        list: Option<&str>,
    ) -> Result<SourceRow, StoreError> {
        self.exec(
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
        self.exec(
            "UPDATE sources SET file_size = ?2, file_mtime_ns = ?3, file_edges = ?4, last_read = ?5
             WHERE id = ?1",
            params![source_id, size, mtime, edges, unix_now()],
        )?;
        Ok(())
    }

    /// Forgets how far an input was read, so the next import reads all of it.
    pub fn forget_progress(&self, source_id: i64) -> Result<(), StoreError> {
        self.exec(
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
        self.exec(
            "INSERT INTO imports(started, inputs, pid) VALUES (?1, ?2, ?3)",
            params![unix_now(), inputs, std::process::id()],
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
        self.exec(
            "UPDATE imports SET pid = NULL, finished = ?2, read = ?3, new = ?4, duplicates = ?5, rejected = ?6,
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
}

fn blob_u128(b: &[u8]) -> u128 {
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[..n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(a)
}
