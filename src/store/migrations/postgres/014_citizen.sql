-- The citizen's side (issue 13): "Hồ sơ của tôi" read through the owner's index in filing
-- order, ratings (once per dossier, any channel), documents reused from the citizen's data
-- store, and the desk kiosks that rate the dossier just returned at their desk.
CREATE INDEX dossiers_owner_created ON dossiers(owner_personal_id, created_at, id);
-- It serves every lookup by owner the old one did (its first column): one index to keep.
DROP INDEX dossiers_owner;
-- One rating per dossier (the primary key keeps it once, whatever the channel).
CREATE TABLE ratings (
  dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id), agency_id TEXT NOT NULL,
  score TEXT NOT NULL, comment TEXT, channel TEXT NOT NULL, rated_by TEXT NOT NULL,
  rated_at BIGINT NOT NULL);
-- A document attached by reference to another of the owner's documents (same content hash).
CREATE TABLE document_reuses (
  document_id TEXT PRIMARY KEY REFERENCES documents(id), dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  source_document_id TEXT NOT NULL REFERENCES documents(id), reused_by TEXT NOT NULL, reused_at BIGINT NOT NULL);
CREATE INDEX document_reuses_dossier ON document_reuses(dossier_id);
-- A rating tablet at a desk, paired by the official who returns results there: it shows (and
-- may rate) only the dossier that official has just returned.
CREATE TABLE kiosks (
  id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, desk TEXT NOT NULL, staff_id TEXT NOT NULL,
  pairing_code_hash TEXT, pairing_expires_at BIGINT, token_hash TEXT UNIQUE, paired_at BIGINT,
  dossier_id TEXT, dossier_set_at BIGINT, created_at BIGINT NOT NULL, ended_at BIGINT);
CREATE INDEX kiosks_staff ON kiosks(staff_id);
CREATE INDEX kiosks_code ON kiosks(pairing_code_hash);
