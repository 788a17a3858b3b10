//! Whole-database counts (`patchq stats`).

use std::collections::{BTreeMap, HashMap, HashSet};

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

    /// How many messages are stored, deleted ones included (cheap: counts an index).
    pub fn message_rows(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM messages", [], |r| r.get::<_, i64>(0))?
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
        // Patches are counted by their place in a series (a cover letter carrying an
        // interdiff has a diff and is not a patch); pull requests by what the mail is.
        let (messages, patches, pulls, deleted) = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE deleted = 0),
                    (SELECT count(DISTINCT p.message_id) FROM placement p
                     JOIN messages m ON m.id = p.message_id
                     WHERE p.role = 'patch' AND m.kind <> 'pull' AND m.deleted = 0),
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

/// How the series are shaped: what `patchq stats --series` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesShapes {
    pub series: u64,
    pub pulls: u64,
    pub with_cover: u64,
    pub complete: u64,
    pub incomplete: u64,
    pub single_patches: u64,
    pub resends: u64,
    pub rfcs: u64,
    pub with_replies: u64,
    pub superseded: u64,
    /// Revision chains by length (number of revisions): how many chains have that length.
    pub chains: BTreeMap<u32, u64>,
    /// The key of the newest revision of a longest chain.
    pub longest_chain: Option<String>,
    /// Trailers applied, by kind (`Reviewed-by` ...), and how many of them carried over.
    pub trailers: BTreeMap<String, u64>,
    pub carried: u64,
    pub mismatches: u64,
}

impl Store {
    /// Series counts by shape, revision chain lengths and collected trailers.
    pub fn series_shapes(&self) -> Result<SeriesShapes, StoreError> {
        let mut s = self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE kind = 'pull'),
                    count(cover_id), count(*) FILTER (WHERE complete = 1),
                    count(*) FILTER (WHERE complete = 0),
                    count(*) FILTER (WHERE total = 1 AND cover_id IS NULL AND kind = 'patch'),
                    count(*) FILTER (WHERE resend = 1), count(*) FILTER (WHERE rfc = 1),
                    count(*) FILTER (WHERE replies > 0)
             FROM series",
            [],
            |r| {
                let n = |i| r.get::<_, i64>(i).map(|v| v as u64);
                Ok(SeriesShapes {
                    series: n(0)?,
                    pulls: n(1)?,
                    with_cover: n(2)?,
                    complete: n(3)?,
                    incomplete: n(4)?,
                    single_patches: n(5)?,
                    resends: n(6)?,
                    rfcs: n(7)?,
                    with_replies: n(8)?,
                    ..SeriesShapes::default()
                })
            },
        )?;
        s.superseded = self.conn.query_row(
            "SELECT count(*) FROM review_state r JOIN series s ON s.key = r.key
             WHERE r.state = 'superseded'",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64;
        (s.chains, s.longest_chain) = self.revision_chains()?;
        self.trailer_counts(&mut s)?;
        Ok(s)
    }

    /// Lengths of revision chains, counted from each series no newer revision points at.
    fn revision_chains(&self) -> Result<(BTreeMap<u32, u64>, Option<String>), StoreError> {
        let mut stmt = self.conn.prepare("SELECT key, previous FROM series")?;
        let previous: HashMap<String, Option<String>> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let has_newer: HashSet<&str> = previous.values().flatten().map(String::as_str).collect();
        let mut chains = BTreeMap::new();
        let mut longest: Option<(u32, &str)> = None;
        for tip in previous.keys().filter(|k| !has_newer.contains(k.as_str())) {
            let mut len = 1u32;
            let mut at = tip;
            while let Some(Some(p)) = previous.get(at) {
                if len as usize > previous.len() {
                    break; // a cycle; never written, but never loop on one either
                }
                len += 1;
                at = p;
            }
            *chains.entry(len).or_insert(0) += 1;
            if longest.is_none_or(|(l, k)| {
                (len, std::cmp::Reverse(tip.as_str())) > (l, std::cmp::Reverse(k))
            }) {
                longest = Some((len, tip));
            }
        }
        Ok((chains, longest.map(|(_, k)| k.to_string())))
    }

    fn trailer_counts(&self, s: &mut SeriesShapes) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, applied, source = 'carried', count(*) FROM trailers GROUP BY 1, 2, 3",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (name, applied, carried, n): (String, bool, bool, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if !applied {
                s.mismatches += n as u64;
                continue;
            }
            *s.trailers.entry(name).or_insert(0) += n as u64;
            if carried {
                s.carried += n as u64;
            }
        }
        Ok(())
    }
}
