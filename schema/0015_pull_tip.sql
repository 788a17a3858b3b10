-- 0015: the commit a pull request brings the tree up to ("for you to fetch changes up to SHA"):
-- `link` ties the pull request to the merge that has it as a parent (method `pull`), and the
-- pull becomes accepted. Mail stored before is parsed again to find it (the rebuild scheduled
-- below, or by 0014, which the next write command carries out).
ALTER TABLE messages ADD COLUMN pull_tip TEXT;
CREATE INDEX messages_pull_tip ON messages(pull_tip) WHERE pull_tip IS NOT NULL;
INSERT OR IGNORE INTO meta(name, value)
    SELECT 'rebuild_pending', 0 WHERE EXISTS (SELECT 1 FROM messages WHERE kind = 'pull');
