-- 0004: git linking. The revisions scanned (and the commit each resolved to last time, so the
-- next run reads only new commits), the commits read (facts, paths, the Message-IDs their
-- messages name, and the diff's patch-id and changed-line fingerprint once computed: cached, never
-- recomputed), and the links from commits to posted patches, keyed by the patch's Message-ID so
-- they survive rebuilds of messages and series.

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
CREATE INDEX commits_time ON commits(commit_time);

-- Which scanned revisions reach a commit (a commit no revision reaches loses its link).
CREATE TABLE commit_revs (
    rev_id INTEGER NOT NULL,
    commit_id INTEGER NOT NULL,
    PRIMARY KEY (rev_id, commit_id)
) WITHOUT ROWID;
CREATE INDEX commit_revs_commit ON commit_revs(commit_id);

CREATE TABLE commit_paths (
    path TEXT NOT NULL,
    commit_id INTEGER NOT NULL,
    PRIMARY KEY (path, commit_id)
) WITHOUT ROWID;
CREATE INDEX commit_paths_commit ON commit_paths(commit_id);

CREATE TABLE commit_refs (
    msgid TEXT NOT NULL,
    commit_id INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- link | message-id | closes
    PRIMARY KEY (msgid, commit_id)
) WITHOUT ROWID;
CREATE INDEX commit_refs_commit ON commit_refs(commit_id);

-- A commit applies at most one patch; a patch may land as several commits (cherry-picks).
CREATE TABLE commit_links (
    commit_id INTEGER PRIMARY KEY,
    msgid TEXT NOT NULL,                -- the patch's Message-ID
    method TEXT NOT NULL,               -- link-trailer | patch-id | diff | subject
    score REAL NOT NULL
);
CREATE INDEX commit_links_msgid ON commit_links(msgid);

-- Patches are looked up by the paths commits touch.
CREATE INDEX message_files_new_path ON message_files(new_path);
CREATE INDEX message_files_old_path ON message_files(old_path);

-- Small counters: the highest message row already matched against the commits.
CREATE TABLE link_meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
