-- 0022: no indexes on message_files' paths. No query looks a patch up by path any more
-- (linking reads every patch's paths once, `patches_by_path`; everything else reads a message's
-- files by its row id), and the two indexes cost every imported diff two inserts at places
-- scattered over the whole history: at 1M messages 8,400 pages that each transaction rewrote in
-- part, a tenth of the writer's time.
DROP INDEX message_files_new_path;
DROP INDEX message_files_old_path;
