-- The Quyết định 766 "progress published" figure as a counter (issue 14; store/kpi_synced_repo.h,
-- docs/architecture.md «Progress published»): of the dossiers decided on a local day (resolved,
-- national status 9), per competent agency and procedure, how many the national portal has
-- confirmed the decision of — hence, a dossier's messages being delivered in order with a refused
-- one holding the later ones back, every step before it too.
-- dvcqg_sync.decided_at is the decision time the portal confirmed: written by the relay's dvcqg
-- sink from the first accepted message that carries the decision (status 9 or 10), never moved
-- after. kpi_progress / kpi_agency_progress follow the rows as kpi_synced does (a new decision
-- confirmed +1 on its agency, decision day and procedure; a repeat, a retry or a later state
-- nothing), in the sink's transaction; kpi-verify recounts them from dvcqg_sync. No slot column
-- on PostgreSQL either: only the relay's few workers write them, never a dossier transaction.
ALTER TABLE dvcqg_sync ADD COLUMN decided_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE kpi_progress (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, procedure_id TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day, procedure_id));
CREATE TABLE kpi_agency_progress (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day));
-- Backfill: a row whose last confirmed status is 9 or 10 holds the decision; its time is the
-- dossier's (a decision is never moved).
UPDATE dvcqg_sync SET decided_at = COALESCE((SELECT d.resolved_at FROM dossiers d WHERE d.id = dvcqg_sync.dossier_id), 0)
 WHERE status IN (9, 10);
INSERT INTO kpi_progress (agency_id, day, procedure_id, n)
SELECT s.agency_id, to_char(to_timestamp((s.decided_at + 25200000) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.procedure_id, COUNT(*)
  FROM dvcqg_sync s WHERE s.decided_at > 0
 GROUP BY s.agency_id, to_char(to_timestamp((s.decided_at + 25200000) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.procedure_id;
INSERT INTO kpi_agency_progress (agency_id, day, n)
SELECT agency_id, day, SUM(n) FROM kpi_progress GROUP BY agency_id, day;
-- The numerator's list (app/kpi/index766_lists.cc): one range per agency by decision time.
CREATE INDEX dvcqg_sync_decided ON dvcqg_sync(agency_id, decided_at, procedure_id) WHERE decided_at > 0;
