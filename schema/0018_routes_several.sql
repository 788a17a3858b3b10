-- 0018: a series may belong to several repositories (the B.A.T.M.A.N. list's yearly copyright
-- updates are one series with a patch for each of batman-adv, batctl and alfred): each patch is
-- routed, and the series belongs to every repository one of its patches went to. Routes are
-- keyed by series and repository; `link` routes every series again on its next run.
DROP TABLE series_repos;
CREATE TABLE series_repos (
    series_key TEXT NOT NULL,
    repo TEXT NOT NULL,                 -- canonical path, as link_revs.repo ('' for none)
    how TEXT NOT NULL,                  -- landed | paths | none (no repository fits: not asked again)
    PRIMARY KEY (series_key, repo)
) WITHOUT ROWID;
CREATE INDEX series_repos_repo ON series_repos(repo);
DELETE FROM link_meta WHERE name = 'route_repos';
