-- 0021: series by sender, compared without case as assembly compares them (`series_of_sender`:
-- `submitter_email = ? COLLATE NOCASE AND date BETWEEN ...`). The index of 0002 has the binary
-- collation, so SQLite could not use it for that comparison and walked every series of the
-- date window instead, for each sender of each assembly: on a busy list, the series of half a
-- year per sender.
DROP INDEX series_submitter;
CREATE INDEX series_submitter ON series(submitter_email COLLATE NOCASE, date);
