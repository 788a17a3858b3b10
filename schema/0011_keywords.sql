-- 0011: what MAINTAINERS `K:` regexes matched, so that each regex is tried once on each patch
-- (at import, or at the first load that has it) and loading a changed MAINTAINERS again tries
-- only its new or edited `K:` lines, instead of re-reading and re-parsing every patch's mail.
-- Regex ids only grow (AUTOINCREMENT): a patch tried up to `generation` was tried with every
-- regex whose id is not above it; a regex no longer loaded is dropped with its hits.

CREATE TABLE keyword_regexes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regex TEXT NOT NULL UNIQUE          -- the K: value as written, with the matcher's version
);

CREATE TABLE keyword_hits (
    regex_id INTEGER NOT NULL REFERENCES keyword_regexes(id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, regex_id)
) WITHOUT ROWID;
CREATE INDEX keyword_hits_regex ON keyword_hits(regex_id);

CREATE TABLE keyword_tried (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    generation INTEGER NOT NULL         -- the highest regex id it was tried with
);
