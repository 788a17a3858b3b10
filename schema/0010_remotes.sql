-- 0010: public-inbox remotes that `patchq sync` follows: where each is, from when on (older epochs
-- and messages are skipped, so a busy list can be followed from last month on), which list to
-- assume, and per epoch the manifest fingerprint last fetched (an epoch whose fingerprint did not
-- change is not fetched again). The mirrors are bare repositories beside the database, imported
-- as local inboxes, so how far each was read is the import's own progress.

CREATE TABLE remotes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,                  -- https://lore.kernel.org/linux-modules, or a local inbox
    since INTEGER,                      -- Unix seconds; NULL: everything
    list_id TEXT,                       -- --list: for mail that names no list
    added INTEGER NOT NULL,
    synced INTEGER                      -- Unix seconds of the last complete sync
);

CREATE TABLE remote_epochs (
    remote_id INTEGER NOT NULL REFERENCES remotes(id) ON DELETE CASCADE,
    epoch INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    fetched INTEGER NOT NULL,
    PRIMARY KEY (remote_id, epoch)
) WITHOUT ROWID;
