-- 0002: what maintainers triage. Threads, series and their revisions, replies and the review
-- trailers collected from them are derived from the messages and rebuilt as mail arrives; review
-- state and its history are set by people (or automatic rules) and are kept by series key (the
-- cover letter's or first patch's Message-ID), never by row id, so they survive every rebuild.

-- Threads, by the Message-ID at their top (which may be a message not imported).
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    root TEXT NOT NULL UNIQUE
);

-- Where each message sits: its thread, and the series it belongs to as cover letter, patch or
-- reply. A narrow table of its own, so rebuilding touches few pages.
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
);
CREATE INDEX placement_thread ON placement(thread);
CREATE INDEX placement_series ON placement(series_id, role, number) WHERE series_id IS NOT NULL;

-- Message-IDs that threads name but that were not imported (yet), so that a message arriving
-- later finds the threads it belongs to.
CREATE TABLE thread_ids (
    msgid TEXT PRIMARY KEY,
    thread INTEGER NOT NULL             -- threads.id
) WITHOUT ROWID;
CREATE INDEX thread_ids_thread ON thread_ids(thread);

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
);
CREATE INDEX series_submitter ON series(submitter_email, date);
CREATE INDEX series_date ON series(date);
CREATE INDEX series_previous ON series(previous) WHERE previous IS NOT NULL;
CREATE INDEX series_change_id ON series(change_id) WHERE change_id IS NOT NULL;
CREATE INDEX series_thread ON series(thread);

-- Trailers collected from replies for each patch; mismatches are kept, not applied.
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
    applied INTEGER NOT NULL,
    PRIMARY KEY (series_id, seq)
) WITHOUT ROWID;

-- Review state: absent means "new". source says who set it: a person, or an automatic rule.
CREATE TABLE review_state (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    source TEXT NOT NULL,               -- person | auto
    delegate TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL
) WITHOUT ROWID;

-- Every change of review state, by whom and why.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- state | delegate | archive | note
    old TEXT,
    new TEXT,
    who TEXT NOT NULL,                  -- an address, or "patchq" for automatic rules
    why TEXT
);
CREATE INDEX events_key ON events(key, at);
