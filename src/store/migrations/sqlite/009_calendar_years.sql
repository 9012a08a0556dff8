-- The calendar for any year (issue 17). A year listed here has the government's official
-- decision: its days in calendar_days (origin 'official') are the whole list for that year.
-- Every other year's days off are the Labour Code rules, computed by the application for
-- 1900..2199 (domain/calendar/holidays.h), with administrators' edits (origin 'admin') on top;
-- so the rule rows the seed wrote for a few years are dropped: they were the same rules.
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY, source TEXT NOT NULL, decided_by TEXT NOT NULL, decided_at BIGINT NOT NULL);
INSERT INTO calendar_years (year, source, decided_by, decided_at)
  SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER), '', 'migration 009', 0
  FROM calendar_days WHERE origin = 'official';
DELETE FROM calendar_days WHERE origin = 'rule';
