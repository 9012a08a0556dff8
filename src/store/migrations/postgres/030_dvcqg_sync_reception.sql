-- The Quyết định 766 "synced" figure (issue 14; store/index766_repo.h): of the dossiers received in a
-- period, how many the national portal has confirmed. Each confirmed dossier's row keeps the
-- competent agency, procedure and reception time the dossier had when the sink last wrote it (the
-- sink's own transaction, never the dossier's), so the figure is one index range per agency; the
-- dossiers changed since (their dvcqg outbox rows still unsent) are corrected at read time.
ALTER TABLE dvcqg_sync ADD COLUMN agency_id TEXT NOT NULL DEFAULT '';
ALTER TABLE dvcqg_sync ADD COLUMN procedure_id TEXT NOT NULL DEFAULT '';
ALTER TABLE dvcqg_sync ADD COLUMN received_at BIGINT NOT NULL DEFAULT 0;
UPDATE dvcqg_sync SET
  agency_id = COALESCE((SELECT d.competent_agency_id FROM dossiers d WHERE d.id = dvcqg_sync.dossier_id), ''),
  procedure_id = COALESCE((SELECT d.procedure_id FROM dossiers d WHERE d.id = dvcqg_sync.dossier_id), ''),
  received_at = COALESCE((SELECT d.received_at FROM dossiers d WHERE d.id = dvcqg_sync.dossier_id), 0);
CREATE INDEX dvcqg_sync_received ON dvcqg_sync(agency_id, received_at, procedure_id) WHERE received_at > 0;
