-- Most dossiers are received and decided by the same agency. The competent-agency queue index
-- now holds only the others; queue reads take the rest from the receiving-agency index
-- (the same schema change as SQLite's 006, which also rebuilds its audit log table).
DROP INDEX dossiers_competent_q;
CREATE INDEX dossiers_competent_q ON dossiers(competent_agency_id, state, due_sort, id)
  WHERE competent_agency_id <> receiving_agency_id;
