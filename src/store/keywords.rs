//! What each MAINTAINERS `K:` regex matched, per patch message: regexes kept by their text, ids
//! that only grow, and per message the highest regex id it was tried with, so that a regex is
//! tried on a patch once however often MAINTAINERS is loaded again.
//!
//! Owns: the `keyword_*` tables. Must not: match anything (the app tries the regexes).

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// What is known of one message: the highest regex id it was tried with (0: none) and the
/// regexes (ids) it matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeywordsTried {
    pub generation: i64,
    pub hits: Vec<i64>,
}

impl Store {
    /// The ids of the regexes `texts` (added when new, in order); every regex not among them is
    /// dropped with its hits.
    pub fn keyword_regexes(&mut self, texts: &[String]) -> Result<Vec<i64>, StoreError> {
        let tx = self.tx()?;
        let mut ids = Vec::with_capacity(texts.len());
        {
            let mut find = tx.prepare_cached("SELECT id FROM keyword_regexes WHERE regex = ?1")?;
            let mut add = tx.prepare_cached("INSERT INTO keyword_regexes(regex) VALUES (?1)")?;
            for t in texts {
                let id = match find.query_row([t], |r| r.get(0)).optional()? {
                    Some(id) => id,
                    None => {
                        add.execute([t])?;
                        tx.last_insert_rowid()
                    }
                };
                ids.push(id);
            }
        }
        // Ids are positive: `NOT IN (0)` drops them all when no regex is given (`NOT IN (NULL)`
        // would drop none).
        let keep: Vec<String> = std::iter::once(0)
            .chain(ids.iter().copied())
            .map(|i| i.to_string())
            .collect();
        tx.execute(
            &format!(
                "DELETE FROM keyword_regexes WHERE id NOT IN ({})",
                keep.join(",")
            ),
            [],
        )?;
        tx.commit()?;
        Ok(ids)
    }

    /// What is known of each message of `ids`, in the same order.
    pub fn keywords_tried(&self, ids: &[i64]) -> Result<Vec<KeywordsTried>, StoreError> {
        let mut tried = self
            .conn
            .prepare_cached("SELECT generation FROM keyword_tried WHERE message_id = ?1")?;
        let mut hits = self
            .conn
            .prepare_cached("SELECT regex_id FROM keyword_hits WHERE message_id = ?1")?;
        ids.iter()
            .map(|&id| {
                let generation = tried.query_row([id], |r| r.get(0)).optional()?;
                Ok(match generation {
                    None => KeywordsTried::default(),
                    Some(generation) => KeywordsTried {
                        generation,
                        hits: hits
                            .query_map([id], |r| r.get(0))?
                            .collect::<Result<_, _>>()?,
                    },
                })
            })
            .collect()
    }

    /// Records messages as tried up to a generation, each with the regexes it newly matched.
    pub fn save_keywords_tried(&mut self, rows: &[(i64, i64, Vec<i64>)]) -> Result<(), StoreError> {
        let tx = self.tx()?;
        {
            let mut tried = tx.prepare_cached(
                "INSERT INTO keyword_tried(message_id, generation) VALUES (?1, ?2)
                 ON CONFLICT(message_id) DO UPDATE SET generation = ?2",
            )?;
            let mut hit = tx.prepare_cached(
                "INSERT OR IGNORE INTO keyword_hits(regex_id, message_id) VALUES (?1, ?2)",
            )?;
            for (message, generation, hits) in rows {
                tried.execute(params![message, generation])?;
                for h in hits {
                    hit.execute(params![h, message])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }
}
