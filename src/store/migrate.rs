//! Schema migrations: `schema/NNNN_name.sql`, append-only (a test pins every shipped file's
//! hash), applied in order through `PRAGMA user_version`, all pending ones in one transaction
//! under an exclusive lock. A new database starts from `schema/snapshot/current.sql`, what the
//! migrations make of it, in one step. A newer database is
//! refused before this runs (`open`).
//!
//! Must not: hold a schema change anywhere but in a migration (the snapshot is generated from
//! them, and a test checks that both make the same database).

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

/// What the migrations make of a new database, in one script:
/// generated from them (`UPDATE_GENERATED=1 cargo test --lib snapshot`), never edited by hand. The
/// 24 migrations took 13-14 ms of a new database's first open (of 0.22 s for a Maildir of
/// 1,386 messages: the imports of tests, benchmarks and new users), most in the table rebuilds
/// and `ALTER TABLE`s that reparse the whole schema; the snapshot about 3 ms. Migrations after
/// it run as for any database of its version.
/// The script sets the version it brings.
const SNAPSHOT: &str = include_str!("../../schema/snapshot/current.sql");

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
    let mut found = version(conn)?;
    let fail = |version| {
        move |source| StoreError::Migration {
            path: path.to_path_buf(),
            version,
            source,
        }
    };
    if found == 0 && is_empty(conn)? {
        conn.execute_batch(SNAPSHOT).map_err(fail(1))?;
        found = version(conn)?;
    }
    steps(conn, found).map_err(|(version, e)| fail(version)(e))
}

/// True when the database holds nothing yet (no table, index or view).
fn is_empty(conn: &Connection) -> Result<bool, StoreError> {
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(objects == 0)
}

/// Runs the migrations after version `found`, each setting the version it brings; on failure,
/// the version that failed.
fn steps(conn: &Connection, found: u32) -> Result<(), (u32, rusqlite::Error)> {
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as u32 + 1;
        let fail = |e| (version, e);
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

    /// A new database made by the migrations one by one.
    fn by_steps() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("BEGIN").unwrap();
        steps(&conn, 0).unwrap();
        conn.execute_batch("COMMIT").unwrap();
        conn
    }

    /// Rows a new database draws at random, and how: (table, key column, key, value).
    const DRAWN: [(&str, &str, &str, &str); 1] = [("meta", "name", "replica", "abs(random())")];

    fn strings(conn: &Connection, sql: &str) -> Vec<String> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// The script that makes what `conn` holds (a new database) in one step: its tables,
    /// indexes, views and triggers as stored, its rows, its FTS5 settings, its ids.
    fn snapshot_of(conn: &Connection) -> String {
        let vtabs = strings(
            conn,
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
        );
        let shadow = |name: &str| vtabs.iter().any(|v| name.starts_with(&format!("{v}_")));
        let mut out = String::from(
            "-- Generated from schema/NNNN_*.sql by `UPDATE_GENERATED=1 cargo test --lib snapshot`:\n\
             -- what the migrations make of a new database, in one step. Never edit it by hand.\n\n",
        );
        for kind in ["table", "index", "view", "trigger"] {
            let sql = format!(
                "SELECT name || char(0) || sql FROM sqlite_master WHERE type = '{kind}' \
                 AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            );
            for row in strings(conn, &sql) {
                let (name, sql) = row.split_once('\0').unwrap();
                if !shadow(name) {
                    out += &format!("{sql};\n");
                }
            }
        }
        out += "\n";
        let tables = strings(
            conn,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' \
             ORDER BY rowid",
        );
        for table in tables.iter().filter(|t| !shadow(t)) {
            let cols = strings(
                conn,
                &format!("SELECT name FROM pragma_table_info('{table}')"),
            );
            let quoted: Vec<String> = cols.iter().map(|c| format!("quote(\"{c}\")")).collect();
            let skip = DRAWN
                .iter()
                .find(|d| d.0 == table)
                .map_or("1".into(), |(_, key, value, _)| {
                    format!("{key} IS NOT '{value}'")
                });
            let rows = format!(
                "SELECT 'INSERT INTO {table}({}) VALUES (' || {} || ');' FROM \"{table}\" \
                 WHERE {skip}",
                cols.join(", "),
                quoted.join(" || ', ' || "),
            );
            for row in strings(conn, &rows) {
                out += &format!("{row}\n");
            }
        }
        for (table, key, value, drawn) in DRAWN {
            let cols = strings(
                conn,
                &format!("SELECT name FROM pragma_table_info('{table}')"),
            );
            let other = cols.iter().find(|c| *c != key).unwrap();
            out += &format!("INSERT INTO {table}({key}, {other}) VALUES ('{value}', {drawn});\n");
        }
        for v in &vtabs {
            let settings = strings(
                conn,
                &format!(
                    "SELECT 'INSERT INTO {v}({v}, rank) VALUES (' || quote(k) || ', ' || \
                     quote(v) || ');' FROM {v}_config WHERE k <> 'version' ORDER BY k"
                ),
            );
            for s in settings {
                out += &format!("{s}\n");
            }
        }
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        out += &format!("PRAGMA application_id = {app};\n");
        out += &format!("PRAGMA user_version = {};\n", version(conn).unwrap());
        out
    }

    /// Everything a database holds, but for the rows drawn at random: each object as stored,
    /// every row of every table (FTS5's own included), its ids.
    fn contents(conn: &Connection) -> Vec<String> {
        let mut out = strings(
            conn,
            "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') \
             FROM sqlite_master ORDER BY type, name",
        );
        let tables = strings(
            conn,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' \
             ORDER BY name",
        );
        for table in tables {
            let cols = strings(
                conn,
                &format!("SELECT name FROM pragma_table_info('{table}')"),
            );
            let quoted: Vec<String> = cols.iter().map(|c| format!("quote(\"{c}\")")).collect();
            let mut rows = strings(
                conn,
                &format!(
                    "SELECT '{table}: ' || {} FROM \"{table}\"",
                    quoted.join(" || ', ' || ")
                ),
            );
            rows.sort();
            out.extend(rows);
        }
        out.retain(|r| {
            !DRAWN
                .iter()
                .any(|(t, _, v, _)| r.starts_with(&format!("{t}: '{v}'")))
        });
        for pragma in ["application_id", "user_version"] {
            let v: i64 = conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                .unwrap();
            out.push(format!("{pragma} {v}"));
        }
        out
    }

    fn replica(conn: &Connection) -> i64 {
        conn.query_row("SELECT value FROM meta WHERE name = 'replica'", [], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn the_snapshot_makes_what_the_migrations_make() {
        let stepped = by_steps();
        let generated = snapshot_of(&stepped);
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/snapshot/current.sql");
            std::fs::write(file, &generated).unwrap();
        }
        assert_eq!(
            SNAPSHOT, generated,
            "schema/snapshot/current.sql is not what the migrations make: \
             UPDATE_GENERATED=1 cargo test --lib snapshot writes it again"
        );
        // What the script makes, not only its text: a new store starts from it.
        let a = crate::store::Store::open_in_memory().unwrap();
        let b = crate::store::Store::open_in_memory().unwrap();
        let (got, want) = (contents(&a.conn), contents(&stepped));
        let only = |x: &[String], y: &[String]| -> Vec<String> {
            x.iter().filter(|r| !y.contains(r)).cloned().collect()
        };
        assert_eq!(
            (only(&got, &want), only(&want, &got)),
            (vec![], vec![]),
            "(made by the snapshot only, by the migrations only)"
        );
        assert!(contents(&stepped).contains(&format!("user_version {SCHEMA_VERSION}")));
        assert!(contents(&stepped).contains(&"meta: 'lamport', 0".to_string()));
        // Each new database is a replica of its own.
        assert!(replica(&a.conn) > 0 && replica(&stepped) > 0);
        assert_ne!(replica(&a.conn), replica(&b.conn));
    }

    /// A database not quite new (a table someone made, version 0) is not started from the
    /// snapshot: `open` refuses it as foreign before anything is migrated.
    #[test]
    fn only_an_empty_database_starts_from_the_snapshot() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(is_empty(&conn).unwrap());
        conn.execute_batch("CREATE TABLE t(x)").unwrap();
        assert!(!is_empty(&conn).unwrap());
    }

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
