-- The national population database (CSDL quốc gia về dân cư, integrations/dancu): every lookup
-- of a person made at the counter or by a citizen filing online, with who asked, with whose
-- consent, what came back (the record, or why nothing did), and the dossier that used it (each
-- lookup fills at most one dossier). Kept as the log of access to citizens' data.
CREATE TABLE population_lookups (
  id TEXT PRIMARY KEY,
  asked_by TEXT NOT NULL,        -- Actor::label of who asked (the officer, or the citizen)
  id_number TEXT NOT NULL,       -- the 12-digit personal identification number looked up
  procedure_id TEXT NOT NULL,    -- the procedure version the lookup was made for ("" = none said)
  consent TEXT NOT NULL,         -- how the citizen agreed: "online" (their own act) or "counter"
  status TEXT NOT NULL,          -- found | not_found | unavailable
  person TEXT NOT NULL,          -- the record as JSON ("" unless found)
  error TEXT NOT NULL,           -- why nothing usable came back ("" when found)
  created_at BIGINT NOT NULL,
  dossier_id TEXT);              -- the dossier filled from it (NULL until one is)
CREATE INDEX population_lookups_asked ON population_lookups(asked_by, created_at);
CREATE INDEX population_lookups_number ON population_lookups(id_number, created_at);

-- kpi population_reused / population_asked (kpi::Metric, after 017's closed_unresolved): the
-- components replaceable by the population database, taken from it at filing or handed in all
-- the same. Real columns of kpi_daily and its agency rollup, moved at intake by bump_metric and
-- recounted by kpi-verify from the stored dossier (app/integration/population.h,
-- population_counts); the backfill below counts the same from the dossiers already stored, on
-- the day of their filing. (The recount test runs this part again after 017: keep it last.)
ALTER TABLE kpi_daily ADD COLUMN population_reused BIGINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN population_asked BIGINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_agency_daily ADD COLUMN population_reused BIGINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_agency_daily ADD COLUMN population_asked BIGINT NOT NULL DEFAULT 0;
CREATE TABLE kpi_population_backfill AS
  SELECT d.competent_agency_id AS agency_id, date((d.submitted_at + 25200000) / 1000, 'unixepoch') AS day, d.procedure_id, d.channel,
         SUM(CASE WHEN COALESCE(json_extract(dc.value, '$.source'), '') = '' THEN 0 ELSE 1 END) AS population_reused,
         SUM(CASE WHEN COALESCE(json_extract(dc.value, '$.source'), '') = '' THEN 1 ELSE 0 END) AS population_asked
    FROM dossiers d JOIN procedures p ON p.id = d.procedure_id,
         json_each(CASE WHEN json_valid(d.doc) THEN d.doc ELSE '{}' END, '$.components') dc,
         json_each(CASE WHEN json_valid(p.doc) THEN p.doc ELSE '{}' END, '$.components') pc
   WHERE json_extract(pc.value, '$.replaceable_by') = 'csdl_dan_cu'
     AND json_extract(dc.value, '$.name') = json_extract(pc.value, '$.name')
     AND COALESCE(json_extract(dc.value, '$.provided'), 1) = 1
   GROUP BY d.competent_agency_id, date((d.submitted_at + 25200000) / 1000, 'unixepoch'), d.procedure_id, d.channel;
INSERT INTO kpi_daily (agency_id, day, procedure_id, channel, population_reused, population_asked)
  SELECT agency_id, day, procedure_id, channel, population_reused, population_asked FROM kpi_population_backfill WHERE true
  ON CONFLICT (agency_id, day, procedure_id, channel) DO UPDATE SET
    population_reused = kpi_daily.population_reused + excluded.population_reused,
    population_asked = kpi_daily.population_asked + excluded.population_asked;
INSERT INTO kpi_agency_daily (day, agency_id, channel, population_reused, population_asked)
  SELECT day, agency_id, channel, SUM(population_reused), SUM(population_asked) FROM kpi_population_backfill
   GROUP BY day, agency_id, channel
  ON CONFLICT (day, agency_id, channel) DO UPDATE SET
    population_reused = kpi_agency_daily.population_reused + excluded.population_reused,
    population_asked = kpi_agency_daily.population_asked + excluded.population_asked;
DROP TABLE kpi_population_backfill;
DROP VIEW kpi_counters;
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
  SELECT agency_id, substr(day, 1, 7) AS period, 'rated_dissatisfied' AS metric, SUM(rated_dissatisfied) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(rated_dissatisfied) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'population_reused' AS metric, SUM(population_reused) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(population_reused) <> 0
UNION ALL
  SELECT agency_id, substr(day, 1, 7) AS period, 'population_asked' AS metric, SUM(population_asked) AS n FROM kpi_daily GROUP BY agency_id, substr(day, 1, 7) HAVING SUM(population_asked) <> 0;
