-- The Quyết định 766 feedback indicators (issue 14, app/kpi/index766_lists.cc): one row per case
-- the index counts as answered — "số phản ánh, kiến nghị đã trả lời" counts cases, not answers —
-- in the month of its first answer, at the agency, channel and field it was answered under, with
-- that answer's timeliness; `dissatisfied` once any answer of the case was rated dissatisfied.
-- Moved in the same transaction as the answer and the rating (app/feedback/handling.cc), with the
-- monthly counters case_answered, case_answered_on_time and case_answered_dissatisfied; the list
-- behind each number reads one agency's range of the index below.
CREATE TABLE feedback_answered (
  case_id TEXT PRIMARY KEY REFERENCES feedback_cases(id), agency_id TEXT NOT NULL, channel TEXT NOT NULL,
  field TEXT NOT NULL, answered_at BIGINT NOT NULL, due_at BIGINT, timeliness TEXT NOT NULL,
  dissatisfied INTEGER NOT NULL DEFAULT 0);
CREATE INDEX feedback_answered_agency ON feedback_answered(agency_id, answered_at, case_id);
-- The cases answered before: their first answer entry (its data has the timeliness; agency,
-- field and due instant are recorded from now on, else the case's own).
INSERT INTO feedback_answered (case_id, agency_id, channel, field, answered_at, due_at, timeliness, dissatisfied)
SELECT e.case_id, COALESCE(json_extract(e.data, '$.agency_id'), c.agency_id), c.channel,
       COALESCE(json_extract(e.data, '$.field'), c.field, ''), e.at, json_extract(e.data, '$.due_at'),
       COALESCE(json_extract(e.data, '$.timeliness'), 'on_time'),
       CASE WHEN EXISTS (SELECT 1 FROM feedback_ratings r WHERE r.case_id = e.case_id AND r.score = 'dissatisfied') THEN 1 ELSE 0 END
FROM feedback_events e JOIN feedback_cases c ON c.id = e.case_id
WHERE e.action = 'answer' AND e.id = (SELECT MIN(x.id) FROM feedback_events x WHERE x.case_id = e.case_id AND x.action = 'answer');
INSERT INTO feedback_counters (period, agency_id, channel, field, metric, n)
SELECT period, agency_id, channel, field, metric, SUM(n) FROM (
  SELECT strftime('%Y-%m', answered_at / 1000 + 25200, 'unixepoch') AS period, agency_id, channel, field,
         'case_answered' AS metric, 1 AS n FROM feedback_answered
  UNION ALL
  SELECT strftime('%Y-%m', answered_at / 1000 + 25200, 'unixepoch'), agency_id, channel, field, 'case_answered_on_time', 1
    FROM feedback_answered WHERE timeliness <> 'late'
  UNION ALL
  SELECT strftime('%Y-%m', answered_at / 1000 + 25200, 'unixepoch'), agency_id, channel, field, 'case_answered_dissatisfied', 1
    FROM feedback_answered WHERE dissatisfied = 1) t
GROUP BY period, agency_id, channel, field, metric;
