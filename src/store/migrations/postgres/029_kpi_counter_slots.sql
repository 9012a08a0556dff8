-- Counter slots (issue 17; docs/architecture.md "Counter slots", docs/performance.md): every
-- intake of a desk on a day adds to the same counter rows and holds their row locks through its
-- COMMIT's WAL flush, so the writers of a desk (of one process or two) commit one after another.
-- A `slot` key column lets one key be kept on up to 8 rows (store/kpi_repo.h kKpiSlots): each
-- connection adds to its own slot (its session number modulo 8) and every reader sums over slots,
-- as it already summed over days. Existing rows become slot 0 (the column's default); the figures
-- are unchanged. kpi-verify --repair writes slot 0 again and clears the others.
ALTER TABLE kpi_daily ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily DROP CONSTRAINT kpi_daily_pkey, ADD PRIMARY KEY (agency_id, day, procedure_id, channel, slot);
ALTER TABLE kpi_due ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_due DROP CONSTRAINT kpi_due_pkey, ADD PRIMARY KEY (agency_id, day, procedure_id, channel, due_day, slot);
ALTER TABLE kpi_agency_daily ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_agency_daily DROP CONSTRAINT kpi_agency_daily_pkey, ADD PRIMARY KEY (day, agency_id, channel, slot);
ALTER TABLE kpi_agency_due ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_agency_due DROP CONSTRAINT kpi_agency_due_pkey, ADD PRIMARY KEY (agency_id, day, due_day, slot);
-- The step-time counter is moved by the same actions (a handover, a decision): same layout.
ALTER TABLE kpi_step ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_step DROP CONSTRAINT kpi_step_pkey, ADD PRIMARY KEY (agency_id, day, procedure_id, step, role, at_agency_id, slot);
