-- Generated from schema/NNNN_*.sql by `UPDATE_GENERATED=1 cargo test --lib snapshot`:
-- what the migrations make of a new database, in one step. Never edit it by hand.

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
, pid INTEGER);
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
, pw_bot TEXT, parse_error TEXT, raw_hash INTEGER, attestation TEXT, attest_detail TEXT, sender_via TEXT, bot INTEGER NOT NULL DEFAULT 0, pull_tip TEXT);
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
CREATE TABLE message_lists (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    list_id TEXT NOT NULL,
    PRIMARY KEY (message_id, list_id)
) WITHOUT ROWID;
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    msgid TEXT NOT NULL,
    content_hash BLOB NOT NULL,
    import_id INTEGER REFERENCES imports(id),
    source_id INTEGER REFERENCES sources(id),
    locator TEXT NOT NULL,
    raw_chunk INTEGER NOT NULL REFERENCES raw_chunks(id),
    raw_offset INTEGER NOT NULL,
    raw_size INTEGER NOT NULL, raw_hash INTEGER,
    UNIQUE (msgid, content_hash)
);
CREATE TABLE rejects (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    source_path TEXT NOT NULL,
    locator TEXT,
    msgid TEXT,
    reason TEXT NOT NULL,
    raw BLOB                            -- zstd, when there was anything to keep
);
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    root TEXT NOT NULL UNIQUE
);
CREATE TABLE placement (
    message_id INTEGER PRIMARY KEY,     -- messages.id
    thread INTEGER NOT NULL,            -- threads.id
    series_id INTEGER,
    role TEXT,                          -- cover | patch | reply
    number INTEGER,                     -- patches: the counter
    duplicate INTEGER NOT NULL DEFAULT 0,
    target_id INTEGER,                  -- replies: the cover letter or patch answered
    reviewed INTEGER NOT NULL DEFAULT 0, -- patches: review tags counted per person
    acked INTEGER NOT NULL DEFAULT 0,
    tested INTEGER NOT NULL DEFAULT 0
, conflict INTEGER NOT NULL DEFAULT 0);
CREATE TABLE thread_ids (
    msgid TEXT PRIMARY KEY,
    thread INTEGER NOT NULL             -- threads.id
) WITHOUT ROWID;
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,           -- Message-ID of the cover letter, else of the first patch
    kind TEXT NOT NULL,                 -- patch | pull
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    version_explicit INTEGER NOT NULL,
    total INTEGER NOT NULL,
    received INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    cover_id INTEGER,                   -- messages.id
    submitter_name TEXT NOT NULL,
    submitter_email TEXT NOT NULL,
    date INTEGER NOT NULL,
    last_activity INTEGER NOT NULL,
    list_id TEXT,
    prefixes TEXT NOT NULL DEFAULT '',  -- subject prefix tokens, space separated
    rfc INTEGER NOT NULL DEFAULT 0,
    resend INTEGER NOT NULL DEFAULT 0,
    change_id TEXT,
    thread TEXT NOT NULL,
    previous TEXT,                      -- key of the previous revision
    replies INTEGER NOT NULL DEFAULT 0,
    participants INTEGER NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0,
    acked INTEGER NOT NULL DEFAULT 0,
    tested INTEGER NOT NULL DEFAULT 0
, first_reply INTEGER, first_review INTEGER, first_ack INTEGER);
CREATE TABLE trailers (
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    patch_id INTEGER NOT NULL,          -- messages.id of the patch (the cover letter for a mismatch)
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    person_name TEXT,
    person_email TEXT,
    given_by INTEGER NOT NULL,          -- messages.id of the reply
    source TEXT NOT NULL,               -- reply | cover | carried
    carried_from TEXT,                  -- key of the series it was given to
    applied INTEGER NOT NULL, attestation TEXT,
    PRIMARY KEY (series_id, seq)
) WITHOUT ROWID;
CREATE TABLE review_state (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    source TEXT NOT NULL,               -- person | auto
    delegate TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- state | delegate | archive | note
    old TEXT,
    new TEXT,
    who TEXT NOT NULL,                  -- an address, or "patchq" for automatic rules
    why TEXT
, uid TEXT, lamport INTEGER, replica TEXT, shared INTEGER NOT NULL DEFAULT 0);
CREATE TABLE maintainer_files (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,               -- the file's path, or repository:rev (commit)
    text TEXT NOT NULL,
    tree INTEGER NOT NULL,              -- a source tree told which names are directories
    dirs TEXT NOT NULL DEFAULT '',      -- those names, one a line
    loaded INTEGER NOT NULL             -- Unix seconds
);
CREATE TABLE subsystems (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT,
    lists TEXT NOT NULL DEFAULT ''      -- L: addresses, space separated
, catch_all INTEGER NOT NULL DEFAULT 0);
CREATE TABLE subsystem_people (
    subsystem_id INTEGER NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    role TEXT NOT NULL,                 -- M | R
    PRIMARY KEY (subsystem_id, email, role)
) WITHOUT ROWID;
CREATE TABLE series_subsystems (
    series_id INTEGER NOT NULL,
    subsystem_id INTEGER NOT NULL,
    patches INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    how TEXT NOT NULL,                  -- path | keyword | list
    PRIMARY KEY (series_id, subsystem_id)
) WITHOUT ROWID;
CREATE TABLE link_revs (
    id INTEGER PRIMARY KEY,
    repo TEXT NOT NULL,                 -- canonical path of the repository
    rev TEXT NOT NULL,                  -- as given: HEAD, a branch, tag or commit, or A..B
    tip TEXT,                           -- the commit it resolved to at the last scan
    scanned INTEGER,                    -- Unix seconds of the last scan
    UNIQUE (repo, rev)
);
CREATE TABLE commits (
    id INTEGER PRIMARY KEY,
    sha TEXT NOT NULL UNIQUE,
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL,
    author_time INTEGER NOT NULL,
    commit_time INTEGER NOT NULL,
    subject TEXT NOT NULL,
    subject_key TEXT NOT NULL,          -- prefixes gone, case and white space folded
    merge INTEGER NOT NULL,
    paths_known INTEGER NOT NULL DEFAULT 0,   -- commit_paths filled (done only near patches' dates)
    content_known INTEGER NOT NULL DEFAULT 0, -- patch_id and lines computed
    patch_id TEXT,
    lines BLOB                          -- changed-line fingerprint: sorted little-endian u64s
);
CREATE TABLE commit_revs (
    rev_id INTEGER NOT NULL,
    commit_id INTEGER NOT NULL,
    PRIMARY KEY (rev_id, commit_id)
) WITHOUT ROWID;
CREATE TABLE commit_paths (
    path TEXT NOT NULL,
    commit_id INTEGER NOT NULL,
    PRIMARY KEY (path, commit_id)
) WITHOUT ROWID;
CREATE TABLE commit_refs (
    msgid TEXT NOT NULL,
    commit_id INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- link | message-id | closes
    PRIMARY KEY (msgid, commit_id)
) WITHOUT ROWID;
CREATE TABLE link_meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE message_fts USING fts5(
    subject, body, paths,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
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
CREATE TABLE keyword_regexes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regex TEXT NOT NULL UNIQUE          -- the K: value as written, with the matcher's version
);
CREATE TABLE keyword_hits (
    regex_id INTEGER NOT NULL REFERENCES keyword_regexes(id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, regex_id)
) WITHOUT ROWID;
CREATE TABLE keyword_tried (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    generation INTEGER NOT NULL         -- the highest regex id it was tried with
);
CREATE TABLE share_remotes (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    added INTEGER NOT NULL,
    synced INTEGER                      -- Unix seconds of the last complete push or pull
) WITHOUT ROWID;
CREATE TABLE "commit_links" (
    commit_id INTEGER NOT NULL,
    msgid TEXT NOT NULL,                -- the patch's Message-ID
    method TEXT NOT NULL,               -- link-trailer | patch-id | diff | subject | reply-diff | squash | pull
    score REAL NOT NULL,
    PRIMARY KEY (commit_id, msgid)
) WITHOUT ROWID;
CREATE TABLE series_repos (
    series_key TEXT NOT NULL,
    repo TEXT NOT NULL,                 -- canonical path, as link_revs.repo ('' for none)
    how TEXT NOT NULL,                  -- landed | paths | none (no repository fits: not asked again)
    PRIMARY KEY (series_key, repo)
) WITHOUT ROWID;
CREATE TABLE thanked (
    series_key TEXT PRIMARY KEY,
    msgid TEXT NOT NULL,                -- the thank-you mail's Message-ID
    at INTEGER NOT NULL                 -- Unix seconds it was written
) WITHOUT ROWID;
CREATE INDEX messages_patch_id ON messages(patch_id) WHERE patch_id IS NOT NULL;
CREATE INDEX messages_change_id ON messages(change_id) WHERE change_id IS NOT NULL;
CREATE INDEX rejects_import ON rejects(import_id);
CREATE INDEX placement_thread ON placement(thread);
CREATE INDEX placement_series ON placement(series_id, role, number) WHERE series_id IS NOT NULL;
CREATE INDEX thread_ids_thread ON thread_ids(thread);
CREATE INDEX series_date ON series(date);
CREATE INDEX series_previous ON series(previous) WHERE previous IS NOT NULL;
CREATE INDEX series_change_id ON series(change_id) WHERE change_id IS NOT NULL;
CREATE INDEX series_thread ON series(thread);
CREATE INDEX events_key ON events(key, at);
CREATE INDEX subsystems_name ON subsystems(name COLLATE NOCASE);
CREATE INDEX subsystem_people_email ON subsystem_people(email);
CREATE INDEX series_subsystems_subsystem ON series_subsystems(subsystem_id, series_id);
CREATE INDEX commits_time ON commits(commit_time);
CREATE INDEX commit_revs_commit ON commit_revs(commit_id);
CREATE INDEX commit_paths_commit ON commit_paths(commit_id);
CREATE INDEX commit_refs_commit ON commit_refs(commit_id);
CREATE INDEX messages_pw_bot ON messages(pw_bot) WHERE pw_bot IS NOT NULL;
CREATE INDEX messages_date ON messages(date);
CREATE INDEX messages_unparsed ON messages(id) WHERE parse_error IS NOT NULL;
CREATE INDEX keyword_hits_regex ON keyword_hits(regex_id);
CREATE UNIQUE INDEX events_uid ON events(uid) WHERE uid IS NOT NULL;
CREATE INDEX events_unshared ON events(shared, uid) WHERE uid IS NOT NULL AND shared = 0;
CREATE INDEX events_person ON events(key, kind, lamport) WHERE uid IS NOT NULL;
CREATE INDEX messages_pull_tip ON messages(pull_tip) WHERE pull_tip IS NOT NULL;
CREATE INDEX commit_links_msgid ON commit_links(msgid);
CREATE INDEX series_repos_repo ON series_repos(repo);
CREATE INDEX commits_subject_key ON commits(subject_key);
CREATE INDEX series_submitter ON series(submitter_email COLLATE NOCASE, date);

INSERT INTO meta(name, value) VALUES ('assembled', 0);
INSERT INTO meta(name, value) VALUES ('lamport', 0);
INSERT INTO meta(name, value) VALUES ('replica', abs(random()));
INSERT INTO message_fts(message_fts, rank) VALUES ('automerge', 0);
INSERT INTO message_fts(message_fts, rank) VALUES ('hashsize', 33554432);
PRAGMA application_id = 1885434993;
PRAGMA user_version = 24;
