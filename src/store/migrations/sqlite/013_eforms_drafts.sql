-- E-forms and drafts (issue 13). A procedure version carries its e-form schema (JSON, format 1:
-- src/domain/eform/schema.h); versions without a row use the generic form. A draft is a
-- citizen's online filing before submission: the form's data, versioned against lost updates,
-- with an expiry; its uploads are resumable (received bytes so far) and become the dossier's
-- documents on submit, in the submit's transaction.
CREATE TABLE procedure_eforms (
  procedure_id TEXT PRIMARY KEY REFERENCES procedures(id), schema TEXT NOT NULL,
  verified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE drafts (
  id TEXT PRIMARY KEY, owner_personal_id TEXT NOT NULL, procedure_id TEXT NOT NULL REFERENCES procedures(id),
  data TEXT NOT NULL, extra TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL,
  dossier_id TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX drafts_owner ON drafts(owner_personal_id, updated_at);
CREATE INDEX drafts_expiry ON drafts(expires_at);
CREATE TABLE draft_uploads (
  id TEXT PRIMARY KEY, draft_id TEXT NOT NULL REFERENCES drafts(id), component TEXT NOT NULL,
  file_name TEXT NOT NULL, declared_size BIGINT NOT NULL, received BIGINT NOT NULL,
  content_type TEXT, sha256 TEXT, state TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX draft_uploads_draft ON draft_uploads(draft_id, created_at);
