-- The quarterly evaluation of each agency (issue 14, DOMAIN.md §7): one row per agency and
-- quarter holding the figures and computed points as they stood when the agency scored itself,
-- the entered points (self score, then the superior's appraisal, each with who and when), the
-- total and band; every step also in evaluation_events (the history) and the audit chain.
CREATE TABLE evaluations (
  agency_id TEXT NOT NULL REFERENCES agencies(id), quarter TEXT NOT NULL, state TEXT NOT NULL,
  rules_from TEXT NOT NULL, figures TEXT NOT NULL, self_points TEXT NOT NULL, self_by TEXT NOT NULL,
  self_at BIGINT NOT NULL, self_note TEXT, appraised_points TEXT, appraised_by TEXT, appraised_at BIGINT,
  appraisal_note TEXT, total_centi INTEGER NOT NULL, band TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (agency_id, quarter));
CREATE TABLE evaluation_events (
  id INTEGER PRIMARY KEY, agency_id TEXT NOT NULL, quarter TEXT NOT NULL, at BIGINT NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, points TEXT NOT NULL, total_centi INTEGER NOT NULL,
  band TEXT NOT NULL, note TEXT);
CREATE INDEX evaluation_events_of ON evaluation_events(agency_id, quarter, id);
-- The figures of one agency and one quarter until the KPI counters serve them (docs/architecture.md,
-- "Evaluation and procedure review"): dossiers resolved by a competent agency in a time range.
-- Partial: a dossier enters it when it is resolved, so intake writes nothing more.
CREATE INDEX dossiers_resolved_by ON dossiers(competent_agency_id, resolved_at) WHERE resolved_at IS NOT NULL;
-- The procedure review's counts per procedure version and year (dossiers filed in the year).
CREATE INDEX dossiers_procedure_created ON dossiers(procedure_id, created_at);
