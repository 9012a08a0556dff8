-- SQLite's migration 036 replaces kpi_daily_day with a covering index for the receptions per
-- procedure (store/index766_repo.cc). Not here: on PostgreSQL an index holding `received` would
-- make every reception's counter update a non-HOT update (a new entry in each kpi_daily index,
-- on the write path's hottest rows), and the 766 view read well within its budget at 1,000,000
-- dossiers (docs/performance.md, "PostgreSQL at 1,000,000 dossiers"). Kept as a numbered no-op
-- so that both engines share the migration list.
SELECT 1;
