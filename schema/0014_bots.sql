-- 0014: mail a program sent (CI systems, test robots, trackers: a known bot's address or name,
-- `Auto-Submitted:`, `X-Patchwork-Bot:`, or the user's `bots` setting) never starts review and
-- never counts as a review reply or reviewer. Mail stored before is parsed again to tell: a
-- rebuild is scheduled, which the next write command carries out.
ALTER TABLE messages ADD COLUMN bot INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO meta(name, value)
    SELECT 'rebuild_pending', 0 WHERE EXISTS (SELECT 1 FROM messages);
