-- Codes indexed day first. A code is "<agency e-ID>-<yyMMdd>-<NNNN>", so the UNIQUE index on
-- the code starts with the agency and every agency's desk inserts at its own place in it: about
-- one index page written per intake. `code_serial` is the code's yyMMddNNNN as one integer (0
-- for a code not in that form) and the index is (code_serial, code): a day's codes of every
-- agency are written side by side. It is exactly as strict as UNIQUE (code), because
-- code_serial is a function of the code (store::code_serial, which this expression mirrors).
-- SQLite cannot drop a column's UNIQUE constraint, so the table is rebuilt. The child tables
-- keep their foreign keys: checks are deferred to the commit, the drop counts every child row
-- as orphaned and the copy back, under the same name, counts each one as found again.
-- Cost, measured on 1,000,000 dossiers with 2,000,000 history and control-sheet rows: ~55 s and
-- 53 MB of memory (migrations run through Database::write_bulk, whose journals go to files).
PRAGMA defer_foreign_keys=ON;
CREATE TABLE dossiers_copy AS SELECT rowid AS old_rowid, * FROM dossiers;
DROP TABLE dossiers;
CREATE TABLE dossiers (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, procedure_id TEXT NOT NULL REFERENCES procedures(id),
  receiving_agency_id TEXT NOT NULL REFERENCES agencies(id), competent_agency_id TEXT NOT NULL,
  channel INTEGER NOT NULL, state TEXT NOT NULL, owner_personal_id TEXT,
  applicant_name TEXT NOT NULL, applicant_name_folded TEXT NOT NULL, applicant_id_number TEXT,
  applicant_doc TEXT NOT NULL,
  submitted_at BIGINT, received_at BIGINT, due_at BIGINT, original_due_at BIGINT,
  paused_at BIGINT, flags INTEGER NOT NULL DEFAULT 0, current_step INTEGER NOT NULL DEFAULT 0,
  resolution TEXT, resolved_at BIGINT, returned_at BIGINT, timeliness TEXT,
  version INTEGER NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  doc TEXT NOT NULL, due_sort BIGINT NOT NULL DEFAULT 9000000000000000,
  code_serial BIGINT NOT NULL DEFAULT 0);
INSERT INTO dossiers (rowid, id, code, procedure_id, receiving_agency_id, competent_agency_id, channel,
  state, owner_personal_id, applicant_name, applicant_name_folded, applicant_id_number, applicant_doc,
  submitted_at, received_at, due_at, original_due_at, paused_at, flags, current_step, resolution,
  resolved_at, returned_at, timeliness, version, created_at, updated_at, doc, due_sort, code_serial)
SELECT old_rowid, id, code, procedure_id, receiving_agency_id, competent_agency_id, channel,
  state, owner_personal_id, applicant_name, applicant_name_folded, applicant_id_number, applicant_doc,
  submitted_at, received_at, due_at, original_due_at, paused_at, flags, current_step, resolution,
  resolved_at, returned_at, timeliness, version, created_at, updated_at, doc, due_sort,
  CASE WHEN substr(code, -12) GLOB '-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'
       THEN CAST(substr(code, -11, 6) || substr(code, -4) AS INTEGER) ELSE 0 END
FROM dossiers_copy ORDER BY dossiers_copy.rowid;  -- the copy holds them in old_rowid order already
DROP TABLE dossiers_copy;
CREATE UNIQUE INDEX dossiers_code ON dossiers(code_serial, code);
CREATE INDEX dossiers_owner ON dossiers(owner_personal_id);
CREATE INDEX dossiers_receiving_q ON dossiers(receiving_agency_id, state, due_sort, id);
CREATE INDEX dossiers_competent_q ON dossiers(competent_agency_id, state, due_sort, id)
  WHERE competent_agency_id <> receiving_agency_id;
