-- 0017: which of the linked repositories each series belongs to (a list feeding several, like
-- B.A.T.M.A.N.'s batman-adv, batctl and alfred): the repository its commits landed in, else
-- the one whose tree holds the files it touches. Keyed by the series key, so it survives
-- rebuilds; `link` fills it.
CREATE TABLE series_repos (
    series_key TEXT PRIMARY KEY,
    repo TEXT NOT NULL,                 -- canonical path, as link_revs.repo ('' for none)
    how TEXT NOT NULL                   -- landed | paths | none (no repository fits: not asked again)
) WITHOUT ROWID;
CREATE INDEX series_repos_repo ON series_repos(repo);
