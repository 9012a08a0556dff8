-- Service locations: where citizens are helped (provincial centre, postal points, commune desks).
CREATE TABLE service_locations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agencies(id), unit_id TEXT, address TEXT,
  verified INTEGER NOT NULL DEFAULT 0, note TEXT);
