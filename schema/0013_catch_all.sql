-- 0013: catch-all sections (a section whose F: patterns match every path, such as Linux's THE
-- REST with `F: *` and `F: */`) apply to a series only when no other section does, and are listed
-- last. Databases loaded before know none as catch-all until MAINTAINERS is loaded again (the
-- next `maintainers load`, or `sync` when it came from a repository).
ALTER TABLE subsystems ADD COLUMN catch_all INTEGER NOT NULL DEFAULT 0;
