-- 0012: review events shared between co-maintainers' replicas through a git ref (`patchq share`).
-- An event a person made (state, delegate, archive, note) gets a globally unique id, the Lamport
-- clock of the replica that made it and that replica's id, and travels; automatic events (rules,
-- mail commands, landings) have none and never travel: every replica derives them from the same
-- mail and commits. `shared` is 1 once the event is in the local share history (made here and
-- recorded, or pulled from it). What a person set on a series is its last person event in the
-- order (lamport, who, uid), which every replica computes alike.

ALTER TABLE events ADD COLUMN uid TEXT;
ALTER TABLE events ADD COLUMN lamport INTEGER;
ALTER TABLE events ADD COLUMN replica TEXT;
ALTER TABLE events ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;

-- This replica: a random id, and the Lamport clock (the highest clock seen).
INSERT INTO meta(name, value) VALUES ('replica', abs(random()))
    ON CONFLICT(name) DO NOTHING;

-- Person events made before this version travel too: they get ids and clocks in the order
-- they were made. Mail commands (`pw-bot:`) and rules are automatic.
UPDATE events SET
    uid = lower(hex(randomblob(16))),
    lamport = id,
    replica = printf('%016x', (SELECT value FROM meta WHERE name = 'replica'))
WHERE who <> 'patchq'
  AND kind IN ('state', 'delegate', 'archive', 'note')
  AND (kind <> 'state' OR why IS NULL OR why NOT LIKE 'pw-bot: %');
INSERT INTO meta(name, value) VALUES ('lamport', coalesce((SELECT max(lamport) FROM events), 0))
    ON CONFLICT(name) DO NOTHING;

CREATE UNIQUE INDEX events_uid ON events(uid) WHERE uid IS NOT NULL;
-- The events still to record into the share history, and the last person event of a kind.
CREATE INDEX events_unshared ON events(shared, uid) WHERE uid IS NOT NULL AND shared = 0;
CREATE INDEX events_person ON events(key, kind, lamport) WHERE uid IS NOT NULL;

-- Git repositories the events are pushed to and pulled from.
CREATE TABLE share_remotes (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    added INTEGER NOT NULL,
    synced INTEGER                      -- Unix seconds of the last complete push or pull
) WITHOUT ROWID;
