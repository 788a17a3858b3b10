-- 0005: mail commands and full-text search. Search covers subjects, message text (the commit message of a patch, the whole
-- text of other mail; diffs are left out) and touched paths. Contentless: the text lives in the
-- stored raw mail; the row id is messages.id. Filled up to a watermark before each search, so
-- imports stay as fast as before and databases from earlier versions are indexed on first use.

CREATE VIRTUAL TABLE message_fts USING fts5(
    subject, body, paths,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The review state a `pw-bot: <state>` line in a reply asks for (applied when its sender
-- maintains one of the series' subsystems). Mail imported before has none until `rebuild`.
ALTER TABLE messages ADD COLUMN pw_bot TEXT;
-- After every import the commands are looked for: only the few messages that carry one.
CREATE INDEX messages_pw_bot ON messages(pw_bot) WHERE pw_bot IS NOT NULL;

-- Small named counters of derived data (the highest message row indexed for search).
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
