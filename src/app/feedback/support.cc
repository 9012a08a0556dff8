#include "app/feedback/support.h"

#include <boost/json.hpp>

#include "app/dossier/support.h"
#include "app/journal.h"
#include "app/notify/enqueue.h"
#include "common/crypto.h"

namespace motcua::app::fbsupport {
namespace json = boost::json;

Status record(sql::Connection& conn, const store::FeedbackCaseRec& c, const Step& s, Millis now) {
  store::FeedbackEventRec e{0, c.id, now, s.actor, s.action, s.from_state, c.state, s.note,
                            s.data.empty() ? std::string() : json::serialize(s.data)};
  MC_TRY(store::insert_feedback_event(conn, e));
  json::object detail = s.data;
  detail["code"] = c.code;
  detail["from"] = s.from_state;
  detail["to"] = c.state;
  MC_TRY(audit(conn, now, s.actor, "feedback." + s.action, "feedback:" + c.id, detail));
  const std::string period = detail::kpi_period(now);
  const std::string& agency = s.metrics_agency.empty() ? c.agency_id : s.metrics_agency;
  for (auto& m : s.metrics) MC_TRY(store::bump_feedback_counter(conn, period, agency, c.channel, c.field, m));
  return ok_status();
}

Status notify_sender(sql::Connection& conn, const store::FeedbackCaseRec& c, const std::string& event,
                     const json::object& values, Millis now) {
  json::array to;
  if (!c.sender_email.empty()) to.push_back(json::object{{"channel", "email"}, {"address", c.sender_email}});
  if (!c.sender_phone.empty()) to.push_back(json::object{{"channel", "sms"}, {"address", c.sender_phone}});
  if (to.empty()) return ok_status();  // nobody to tell: no row for nobody
  json::object v = values;
  v["code"] = c.code;
  v["name"] = c.sender_name;
  json::object payload{{"event", event}, {"case_id", c.id}, {"to", to}, {"values", v}};
  return outbox(conn, notify::kTopic, payload, now);
}

Status notify_agency(sql::Connection& conn, const store::FeedbackCaseRec& c, const std::string& event,
                     const std::string& address, const json::object& values, Millis now) {
  json::array to;
  if (!address.empty()) to.push_back(json::object{{"channel", "email"}, {"address", address}});
  json::object v = values;
  v["code"] = c.code;
  json::object payload{{"event", event}, {"case_id", c.id}, {"to", to}, {"values", v}};
  return outbox(conn, notify::kTopic, payload, now);
}

::motcua::feedback::Facts facts_of(const store::FeedbackCaseRec& c) {
  ::motcua::feedback::Facts f;
  f.state = ::motcua::feedback::parse_state(c.state).value_or(::motcua::feedback::State::received);
  f.reopened_before = c.reopened;
  f.wants_private = c.wants_private;
  f.published = c.published;
  return f;
}

std::string first_chars(const std::string& s, size_t n) {
  size_t count = 0, i = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) return s.substr(0, i) + "…";
      ++count;
    }
    ++i;
  }
  return s;
}

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}

std::string new_code() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32: no 0/O, 1/I
  const std::string hex = random_hex(8);
  std::string out = "PAKN-";
  for (size_t i = 0; i < 8; ++i) out += kAlphabet[std::stoi(hex.substr(2 * i, 2), nullptr, 16) % 32];
  return out;
}

}  // namespace motcua::app::fbsupport
