-- Where dossiers wait (issue 14, domain/kpi/step_time.h): the working time of each control-sheet
-- step, counted when the step is left, in the dossier's own transaction (app/dossier/support.cc).
-- Key: the dossier's competent agency (the scope), the local day the step was left, the
-- procedure, the step's number and role, and the agency the step is done at (routing between
-- units). n steps, their working minutes, and a histogram over domain/kpi/step_time.h's bounds
-- (h0: < 1 h … h8: ≥ 32 working days). Not backfilled here (the calendar decides the minutes):
-- `motcua kpi-verify --repair` fills it from the control sheets and history of existing dossiers.
CREATE TABLE kpi_step (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, procedure_id TEXT NOT NULL, step INTEGER NOT NULL,
  role TEXT NOT NULL, at_agency_id TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0, minutes BIGINT NOT NULL DEFAULT 0,
  h0 BIGINT NOT NULL DEFAULT 0, h1 BIGINT NOT NULL DEFAULT 0, h2 BIGINT NOT NULL DEFAULT 0,
  h3 BIGINT NOT NULL DEFAULT 0, h4 BIGINT NOT NULL DEFAULT 0, h5 BIGINT NOT NULL DEFAULT 0,
  h6 BIGINT NOT NULL DEFAULT 0, h7 BIGINT NOT NULL DEFAULT 0, h8 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, procedure_id, step, role, at_agency_id));
CREATE INDEX kpi_step_day ON kpi_step(day);

-- The evaluation's quarter range now reads the agency's range of dossiers_competent_resolved
-- (migration 017) and its decisions from the counters: migration 022's twin index goes. The
-- procedure review still counts a cohort of dossiers filed in a year, which no counter holds, so
-- dossiers_procedure_created stays (docs/architecture.md, "Evaluation and procedure review").
DROP INDEX dossiers_resolved_by;
