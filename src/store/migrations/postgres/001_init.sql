-- Organisation: administrative units with validity and a succession graph.
CREATE TABLE units (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL, type TEXT,
  parent_id TEXT, valid_from TEXT, valid_to TEXT, verified INTEGER NOT NULL DEFAULT 0,
  source TEXT, note TEXT);
CREATE INDEX units_code ON units(code);
CREATE TABLE unit_successions (
  from_id TEXT NOT NULL REFERENCES units(id), to_id TEXT NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL, date TEXT, legal_basis TEXT, verified INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (from_id, to_id));
CREATE TABLE agencies (
  id TEXT PRIMARY KEY, eid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
  parent_id TEXT, unit_id TEXT, valid_from TEXT, valid_to TEXT, successor_id TEXT,
  verified INTEGER NOT NULL DEFAULT 0, note TEXT);
-- Catalogue: one row per procedure version; `doc` is the full published record (JSON).
CREATE TABLE procedures (
  id TEXT PRIMARY KEY, national_code TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
  name_folded TEXT NOT NULL, field TEXT, level TEXT, online_level TEXT, boundary_free INTEGER NOT NULL,
  effective_from TEXT, time_amount INTEGER NOT NULL, time_unit TEXT NOT NULL,
  time_verified INTEGER NOT NULL, doc TEXT NOT NULL, UNIQUE (national_code, version));
CREATE TABLE procedure_agencies (
  procedure_id TEXT NOT NULL REFERENCES procedures(id), agency_id TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (procedure_id, agency_id));
-- People.
CREATE TABLE staff (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
  full_name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at BIGINT NOT NULL);
CREATE TABLE role_grants (
  id BIGSERIAL PRIMARY KEY, staff_id TEXT NOT NULL REFERENCES staff(id),
  agency_id TEXT NOT NULL REFERENCES agencies(id), role TEXT NOT NULL,
  valid_from TEXT NOT NULL, valid_to TEXT);
CREATE INDEX role_grants_staff ON role_grants(staff_id);
CREATE TABLE citizens (personal_id TEXT PRIMARY KEY, full_name TEXT NOT NULL, phone TEXT);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
  csrf TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start BIGINT NOT NULL, locked_until BIGINT NOT NULL);
-- Working-time calendar: the table of days off and make-up days, and who changed what.
CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY, working INTEGER NOT NULL, reason TEXT NOT NULL, origin TEXT NOT NULL);
CREATE TABLE calendar_changes (
  id BIGSERIAL PRIMARY KEY, date TEXT NOT NULL, working INTEGER, reason TEXT,
  changed_by TEXT NOT NULL, changed_at BIGINT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Dossiers.
CREATE TABLE dossiers (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, procedure_id TEXT NOT NULL REFERENCES procedures(id),
  receiving_agency_id TEXT NOT NULL REFERENCES agencies(id), competent_agency_id TEXT NOT NULL,
  channel INTEGER NOT NULL, state TEXT NOT NULL, owner_personal_id TEXT,
  applicant_name TEXT NOT NULL, applicant_name_folded TEXT NOT NULL, applicant_id_number TEXT,
  applicant_doc TEXT NOT NULL,
  submitted_at BIGINT, received_at BIGINT, due_at BIGINT, original_due_at BIGINT,
  paused_at BIGINT, flags INTEGER NOT NULL DEFAULT 0, current_step INTEGER NOT NULL DEFAULT 0,
  resolution TEXT, resolved_at BIGINT, returned_at BIGINT, timeliness TEXT,
  version INTEGER NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX dossiers_receiving ON dossiers(receiving_agency_id, state, due_at);
CREATE INDEX dossiers_competent ON dossiers(competent_agency_id, state, due_at);
CREATE INDEX dossiers_owner ON dossiers(owner_personal_id);
CREATE TABLE dossier_code_seq (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (agency_id, day));
CREATE TABLE dossier_events (
  id BIGSERIAL PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers(id), at BIGINT NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, note TEXT,
  data TEXT);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id);
-- The control sheet (phiếu kiểm soát): one row per step of the internal process.
CREATE TABLE dossier_steps (
  id BIGSERIAL PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers(id), step INTEGER NOT NULL,
  name TEXT NOT NULL, role TEXT NOT NULL, agency_id TEXT NOT NULL, assignee_id TEXT,
  handed_by TEXT, started_at BIGINT NOT NULL, due_at BIGINT NOT NULL, finished_at BIGINT,
  timeliness TEXT, note TEXT);
CREATE INDEX dossier_steps_dossier ON dossier_steps(dossier_id, step);
CREATE TABLE consultations (
  id BIGSERIAL PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers(id), agency_id TEXT NOT NULL,
  subject TEXT NOT NULL, requested_at BIGINT NOT NULL, due_at BIGINT NOT NULL, answered_at BIGINT,
  answer TEXT, timeliness TEXT);
-- Audit: hash-chained; audit_head holds the last sequence number and hash (row-locked on write).
CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  object TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL,
  sent_at BIGINT, attempts INTEGER NOT NULL DEFAULT 0);
CREATE INDEX outbox_pending ON outbox(sent_at, id);
CREATE TABLE kpi_counters (
  agency_id TEXT NOT NULL, period TEXT NOT NULL, metric TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, period, metric));
CREATE TABLE idempotency (
  subject TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
  response TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (subject, key));
