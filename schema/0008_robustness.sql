-- 0008: a database that survives hostile mail, crashes and other writers. Messages the parser
-- fails on are kept (raw bytes and a minimal record) with the reason, to be parsed again by
-- `rebuild`; every message's raw bytes carry a checksum, so damage is found when they are read;
-- each import records its process, so that a command can tell an import still running from one
-- that was killed; a watermark says up to which message threads and series are built, written in
-- the same transaction as them, so work an interrupted command left is finished by the next.
-- Also the repairs of migrations edited after they shipped (see `repair_edited_migrations`):
-- `messages_pw_bot`, added to 0005 late, is created here where it is missing.

ALTER TABLE messages ADD COLUMN parse_error TEXT;   -- why the full parse failed (NULL: parsed)
ALTER TABLE messages ADD COLUMN raw_hash INTEGER;   -- xxh3-64 of the raw bytes (NULL before 0008)
ALTER TABLE conflicts ADD COLUMN raw_hash INTEGER;
ALTER TABLE imports ADD COLUMN pid INTEGER;          -- the importing process, while it runs

CREATE INDEX IF NOT EXISTS messages_pw_bot ON messages(pw_bot) WHERE pw_bot IS NOT NULL;
CREATE INDEX messages_unparsed ON messages(id) WHERE parse_error IS NOT NULL;

-- Messages up to this row id are threaded and assembled. Every message assembled has a
-- placement row; from the first one that has none (an import killed before assembly, by a
-- build that could not notice), everything is assembled again by the next write command.
INSERT OR REPLACE INTO meta(name, value)
SELECT 'assembled', coalesce(
    (SELECT min(m.id) - 1 FROM messages m
     WHERE m.deleted = 0 AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.message_id = m.id)),
    (SELECT max(id) FROM messages),
    0);

PRAGMA application_id = 1885434993;
