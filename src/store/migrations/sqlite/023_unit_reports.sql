-- The periodic reports of each unit (issue 14, DOMAIN.md §9: forms 06a and 07b). A unit's report
-- of one form and period is generated (figures snapshotted as JSON), checked by its leader,
-- submitted and then frozen; a later correction is a new revision of the same (agency, form,
-- period), every revision kept. Each step is also in unit_report_events and the audit chain.
CREATE TABLE unit_reports (
  id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id), form TEXT NOT NULL,
  period_from TEXT NOT NULL, period_to TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL,
  figures TEXT NOT NULL, generated_by TEXT NOT NULL, generated_at BIGINT NOT NULL,
  checked_by TEXT NOT NULL DEFAULT '', checked_at BIGINT NOT NULL DEFAULT 0,
  submitted_by TEXT NOT NULL DEFAULT '', submitted_at BIGINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (agency_id, form, period_from, period_to, revision));
-- The province's view of one form and period: every unit's revisions.
CREATE INDEX unit_reports_period ON unit_reports(form, period_from, period_to, agency_id, revision);
CREATE TABLE unit_report_events (
  id INTEGER PRIMARY KEY, report_id TEXT NOT NULL, at BIGINT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
CREATE INDEX unit_report_events_of ON unit_report_events(report_id, id);
-- The province's consolidation of the submitted reports of one form and period: the summed
-- figures and its sources (agency, revision, submitted at), as they stood when it was made.
CREATE TABLE report_consolidations (
  id TEXT PRIMARY KEY, form TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
  made_by TEXT NOT NULL, made_at BIGINT NOT NULL, figures TEXT NOT NULL, sources TEXT NOT NULL);
CREATE INDEX report_consolidations_period ON report_consolidations(form, period_from, period_to, made_at);
