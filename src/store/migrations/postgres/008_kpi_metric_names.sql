-- The counters of withdrawals and stops were stored as "withdrawd" and "stopd" (an English
-- past tense made by appending "d"); the names are now kpi::Metric's. No row of the new names
-- existed before this migration, so the renames cannot collide.
UPDATE kpi_counters SET metric = 'withdrawn' WHERE metric = 'withdrawd';
UPDATE kpi_counters SET metric = 'stopped' WHERE metric = 'stopd';
