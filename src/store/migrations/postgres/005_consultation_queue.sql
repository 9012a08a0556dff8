-- Consultations (lấy ý kiến): who asked and who answered, the dossier's list read by index, and
-- the consulted agency's "to answer" queue read as a range scan over its open requests.
ALTER TABLE consultations ADD COLUMN requested_by TEXT;
ALTER TABLE consultations ADD COLUMN answered_by TEXT;
CREATE INDEX consultations_dossier ON consultations(dossier_id, id);
CREATE INDEX consultations_open ON consultations(agency_id, due_at, id) WHERE answered_at IS NULL;
