-- The receptions per procedure and channel of the Quyết định 766 view (store/index766_repo.cc
-- received_by_procedure) read kpi_daily by day for the days of a period outside its whole built
-- months (the open month's days, a partial month's edge): through kpi_daily_day that was one
-- table fetch per row (~1,300 rows a day at 1,000,000 dossiers). This index covers that read
-- (day range, then procedure, channel and received from the index alone) and serves every
-- by-day read kpi_daily_day served, so it replaces it: still one index beside the primary key.
-- Its entry moves only when `received` does (a reception; the write path's upserts set only
-- the columns they change), not on decisions or other counters.
DROP INDEX kpi_daily_day;
CREATE INDEX kpi_daily_day_received ON kpi_daily(day, procedure_id, channel, received);

-- Where dossiers wait, for a year (app/kpi/kpi_steps.cc): kpi_step holds one row per agency, day,
-- procedure, step, role and step agency (~310,000 rows a year at 1,000,000 dossiers: 0.5–0.8 s to
-- sum). kpi_step_month is its closed months' rollup, built with the other month rollups
-- (migration 025: lazily, by the first read after a month closes, never by a dossier
-- transaction) and read by sum_steps for a period's whole built months; the days around them
-- still come from kpi_step. Backfilled here for the months already built.
CREATE TABLE kpi_step_month (
  month TEXT NOT NULL, agency_id TEXT NOT NULL, procedure_id TEXT NOT NULL, step INTEGER NOT NULL,
  role TEXT NOT NULL, at_agency_id TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0, minutes BIGINT NOT NULL DEFAULT 0,
  h0 BIGINT NOT NULL DEFAULT 0, h1 BIGINT NOT NULL DEFAULT 0, h2 BIGINT NOT NULL DEFAULT 0,
  h3 BIGINT NOT NULL DEFAULT 0, h4 BIGINT NOT NULL DEFAULT 0, h5 BIGINT NOT NULL DEFAULT 0,
  h6 BIGINT NOT NULL DEFAULT 0, h7 BIGINT NOT NULL DEFAULT 0, h8 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, agency_id, procedure_id, step, role, at_agency_id));
INSERT INTO kpi_step_month (month, agency_id, procedure_id, step, role, at_agency_id, n, minutes, h0, h1, h2, h3, h4, h5, h6, h7, h8)
  SELECT substr(day, 1, 7), agency_id, procedure_id, step, role, at_agency_id, SUM(n), SUM(minutes), SUM(h0), SUM(h1),
         SUM(h2), SUM(h3), SUM(h4), SUM(h5), SUM(h6), SUM(h7), SUM(h8)
  FROM kpi_step WHERE substr(day, 1, 7) <= (SELECT built_through FROM kpi_rollup WHERE id = 1)
  GROUP BY substr(day, 1, 7), agency_id, procedure_id, step, role, at_agency_id;
