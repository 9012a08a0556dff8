#include "app/feedback/support.h"

#include <boost/json.hpp>

#include "app/dossier/support.h"
#include "app/journal.h"
#include "app/notify/enqueue.h"
#include "app/zalo/zalo_service.h"
#include "domain/calendar/deadline.h"
#include "store/feedback_answered_repo.h"
#include "store/repo.h"
#include "store/zalo_repo.h"
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
  for (auto m : s.metrics)
    MC_TRY(store::bump_feedback_counter(conn, period, agency, c.channel, c.field, std::string(::motcua::feedback::to_string(m))));
  return ok_status();
}

Result<std::vector<::motcua::feedback::Metric>> count_first_answer(sql::Connection& conn, const store::FeedbackCaseRec& c) {
  using ::motcua::feedback::Metric;
  MC_ASSIGN(auto known, store::get_feedback_answered(conn, c.id));
  if (known) return std::vector<Metric>{};
  MC_TRY(store::insert_feedback_answered(
      conn, store::FeedbackAnsweredRec{c.id, c.agency_id, c.channel, c.field, c.answered_at, c.due_at, c.timeliness, false}));
  std::vector<Metric> out{Metric::case_answered};
  if (calendar::parse_timeliness(c.timeliness) != calendar::Timeliness::late) out.push_back(Metric::case_answered_on_time);
  return out;
}

Status count_dissatisfied(sql::Connection& conn, const std::string& case_id) {
  MC_ASSIGN(auto row, store::get_feedback_answered(conn, case_id));
  if (!row || row->dissatisfied) return ok_status();
  MC_TRY(store::set_feedback_dissatisfied(conn, case_id));
  return store::bump_feedback_counter(conn, detail::kpi_period(row->answered_at), row->agency_id, row->channel, row->field,
                                      std::string(::motcua::feedback::to_string(::motcua::feedback::Metric::case_answered_dissatisfied)));
}

namespace {

std::string value_of(const json::object& v, const char* k) {
  auto* x = v.if_contains(k);
  return x && x->is_string() ? std::string(x->as_string()) : std::string();
}

// The follower who hears of this case on Zalo: the one who sent it, else the one its citizen
// linked; only while they follow the OA (Zalo refuses messages to others).
Result<std::string> zalo_follower_of(sql::Connection& conn, const store::FeedbackCaseRec& c) {
  std::optional<store::ZaloFollowerRec> f;
  if (!c.zalo_user_id.empty()) {
    MC_ASSIGN(f, store::get_zalo_follower(conn, c.zalo_user_id));
  } else if (!c.citizen_id.empty()) {
    MC_ASSIGN(f, store::zalo_follower_of_citizen(conn, c.citizen_id));
  }
  return f && f->following ? f->user_id : std::string();
}

}  // namespace

std::string clean_for_zalo(const std::string& s, size_t max) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch == '\r') continue;
    if (ch == '\n' || ch == '\t') out += ch == '\t' ? ' ' : '\n';
    else if (ch < 0x20 || ch == 0x7f) out += ' ';
    else if (ch == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
             static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      ++i;  // C1 controls
      out += ' ';
    } else out += char(ch);
  }
  return first_chars(out, max);
}

std::string zalo_text(const std::string& event, const store::FeedbackCaseRec& c, const json::object& values) {
  constexpr size_t kZaloTextMax = 2000;  // the OA message API's limit for a text
  auto one_line = [](const std::string& v) {
    std::string t = clean_for_zalo(v, 300);
    for (auto& ch : t)
      if (ch == '\n') ch = ' ';
    return t;
  };
  const std::string code = c.code;
  std::string t;
  if (event == "feedback_received")
    t = "Phản ánh, kiến nghị «" + one_line(value_of(values, "title")) + "» đã được tiếp nhận, mã " + code + ".";
  else if (event == "feedback_refused")
    t = "Phản ánh, kiến nghị mã " + code + " không được xem xét, xử lý.\nLý do: " + one_line(value_of(values, "reason"));
  else if (event == "feedback_transferred")
    t = "Phản ánh, kiến nghị mã " + code + " đã được chuyển đến " + one_line(value_of(values, "agency")) +
        " là cơ quan có thẩm quyền xử lý. Thời hạn xử lý được tính lại từ ngày chuyển.";
  else if (event == "feedback_answered")
    t = "Trả lời phản ánh, kiến nghị mã " + code + ":\n" +
        clean_for_zalo(value_of(values, "answer"), kZaloTextMax - 200) +
        "\nÔng/Bà có thể đánh giá câu trả lời hoặc đề nghị xem xét lại một lần trên Cổng dịch vụ công.";
  else
    return "";
  return clean_for_zalo(t, kZaloTextMax);
}

Status notify_sender(sql::Connection& conn, const store::FeedbackCaseRec& c, const std::string& event,
                     const json::object& values, Millis now, bool by_zalo) {
  if (by_zalo) {
    MC_ASSIGN(std::string user, zalo_follower_of(conn, c));
    const std::string text = user.empty() ? "" : zalo_text(event, c, values);
    if (!text.empty())
      MC_TRY(store::insert_outbox(conn, kZaloReplyTopic, json::serialize(json::object{{"user_id", user}, {"text", text}}),
                                  now, "zalo:" + user));
  }
  json::array to;
  using ::motcua::notify::Channel;
  if (!c.sender_email.empty()) to.push_back(json::object{{"channel", to_string(Channel::email)}, {"address", c.sender_email}});
  if (!c.sender_phone.empty()) to.push_back(json::object{{"channel", to_string(Channel::sms)}, {"address", c.sender_phone}});
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
  if (!address.empty()) to.push_back(json::object{{"channel", to_string(::motcua::notify::Channel::email)}, {"address", address}});
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
