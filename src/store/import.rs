//! Writing imported messages: batches of
//! messages written in one transaction each.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, StoreError, unix_now};
use crate::model::{Mail, MessageId};

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
    /// Opens a write transaction.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        Ok(Batch {
            tx: self.conn.transaction()?,
        })
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
                mail.has_diffstat,
                trailer_lines(&mail.trailers),
                warnings,
                raw.chunk,
                raw.offset,
                raw.size,
                mail.pw_bot,
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

    /// Rewrites the parsed columns and files of message `id` from `mail` (re-read from its raw
    /// bytes); identity, origin and raw bytes stay. A list the new parse does not name is kept.
    pub fn reparse(&self, id: i64, mail: &Mail) -> Result<(), StoreError> {
        let refs: Vec<&str> = mail.references.iter().map(|r| r.as_str()).collect();
        let added: u32 = mail.files.iter().map(|f| f.added).sum();
        let removed: u32 = mail.files.iter().map(|f| f.removed).sum();
        let warnings = (!mail.warnings.is_empty()).then(|| mail.warnings.join("\n"));
        self.tx
            .prepare_cached(
                "UPDATE messages SET from_name = ?2, from_email = ?3, author_name = ?4,
                 author_email = ?5, date = ?6, date_offset = ?7, date_source = ?8, subject = ?9,
                 in_reply_to = ?10, refs = ?11, list_id = coalesce(?12, list_id), change_id = ?13,
                 kind = ?14, patch_id = ?15, pull_url = ?16, pull_branch = ?17, files = ?18,
                 lines_added = ?19, lines_removed = ?20, diffstat = ?21, trailers = ?22,
                 warnings = ?23, pw_bot = ?24 WHERE id = ?1",
            )?
            .execute(params![
                id,
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
                mail.has_diffstat,
                trailer_lines(&mail.trailers),
                warnings,
                mail.pw_bot,
            ])?;
        self.tx
            .prepare_cached("DELETE FROM message_files WHERE message_id = ?1")?
            .execute([id])?;
        self.insert_files(id, mail)
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

/// Trailers as stored: one `Name: value` line each; `None` when there are none.
fn trailer_lines(trailers: &[crate::model::Trailer]) -> Option<String> {
    (!trailers.is_empty()).then(|| {
        trailers
            .iter()
            .map(|t| t.line())
            .collect::<Vec<_>>()
            .join("\n")
    })
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

const INSERT_MESSAGE: &str = "INSERT INTO messages(msgid, msgid_synthetic, content_hash, source_id,
    locator, import_id, from_name, from_email, author_name, author_email, date, date_offset,
    date_source, subject, in_reply_to, refs, list_id, change_id, kind, patch_id, pull_url,
    pull_branch, files, lines_added, lines_removed, diffstat, trailers, warnings, raw_chunk,
    raw_offset, raw_size, pw_bot)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)
    RETURNING id";
