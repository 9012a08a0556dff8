-- The outbox relay (app/outbox): each row's state, its sink (the topic's prefix), the key that
-- orders it (the dossier), when it may be tried next, and who holds it; every attempt recorded.
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE outbox ADD COLUMN sink TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN okey TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN parked_at BIGINT;
UPDATE outbox SET
  state = CASE WHEN sent_at IS NULL THEN 'pending' ELSE 'sent' END,
  sink = CASE WHEN instr(topic, '.') > 0 THEN substr(topic, 1, instr(topic, '.') - 1) ELSE topic END,
  okey = COALESCE(json_extract(payload, '$.dossier_id'), json_extract(payload, '$.code'), '');
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox(sink, next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_order ON outbox(sink, okey, id) WHERE state = 'pending';
CREATE INDEX outbox_unsent ON outbox(state, id) WHERE state <> 'sent';
CREATE TABLE outbox_attempts (
  id INTEGER PRIMARY KEY, outbox_id BIGINT NOT NULL, channel TEXT NOT NULL, at BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL, outcome TEXT NOT NULL, error TEXT, worker TEXT NOT NULL);
CREATE INDEX outbox_attempts_row ON outbox_attempts(outbox_id, id);
-- Notifications (app/notify): the citizen's choice of channels and contacts, and one delivery per
-- notice and channel (never two: UNIQUE), with its own attempts above (channel = the delivery's).
CREATE TABLE notify_prefs (
  personal_id TEXT PRIMARY KEY, channels TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL,
  updated_at BIGINT NOT NULL);
CREATE TABLE notify_deliveries (
  id INTEGER PRIMARY KEY, outbox_id BIGINT NOT NULL, dossier_id TEXT NOT NULL, event TEXT NOT NULL,
  channel TEXT NOT NULL, address TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, created_at BIGINT NOT NULL, sent_at BIGINT, UNIQUE (outbox_id, channel));
CREATE INDEX notify_deliveries_dossier ON notify_deliveries(dossier_id, id);
