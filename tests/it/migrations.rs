//! Migrations are frozen once shipped, and every database an earlier build wrote upgrades: its
//! review state, history and notes survive, its schema ends up exactly as a new database's, and
//! importing works afterwards. The earlier builds' schemas are the files as they were committed
//! at each change (`fixtures/schema-history/`, written by `scripts/schema-history`), not today's.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sha1::{Digest, Sha1};

use crate::helpers::{Env, dump, fixtures};

/// Every shipped migration and its git blob id (`git hash-object FILE`). A shipped file never
/// changes again: fix things in a new migration, and add its line here when it ships.
const SHIPPED: [(&str, &str); 24] = [
    (
        "0001_messages.sql",
        "8d9f185ba2b04206623e899595f80781de28dd5f",
    ),
    (
        "0002_series.sql",
        "a9d02d80846ea1ac6ab2a60cdce4784706cb3c27",
    ),
    (
        "0003_subsystems.sql",
        "547098c0c3c13e3cd88274acdcf7f1bafd3e5d82",
    ),
    ("0004_links.sql", "9b76fb1a6f4e10a75060d0fd27d82b1be3a9e0da"),
    (
        "0005_search.sql",
        "85f874565796f045a642ae0d8763401d1d248415",
    ),
    (
        "0006_report.sql",
        "7d27048bdc36f29c2c7d170c9b765590ad05dbf6",
    ),
    (
        "0007_series_firsts.sql",
        "2814784772a2315c09fe15af42799c05fde8f055",
    ),
    (
        "0008_robustness.sql",
        "20d6cfe467bc7a004f6dbf51efed1e4881bb1a7a",
    ),
    ("0009_trust.sql", "7950cccf14494ec93f0e76a19cc499ad81122467"),
    (
        "0010_remotes.sql",
        "d9e3a31097e159cbba8a582e9c0bfce5b554ede9",
    ),
    (
        "0011_keywords.sql",
        "b511aab357d904e50b6eb58adc6c700f5b6f77eb",
    ),
    ("0012_share.sql", "4a7ae322faf814f6e30b7b756cf39519a385a59e"),
    (
        "0013_catch_all.sql",
        "f0cb6a81da96f508209c704b98a32926b0c6f964",
    ),
    ("0014_bots.sql", "52a081a92667228d97431c6a44bd022a26f727e9"),
    (
        "0015_pull_tip.sql",
        "d2b88fe1c73a59d7dc1ba47719980d598e8e8922",
    ),
    (
        "0016_squash.sql",
        "18208b68f834e57ebaae3ec5260d4024b22e09c6",
    ),
    (
        "0017_routes.sql",
        "8064b17be90c114850bcd46139f5f6bc49cc7031",
    ),
    (
        "0018_routes_several.sql",
        "5628bcbf53c49fd8e3623080dd3cb60e196e8d9a",
    ),
    (
        "0019_subject_index.sql",
        "a6e882a4ad6ad5bf2a75d72b776a1b1a1f7df3f6",
    ),
    (
        "0020_thanked.sql",
        "2996aeb1fb45002cc3c86129d521b03ba524c96f",
    ),
    (
        "0021_submitter_nocase.sql",
        "7031ccd66bbc10c180a98927f5565986413c2353",
    ),
    (
        "0022_no_path_indexes.sql",
        "e2c291a2340506ea1035924f09133f77b678a800",
    ),
    (
        "0023_fts_hashsize.sql",
        "f9b35385f46b1d92d9cbe74139c23a43463f0fc1",
    ),
    (
        "0024_fts_automerge.sql",
        "1b483a5fd27c7e7af1092f8abdd058adee4f8dfc",
    ),
];

fn blob_id(data: &[u8]) -> String {
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", data.len()).as_bytes());
    h.update(data);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
}

#[test]
fn shipped_migrations_never_change() {
    for (name, id) in SHIPPED {
        let data = fs::read(schema_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            blob_id(&data),
            id,
            "schema/{name} changed after it shipped: databases in the field already ran it; \
             put the change in a new migration"
        );
    }
}

/// Each table's columns (name, type, not null, default) and each index's definition.
fn shape(db: &Path) -> BTreeMap<String, String> {
    let conn = Connection::open(db).unwrap();
    let objects: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'message_fts_%'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = BTreeMap::new();
    for (kind, name, sql) in objects {
        let what = match kind.as_str() {
            "table" => {
                let cols: Vec<String> = conn
                    .prepare(&format!("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('{name}') ORDER BY name"))
                    .unwrap()
                    .query_map([], |r| {
                        Ok(format!(
                            "{} {} {} {:?}",
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, Option<String>>(3)?
                        ))
                    })
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                cols.join(", ")
            }
            _ => sql
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        };
        out.insert(format!("{kind} {name}"), what);
    }
    let pragmas: (i64, i64) = conn
        .query_row(
            "SELECT * FROM pragma_user_version, pragma_application_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    out.insert("pragmas".into(), format!("{pragmas:?}"));
    // The search index's settings (0023, 0024) live in its config table, not in the schema.
    let fts: Vec<String> = conn
        .prepare("SELECT k || '=' || v FROM message_fts_config ORDER BY k")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    out.insert("search index settings".into(), fts.join(", "));
    out
}

/// A database as the build of `state` left it: its schema files applied, at its version.
fn old_database(state: &Path, db: &Path) -> usize {
    let mut files: Vec<PathBuf> = fs::read_dir(state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "page_size", 16384).unwrap();
    for f in &files {
        conn.execute_batch(&fs::read_to_string(f).unwrap()).unwrap();
    }
    conn.pragma_update(None, "user_version", files.len() as i64)
        .unwrap();
    files.len()
}

/// Review state, history and a note on the sample's v1 series, as a person left them.
const REVIEW: &str = "
    INSERT INTO review_state(key, state, source, delegate, archived, updated)
      VALUES ('20261005-foo-v1-0@example.org', 'deferred', 'person', 'rita@example.org', 1, 100);
    INSERT INTO events(key, at, kind, old, new, who, why) VALUES
      ('20261005-foo-v1-0@example.org', 100, 'state', 'new', 'deferred', 'max@example.org', 'later'),
      ('20261005-foo-v1-0@example.org', 101, 'note', NULL, 'ask Jane about locking', 'max@example.org', NULL);";

/// The sample's messages stored the way the first build stored them (raw bytes compressed in a
/// chunk, the columns it had), so that the repair of the columns later builds added, and the
/// parse it schedules, are exercised on real rows.
fn first_build_rows(db: &Path) {
    let mbox = fs::read(fixtures().join("sample.mbox")).unwrap();
    let mut raws = Vec::new();
    let mut sink = |item: patchq::source::Item, _: patchq::source::Resume| {
        if let patchq::source::Item::Message { raw, .. } = item {
            raws.push(raw);
        }
        true
    };
    patchq::source::split_mbox(&mut std::io::BufReader::new(&mbox[..]), 1 << 24, &mut sink)
        .unwrap();
    let conn = Connection::open(db).unwrap();
    let all: Vec<u8> = raws.concat();
    let packed = zstd::bulk::compress(&all, 1).unwrap();
    conn.execute("INSERT INTO raw_chunks(id, data) VALUES (1, ?1)", [packed])
        .unwrap();
    conn.execute(
        "INSERT INTO imports(id, started, inputs) VALUES (1, 1, '[]')",
        [],
    )
    .unwrap();
    let mut offset = 0;
    for (i, raw) in raws.iter().enumerate() {
        let mail = patchq::parse::parse_mail(raw, &Default::default()).unwrap();
        conn.execute(
            "INSERT INTO messages(msgid, content_hash, locator, import_id, from_name, from_email,
                 subject, kind, raw_chunk, raw_offset, raw_size, date, refs, in_reply_to)
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?12)",
            rusqlite::params![
                mail.msgid.as_str(),
                patchq::parse::content_hash(&mail).to_be_bytes().to_vec(),
                format!("byte {i}"),
                mail.from.name,
                mail.from.email,
                mail.subject,
                mail.kind.as_str(),
                offset as i64,
                raw.len() as i64,
                mail.date.map(|d| d.utc),
                mail.references
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                mail.in_reply_to.as_ref().map(|r| r.as_str()),
            ],
        )
        .unwrap();
        offset += raw.len();
    }
}

#[test]
fn databases_written_by_every_earlier_build_upgrade_keep_review_state_and_import_afterwards() {
    let fresh = Env::new();
    assert_eq!(fresh.import(&[&fixtures().join("sample.mbox")]).code, 0);
    let want_shape = shape(&fresh.db());
    assert_eq!(
        want_shape["search index settings"], "automerge=0, hashsize=33554432, version=4",
        "new postings gathered in 32 MiB before a segment is written, merged only at crisismerge"
    );
    let want = dump(&fresh.db());
    let mut states: Vec<PathBuf> = fs::read_dir(fixtures().join("schema-history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    states.sort();
    assert!(states.len() >= 10, "{states:?}");
    for state in &states {
        let name = state.file_name().unwrap().to_string_lossy().into_owned();
        let env = Env::new();
        let version = old_database(state, &env.db());
        let conn = Connection::open(env.db()).unwrap();
        if version >= 2 {
            conn.execute_batch(REVIEW).unwrap();
        }
        // The first build's databases: messages stored before `diffstat` and `trailers` existed.
        let first = name.starts_with("01-");
        if first {
            first_build_rows(&env.db());
        }
        drop(conn);
        let r = env.import(&[&fixtures().join("sample.mbox")]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        if first {
            assert!(
                r.stderr
                    .contains("read the stored mail again for what this version keeps"),
                "{name}: {}",
                r.stderr
            );
        }
        assert_eq!(
            shape(&env.db()),
            want_shape,
            "{name}: the schema after upgrading"
        );
        let got = dump(&env.db());
        // Everything derived equals a new database's; the person's review record is kept.
        let derived = |d: &str| d.split("== review_state").next().unwrap().to_string();
        assert_eq!(derived(&got), derived(&want), "{name}");
        if version >= 2 {
            assert!(
                got.contains("20261005-foo-v1-0@example.org | deferred | person | rita@example.org | 1 | 100\n"),
                "{name}: {got}"
            );
            assert!(
                got.contains("| 101 | note |  | ask Jane about locking | max@example.org |"),
                "{name}"
            );
            assert!(
                got.contains("| 100 | state | new | deferred | max@example.org | later"),
                "{name}"
            );
        }
    }
}
