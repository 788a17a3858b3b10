//! Opening a database file: read-write when possible, else read-only (a read-only file,
//! directory or file system, or a disk too full for SQLite's shared-memory file), after making
//! sure it is a patchq database this build can read, before anything in it is changed.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::StoreError;

/// `PRAGMA application_id` of patchq databases ("patq"), set by migration 0008. Older ones have 0
/// and are recognised by their tables.
pub const APPLICATION_ID: i64 = 0x7061_7471;

/// A connection to `path` and, when it cannot be written, why.
pub(super) fn connect(path: &Path) -> Result<(Connection, Option<String>), StoreError> {
    let open_err = |e: rusqlite::Error| StoreError::Open {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
    // Another command may hold a lock this instant (making the file WAL, migrating): wait.
    conn.busy_timeout(super::tx::wait_limit())
        .map_err(open_err)?;
    let first = match probe(&conn) {
        Ok(()) if conn.is_readonly("main").unwrap_or(false) => {
            return Ok((conn, Some("the file is read-only".into())));
        }
        Ok(()) => return Ok((conn, None)),
        Err(e) if !readable_otherwise(&e) || !path.exists() => return Err(open_err(e)),
        Err(e) => e,
    };
    drop(conn);
    // Nothing can be created beside the file (its directory or file system is read-only, or
    // the disk is full): read it as it is on disk.
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let ro = Connection::open_with_flags(&uri, flags).map_err(|_| open_err(first))?;
    ro.busy_timeout(super::tx::wait_limit()).map_err(open_err)?;
    probe(&ro).map_err(open_err)?;
    let mut why = "nothing can be written beside it (a read-only directory or a full disk)".into();
    if wal_has_changes(path) {
        why = format!("{why}; changes still in its -wal file are not seen");
    }
    Ok((ro, Some(why)))
}

/// Reads the schema: fails when the file cannot be read through this connection.
fn probe(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
}

/// Errors a read-only, immutable connection may get around.
fn readable_otherwise(e: &rusqlite::Error) -> bool {
    !matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) | None
    )
}

fn wal_has_changes(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// `path` as the path part of a `file:` URI.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Refuses a file that is not a patchq database (another program's SQLite file), and one written
/// by a newer patchq, before anything is changed in it. True when the file is new and empty.
pub(super) fn check_identity(
    conn: &Connection,
    path: &Path,
    supported: u32,
) -> Result<bool, StoreError> {
    // One read transaction: read one by one, the id, the version and the tables could straddle
    // another command's migration (no version yet, its tables already there: "not ours").
    conn.execute_batch("BEGIN")?;
    let checked = identity(conn, path, supported);
    conn.execute_batch("COMMIT")?;
    checked
}

fn identity(conn: &Connection, path: &Path, supported: u32) -> Result<bool, StoreError> {
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let foreign = |what: String| StoreError::Foreign {
        path: path.to_path_buf(),
        what,
    };
    if app != 0 && app != APPLICATION_ID {
        return Err(foreign(format!(
            "its application id is {app:#x}, not patchq's"
        )));
    }
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if app == 0 {
        if version == 0 && names.is_empty() {
            return Ok(true);
        }
        if version == 0 || !names.iter().any(|n| n == "messages") {
            let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
            return Err(foreign(format!("it holds {}", shown.join(", "))));
        }
    }
    if version > supported {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A command opening a database another one is creating reads its identity in one
    /// snapshot: never the tables of a finished migration beside the version of an empty file
    /// (which looked like another program's database and was refused).
    #[test]
    fn identity_is_read_in_one_snapshot_while_another_command_creates_the_database() {
        let dir = tempfile::tempdir().unwrap();
        for round in 0..60 {
            let path = dir.path().join(format!("race-{round}.db"));
            let creator = {
                let path = path.clone();
                std::thread::spawn(move || crate::store::Store::open(&path).map(|_| ()))
            };
            let supported = crate::store::SCHEMA_VERSION;
            // Until the creator is done (a failed creation ends the loop too, and shows below).
            while !creator.is_finished() {
                let (conn, _) = connect(&path).unwrap();
                if let Err(e) = check_identity(&conn, &path, supported) {
                    panic!("round {round}: {e}");
                }
            }
            creator.join().unwrap().unwrap();
        }
    }
}
