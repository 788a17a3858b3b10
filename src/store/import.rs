//! Writing imported messages: batches of
//! messages written in one transaction each.

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{OptionalExtension, params, params_from_iter};

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
    /// When the full parse failed: why (`mail` is then the minimal record).
    pub parse_error: Option<&'a str>,
    pub content_hash: u128,
    /// xxh3-64 of the raw bytes, checked whenever they are read back.
    pub raw_hash: u64,
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
    /// Opens a write transaction. New messages are added to the search index in it when the
    /// index is current (every stored message indexed); otherwise the next search catches up.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        let tx = self.tx()?;
        let indexing = tx.query_row(
            "SELECT coalesce((SELECT value FROM meta WHERE name = 'fts_indexed'), 0)
                    >= coalesce((SELECT max(id) FROM messages), 0)",
            [],
            |r| r.get(0),
        )?;
        Ok(Batch {
            tx,
            indexing,
            to_index: std::cell::RefCell::new(Vec::new()),
            last_indexed: std::cell::Cell::new(None),
        })
    }
}

/// One write transaction of an import.
pub struct Batch<'a> {
    tx: super::tx::Tx<'a>,
    /// The search index is current: new messages go into it here.
    indexing: bool,
    /// `(row id, subject, text, paths)` of new messages not yet given to the index: they are
    /// given a few hundred at a time ([`Batch::index_pending`]), between messages, so that the
    /// work is spread over the batch instead of stalling its commit.
    to_index: std::cell::RefCell<Vec<(i64, String, String, String)>>,
    /// The last row given to the index; the watermark moves there at commit.
    last_indexed: std::cell::Cell<Option<i64>>,
}

impl Batch<'_> {
    /// Adds a new message to the search index (when it is being kept current), at the next
    /// [`Batch::index_pending`] or at commit.
    pub fn index(&self, id: i64, subject: String, text: String, paths: String) {
        if self.indexing {
            self.to_index.borrow_mut().push((id, subject, text, paths));
        }
    }

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
        let mut values: Vec<ToSqlOutput<'_>> = vec![
            borrowed(Some(mail.msgid.as_str())),
            mail.msgid_synthetic.into(),
            ToSqlOutput::Borrowed(ValueRef::Blob(&hash)),
            m.source_id.into(),
            borrowed(Some(m.locator)),
            m.import_id.into(),
            raw.chunk.into(),
            raw.offset.into(),
            raw.size.into(),
            (m.raw_hash as i64).into(),
            borrowed(m.parse_error),
        ];
        values.extend(parsed_values(mail));
        stmt.execute(params_from_iter(values))?;
        let id = self.tx.last_insert_rowid();
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
                 raw_offset, raw_size, raw_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(msgid, content_hash) DO NOTHING",
            params![
                m.mail.msgid.as_str(),
                &hash[..],
                m.import_id,
                m.source_id,
                m.locator,
                raw.chunk,
                raw.offset,
                raw.size,
                m.raw_hash as i64
            ],
        )?;
        Ok(Inserted::Conflict { recorded: true })
    }

    /// Rewrites the parsed columns and files of message `id` from `mail` (re-read from its raw
    /// bytes, now parsed in full); identity, origin and raw bytes stay. A list the new parse does
    /// not name is kept.
    pub fn reparse(&self, id: i64, mail: &Mail) -> Result<(), StoreError> {
        let sets: Vec<String> = PARSED_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| match *c {
                // A list the new parse does not name is kept.
                "list_id" => format!("list_id = coalesce(?{}, list_id)", i + 2),
                c => format!("{c} = ?{}", i + 2),
            })
            .collect();
        let mut values: Vec<ToSqlOutput<'_>> = vec![id.into()];
        values.extend(parsed_values(mail));
        self.tx
            .prepare_cached(&format!(
                "UPDATE messages SET {}, parse_error = NULL WHERE id = ?1",
                sets.join(", ")
            ))?
            .execute(params_from_iter(values))?;
        for table in ["message_files", "keyword_tried", "keyword_hits"] {
            self.tx
                .prepare_cached(&format!("DELETE FROM {table} WHERE message_id = ?1"))?
                .execute([id])?;
        }
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

    /// Marks a message as removed by its archive; true when it was known. A thread no longer
    /// waits for its name (as for a message placed: see `save_missing`).
    pub fn mark_deleted(&self, msgid: &MessageId) -> Result<bool, StoreError> {
        let n = self.tx.execute(
            "UPDATE messages SET deleted = 1 WHERE msgid = ?1",
            [msgid.as_str()],
        )?;
        if n > 0 {
            super::assembly::forget_name(&self.tx, msgid.as_str())?;
        }
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

    /// Gives the messages added with [`Batch::index`] so far to the search index. FTS5 holds
    /// them in memory until the commit, so calling this often costs nothing more than calling
    /// it once, as long as no statement of the batch opens a savepoint (a statement journal):
    /// FTS5 writes what it holds at each, as a segment to merge later. The inserts of messages,
    /// their files and chunks open none; a rare conflict or removal may cost one more segment.
    pub fn index_pending(&self) -> Result<(), StoreError> {
        let rows = self.to_index.take();
        super::search::insert_rows(&self.tx, &rows)?;
        if let Some(last) = rows.iter().map(|r| r.0).max() {
            self.last_indexed
                .set(self.last_indexed.get().max(Some(last)));
        }
        Ok(())
    }

    pub fn commit(self) -> Result<(), StoreError> {
        self.index_pending()?;
        if let Some(last) = self.last_indexed.get() {
            super::search::mark_indexed(&self.tx, last)?;
        }
        self.tx.commit()
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

/// The columns derived from parsing, in the order of [`parsed_values`].
const PARSED_COLUMNS: [&str; 28] = [
    "from_name",
    "from_email",
    "author_name",
    "author_email",
    "date",
    "date_offset",
    "date_source",
    "subject",
    "in_reply_to",
    "refs",
    "list_id",
    "change_id",
    "kind",
    "patch_id",
    "pull_url",
    "pull_branch",
    "files",
    "lines_added",
    "lines_removed",
    "diffstat",
    "trailers",
    "warnings",
    "pw_bot",
    "attestation",
    "attest_detail",
    "sender_via",
    "bot",
    "pull_tip",
];

/// No `RETURNING`: it makes SQLite open a statement journal, whose savepoint makes FTS5 write
/// what it holds as an index segment of its own (see [`Batch::index_pending`]).
const INSERT_MESSAGE: &str = "INSERT INTO messages(msgid, msgid_synthetic, content_hash,
    source_id, locator, import_id, raw_chunk, raw_offset, raw_size, raw_hash, parse_error,
    from_name, from_email, author_name, author_email, date, date_offset, date_source, subject,
    in_reply_to, refs, list_id, change_id, kind, patch_id, pull_url, pull_branch, files,
    lines_added, lines_removed, diffstat, trailers, warnings, pw_bot, attestation, attest_detail,
    sender_via, bot, pull_tip)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38,
    ?39)";

/// A text parameter bound from where it is, not copied first (NULL for `None`): the writer
/// binds some forty values per message.
fn borrowed(s: Option<&str>) -> ToSqlOutput<'_> {
    s.map_or(ToSqlOutput::Owned(Value::Null), |s| {
        ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
    })
}

/// A text parameter worked out for binding (NULL for `None`).
fn owned<'a>(s: Option<String>) -> ToSqlOutput<'a> {
    ToSqlOutput::Owned(s.map_or(Value::Null, Value::Text))
}

/// The values of [`PARSED_COLUMNS`] for `mail`, borrowed from it where it holds them as stored.
fn parsed_values(mail: &Mail) -> Vec<ToSqlOutput<'_>> {
    let added: u32 = mail.files.iter().map(|f| f.added).sum();
    let removed: u32 = mail.files.iter().map(|f| f.removed).sum();
    let refs: Vec<&str> = mail.references.iter().map(|r| r.as_str()).collect();
    vec![
        borrowed(Some(&mail.from.name)),
        borrowed(Some(&mail.from.email)),
        borrowed(mail.author.as_ref().map(|a| a.name.as_str())),
        borrowed(mail.author.as_ref().map(|a| a.email.as_str())),
        ToSqlOutput::Owned(mail.date.map(|d| d.utc).into()),
        ToSqlOutput::Owned(mail.date.map(|d| i64::from(d.offset_minutes)).into()),
        borrowed(mail.date.map(|d| d.source.as_str())),
        borrowed(Some(&mail.subject)),
        borrowed(mail.in_reply_to.as_ref().map(|i| i.as_str())),
        owned(Some(refs.join(" "))),
        borrowed(mail.list_id.as_deref()),
        borrowed(mail.change_id.as_deref()),
        borrowed(Some(mail.kind.as_str())),
        owned(mail.patch_id.map(|p| p.to_hex())),
        borrowed(mail.pull.as_ref().map(|p| p.url.as_str())),
        borrowed(mail.pull.as_ref().and_then(|p| p.branch.as_deref())),
        (mail.files.len() as i64).into(),
        i64::from(added).into(),
        i64::from(removed).into(),
        mail.has_diffstat.into(),
        owned(trailer_lines(&mail.trailers)),
        owned((!mail.warnings.is_empty()).then(|| mail.warnings.join("\n"))),
        borrowed(mail.pw_bot.as_deref()),
        borrowed(Some(mail.attestation.state.as_str())),
        borrowed(Some(&mail.attestation.detail)),
        borrowed(mail.sender_via.as_deref()),
        mail.bot.into(),
        borrowed(mail.pull.as_ref().and_then(|p| p.tip.as_deref())),
    ]
}
