//! Whole-database counts (`patchq stats`).

use super::{Store, StoreError};

/// The counts `patchq stats` prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub messages: u64,
    pub covers: u64,
    pub replies: u64,
    pub series: u64,
    pub patches: u64,
    pub pulls: u64,
    pub conflicts: u64,
    pub deleted: u64,
}

impl Store {
    /// How many series there are.
    pub fn series_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM series", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Row ids of every series.
    pub fn all_series_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM series")?;
        Ok(stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    pub fn stats(&self) -> Result<Stats, StoreError> {
        let (messages, patches, pulls, deleted) = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE deleted = 0),
                    count(*) FILTER (WHERE deleted = 0 AND kind = 'patch'),
                    count(*) FILTER (WHERE deleted = 0 AND kind = 'pull'),
                    count(*) FILTER (WHERE deleted = 1)
             FROM messages",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )?;
        let conflicts: i64 = self
            .conn
            .query_row("SELECT count(*) FROM conflicts", [], |r| r.get(0))?;
        let (covers, replies): (i64, i64) = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE role = 'cover'), count(*) FILTER (WHERE role = 'reply')
             FROM placement",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Stats {
            messages: messages as u64,
            covers: covers as u64,
            replies: replies as u64,
            series: self.series_count()?,
            patches: patches as u64,
            pulls: pulls as u64,
            conflicts: conflicts as u64,
            deleted: deleted as u64,
        })
    }
}
