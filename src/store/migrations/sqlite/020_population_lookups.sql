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
