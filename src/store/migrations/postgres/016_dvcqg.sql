-- The national public service portal (DVCQG, integrations/dvcqg): the last state of each dossier
-- the portal has confirmed (written by the relay's dvcqg sink after each accepted message), and
-- the dossiers filed on the portal that arrived here (one row each: never imported twice).
CREATE TABLE dvcqg_sync (
  dossier_id TEXT PRIMARY KEY, code TEXT NOT NULL, status INTEGER NOT NULL, messages BIGINT NOT NULL,
  outbox_id BIGINT NOT NULL, synced_at BIGINT NOT NULL);
CREATE TABLE dvcqg_inbound (
  national_code TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, agency_id TEXT NOT NULL, received_at BIGINT NOT NULL);
-- The sync state of one dossier reads its unsent national rows by dossier.
CREATE INDEX outbox_unsent_key ON outbox(sink, okey, id) WHERE state <> 'sent';
