-- The receptions per procedure and channel of the Quyết định 766 view (store/index766_repo.cc
-- received_by_procedure) read kpi_daily by day for the days of a period outside its whole built
-- months (the open month's days, a partial month's edge): through kpi_daily_day that was one
-- table fetch per row (~1,300 rows a day at 1,000,000 dossiers). This index covers that read
-- (day range, then procedure, channel and received from the index alone) and serves every
-- by-day read kpi_daily_day served, so it replaces it: still one index beside the primary key.
-- Its entry moves only when `received` does (a reception; the write path's upserts set only
-- the columns they change), not on decisions or other counters.
DROP INDEX kpi_daily_day;
CREATE INDEX kpi_daily_day_received ON kpi_daily(day, procedure_id, channel, received);
