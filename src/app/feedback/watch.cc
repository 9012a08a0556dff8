// The deadline watch: a reminder before the due instant (rules: remind_before_working_days) and,
// past it, the superior agency is told (escalated_to: the case then shows in the superior's
// list). Each once per clock, each its own transaction with history, audit, counter and one
// outbox `notify` row per addressee (org::reminder_addressees / escalation_addressees), sent by
// e-mail to their contact address (store/staff_contact_repo.h). The relay's delivery record
// (one per row and channel) keeps a retried row from mailing twice.
#include <algorithm>

#include <boost/json.hpp>

#include "app/feedback/feedback_service.h"
#include "app/feedback/support.h"
#include "common/time.h"
#include "domain/org/feedback_policy.h"
#include "store/repo.h"
#include "store/staff_contact_repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace fbsupport;

Result<int> FeedbackService::watch_once(int limit) {
  const Millis now = this->now();
  std::vector<store::FeedbackCaseRec> remind, late;
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(remind, store::feedback_to_remind(conn, now, limit));
    MC_ASSIGN(late, store::feedback_to_escalate(conn, now, limit));
    return ok_status();
  }));
  int done = 0;
  auto step = [&](const std::string& id, bool escalate) -> Status {
    bool acted = false;  // set by the job (which may run again after a rollback), counted once
    Status st = db_.write([&](sql::Connection& conn) -> Status {
      acted = false;
      MC_ASSIGN(auto found, store::get_feedback_case(conn, id));
      if (!found) return ok_status();
      store::FeedbackCaseRec c = *found;
      auto st = fbd::decide(facts_of(c), escalate ? fbd::Action::escalate : fbd::Action::remind);
      if (!st.ok()) return ok_status();  // answered meanwhile
      if (escalate ? (c.escalated_at || !c.due_at || c.due_at >= now) : (c.reminded_at || !c.remind_at || c.remind_at > now))
        return ok_status();  // done by another pass meanwhile
      json::object data{{"due_at", c.due_at}};
      if (escalate) {
        c.escalated_at = now;
        c.escalated_to = parent_of(c.agency_id);
        data["escalated_to"] = c.escalated_to;
      } else {
        c.reminded_at = now;
      }
      c.version += 1;
      c.updated_at = now;
      // Who is written to: the policy names them, the store gives their addresses today.
      const org::CaseScope scope{c.agency_id, c.escalated_to, c.assignee_id};
      const org::DeadlineAddressees who =
          escalate ? org::escalation_addressees(scope, c.escalated_to) : org::reminder_addressees(scope);
      std::vector<store::StaffAddressRec> to;
      if (!who.staff_id.empty()) {
        MC_ASSIGN(auto one, store::staff_address(conn, who.staff_id));
        to.push_back(std::move(one));
      } else {
        MC_ASSIGN(to, store::staff_addresses_holding(conn, who.agency_id, std::string(org::to_string(who.role)),
                                                     format_date(local_date(now))));
      }
      std::erase_if(to, [](const store::StaffAddressRec& r) { return r.email.empty(); });
      json::array told;
      for (auto& r : to) told.push_back(json::value(r.staff_id));
      data["told"] = told;
      MC_TRY(store::update_feedback_case(conn, c));
      MC_TRY(record(conn, c, Step{"system", std::string(fbd::to_string(escalate ? fbd::Action::escalate : fbd::Action::remind)),
                                  c.state, "", data, {escalate ? fbd::Metric::escalated : fbd::Metric::reminded}, {}},
                    now));
      const char* event = escalate ? "feedback_escalated" : "feedback_reminder";
      auto values = [&](const std::string& name) {
        return json::object{{"agency", agency_name(c.agency_id)},
                            {"superior", agency_name(who.agency_id)},
                            {"name", name},
                            {"title", first_chars(c.title, 200)},
                            {"due_at", c.due_at}};
      };
      // Nobody with an address: the row is still written (the staff app shows the flags). A pass
      // run for a later instant (`motcua feedback watch --at`) still sends its notices now: the
      // relay takes a row once its time has come by the wall clock.
      const Millis send_at = std::min(now, now_ms());
      if (to.empty()) MC_TRY(notify_agency(conn, c, event, "", values(""), send_at));
      for (auto& r : to) MC_TRY(notify_agency(conn, c, event, r.email, values(r.full_name), send_at));
      acted = true;
      return ok_status();
    });
    if (st.ok() && acted) ++done;
    return st;
  };
  // Another process's watch (several share one PostgreSQL) may take a case first: its version
  // moved, this step is void ("stale"), the pass goes on.
  auto each = [&](const std::string& id, bool escalate) -> Status {
    Status st = step(id, escalate);
    if (!st.ok() && st.error().code != "stale") return st;
    return ok_status();
  };
  for (auto& c : remind) MC_TRY(each(c.id, false));
  for (auto& c : late) MC_TRY(each(c.id, true));
  return done;
}

void FeedbackService::start_jobs() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  job_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      (void)watch_once();
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(60), [this] { return stopping_; });
    }
  });
}

void FeedbackService::stop_jobs() {
  {
    std::lock_guard lock(mu_);
    if (!started_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (job_.joinable()) job_.join();
  std::lock_guard lock(mu_);
  started_ = false;
}

}  // namespace motcua::app
