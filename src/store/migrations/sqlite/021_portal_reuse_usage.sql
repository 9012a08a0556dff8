-- The citizen portal (issue 13). A draft's upload may be a document taken from the citizen's data
-- store instead of new bytes (reused_from: the source document; counted as reuse when the draft
-- is submitted). The home page's "most used procedures" counts dossiers per procedure a month at
-- a time over the index below: one month is one bounded range of it, read without the table.
ALTER TABLE draft_uploads ADD COLUMN reused_from TEXT;
CREATE INDEX dossiers_created_procedure ON dossiers(created_at, procedure_id);
