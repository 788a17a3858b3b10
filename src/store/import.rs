//! Writing imported messages: inputs and their progress, import records, and batches of
//! messages written in one transaction each.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, StoreError, unix_now};
use crate::model::{Mail, MessageId};

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

/// Where a message's raw bytes are stored: a chunk and the range inside it (uncompressed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRef {
    pub chunk: i64,
    pub offset: u32,
    pub size: u32,
}

/// A parsed message ready to be written.
pub struct NewMessage<'a> {
    pub mail: &'a Mail,
    pub content_hash: u128,
    pub source_id: i64,
    pub locator: &'a str,
    pub import_id: i64,
}

/// What writing a message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New(i64),
    /// The same message again (maybe through another list).
    Duplicate,
    /// A different message with an id already taken; `recorded` when it was new to the
    /// conflicts table.
    Conflict {
        recorded: bool,
    },
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

    /// Opens a write transaction.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        Ok(Batch {
            tx: self.conn.transaction()?,
        })
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

/// One write transaction of an import.
pub struct Batch<'a> {
    tx: Transaction<'a>,
}

impl Batch<'_> {
    /// Writes a message unless its Message-ID is already taken. `raw` stores the raw bytes and
    /// says where; it is called only when they are kept (a new message or a new conflict), so
    /// reading an archive again writes nothing.
    pub fn insert(
        &self,
        m: &NewMessage<'_>,
        raw: &mut dyn FnMut() -> Result<RawRef, StoreError>,
    ) -> Result<Inserted, StoreError> {
        let mail = m.mail;
        let hash = m.content_hash.to_be_bytes();
        let known: Option<(i64, Vec<u8>, Option<String>)> = self
            .tx
            .prepare_cached("SELECT id, content_hash, list_id FROM messages WHERE msgid = ?1")?
            .query_row([mail.msgid.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some(known) = known {
            return self.existing(m, &hash, known, raw);
        }
        let raw = raw()?;
        let mut stmt = self.tx.prepare_cached(INSERT_MESSAGE)?;
        let refs: Vec<&str> = mail.references.iter().map(|r| r.as_str()).collect();
        let added: u32 = mail.files.iter().map(|f| f.added).sum();
        let removed: u32 = mail.files.iter().map(|f| f.removed).sum();
        let warnings = (!mail.warnings.is_empty()).then(|| mail.warnings.join("\n"));
        let id: i64 = stmt.query_row(
            params![
                mail.msgid.as_str(),
                mail.msgid_synthetic,
                &hash[..],
                m.source_id,
                m.locator,
                m.import_id,
                mail.from.name,
                mail.from.email,
                mail.author.as_ref().map(|a| a.name.as_str()),
                mail.author.as_ref().map(|a| a.email.as_str()),
                mail.date.map(|d| d.utc),
                mail.date.map(|d| d.offset_minutes),
                mail.date.map(|d| d.source.as_str()),
                mail.subject,
                mail.in_reply_to.as_ref().map(|i| i.as_str()),
                refs.join(" "),
                mail.list_id,
                mail.change_id,
                mail.kind.as_str(),
                mail.patch_id.map(|p| p.to_hex()),
                mail.pull.as_ref().map(|p| p.url.as_str()),
                mail.pull.as_ref().and_then(|p| p.branch.as_deref()),
                mail.files.len() as i64,
                added,
                removed,
                warnings,
                raw.chunk,
                raw.offset,
                raw.size,
            ],
            |r| r.get(0),
        )?;
        self.insert_files(id, mail)?;
        Ok(Inserted::New(id))
    }

    /// The id was taken: the same message again, or a conflicting one.
    fn existing(
        &self,
        m: &NewMessage<'_>,
        hash: &[u8; 16],
        (id, stored, first_list): (i64, Vec<u8>, Option<String>),
        raw: &mut dyn FnMut() -> Result<RawRef, StoreError>,
    ) -> Result<Inserted, StoreError> {
        if stored == hash {
            if m.mail.list_id != first_list {
                self.add_list(id, m.mail.list_id.as_deref())?;
            }
            return Ok(Inserted::Duplicate);
        }
        let recorded: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM conflicts WHERE msgid = ?1 AND content_hash = ?2")?
            .query_row(params![m.mail.msgid.as_str(), &hash[..]], |r| r.get(0))
            .optional()?;
        if recorded.is_some() {
            return Ok(Inserted::Conflict { recorded: false });
        }
        let raw = raw()?;
        self.tx.execute(
            "INSERT INTO conflicts(msgid, content_hash, import_id, source_id, locator, raw_chunk,
                 raw_offset, raw_size)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(msgid, content_hash) DO NOTHING",
            params![
                m.mail.msgid.as_str(),
                &hash[..],
                m.import_id,
                m.source_id,
                m.locator,
                raw.chunk,
                raw.offset,
                raw.size
            ],
        )?;
        Ok(Inserted::Conflict { recorded: true })
    }

    fn insert_files(&self, id: i64, mail: &Mail) -> Result<(), StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO message_files(message_id, seq, old_path, new_path, status, binary, added, removed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (seq, f) in mail.files.iter().enumerate() {
            stmt.execute(params![
                id,
                seq as i64,
                f.old_path,
                f.new_path,
                f.status.as_str(),
                f.binary,
                f.added,
                f.removed
            ])?;
        }
        Ok(())
    }

    fn add_list(&self, id: i64, list: Option<&str>) -> Result<(), StoreError> {
        if let Some(list) = list {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO message_lists(message_id, list_id) VALUES (?1, ?2)",
                )?
                .execute(params![id, list])?;
        }
        Ok(())
    }

    /// Stores a chunk of compressed raw messages; returns its id.
    pub fn insert_chunk(&self, data_z: &[u8]) -> Result<i64, StoreError> {
        self.tx
            .prepare_cached("INSERT INTO raw_chunks(data) VALUES (?1)")?
            .execute([data_z])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Records something that could not be imported.
    pub fn reject(&self, r: &Reject<'_>) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO rejects(import_id, source_path, locator, msgid, reason, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                r.import_id,
                r.source,
                r.locator,
                r.msgid,
                r.reason,
                r.raw_z
            ])?;
        Ok(())
    }

    /// Marks a message as removed by its archive; true when it was known.
    pub fn mark_deleted(&self, msgid: &MessageId) -> Result<bool, StoreError> {
        let n = self.tx.execute(
            "UPDATE messages SET deleted = 1 WHERE msgid = ?1",
            [msgid.as_str()],
        )?;
        Ok(n > 0)
    }

    /// Remembers how far an mbox has been read.
    pub fn set_mbox_progress(
        &self,
        source_id: i64,
        offset: u64,
        hash: u128,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "UPDATE sources SET read_offset = ?2, read_hash = ?3, last_read = ?4 WHERE id = ?1",
            )?
            .execute(params![
                source_id,
                offset as i64,
                &hash.to_be_bytes()[..],
                unix_now()
            ])?;
        Ok(())
    }

    /// Remembers the last commit read from a public-inbox epoch.
    pub fn set_epoch_progress(
        &self,
        source_id: i64,
        epoch: u32,
        commit: &str,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO epochs(source_id, epoch, last_commit) VALUES (?1, ?2, ?3)
                 ON CONFLICT(source_id, epoch) DO UPDATE SET last_commit = excluded.last_commit",
            )?
            .execute(params![source_id, epoch, commit])?;
        Ok(())
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }
}

/// A rejected input or message.
pub struct Reject<'a> {
    pub import_id: i64,
    pub source: &'a str,
    pub locator: Option<&'a str>,
    pub msgid: Option<&'a str>,
    pub reason: &'a str,
    pub raw_z: Option<&'a [u8]>,
}

fn blob_u128(b: &[u8]) -> u128 {
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[..n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(a)
}

const INSERT_MESSAGE: &str = "INSERT INTO messages(msgid, msgid_synthetic, content_hash, source_id,
    locator, import_id, from_name, from_email, author_name, author_email, date, date_offset,
    date_source, subject, in_reply_to, refs, list_id, change_id, kind, patch_id, pull_url,
    pull_branch, files, lines_added, lines_removed, warnings, raw_chunk, raw_offset, raw_size)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)
    RETURNING id";
