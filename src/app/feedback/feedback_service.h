// Feedback and petitions (phản ánh, kiến nghị — DOMAIN.md §8, issue 16): the one service behind
// every channel (intake.h) and every screen. The rules in force come from data
// (data/seed/feedback_rules.json, domain/feedback/rules.h); the legal moves from
// domain/feedback/case.h; who may do what from the one policy (domain/org/feedback_policy.h).
//
// Every step is one transaction that writes the case, its history entry, one audit record, the
// leaders' counters it moves and, where the sender or staff are told, an outbox `notify` row.
//
// Who sees what: staff of the handling agency (and of the superior a late case was escalated
// to; province roles everywhere) read a case; a citizen reads only their own cases (filed from
// their session) and gets 404 for any other, existence not told. A case naming a dossier shows
// the dossier only to a reader who may read it too, and the dossier's list of cases shows only
// cases the reader may read.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/calendar/calendar_service.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/feedback/intake.h"
#include "common/result.h"
#include "domain/feedback/case.h"
#include "domain/feedback/rules.h"
#include "store/feedback_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

namespace fbd = ::motcua::feedback;

struct CaseHistoryEntry {
  Millis at = 0;
  std::string action, label, actor, from_state, to_state, note;
  std::string data;  // JSON
};

struct CaseView {
  store::FeedbackCaseRec c;
  std::string state_label, kind_label, channel_label, agency_name;
  std::vector<CaseHistoryEntry> history;
  std::vector<store::FeedbackAttachmentRec> attachments;
  std::vector<store::FeedbackRatingRec> ratings;
  bool dossier_visible = false;   // the reader may read the dossier the case names
  bool overdue = false;
  std::vector<std::string> may;   // actions this reader may take now
  bool staff_view = false;        // staff see the sender's contact; a citizen sees their own
};

struct CaseQuery {
  std::string state;     // "" = any
  std::string cursor;
  int limit = 20;
};
struct CasePage {
  std::vector<CaseView> items;  // summaries: no history
  std::string next_cursor;
};

struct StaffAction {
  std::string action;                  // fbd::Action stored name
  std::string field, kind, agency_id;  // classify (agency optional), transfer (agency)
  std::string assignee_id;             // assign
  std::string answer;                  // answer
  bool publish = false;                // answer: publish at once (unless private)
  std::string reason;                  // refuse, transfer: why
};

struct CaseRating {
  std::string score;  // very_satisfied | satisfied | dissatisfied
  std::string comment;
};

struct PublishedAnswer {
  std::string code, kind, field, agency_name, text;  // text: title, content and answer redacted
  std::string title, content, answer;
  Millis received_at = 0, answered_at = 0;
};
struct PublishedPage {
  std::vector<PublishedAnswer> items;
  std::string next_cursor;
};

struct CaseFile {
  store::FeedbackAttachmentRec meta;
  std::string bytes;
};

struct FeedbackFigures {
  std::string from, to, agency_id;
  std::vector<store::FeedbackCounterRec> counters;
  int64_t received = 0, handled = 0, handled_on_time = 0, rated = 0, satisfied = 0;
};

// The public status of a case (Open311 "request"): nothing personal.
struct PublicCase {
  std::string code, kind, state, state_label, agency_name, title;
  bool open = true;
  Millis received_at = 0, updated_at = 0, due_at = 0;
  std::string answer;  // only when published
};

class FeedbackService : public feedback::Intake {
 public:
  FeedbackService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, CalendarService& calendar,
                  const Clock& clock)
      : cfg_(cfg), db_(db), catalogue_(catalogue), calendar_(calendar), clock_(clock) {}
  ~FeedbackService() override { stop_jobs(); }

  // The rules in force (loaded once from <seed_dir>/feedback_rules.json).
  Result<fbd::Rules> rules();

  // --- filing (filing.cc) ---
  // The channel contract: see intake.h.
  Result<feedback::Filed> file(const feedback::Submission& s) override;
  // A person's filing: the portal (a citizen session, or nobody) or the hotline desk (staff:
  // received_by is the official). Idempotency-Key honoured per person.
  Result<feedback::Filed> file_as(const Actor& a, feedback::Submission s, const std::string& idem_key,
                                  const std::string& body_hash);

  // --- reading (reading.cc) ---
  Result<CaseView> view(const Actor& a, const std::string& id);
  Result<CasePage> staff_cases(const Actor& a, const CaseQuery& q);
  Result<CasePage> my_cases(const Actor& a, const CaseQuery& q);
  Result<CaseFile> attachment(const Actor& a, const std::string& case_id, const std::string& attachment_id);
  // The cases naming a dossier that this reader may read (and only if they may read the dossier).
  Result<std::vector<CaseView>> cases_of_dossier(const Actor& a, const std::string& dossier_id);
  Result<PublishedPage> published(const std::string& q, const std::string& cursor, int limit);
  Result<PublicCase> public_case(const std::string& code);
  Result<FeedbackFigures> figures(const Actor& a, const std::string& agency_id, const std::string& from,
                                  const std::string& to);

  // --- handling (handling.cc) ---
  Result<CaseView> act(const Actor& a, const std::string& id, const StaffAction& in);
  Result<CaseView> rate(const Actor& a, const std::string& id, const CaseRating& in);
  Result<CaseView> reopen(const Actor& a, const std::string& id, const std::string& reason);

  // --- the deadline watch (watch.cc) ---
  // Reminds the handling agency of cases whose reminder time has come and tells the superior of
  // cases past their due instant (each once, each its own transaction); returns how many.
  Result<int> watch_once(int limit = 100);
  void start_jobs();
  void stop_jobs();

 private:
  Millis now() const { return clock_.now(); }
  std::shared_ptr<const calendar::Calendar> cal() { return calendar_.current(); }
  Result<feedback::Filed> file_in(const Actor* a, feedback::Submission s, const std::string& idem_key,
                                  const std::string& body_hash);
  std::vector<std::string> may_now(const Actor& a, const store::FeedbackCaseRec& c);
  Result<CaseView> view_in(sql::Connection& c, const Actor& a, const store::FeedbackCaseRec& rec, bool full);
  Result<CasePage> page_of(const Actor& a, store::FeedbackFilter f, int limit, bool full);
  std::string agency_name(const std::string& id);
  std::string parent_of(const std::string& agency_id);

  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  CalendarService& calendar_;
  const Clock& clock_;
  std::mutex rules_mu_;
  std::optional<fbd::Rules> rules_;
  std::thread job_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false, started_ = false;
};

}  // namespace motcua::app
