-- Finer KPI counters (issue 14, docs/architecture.md "KPI counters"): per agency, local day,
-- procedure (hence field) and channel, one row per key with one column per kpi::Metric, so that
-- a dossier change moves its counters with one upsert. The level is the agency's (joined at read
-- time: agencies are few). Moved in the dossier's own transaction (app/dossier/support.cc).
CREATE TABLE kpi_daily (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, procedure_id TEXT NOT NULL, channel INTEGER NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  resolved_early BIGINT NOT NULL DEFAULT 0,
  resolved_on_time BIGINT NOT NULL DEFAULT 0,
  resolved_late BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  stopped BIGINT NOT NULL DEFAULT 0,
  apologised BIGINT NOT NULL DEFAULT 0,
  results_electronic BIGINT NOT NULL DEFAULT 0,
  documents_reused BIGINT NOT NULL DEFAULT 0,
  rated_very_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_dissatisfied BIGINT NOT NULL DEFAULT 0,
  supplement_requested BIGINT NOT NULL DEFAULT 0,
  closed_unresolved BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, procedure_id, channel));
CREATE INDEX kpi_daily_day ON kpi_daily(day);
-- The stock by due day (domain/kpi/stock.h): n dossiers entered (+) or left (−) the bucket
-- `due_day` ('' = never overdue: paused within time, or no time limit) on `day`. In progress at
-- the close of D = Σ n for day ≤ D; overdue = the same for due_day ≤ D.
CREATE TABLE kpi_due (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, procedure_id TEXT NOT NULL, channel INTEGER NOT NULL,
  due_day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day, procedure_id, channel, due_day));
CREATE INDEX kpi_due_day ON kpi_due(day, due_day);
-- Drill-down (GET /api/v1/kpi/dossiers): the dossiers behind a reception or decision figure, read
-- through each agency's range of the period.
CREATE INDEX dossiers_competent_received ON dossiers(competent_agency_id, received_at) WHERE received_at > 0;
CREATE INDEX dossiers_competent_resolved ON dossiers(competent_agency_id, resolved_at) WHERE resolved_at > 0;

-- Backfill from what the dossiers recorded: each history entry on its local day, the reuses and
-- ratings on theirs.
INSERT INTO kpi_daily (agency_id, day, procedure_id, channel, received, resolved, resolved_early, resolved_on_time, resolved_late, returned, refused, withdrawn, stopped, apologised, results_electronic, documents_reused, rated_very_satisfied, rated_satisfied, rated_dissatisfied, supplement_requested, closed_unresolved)
SELECT agency_id, day, procedure_id, channel, SUM(CASE WHEN metric = 'received' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'resolved' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'resolved_early' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'resolved_on_time' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'resolved_late' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'returned' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'withdrawn' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'stopped' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'apologised' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'results_electronic' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'documents_reused' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'rated_very_satisfied' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'rated_satisfied' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'rated_dissatisfied' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'supplement_requested' THEN 1 ELSE 0 END), SUM(CASE WHEN metric = 'closed_unresolved' THEN 1 ELSE 0 END)
FROM (
  SELECT d.competent_agency_id AS agency_id, date((e.at + 25200000) / 1000, 'unixepoch') AS day, d.procedure_id, d.channel,
         CASE e.action WHEN 'receive' THEN 'received' WHEN 'return_result' THEN 'returned'
           WHEN 'refuse' THEN 'refused' WHEN 'withdraw' THEN 'withdrawn' WHEN 'stop' THEN 'stopped'
           WHEN 'apologise' THEN 'apologised' WHEN 'request_supplement' THEN 'supplement_requested'
           ELSE 'resolved' END AS metric
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
   WHERE e.action IN ('receive', 'return_result', 'refuse', 'withdraw', 'stop', 'apologise', 'request_supplement',
                      'resolve_granted', 'resolve_refused')
  UNION ALL
  SELECT d.competent_agency_id, date((e.at + 25200000) / 1000, 'unixepoch'), d.procedure_id, d.channel,
         CASE WHEN e.action IN ('withdraw', 'stop') THEN 'closed_unresolved'
              WHEN d.timeliness = 'early' THEN 'resolved_early' WHEN d.timeliness = 'on_time' THEN 'resolved_on_time'
              ELSE 'resolved_late' END
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
   WHERE (e.action IN ('resolve_granted', 'resolve_refused') AND d.timeliness IN ('early', 'on_time', 'late'))
      OR (e.action IN ('withdraw', 'stop') AND COALESCE(d.received_at, 0) > 0 AND d.received_at <= e.at)
  UNION ALL
  SELECT d.competent_agency_id, date((e.at + 25200000) / 1000, 'unixepoch'), d.procedure_id, d.channel, 'results_electronic'
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
   WHERE e.action IN ('resolve_granted', 'resolve_refused') AND COALESCE(json_extract(d.doc, '$.result.document_id'), '') <> ''
  UNION ALL
  SELECT d.competent_agency_id, date((r.reused_at + 25200000) / 1000, 'unixepoch'), d.procedure_id, d.channel, 'documents_reused'
    FROM document_reuses r JOIN dossiers d ON d.id = r.dossier_id
  UNION ALL
  SELECT d.competent_agency_id, date((r.rated_at + 25200000) / 1000, 'unixepoch'), d.procedure_id, d.channel, 'rated_' || r.score
    FROM ratings r JOIN dossiers d ON d.id = r.dossier_id
) x
GROUP BY agency_id, day, procedure_id, channel;

-- The stock: in on the day of reception, out on the day of the decision, withdrawal or stop, in
-- the bucket the dossier's columns give now. Exact for "in progress" at any date; for "overdue",
-- a due day moved before this migration (a pause) counts from reception:
-- `motcua kpi-verify --repair` rebuilds it from the history entries.
INSERT INTO kpi_due (agency_id, day, procedure_id, channel, due_day, n)
SELECT agency_id, day, procedure_id, channel, due_day, SUM(n) FROM (
  SELECT d.competent_agency_id AS agency_id, date((e.at + 25200000) / 1000, 'unixepoch') AS day, d.procedure_id, d.channel,
         CASE WHEN COALESCE(NULLIF(d.original_due_at, 0), NULLIF(d.due_at, 0)) IS NULL THEN ''
              WHEN COALESCE(d.paused_at, 0) <> 0 AND d.paused_at <= COALESCE(NULLIF(d.original_due_at, 0), d.due_at) THEN ''
              ELSE date((COALESCE(NULLIF(d.original_due_at, 0), d.due_at) + 25200000) / 1000, 'unixepoch') END AS due_day,
         CASE WHEN e.action = 'receive' THEN 1 ELSE -1 END AS n
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
   WHERE e.action = 'receive'
      OR (e.action IN ('resolve_granted', 'resolve_refused', 'withdraw', 'stop') AND COALESCE(d.received_at, 0) > 0
          AND d.received_at <= e.at)
) x
GROUP BY agency_id, day, procedure_id, channel, due_day
HAVING SUM(n) <> 0;

-- Agency rollups of both, moved by the same upserts' statements (store/kpi_repo.cc): the
-- province's, a level's and an agency's figures read one row per agency, day and channel (and
-- per agency, day and due day) instead of one per procedure. Field and procedure figures read
-- the tables above.
CREATE TABLE kpi_agency_daily (
  day TEXT NOT NULL, agency_id TEXT NOT NULL, channel INTEGER NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  resolved_early BIGINT NOT NULL DEFAULT 0,
  resolved_on_time BIGINT NOT NULL DEFAULT 0,
  resolved_late BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  stopped BIGINT NOT NULL DEFAULT 0,
  apologised BIGINT NOT NULL DEFAULT 0,
  results_electronic BIGINT NOT NULL DEFAULT 0,
  documents_reused BIGINT NOT NULL DEFAULT 0,
  rated_very_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_satisfied BIGINT NOT NULL DEFAULT 0,
  rated_dissatisfied BIGINT NOT NULL DEFAULT 0,
  supplement_requested BIGINT NOT NULL DEFAULT 0,
  closed_unresolved BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, agency_id, channel)) WITHOUT ROWID;
CREATE INDEX kpi_agency_daily_agency ON kpi_agency_daily(agency_id, day);
CREATE TABLE kpi_agency_due (
  agency_id TEXT NOT NULL, day TEXT NOT NULL, due_day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (agency_id, day, due_day)) WITHOUT ROWID;
CREATE INDEX kpi_agency_due_day ON kpi_agency_due(day, due_day);
INSERT INTO kpi_agency_daily (day, agency_id, channel, received, resolved, resolved_early, resolved_on_time, resolved_late, returned, refused, withdrawn, stopped, apologised, results_electronic, documents_reused, rated_very_satisfied, rated_satisfied, rated_dissatisfied, supplement_requested, closed_unresolved)
  SELECT day, agency_id, channel, SUM(received), SUM(resolved), SUM(resolved_early), SUM(resolved_on_time), SUM(resolved_late), SUM(returned), SUM(refused), SUM(withdrawn), SUM(stopped), SUM(apologised), SUM(results_electronic), SUM(documents_reused), SUM(rated_very_satisfied), SUM(rated_satisfied), SUM(rated_dissatisfied), SUM(supplement_requested), SUM(closed_unresolved) FROM kpi_daily GROUP BY day, agency_id, channel;
INSERT INTO kpi_agency_due (agency_id, day, due_day, n)
  SELECT agency_id, day, due_day, SUM(n) FROM kpi_due GROUP BY agency_id, day, due_day;

-- The monthly counters become a view of the daily ones (same columns, same names), for readers
-- written against them.
DROP TABLE kpi_counters;
CREATE VIEW kpi_counters AS
  SELECT agency_id, substr(day, 1, 7) AS period, 'received' AS metric, SUM(received) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(received) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7), 'received_counter', SUM(received) FROM kpi_daily WHERE channel = 1 GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(received) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7), 'received_online', SUM(received) FROM kpi_daily WHERE channel = 2 GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(received) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7), 'received_post', SUM(received) FROM kpi_daily WHERE channel = 3 GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(received) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'resolved' AS metric, SUM(resolved) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(resolved) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'resolved_early' AS metric, SUM(resolved_early) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(resolved_early) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'resolved_on_time' AS metric, SUM(resolved_on_time) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(resolved_on_time) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'resolved_late' AS metric, SUM(resolved_late) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(resolved_late) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'returned' AS metric, SUM(returned) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(returned) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'refused' AS metric, SUM(refused) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(refused) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'withdrawn' AS metric, SUM(withdrawn) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(withdrawn) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'stopped' AS metric, SUM(stopped) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(stopped) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'apologised' AS metric, SUM(apologised) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(apologised) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'results_electronic' AS metric, SUM(results_electronic) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(results_electronic) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'documents_reused' AS metric, SUM(documents_reused) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(documents_reused) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'rated_very_satisfied' AS metric, SUM(rated_very_satisfied) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(rated_very_satisfied) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'rated_satisfied' AS metric, SUM(rated_satisfied) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(rated_satisfied) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'rated_dissatisfied' AS metric, SUM(rated_dissatisfied) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(rated_dissatisfied) <> 0;
