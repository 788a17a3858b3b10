-- 0020: series a thank-you mail was written for (`patchq ty`), so the next run does not thank
-- them again. Keyed by the series key (the Message-ID of its cover letter or first patch): a
-- rebuild keeps it, like review state.
CREATE TABLE thanked (
    series_key TEXT PRIMARY KEY,
    msgid TEXT NOT NULL,                -- the thank-you mail's Message-ID
    at INTEGER NOT NULL                 -- Unix seconds it was written
) WITHOUT ROWID;
