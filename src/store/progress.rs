//! How far derived data has got, and which commands are still at work: the watermarks written in
//! the same transaction as the rows they cover (threads and series: `assembled`; the search
//! index: `fts_indexed`; a rebuild: `rebuild_pending` and `reparsed`), and the process of each
//! import while it runs, so that a later command can tell work still under way from work an
//! interrupted command left.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// What an interrupted command left to finish.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unfinished {
    /// Messages stored but not yet threaded and assembled.
    pub unassembled: u64,
    /// A rebuild ran and was interrupted (its process is gone).
    pub rebuild: bool,
    /// A rebuild was scheduled by an upgrade (columns added that stored mail must fill).
    pub rebuild_scheduled: bool,
    /// Imports that never finished and whose process is gone.
    pub dead_imports: Vec<i64>,
    /// Another process is still importing or rebuilding: its work is its own.
    pub busy: bool,
}

impl Store {
    /// A named counter (0 when unset).
    pub(super) fn meta(&self, name: &str) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    pub(super) fn set_meta(&self, name: &str, value: Option<i64>) -> Result<(), StoreError> {
        match value {
            Some(v) => self.exec(
                "INSERT INTO meta(name, value) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET value = ?2",
                params![name, v],
            )?,
            None => self.exec("DELETE FROM meta WHERE name = ?1", [name])?,
        };
        Ok(())
    }

    /// Row ids of the messages not yet assembled (above the watermark), in order.
    pub fn unassembled_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mark = self.meta("assembled")?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM messages WHERE id > ?1 AND deleted = 0 ORDER BY id")?;
        let rows = stmt.query_map([mark], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Moves the assembly watermark to the highest message row stored now; call in the
    /// transaction that saves the assembly of everything below it.
    pub fn set_assembled(&self) -> Result<(), StoreError> {
        self.set_assembled_at(self.top_message()?)
    }

    /// Moves the assembly watermark to row `top`, whose assembly and everything below it the
    /// transaction saves.
    pub fn set_assembled_at(&self, top: i64) -> Result<(), StoreError> {
        self.set_meta("assembled", Some(top))
    }

    /// The highest message row stored (0: none).
    pub fn top_message(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM messages", [], |r| {
                r.get(0)
            })?)
    }

    /// Changes with every commit another connection makes (SQLite's `data_version`): equal
    /// twice, nobody else wrote in between.
    pub fn others_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// A rebuild starts (or resumes): recorded with this process, so an interrupted one is
    /// finished by the next write command.
    pub fn begin_rebuild(&self) -> Result<(), StoreError> {
        self.set_meta("rebuild_pending", Some(i64::from(std::process::id())))
    }

    /// The highest message row a running or interrupted rebuild has parsed again (0: none).
    pub fn reparsed_upto(&self) -> Result<i64, StoreError> {
        self.meta("reparsed")
    }

    /// Records that messages up to `id` are parsed again; in the transaction that wrote them.
    pub fn set_reparsed(&self, id: i64) -> Result<(), StoreError> {
        self.set_meta("reparsed", Some(id))
    }

    /// The rebuild is complete; in the transaction that writes its last rows.
    pub fn end_rebuild(&self) -> Result<(), StoreError> {
        self.set_meta("reparsed", None)?;
        self.set_meta("rebuild_pending", None)
    }

    /// What interrupted commands left, and whether another process is at work on it.
    pub fn unfinished(&self) -> Result<Unfinished, StoreError> {
        let me = i64::from(std::process::id());
        let mut out = Unfinished::default();
        let rebuild: Option<i64> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE name = 'rebuild_pending'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match rebuild {
            Some(0) => out.rebuild_scheduled = true,
            Some(pid) if pid != me && alive(pid) => out.busy = true,
            Some(_) => out.rebuild = true,
            None => {}
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, pid FROM imports WHERE finished IS NULL AND pid IS NOT NULL",
        )?;
        let imports = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in imports {
            let (id, pid) = row?;
            match pid != me && alive(pid) {
                true => out.busy = true,
                false if pid != me => out.dead_imports.push(id),
                false => {}
            }
        }
        let mark = self.meta("assembled")?;
        out.unassembled = self.conn.query_row(
            "SELECT count(*) FROM messages WHERE id > ?1 AND deleted = 0",
            [mark],
            |r| r.get::<_, i64>(0),
        )? as u64;
        Ok(out)
    }

    /// Imports that never finished (killed, or their machine went down).
    pub fn interrupted_imports(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM imports WHERE finished IS NULL AND pid IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Marks imports whose process died before they finished as interrupted (no process, no
    /// finish time); what they stored is assembled by the caller.
    pub fn close_dead_imports(&self, ids: &[i64]) -> Result<(), StoreError> {
        let tx = self.tx()?;
        for id in ids {
            tx.execute(
                "UPDATE imports SET pid = NULL WHERE id = ?1 AND finished IS NULL",
                [id],
            )?;
        }
        tx.commit()
    }
}

/// Whether process `pid` still runs (on systems without /proc: assumed not).
fn alive(pid: i64) -> bool {
    pid > 0 && std::path::Path::new("/proc").join(pid.to_string()).exists()
}
