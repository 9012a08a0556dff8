-- The Quyết định 766 digitisation lists (app/kpi/index766_lists.cc; docs/architecture.md
-- "Digitisation lists"). data_reused lists the components counted at filing: the dossiers of one
-- competent agency by filing instant, read as one index range.
CREATE INDEX dossiers_competent_submitted ON dossiers(competent_agency_id, submitted_at, id);
ALTER TABLE kpi_month ADD COLUMN received_digitised BIGINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_agency_month ADD COLUMN received_digitised BIGINT NOT NULL DEFAULT 0;

-- kpi received_digitised (kpi::Metric, after 020's population_asked): a dossier received with its
-- components digitised at reception (app/kpi/digitised.h): filed online, or every component it
-- has handed in on paper has a file attached under its name before the end of its reception day
-- (local, UTC+7), and at least one component provided. Counted on the reception day; the backfill
-- below counts the same from the dossiers and documents already stored, then drops the closed
-- months' rollups (the next read builds them again with the column). (The recount test runs this
-- part again after 017: keep it last.)
ALTER TABLE kpi_daily ADD COLUMN received_digitised BIGINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_agency_daily ADD COLUMN received_digitised BIGINT NOT NULL DEFAULT 0;
CREATE TABLE kpi_digitised_backfill AS
  SELECT d.competent_agency_id AS agency_id, date((d.received_at + 25200000) / 1000, 'unixepoch') AS day, d.procedure_id,
         d.channel, COUNT(*) AS n
    FROM dossiers d
   WHERE d.received_at > 0
     AND (d.channel = 2 OR (
       EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(d.doc) THEN d.doc ELSE '{}' END, '$.components') dc
                WHERE COALESCE(json_extract(dc.value, '$.provided'), 1) = 1)
       AND NOT EXISTS (
         SELECT 1 FROM json_each(CASE WHEN json_valid(d.doc) THEN d.doc ELSE '{}' END, '$.components') dc
          WHERE COALESCE(json_extract(dc.value, '$.provided'), 1) = 1
            AND COALESCE(json_extract(dc.value, '$.source'), '') = ''
            AND NOT EXISTS (SELECT 1 FROM documents x
                             WHERE x.dossier_id = d.id AND x.component = json_extract(dc.value, '$.name')
                               AND x.uploaded_at < ((d.received_at + 25200000) / 86400000 + 1) * 86400000 - 25200000))))
   GROUP BY d.competent_agency_id, date((d.received_at + 25200000) / 1000, 'unixepoch'), d.procedure_id, d.channel;
INSERT INTO kpi_daily (agency_id, day, procedure_id, channel, received_digitised)
  SELECT agency_id, day, procedure_id, channel, n FROM kpi_digitised_backfill WHERE true
  ON CONFLICT (agency_id, day, procedure_id, channel) DO UPDATE SET
    received_digitised = kpi_daily.received_digitised + excluded.received_digitised;
INSERT INTO kpi_agency_daily (day, agency_id, channel, received_digitised)
  SELECT day, agency_id, channel, SUM(n) FROM kpi_digitised_backfill GROUP BY day, agency_id, channel
  ON CONFLICT (day, agency_id, channel) DO UPDATE SET
    received_digitised = kpi_agency_daily.received_digitised + excluded.received_digitised;
DROP TABLE kpi_digitised_backfill;
UPDATE kpi_rollup SET built_through = '', generation = generation + 1 WHERE id = 1;
DELETE FROM kpi_month;
DELETE FROM kpi_agency_month;
DELETE FROM kpi_month_stock;
DELETE FROM kpi_agency_month_stock;
