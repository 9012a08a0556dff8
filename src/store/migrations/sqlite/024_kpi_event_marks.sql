-- The dossiers behind the apologies and supplement requests of a period (GET
-- /api/v1/kpi/event-dossiers, issue 14): their history entries by instant. Partial, one per
-- action, so that intake and every other action write nothing more.
CREATE INDEX dossier_events_apologise ON dossier_events(at) WHERE action = 'apologise';
CREATE INDEX dossier_events_supplement ON dossier_events(at) WHERE action = 'request_supplement';
