-- The audit log as several hash chains (docs/architecture.md, "Audit chains"). The single
-- `audit_head` row made every writer of every process wait for the previous one's COMMIT (its
-- row lock is held to the end of the transaction). Now 64 head rows: a writer takes one no other
-- open transaction holds (FOR UPDATE SKIP LOCKED). The records written before become chain 0
-- with the same seq and hashes (chain 0 hashes as before).
CREATE TABLE audit_chains (chain INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)
  WITH (fillfactor = 50);
INSERT INTO audit_chains (chain, seq, hash) SELECT 0, seq, hash FROM audit_head WHERE id = 1;
INSERT INTO audit_chains (chain, seq, hash) SELECT g, 0, repeat('0', 64) FROM generate_series(1, 63) g;
ALTER TABLE audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD PRIMARY KEY (chain, seq);
DROP TABLE audit_head;
