-- The Quyết định 766 drill-down (issue 14, app/kpi/index766_lists.cc): the dossiers rated in a
-- period, per competent agency, through one index range (the rating counters' own key).
CREATE INDEX ratings_agency_rated ON ratings(agency_id, rated_at, dossier_id);
