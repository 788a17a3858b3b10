-- 0016: a commit may apply several patches of one series squashed together (method `squash`,
-- score the share of each patch's changed lines the commit holds): links are keyed by commit
-- and patch, no longer by commit alone.
CREATE TABLE commit_links_by_patch (
    commit_id INTEGER NOT NULL,
    msgid TEXT NOT NULL,                -- the patch's Message-ID
    method TEXT NOT NULL,               -- link-trailer | patch-id | diff | subject | reply-diff | squash | pull
    score REAL NOT NULL,
    PRIMARY KEY (commit_id, msgid)
) WITHOUT ROWID;
INSERT INTO commit_links_by_patch(commit_id, msgid, method, score)
    SELECT commit_id, msgid, method, score FROM commit_links;
DROP TABLE commit_links;
ALTER TABLE commit_links_by_patch RENAME TO commit_links;
CREATE INDEX commit_links_msgid ON commit_links(msgid);
