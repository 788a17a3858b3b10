//! Loaded MAINTAINERS files, their sections, and which series touch which section.

use std::collections::BTreeMap;

use rusqlite::params;

use super::{Store, StoreError};
use crate::maintainers::{Section, address};

/// A MAINTAINERS file as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaintainerFile {
    pub origin: String,
    pub text: String,
    /// A source tree said which names are directories: these.
    pub dirs: Option<Vec<String>>,
}

/// A series' patches with the paths each touches (old and new names), and the list it came by.
#[derive(Debug, Clone, Default)]
pub struct SeriesPaths {
    pub series_id: i64,
    pub list_id: Option<String>,
    /// (message row id, paths)
    pub patches: Vec<(i64, Vec<String>)>,
}

/// One subsystem a series touches, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesSubsystem {
    pub series_id: i64,
    /// Index of the section (file order), as loaded.
    pub section: usize,
    pub patches: u32,
    pub rank: u32,
    pub how: &'static str,
}

/// A subsystem with its outstanding work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubsystemLoad {
    pub name: String,
    pub status: Option<String>,
    pub outstanding: u64,
    /// Outstanding series nobody but their submitter answered.
    pub unreviewed: u64,
    pub oldest: Option<i64>,
}

impl Store {
    /// Replaces the loaded MAINTAINERS files and their sections (the mapping of series is
    /// cleared; the caller writes the new one).
    pub fn replace_maintainers(
        &mut self,
        files: &[MaintainerFile],
        sections: &[Section],
        now: i64,
    ) -> Result<(), StoreError> {
        let tx = self.tx()?;
        tx.execute_batch(
            "DELETE FROM series_subsystems; DELETE FROM subsystem_people; DELETE FROM subsystems;
             DELETE FROM maintainer_files;",
        )?;
        for f in files {
            tx.execute(
                "INSERT INTO maintainer_files(origin, text, tree, dirs, loaded) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    f.origin,
                    f.text,
                    f.dirs.is_some(),
                    f.dirs.as_deref().unwrap_or_default().join("\n"),
                    now
                ],
            )?;
        }
        let mut section = tx.prepare(
            "INSERT INTO subsystems(id, name, status, lists, catch_all)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut person = tx.prepare(
            "INSERT OR IGNORE INTO subsystem_people(subsystem_id, email, role) VALUES (?1, ?2, ?3)",
        )?;
        for (i, s) in sections.iter().enumerate() {
            let id = i as i64 + 1;
            let lists: Vec<&str> = s.list_addresses().collect();
            let all = s.is_catch_all();
            section.execute(params![id, s.name, s.status, lists.join(" "), all])?;
            for (role, people) in [("M", &s.maintainers), ("R", &s.reviewers)] {
                for p in people.iter().filter_map(|p| address(p)) {
                    person.execute(params![id, p.to_lowercase(), role])?;
                }
            }
        }
        drop((section, person));
        tx.commit()?;
        Ok(())
    }

    /// The loaded MAINTAINERS files, in load order.
    pub fn maintainer_files(&self) -> Result<Vec<MaintainerFile>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT origin, text, tree, dirs FROM maintainer_files ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let tree: bool = r.get(2)?;
            let dirs: String = r.get(3)?;
            Ok(MaintainerFile {
                origin: r.get(0)?,
                text: r.get(1)?,
                dirs: tree.then(|| dirs.lines().map(str::to_string).collect()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Patches and their touched paths, for the given series (all when `None`).
    pub fn series_paths(&self, only: Option<&[i64]>) -> Result<Vec<SeriesPaths>, StoreError> {
        const SQL: &str = "SELECT s.id, s.list_id, p.message_id, f.old_path, f.new_path
             FROM series s JOIN placement p ON p.series_id = s.id AND p.role = 'patch'
             LEFT JOIN message_files f ON f.message_id = p.message_id";
        let mut stmt = match only {
            Some(_) => self.conn.prepare_cached(&format!(
                "{SQL} WHERE s.id = ?1 ORDER BY p.number, p.message_id, f.seq"
            ))?,
            None => self.conn.prepare_cached(&format!(
                "{SQL} WHERE ?1 IS NULL ORDER BY s.id, p.number, p.message_id, f.seq"
            ))?,
        };
        let mut by_series: BTreeMap<i64, SeriesPaths> = BTreeMap::new();
        let ids: Vec<Option<i64>> = match only {
            Some(ids) => ids.iter().map(|&i| Some(i)).collect(),
            None => vec![None],
        };
        for id in ids {
            let mut rows = stmt.query(params![id])?;
            while let Some(r) = rows.next()? {
                let (sid, list, msg): (i64, Option<String>, i64) =
                    (r.get(0)?, r.get(1)?, r.get(2)?);
                let sp = by_series.entry(sid).or_insert_with(|| SeriesPaths {
                    series_id: sid,
                    list_id: list,
                    patches: Vec::new(),
                });
                if sp.patches.last().is_none_or(|(m, _)| *m != msg) {
                    sp.patches.push((msg, Vec::new()));
                }
                let paths = &mut sp.patches.last_mut().expect("pushed").1;
                for col in [3, 4] {
                    if let Some(p) = r.get::<_, Option<String>>(col)?
                        && !paths.contains(&p)
                    {
                        paths.push(p);
                    }
                }
            }
        }
        Ok(by_series.into_values().collect())
    }

    /// Replaces the subsystems of the given series (all when `None`).
    pub fn save_series_subsystems(
        &mut self,
        only: Option<&[i64]>,
        rows: &[SeriesSubsystem],
    ) -> Result<(), StoreError> {
        let tx = self.tx()?;
        match only {
            None => {
                tx.execute("DELETE FROM series_subsystems", [])?;
            }
            Some(ids) => {
                let mut del =
                    tx.prepare_cached("DELETE FROM series_subsystems WHERE series_id = ?1")?;
                for id in ids {
                    del.execute([id])?;
                }
            }
        }
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO series_subsystems(series_id, subsystem_id, patches, rank, how)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(series_id, subsystem_id) DO UPDATE SET patches = ?3, rank = ?4, how = ?5",
            )?;
            for r in rows {
                ins.execute(params![
                    r.series_id,
                    r.section as i64 + 1,
                    r.patches,
                    r.rank,
                    r.how
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Names of the loaded subsystems, in file order.
    pub fn subsystem_names(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM subsystems ORDER BY id")?;
        Ok(stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// How many subsystems are loaded.
    pub fn subsystem_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM subsystems", [], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    }

    /// Outstanding series per subsystem (states not closed, not archived), busiest first, the
    /// catch-all sections last.
    pub fn subsystem_load(&self, closed: &[&str]) -> Result<Vec<SubsystemLoad>, StoreError> {
        let marks = vec!["?"; closed.len()].join(", ");
        let sql = format!(
            "SELECT u.name, u.status, count(*),
                    count(*) FILTER (WHERE NOT EXISTS (
                        SELECT 1 FROM placement p JOIN messages m ON m.id = p.message_id
                        WHERE p.series_id = s.id AND p.role = 'reply'
                          AND lower(m.from_email) <> lower(s.submitter_email))),
                    min(s.date)
             FROM series_subsystems x JOIN subsystems u ON u.id = x.subsystem_id
             JOIN series s ON s.id = x.series_id LEFT JOIN review_state r ON r.key = s.key
             WHERE coalesce(r.state, 'new') NOT IN ({marks}) AND coalesce(r.archived, 0) = 0
             GROUP BY u.id ORDER BY u.catch_all, count(*) DESC, u.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(closed.iter()), |r| {
            Ok(SubsystemLoad {
                name: r.get(0)?,
                status: r.get(1)?,
                outstanding: r.get::<_, i64>(2)? as u64,
                unreviewed: r.get::<_, i64>(3)? as u64,
                oldest: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Names of the sections where `email` is `M:` or `R:`.
    /// Every address that is an `M:` or `R:` of some subsystem, sorted.
    pub fn subsystem_addresses(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT email FROM subsystem_people ORDER BY email")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn subsystems_of_person(&self, email: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT u.name FROM subsystem_people p JOIN subsystems u ON u.id = p.subsystem_id
             WHERE p.email = ?1 ORDER BY u.name",
        )?;
        let rows = stmt.query_map([email.to_lowercase()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
