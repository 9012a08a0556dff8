-- Feedback and petitions (phản ánh, kiến nghị, issue 16): one row per case whatever the channel,
-- its history, attachments (bytes in the blob store), the sender's ratings of each answer, and
-- the leaders' counters moved in the same transaction as the step that moves them.
CREATE TABLE feedback_cases (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, channel TEXT NOT NULL, kind TEXT, state TEXT NOT NULL,
  title TEXT NOT NULL, content TEXT NOT NULL,
  sender_name TEXT, sender_phone TEXT, sender_email TEXT, sender_address TEXT,
  citizen_id TEXT, zalo_user_id TEXT, external_id TEXT, received_by TEXT,
  dossier_id TEXT REFERENCES dossiers(id), dossier_code TEXT, wants_private INTEGER NOT NULL,
  verdict TEXT NOT NULL, refusal_reason TEXT,
  field TEXT, agency_id TEXT NOT NULL, assignee_id TEXT,
  received_at BIGINT NOT NULL, classify_due_at BIGINT, clock_from BIGINT, due_at BIGINT, remind_at BIGINT,
  reminded_at BIGINT, escalated_at BIGINT, escalated_to TEXT,
  answer TEXT, answered_by TEXT, answered_at BIGINT, timeliness TEXT,
  published INTEGER NOT NULL DEFAULT 0, published_at BIGINT, public_text TEXT, public_folded TEXT,
  reopened INTEGER NOT NULL DEFAULT 0, closed_at BIGINT,
  version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
-- A channel files what it received once: the same (channel, external id) answers the first case.
CREATE UNIQUE INDEX feedback_cases_external ON feedback_cases(channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX feedback_cases_agency ON feedback_cases(agency_id, created_at, id);
CREATE INDEX feedback_cases_escalated ON feedback_cases(escalated_to, created_at, id) WHERE escalated_to IS NOT NULL;
CREATE INDEX feedback_cases_citizen ON feedback_cases(citizen_id, created_at, id) WHERE citizen_id IS NOT NULL;
CREATE INDEX feedback_cases_dossier ON feedback_cases(dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX feedback_cases_remind ON feedback_cases(remind_at) WHERE reminded_at IS NULL AND remind_at IS NOT NULL;
CREATE INDEX feedback_cases_due ON feedback_cases(due_at) WHERE escalated_at IS NULL AND due_at IS NOT NULL;
CREATE INDEX feedback_cases_published ON feedback_cases(published_at, id) WHERE published = 1;
CREATE TABLE feedback_events (
  id BIGSERIAL PRIMARY KEY, case_id TEXT NOT NULL REFERENCES feedback_cases(id), at BIGINT NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, note TEXT, data TEXT);
CREATE INDEX feedback_events_case ON feedback_events(case_id, id);
CREATE TABLE feedback_attachments (
  id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES feedback_cases(id), file_name TEXT NOT NULL,
  content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL, position INTEGER NOT NULL);  -- the sender's order
CREATE INDEX feedback_attachments_case ON feedback_attachments(case_id);
-- One rating per answer (round 1 = the first answer, 2 = the answer after the reopening).
CREATE TABLE feedback_ratings (
  case_id TEXT NOT NULL REFERENCES feedback_cases(id), round INTEGER NOT NULL, score TEXT NOT NULL,
  comment TEXT, rated_by TEXT NOT NULL, rated_at BIGINT NOT NULL, PRIMARY KEY (case_id, round));
-- The leaders' figures (QĐ 766, satisfaction group) per month, agency, channel and field.
CREATE TABLE feedback_counters (
  period TEXT NOT NULL, agency_id TEXT NOT NULL, channel TEXT NOT NULL, field TEXT NOT NULL,
  metric TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (period, agency_id, channel, field, metric));
