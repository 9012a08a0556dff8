-- Staff contact addresses (issue 16): where the feedback deadline watch writes — a reminder to
-- the official handling a case, an escalation to the superior agency's leaders. Kept beside the
-- account (not a column of staff) so login and session reads stay as they are.
CREATE TABLE staff_contacts (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id), email TEXT NOT NULL, updated_at BIGINT NOT NULL);
-- Published-answer search (issue 16): a full-text index of the folded published text (the
-- redacted title, content and answer without diacritics, feedback_cases.public_folded) of
-- published cases only — nothing else of a case, so no personal data, is indexed. Contentless
-- FTS5: the text is not stored twice. Kept by triggers, so inside the very transaction that
-- publishes, re-publishes or unpublishes. The FTS rowid comes from feedback_search_keys (an
-- INTEGER PRIMARY KEY, kept by VACUUM; feedback_cases' implicit rowid is not), taken anew at each
-- (re)publication and counting down (the newest is the smallest), so the index's own forward
-- order is newest first: a search reads matches in that order and stops at the page's end
-- (FTS5 reads a doclist backwards only by loading it whole).
CREATE TABLE feedback_search_keys (n INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE feedback_search USING fts5(folded, content='', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER feedback_search_insert AFTER INSERT ON feedback_cases
  WHEN NEW.published = 1 AND NEW.public_folded IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO feedback_search_keys (n, case_id)
    VALUES ((SELECT COALESCE(MIN(n), 0) - 1 FROM feedback_search_keys), NEW.id);
  INSERT INTO feedback_search (rowid, folded) SELECT n, NEW.public_folded FROM feedback_search_keys WHERE case_id = NEW.id;
END;
CREATE TRIGGER feedback_search_update AFTER UPDATE OF published, public_folded ON feedback_cases
  WHEN (OLD.published = 1 AND OLD.public_folded IS NOT NULL) <> (NEW.published = 1 AND NEW.public_folded IS NOT NULL)
    OR OLD.public_folded IS NOT NEW.public_folded
BEGIN
  -- A contentless index forgets a row given the text it indexed (the old folded text).
  INSERT INTO feedback_search (feedback_search, rowid, folded)
    SELECT 'delete', n, OLD.public_folded FROM feedback_search_keys
    WHERE case_id = OLD.id AND OLD.published = 1 AND OLD.public_folded IS NOT NULL;
  DELETE FROM feedback_search_keys WHERE case_id = OLD.id;
  INSERT INTO feedback_search_keys (n, case_id)
    SELECT (SELECT COALESCE(MIN(n), 0) - 1 FROM feedback_search_keys), NEW.id
    WHERE NEW.published = 1 AND NEW.public_folded IS NOT NULL;
  INSERT INTO feedback_search (rowid, folded)
    SELECT n, NEW.public_folded FROM feedback_search_keys
    WHERE case_id = NEW.id AND NEW.published = 1 AND NEW.public_folded IS NOT NULL;
END;
CREATE TRIGGER feedback_search_delete AFTER DELETE ON feedback_cases
  WHEN OLD.published = 1 AND OLD.public_folded IS NOT NULL
BEGIN
  INSERT INTO feedback_search (feedback_search, rowid, folded)
    SELECT 'delete', n, OLD.public_folded FROM feedback_search_keys WHERE case_id = OLD.id;
  DELETE FROM feedback_search_keys WHERE case_id = OLD.id;
END;
-- The cases published before this migration.
INSERT INTO feedback_search_keys (n, case_id)
  SELECT -ROW_NUMBER() OVER (ORDER BY published_at, id), id FROM feedback_cases
  WHERE published = 1 AND public_folded IS NOT NULL;
INSERT INTO feedback_search (rowid, folded)
  SELECT k.n, c.public_folded FROM feedback_search_keys k JOIN feedback_cases c ON c.id = k.case_id;
