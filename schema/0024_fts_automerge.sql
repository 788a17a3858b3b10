-- 0024: the search index merges its segments only when a level holds 16 of them (FTS5's
-- crisismerge) instead of merging a little on every write once a level holds 4 (automerge).
-- Each posting is then rewritten about half as often over an archive's life. Interleaved on
-- this machine: 1M messages imported in 91 -> 81 s (medians of 2 and 4 runs), 234k in 15.3 ->
-- 14.4 s (3 runs each); at 1M the index holds 23 segments instead of 12 and searches take the
-- same time (0.04 s for `memory leak`, 1.2 s for `stm32` over 1M messages, both ways).
INSERT INTO message_fts(message_fts, rank) VALUES ('automerge', 0);
