-- 0009: whom patchq believes. A message's sender is the addr-spec of its From (display names
-- prove nothing), the list address that had rewritten From is kept when the real sender came
-- from another header, and each message records whether a list server patchq trusts vouched
-- for its sender (verified | unverified | failed) and what that rests on. Trailers carry the
-- attestation of the reply that gave them; a patch competing for another's slot in a series
-- is marked as a conflict. Stored mail is read again (a rebuild the next write command runs)
-- so that senders and attestations of mail imported before are those of this version.

ALTER TABLE messages ADD COLUMN attestation TEXT;     -- NULL: not known (read before 0009)
ALTER TABLE messages ADD COLUMN attest_detail TEXT;
ALTER TABLE messages ADD COLUMN sender_via TEXT;      -- the list address From had been rewritten to
ALTER TABLE trailers ADD COLUMN attestation TEXT;
ALTER TABLE placement ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0;

DELETE FROM meta WHERE name = 'reparsed';
INSERT OR REPLACE INTO meta(name, value)
SELECT 'rebuild_pending', 0 WHERE EXISTS (SELECT 1 FROM messages);
