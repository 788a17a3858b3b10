-- 0019: commits found by their folded subject: a subject several commits of one repository
-- share ("Start new development cycle", every release) is no evidence of which posting a commit
-- applies, and `link` asks for each commit it judges.
CREATE INDEX commits_subject_key ON commits(subject_key);
