-- Uploaded documents of a dossier; the bytes live outside the database, named by SHA-256.
CREATE TABLE documents (
  id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers(id), component TEXT,
  file_name TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL);
CREATE INDEX documents_dossier ON documents(dossier_id, uploaded_at);
