-- Staff contact addresses (issue 16): where the feedback deadline watch writes — a reminder to
-- the official handling a case, an escalation to the superior agency's leaders. Kept beside the
-- account (not a column of staff) so login and session reads stay as they are.
CREATE TABLE staff_contacts (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id), email TEXT NOT NULL, updated_at BIGINT NOT NULL);
-- Published-answer search (issue 16): a tsvector of the folded published text (the redacted
-- title, content and answer without diacritics, public_folded) of published cases only — NULL
-- for every other case, so nothing unpublished or personal is indexed. A stored generated
-- column: PostgreSQL recomputes it in the very statement (and transaction) that publishes or
-- unpublishes. The text is folded by the application (common::fold_vi) for both engines, so
-- unaccent (present in Debian 12's postgresql-15, but STABLE, not usable in a generated column,
-- and needing CREATE EXTENSION) is not required. Punctuation becomes spaces first so that the
-- 'simple' parser cuts words exactly where the query does (letters and digits only).
ALTER TABLE feedback_cases ADD COLUMN public_search tsvector GENERATED ALWAYS AS (
  CASE WHEN published = 1 AND public_folded IS NOT NULL
       THEN to_tsvector('simple'::regconfig, regexp_replace(lower(public_folded), '[^a-z0-9]+', ' ', 'g'))
  END) STORED;
CREATE INDEX feedback_cases_public_search ON feedback_cases USING GIN (public_search) WHERE published = 1;
