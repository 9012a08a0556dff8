-- The audit log as several hash chains (docs/architecture.md, "Audit chains"): one head row per
-- chain in `audit_chains` instead of the single `audit_head`, so that writers of several
-- processes on one PostgreSQL append side by side. SQLite has one writer and appends to chain 0
-- only; the schema is the same as PostgreSQL's so that the repository has one code path.
-- The records written before become chain 0 with the same seq and hashes (chain 0 hashes as before).
CREATE TABLE audit_chains (chain INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
INSERT INTO audit_chains (chain, seq, hash) SELECT 0, seq, hash FROM audit_head WHERE id = 1;
WITH RECURSIVE n(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM n WHERE c < 63)
INSERT INTO audit_chains (chain, seq, hash)
  SELECT c, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM n;
-- Keyed by (chain, seq) itself (WITHOUT ROWID): chain 0's appends stay at the B-tree's right edge.
CREATE TABLE audit_log_new (
  chain INTEGER NOT NULL, seq INTEGER NOT NULL, at BIGINT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, object TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL, PRIMARY KEY (chain, seq)) WITHOUT ROWID;
INSERT INTO audit_log_new (chain, seq, at, actor, action, object, detail, prev_hash, hash)
  SELECT 0, seq, at, actor, action, object, detail, prev_hash, hash FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
DROP TABLE audit_head;
