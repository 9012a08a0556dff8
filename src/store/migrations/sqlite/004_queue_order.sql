-- Work queues read dossiers of one agency in one state by due time. `due_sort` is due_at, or a
-- far-future value when there is none, so both engines order and index it the same way.
ALTER TABLE dossiers ADD COLUMN due_sort BIGINT NOT NULL DEFAULT 9000000000000000;
UPDATE dossiers SET due_sort = due_at WHERE due_at IS NOT NULL;
DROP INDEX dossiers_receiving;
DROP INDEX dossiers_competent;
CREATE INDEX dossiers_receiving_q ON dossiers(receiving_agency_id, state, due_sort, id);
CREATE INDEX dossiers_competent_q ON dossiers(competent_agency_id, state, due_sort, id);
