-- 0003: subsystems from MAINTAINERS files and the series that touch them. The files' text is
-- kept (with what their tree said about directories), so that the sections and every series'
-- mapping can be rebuilt; the sections and the mapping are replaced on every load.

-- The MAINTAINERS files of the current load (several for projects that keep more than one).
CREATE TABLE maintainer_files (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,               -- the file's path, or repository:rev (commit)
    text TEXT NOT NULL,
    tree INTEGER NOT NULL,              -- a source tree told which names are directories
    dirs TEXT NOT NULL DEFAULT '',      -- those names, one a line
    loaded INTEGER NOT NULL             -- Unix seconds
);

-- One row per section, in file order.
CREATE TABLE subsystems (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT,
    lists TEXT NOT NULL DEFAULT ''      -- L: addresses, space separated
);
CREATE INDEX subsystems_name ON subsystems(name COLLATE NOCASE);

-- M: and R: people of each section, for --maintainer.
CREATE TABLE subsystem_people (
    subsystem_id INTEGER NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    role TEXT NOT NULL,                 -- M | R
    PRIMARY KEY (subsystem_id, email, role)
) WITHOUT ROWID;
CREATE INDEX subsystem_people_email ON subsystem_people(email);

-- Which subsystems a series touches: how many of its patches, in order (rank 0 first).
CREATE TABLE series_subsystems (
    series_id INTEGER NOT NULL,
    subsystem_id INTEGER NOT NULL,
    patches INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    how TEXT NOT NULL,                  -- path | keyword | list
    PRIMARY KEY (series_id, subsystem_id)
) WITHOUT ROWID;
CREATE INDEX series_subsystems_subsystem ON series_subsystems(subsystem_id, series_id);
