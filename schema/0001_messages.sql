-- 0001: the foundation. Every message read is kept whole (raw bytes, zstd-compressed in chunks of
-- consecutive messages, which compresses mail several times better than one message at a time)
-- next to its parsed fields, so nothing read is ever lost and everything parsed can be rebuilt. Inputs are
-- remembered so growing archives are read incrementally, and every import is recorded with the
-- messages it rejected and why.

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- canonical path, '-' for standard input
    kind TEXT NOT NULL,                 -- mbox | maildir | public-inbox | public-inbox-epoch | stdin
    list_id TEXT,                       -- --list given when it was imported
    read_offset INTEGER NOT NULL DEFAULT 0,   -- mbox: decompressed bytes read so far
    read_hash BLOB,                     -- mbox: xxh3-128 of those bytes
    file_size INTEGER,                  -- cheap "unchanged since last time" test
    file_mtime_ns INTEGER,
    file_edges BLOB,
    first_seen INTEGER NOT NULL,
    last_read INTEGER
);

-- public-inbox: the last commit imported from each epoch.
CREATE TABLE epochs (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    epoch INTEGER NOT NULL,
    last_commit TEXT NOT NULL,
    PRIMARY KEY (source_id, epoch)
) WITHOUT ROWID;

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    started INTEGER NOT NULL,
    finished INTEGER,
    inputs TEXT NOT NULL,               -- JSON array of the paths given
    read INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    patches INTEGER NOT NULL DEFAULT 0,
    elapsed_ms INTEGER
);

-- Raw messages, concatenated and compressed together; messages point into a chunk.
CREATE TABLE raw_chunks (
    id INTEGER PRIMARY KEY,
    data BLOB NOT NULL                  -- zstd
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    msgid TEXT NOT NULL UNIQUE,         -- normalised, no angle brackets
    msgid_synthetic INTEGER NOT NULL DEFAULT 0,
    content_hash BLOB NOT NULL,         -- tells a second copy from a different message
    source_id INTEGER REFERENCES sources(id),
    locator TEXT NOT NULL,              -- byte offset, Maildir file or epoch and commit
    import_id INTEGER REFERENCES imports(id),
    from_name TEXT NOT NULL,
    from_email TEXT NOT NULL,
    author_name TEXT,                   -- in-body From:, when it names someone else
    author_email TEXT,
    date INTEGER,                       -- Unix seconds, UTC
    date_offset INTEGER,                -- minutes east of UTC as written
    date_source TEXT,                   -- header | received
    subject TEXT NOT NULL,
    in_reply_to TEXT,
    refs TEXT NOT NULL DEFAULT '',      -- References ids, oldest first, space separated
    list_id TEXT,
    change_id TEXT,
    kind TEXT NOT NULL,                 -- patch | pull | comment
    patch_id TEXT,                      -- git patch-id --stable, hex
    pull_url TEXT,
    pull_branch TEXT,
    files INTEGER NOT NULL DEFAULT 0,
    lines_added INTEGER NOT NULL DEFAULT 0,
    lines_removed INTEGER NOT NULL DEFAULT 0,
    diffstat INTEGER NOT NULL DEFAULT 0, -- a "N files changed" line (cover letters)
    trailers TEXT,                      -- patches: their own; others: those they give (b4 rules)
    warnings TEXT,
    deleted INTEGER NOT NULL DEFAULT 0, -- public-inbox recorded its removal
    raw_chunk INTEGER NOT NULL REFERENCES raw_chunks(id),  -- the message as read;
    raw_offset INTEGER NOT NULL,        -- everything above derives from it
    raw_size INTEGER NOT NULL
);
-- Few indexes on purpose: every one costs on each of millions of inserts. Threading and
-- series assembly read messages in bulk; these serve the lookups that cannot.
CREATE INDEX messages_patch_id ON messages(patch_id) WHERE patch_id IS NOT NULL;
CREATE INDEX messages_change_id ON messages(change_id) WHERE change_id IS NOT NULL;

CREATE TABLE message_files (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    old_path TEXT,
    new_path TEXT,
    status TEXT NOT NULL,
    binary INTEGER NOT NULL,
    added INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    PRIMARY KEY (message_id, seq)
) WITHOUT ROWID;

-- Further lists a cross-posted message reached (the first is messages.list_id).
CREATE TABLE message_lists (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    list_id TEXT NOT NULL,
    PRIMARY KEY (message_id, list_id)
) WITHOUT ROWID;

-- A different message that arrived with an id already taken: the first one is kept, this one
-- is stored here so nothing is lost.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    msgid TEXT NOT NULL,
    content_hash BLOB NOT NULL,
    import_id INTEGER REFERENCES imports(id),
    source_id INTEGER REFERENCES sources(id),
    locator TEXT NOT NULL,
    raw_chunk INTEGER NOT NULL REFERENCES raw_chunks(id),
    raw_offset INTEGER NOT NULL,
    raw_size INTEGER NOT NULL,
    UNIQUE (msgid, content_hash)
);

-- Inputs and messages that could not be imported, with where they were and why.
CREATE TABLE rejects (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    source_path TEXT NOT NULL,
    locator TEXT,
    msgid TEXT,
    reason TEXT NOT NULL,
    raw BLOB                            -- zstd, when there was anything to keep
);
CREATE INDEX rejects_import ON rejects(import_id);
