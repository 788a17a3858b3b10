-- 0006: the weekly report reads the messages of a few weeks by date; without an index it would
-- scan every message.
CREATE INDEX messages_date ON messages(date);
