-- 0007: when each series was first answered, first answered by someone other than its
-- submitter, and first given a Reviewed-by or Acked-by: the report asks this of every open
-- series, and reading every reply for it took seconds at a million messages. Filled by series
-- assembly; for series assembled before, computed here (the first review by a different address
-- and name; `patchq rebuild` applies the exact same-person rule).
ALTER TABLE series ADD COLUMN first_reply INTEGER;
ALTER TABLE series ADD COLUMN first_review INTEGER;
ALTER TABLE series ADD COLUMN first_ack INTEGER;
UPDATE series SET
    first_reply = (SELECT min(m.date) FROM placement p JOIN messages m ON m.id = p.message_id
        WHERE p.series_id = series.id AND p.role = 'reply'),
    first_review = (SELECT min(m.date) FROM placement p JOIN messages m ON m.id = p.message_id
        WHERE p.series_id = series.id AND p.role = 'reply'
        AND lower(m.from_email) != lower(series.submitter_email)
        AND m.from_name != series.submitter_name),
    first_ack = (SELECT min(m.date) FROM trailers t JOIN messages m ON m.id = t.given_by
        WHERE t.series_id = series.id AND t.name IN ('Reviewed-by', 'Acked-by')
        AND t.source != 'carried' AND t.applied = 1);
