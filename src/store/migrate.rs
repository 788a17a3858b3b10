//! Schema migrations: `schema/NNNN_name.sql`, append-only, applied in order through
//! `PRAGMA user_version`, all pending ones in one transaction. A newer database is refused.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Every migration, in order; the version of entry `i` is `i + 1`.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_messages",
        include_str!("../../schema/0001_messages.sql"),
    ),
    ("0002_series", include_str!("../../schema/0002_series.sql")),
    (
        "0003_subsystems",
        include_str!("../../schema/0003_subsystems.sql"),
    ),
    ("0004_links", include_str!("../../schema/0004_links.sql")),
    ("0005_search", include_str!("../../schema/0005_search.sql")),
    ("0006_report", include_str!("../../schema/0006_report.sql")),
    (
        "0007_series_firsts",
        include_str!("../../schema/0007_series_firsts.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(super) fn apply(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as u32 + 1;
        let fail = |source| StoreError::Migration {
            path: path.to_path_buf(),
            version,
            source,
        };
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(fail)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_file_is_listed_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS.iter().map(|(n, _)| format!("{n}.sql")).collect();
        assert_eq!(files, listed);
        for (i, name) in files.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name}");
        }
    }

    #[test]
    fn every_schema_file_starts_with_a_comment_saying_why() {
        for (name, sql) in MIGRATIONS {
            assert!(sql.starts_with("-- "), "{name} must start with a comment");
        }
    }

    #[test]
    fn bulk_rebuilt_indexes_match_the_schema() {
        let store = crate::store::Store::open_in_memory().unwrap();
        for (name, sql) in crate::store::assembly::BULK_INDEXES {
            let stored: String = store
                .conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(stored, sql, "{name}");
        }
    }

    #[test]
    fn newer_databases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let err = crate::store::Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer than this patchq supports"));
    }
}
