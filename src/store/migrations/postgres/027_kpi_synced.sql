-- The Quyết định 766 "synced" figure as a counter (issue 14; store/kpi_synced_repo.h): of the
-- dossiers received on a local day, per competent agency and procedure, how many have a
-- dvcqg_sync row (the national portal confirmed at least one of their messages). The counter
-- mirrors the rows' own agency, procedure and reception (migration 030): the relay's dvcqg sink
-- moves it in the transaction that writes the row (a new row +1; a row whose agency, procedure or
-- reception day changed −1 on the old key, +1 on the new; a repeat changes nothing), so the figure
-- reads days, never dossiers. kpi_agency_synced is its rollup per agency (no procedure filter).
-- kpi-verify recounts both from dvcqg_sync (app/kpi/synced_recount.h).
CREATE TABLE kpi_synced (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, procedure_id TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day, procedure_id));
CREATE TABLE kpi_agency_synced (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day));
-- Backfill from the confirmed rows by their dossier (what migration 030 backfills the rows with,
-- and what the sink writes; this migration may run before 030 on a new store).
INSERT INTO kpi_synced (agency_id, day, procedure_id, n)
SELECT d.competent_agency_id, to_char(to_timestamp((d.received_at + 25200000) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), d.procedure_id, COUNT(*)
  FROM dvcqg_sync s JOIN dossiers d ON d.id = s.dossier_id
 WHERE d.received_at > 0
 GROUP BY d.competent_agency_id, to_char(to_timestamp((d.received_at + 25200000) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), d.procedure_id;
INSERT INTO kpi_agency_synced (agency_id, day, n)
SELECT agency_id, day, SUM(n) FROM kpi_synced GROUP BY agency_id, day;
-- The view's receptions per procedure and channel over whole months (index766_repo.h
-- received_by_procedure) read from the index alone. kpi_month is written only when a month is
-- built (never by a dossier transaction).
CREATE INDEX kpi_month_received ON kpi_month(month, procedure_id, channel, received);
