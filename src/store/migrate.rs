//! Schema migrations: `schema/NNNN_name.sql`, append-only (a test pins every shipped file's
//! hash), applied in order through `PRAGMA user_version`, all pending ones in one transaction
//! under an exclusive lock. A newer database is refused before this runs (`open`).

use std::path::Path;

use rusqlite::Connection;

use super::{Store, StoreError};

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
    (
        "0008_robustness",
        include_str!("../../schema/0008_robustness.sql"),
    ),
    ("0009_trust", include_str!("../../schema/0009_trust.sql")),
    (
        "0010_remotes",
        include_str!("../../schema/0010_remotes.sql"),
    ),
    (
        "0011_keywords",
        include_str!("../../schema/0011_keywords.sql"),
    ),
    ("0012_share", include_str!("../../schema/0012_share.sql")),
    (
        "0013_catch_all",
        include_str!("../../schema/0013_catch_all.sql"),
    ),
    ("0014_bots", include_str!("../../schema/0014_bots.sql")),
    (
        "0015_pull_tip",
        include_str!("../../schema/0015_pull_tip.sql"),
    ),
    ("0016_squash", include_str!("../../schema/0016_squash.sql")),
    ("0017_routes", include_str!("../../schema/0017_routes.sql")),
    (
        "0018_routes_several",
        include_str!("../../schema/0018_routes_several.sql"),
    ),
    (
        "0019_subject_index",
        include_str!("../../schema/0019_subject_index.sql"),
    ),
    (
        "0020_thanked",
        include_str!("../../schema/0020_thanked.sql"),
    ),
    (
        "0021_submitter_nocase",
        include_str!("../../schema/0021_submitter_nocase.sql"),
    ),
    (
        "0022_no_path_indexes",
        include_str!("../../schema/0022_no_path_indexes.sql"),
    ),
    (
        "0023_fts_hashsize",
        include_str!("../../schema/0023_fts_hashsize.sql"),
    ),
    (
        "0024_fts_automerge",
        include_str!("../../schema/0024_fts_automerge.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the schema up to date, all pending migrations in one transaction under an exclusive
/// lock (several commands opening a new database at once: one migrates, the others wait and then
/// find nothing left to do).
pub(super) fn apply(store: &Store) -> Result<(), StoreError> {
    let found = version(&store.conn)?;
    if found >= SCHEMA_VERSION {
        return Ok(());
    }
    if let Some(why) = store.read_only() {
        return Err(StoreError::NeedsUpgrade {
            path: store.path.clone(),
            found,
            wanted: SCHEMA_VERSION,
            why: why.to_string(),
        });
    }
    store.lock("BEGIN EXCLUSIVE")?;
    let result = migrate(&store.conn, &store.path);
    let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
    store.conn.execute_batch(end)?;
    result
}

fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    // Read again under the lock: another command may have migrated meanwhile.
    let found = version(conn)?;
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as u32 + 1;
        let fail = |source| StoreError::Migration {
            path: path.to_path_buf(),
            version,
            source,
        };
        if version == REPAIR_VERSION {
            repair_edited_migrations(conn).map_err(fail)?;
        }
        conn.execute_batch(sql).map_err(fail)?;
        conn.pragma_update(None, "user_version", version)
            .map_err(fail)?;
    }
    Ok(())
}

/// The migration that repairs what earlier builds left out.
const REPAIR_VERSION: u32 = 8;

/// Columns that shipped migrations gained by being edited after some databases had run them
/// (0001: `diffstat` and `trailers`; 0005: `pw_bot`): added where missing. Rows stored without
/// them are parsed again by the rebuild this schedules (`rebuild_pending`), which the next write
/// command carries out. (0005's `messages_pw_bot` index is made by 0008 itself.)
fn repair_edited_migrations(conn: &Connection) -> rusqlite::Result<()> {
    const ADDED_BY_EDITS: [(&str, &str); 3] = [
        ("diffstat", "INTEGER NOT NULL DEFAULT 0"),
        ("trailers", "TEXT"),
        ("pw_bot", "TEXT"),
    ];
    let have: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('messages')")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut repaired = false;
    for (column, decl) in ADDED_BY_EDITS {
        if !have.iter().any(|c| c == column) {
            conn.execute_batch(&format!("ALTER TABLE messages ADD COLUMN {column} {decl}"))?;
            repaired = true;
        }
    }
    let stored: i64 = conn.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?;
    if repaired && stored > 0 {
        // Process 0: scheduled, not started by anyone.
        conn.execute(
            "INSERT OR REPLACE INTO meta(name, value) VALUES ('rebuild_pending', 0)",
            [],
        )?;
    }
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
            conn.pragma_update(None, "application_id", super::super::open::APPLICATION_ID)
                .unwrap();
        }
        let err = crate::store::Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer than this patchq supports"));
    }
}
