-- Codes indexed day first (the same change as SQLite's 007, which explains it): `code_serial`
-- is the code's yyMMddNNNN as one integer, 0 for a code not in that form (store::code_serial,
-- which this expression mirrors), and UNIQUE (code_serial, code) replaces UNIQUE (code).
ALTER TABLE dossiers ADD COLUMN code_serial BIGINT NOT NULL DEFAULT 0;
UPDATE dossiers SET code_serial = (substr(code, length(code) - 10, 6) || right(code, 4))::bigint
  WHERE code ~ '-[0-9]{6}-[0-9]{4}$';
CREATE UNIQUE INDEX dossiers_code ON dossiers(code_serial, code);
ALTER TABLE dossiers DROP CONSTRAINT dossiers_code_key;
