-- SQLite's migration 036 also replaces kpi_daily_day with a covering index for the receptions per
-- procedure (store/index766_repo.cc). Not here: on PostgreSQL an index holding `received` would
-- make every reception's counter update a non-HOT update (a new entry in each kpi_daily index,
-- on the write path's hottest rows), and the 766 view read well within its budget at 1,000,000
-- dossiers (docs/performance.md, "PostgreSQL at 1,000,000 dossiers"). Kept as a numbered no-op
-- so that both engines share the migration list.

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
