-- Closed months' rollups of the KPI counters (issue 14; store/kpi_rollup.h, docs/architecture.md
-- "Closed months"). Built from kpi_daily / kpi_due (and their agency rollups) once a month is
-- closed, never by the dossier transactions: intake pays nothing for them. A past day's counters
-- change only through kpi-verify --repair, bench-fill and seed-demo, which drop these rows (the
-- next read builds them again).
--
-- kpi_month: Σ of kpi_daily over one month, per agency, procedure and channel (field and level are
-- still joined at read time, as for the daily rows, so a catalogue change moves both alike).
CREATE TABLE kpi_month (
  month TEXT NOT NULL, agency_id TEXT NOT NULL, procedure_id TEXT NOT NULL, channel INTEGER NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  resolved_early BIGINT NOT NULL DEFAULT 0,
  resolved_on_time BIGINT NOT NULL DEFAULT 0,
  resolved_late BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  stopped BIGINT NOT NULL DEFAULT 0,
  apologised BIGINT NOT NULL DEFAULT 0,
  results_electronic BIGINT NOT NULL DEFAULT 0,
  documents_reused BIGINT NOT NULL DEFAULT 0,
  rated_very_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_dissatisfied BIGINT NOT NULL DEFAULT 0,
  supplement_requested BIGINT NOT NULL DEFAULT 0,
  closed_unresolved BIGINT NOT NULL DEFAULT 0,
  population_reused BIGINT NOT NULL DEFAULT 0,
  population_asked BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, agency_id, procedure_id, channel));
CREATE INDEX kpi_month_agency ON kpi_month(agency_id, month);
-- kpi_agency_month: Σ of kpi_agency_daily over one month (province, level and agency figures).
CREATE TABLE kpi_agency_month (
  month TEXT NOT NULL, agency_id TEXT NOT NULL, channel INTEGER NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  resolved_early BIGINT NOT NULL DEFAULT 0,
  resolved_on_time BIGINT NOT NULL DEFAULT 0,
  resolved_late BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  stopped BIGINT NOT NULL DEFAULT 0,
  apologised BIGINT NOT NULL DEFAULT 0,
  results_electronic BIGINT NOT NULL DEFAULT 0,
  documents_reused BIGINT NOT NULL DEFAULT 0,
  rated_very_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_dissatisfied BIGINT NOT NULL DEFAULT 0,
  supplement_requested BIGINT NOT NULL DEFAULT 0,
  closed_unresolved BIGINT NOT NULL DEFAULT 0,
  population_reused BIGINT NOT NULL DEFAULT 0,
  population_asked BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, agency_id, channel));
-- The stock at the close of the month's last day L: Σ n of kpi_due over days ≤ L, per agency,
-- procedure and due bucket, where every due day ≤ L is folded into L (overdue at L and at any
-- later day alike), so a snapshot keeps the open bucket, L, and the due days after L only.
-- Rows whose sum is 0 are left out.
CREATE TABLE kpi_month_stock (
  month TEXT NOT NULL, agency_id TEXT NOT NULL, procedure_id TEXT NOT NULL, due_day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (month, agency_id, procedure_id, due_day));
CREATE INDEX kpi_month_stock_agency ON kpi_month_stock(agency_id, month);
CREATE TABLE kpi_agency_month_stock (
  month TEXT NOT NULL, agency_id TEXT NOT NULL, due_day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (month, agency_id, due_day));
-- The months built: every month from the first counter's through `built_through` (YYYY-MM; '' = none).
-- One row; a build moves it forward one month at a time, a repair sets it back to '' and counts
-- one more `generation` (so that a build read before the repair never writes after it).
CREATE TABLE kpi_rollup (id INTEGER PRIMARY KEY, built_through TEXT NOT NULL, generation BIGINT NOT NULL);
INSERT INTO kpi_rollup (id, built_through, generation) VALUES (1, '', 0);
