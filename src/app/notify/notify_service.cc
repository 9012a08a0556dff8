#include "app/notify/notify_service.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/dossier/policy.h"
#include "app/journal.h"
#include "common/text.h"
#include "docs/docs.h"
#include "domain/dossier/code.h"
#include "store/outbox_repo.h"
#include "store/repo.h"
#include "store/zalo_repo.h"

namespace motcua::app {
namespace json = boost::json;
using motcua::notify::event_name_vi;
using motcua::notify::parse_channel;
using motcua::notify::parse_event;

namespace {

class Sink final : public outbox_relay::Sink {
 public:
  explicit Sink(NotifyService& s) : s_(s) {}
  Status deliver(const outbox_relay::Message& m) override { return s_.deliver(m); }

 private:
  NotifyService& s_;
};

std::string day_month_year(Millis t) {
  Date d = local_date(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_array()) {  // reasons as a list
    std::string out;
    for (auto& x : v->as_array())
      if (x.is_string()) out += (out.empty() ? "" : "; ") + std::string(x.as_string());
    return out;
  }
  return "";
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

std::string bounded(const std::string& s) { return notify::clean_value(s, 500); }

}  // namespace

std::string mask_address(const std::string& channel, const std::string& a) {
  if (parse_channel(channel) == ::motcua::notify::Channel::email) {
    auto at = a.find('@');
    if (at == std::string::npos || at == 0) return "***";
    return a.substr(0, 1) + "***" + a.substr(at);
  }
  if (a.starts_with(notify::kZaloFollowerPrefix)) return "Zalo OA ***" + a.substr(a.size() - std::min<size_t>(a.size(), 3));
  if (a.size() < 7) return "***";
  return a.substr(0, 3) + std::string(a.size() - 6, '*') + a.substr(a.size() - 3);
}

std::optional<std::string> normalise_phone(const std::string& s) {
  std::string d;
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (ch >= '0' && ch <= '9') d += ch;
    else if (ch == ' ' || ch == '.' || ch == '-') continue;
    else if (ch == '+' && i == 0) continue;
    else return std::nullopt;
  }
  if (d.size() == 11 && d.rfind("84", 0) == 0) d = "0" + d.substr(2);
  if (d.size() != 10 || d[0] != '0' || d[1] == '0') return std::nullopt;
  return d;
}

bool is_plain_email(const std::string& s) {
  if (s.empty() || s.size() > 254) return false;
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || s.find('@', at + 1) != std::string::npos) return false;
  for (unsigned char ch : s) {
    if (ch <= 0x20 || ch >= 0x7F) return false;  // ASCII mailboxes only: no spaces, no controls
    if (std::string_view("\"<>(),;:\\[]").find(char(ch)) != std::string_view::npos) return false;
  }
  std::string domain = s.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string::npos && dot > 0 && domain.back() != '.' && domain.find("..") == std::string::npos;
}

NotifyService::NotifyService(const Config& cfg, sql::Database& db, const Clock& clock)
    : cfg_(cfg), db_(db), clock_(clock), sink_(std::make_shared<Sink>(*this)) {}

void NotifyService::set_channel(notify::Channel ch, std::shared_ptr<notify::ChannelAdapter> adapter) {
  channels_[size_t(ch)] = std::move(adapter);
}

bool NotifyService::has_channels() const {
  return std::any_of(channels_.begin(), channels_.end(), [](auto& c) { return c != nullptr; });
}

std::shared_ptr<outbox_relay::Sink> NotifyService::sink() { return sink_; }

Result<NotifyPrefs> NotifyService::preferences(const Actor& a) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  NotifyPrefs out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto p, store::get_notify_prefs(c, a.id));
    if (p) out = NotifyPrefs{p->channels, p->email, p->phone, p->updated_at};
    return ok_status();
  }));
  return out;
}

Result<NotifyPrefs> NotifyService::set_preferences(const Actor& a, const NotifyPrefs& in) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  std::vector<FieldError> errors;
  NotifyPrefs p;
  if (in.channels.size() > 3) errors.push_back({"channels", "Chọn tối đa 3 kênh: email, zalo, sms"});
  for (auto& ch : in.channels) {
    if (!parse_channel(ch)) {
      errors.push_back({"channels", "Kênh không hợp lệ: chọn email (thư điện tử), zalo hoặc sms (tin nhắn)"});
      break;
    }
    if (std::find(p.channels.begin(), p.channels.end(), ch) == p.channels.end()) p.channels.push_back(ch);
  }
  if (!in.email.empty()) {
    if (!is_plain_email(in.email)) errors.push_back({"email", "Địa chỉ thư điện tử không hợp lệ"});
    else p.email = in.email;
  }
  if (!in.phone.empty()) {
    auto ph = normalise_phone(in.phone);
    if (!ph) errors.push_back({"phone", "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84)"});
    else p.phone = *ph;
  }
  auto chosen = [&](const char* c) { return std::find(p.channels.begin(), p.channels.end(), c) != p.channels.end(); };
  if (errors.empty()) {
    if (chosen("email") && p.email.empty()) errors.push_back({"email", "Nhận thông báo qua thư điện tử cần địa chỉ thư"});
    if ((chosen("sms") || chosen("zalo")) && p.phone.empty())
      errors.push_back({"phone", "Nhận thông báo qua Zalo hoặc tin nhắn cần số điện thoại"});
  }
  if (!errors.empty()) return detail::validation(std::move(errors));
  p.updated_at = clock_.now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::put_notify_prefs(c, store::NotifyPrefsRec{a.id, p.channels, p.email, p.phone, p.updated_at}));
    json::array chans;
    for (auto& ch : p.channels) chans.push_back(json::string(ch));
    return audit(c, p.updated_at, a.label(), "notify.preferences", "citizen:" + a.id, json::object{{"channels", chans}});
  }));
  return p;
}

Result<std::vector<DeliveryView>> NotifyService::deliveries(const Actor& a, const std::string& dossier_id) {
  if (!a.is_citizen() && !a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  std::vector<store::DeliveryRec> rows;
  bool found = false, allowed = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, store::get_dossier(c, dossier_id));
    if (!d) return ok_status();
    found = true;
    allowed = a.is_citizen() ? d->owner_personal_id == a.id
                             : org::may_read_dossier(a.reader(), detail::agencies_of(*d));
    if (!allowed) return ok_status();
    MC_ASSIGN(rows, store::deliveries_of_dossier(c, dossier_id, 500));
    return ok_status();
  }));
  if (!found || (!allowed && !a.is_staff())) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
  if (!allowed) return make_error(ErrorKind::forbidden, "Hồ sơ không thuộc cơ quan của bạn.", "not_your_agency");
  std::vector<DeliveryView> out;
  for (auto& r : rows) {
    auto ev = parse_event(r.event);
    out.push_back(DeliveryView{r.id, r.event, ev ? std::string(event_name_vi(*ev)) : r.event, r.channel,
                               mask_address(r.channel, r.address), r.state, r.last_error, r.attempts, r.created_at,
                               r.sent_at});
  }
  return out;
}

Status NotifyService::deliver(const outbox_relay::Message& m) {
  json::object payload = parse_object(m.payload);
  if (payload.contains("case_id")) return deliver_case(m, payload);
  const std::string event = str(payload, "event"), dossier_id = str(payload, "dossier_id");
  if (!parse_event(event) || dossier_id.empty())
    return make_error(ErrorKind::invalid, "Thông báo không hợp lệ: thiếu hoặc sai event/dossier_id");
  std::vector<store::DeliveryRec> todo;
  notify::Values values;
  bool missing = false;
  const Millis now = clock_.now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, store::get_dossier(c, dossier_id));
    if (!d) {
      missing = true;
      return ok_status();
    }
    // Where it goes: the owner's own choice, else the contacts given at intake.
    std::vector<std::pair<std::string, std::string>> targets;
    std::optional<store::NotifyPrefsRec> prefs;
    if (!d->owner_personal_id.empty()) {
      MC_ASSIGN(prefs, store::get_notify_prefs(c, d->owner_personal_id));
    }
    if (prefs && !prefs->channels.empty()) {
      for (auto& ch : prefs->channels) {
        const std::string& addr = parse_channel(ch) == ::motcua::notify::Channel::email ? prefs->email : prefs->phone;
        if (!addr.empty()) targets.push_back({ch, addr});
      }
    } else {
      json::object ap = parse_object(d->applicant_doc);
      if (auto e = str(ap, "email"); is_plain_email(e)) targets.push_back({std::string(to_string(::motcua::notify::Channel::email)), e});
      if (auto p = normalise_phone(str(ap, "phone")); p) targets.push_back({std::string(to_string(::motcua::notify::Channel::sms)), *p});
    }
    // A citizen who linked their Zalo account to the OA (app/zalo) hears there, as a message to
    // that follower, instead of a ZNS template to a phone number.
    if (!d->owner_personal_id.empty()) {
      MC_ASSIGN(auto zf, store::zalo_follower_of_citizen(c, d->owner_personal_id));
      if (zf && zf->following) {
        const std::string zalo(to_string(::motcua::notify::Channel::zalo));
        std::erase_if(targets, [&](auto& t) { return t.first == zalo; });
        targets.push_back({zalo, std::string(notify::kZaloFollowerPrefix) + zf->user_id});
      }
    }
    for (auto& [ch, addr] : targets) MC_TRY(record_delivery(c, m, dossier_id, event, ch, addr, now));
    MC_ASSIGN(todo, store::deliveries_of_row(c, m.id));
    // The values the templates may show.
    values["name"] = d->applicant_name;
    values["code"] = d->code;
    values["tracking_url"] = docs::tracking_url(cfg_.public_url, d->code, dossier::tracking_key(d->id));
    if (d->due_at) values["due_date"] = day_month_year(d->due_at);
    MC_ASSIGN(auto proc, store::get_procedure(c, d->procedure_id));
    if (proc) values["procedure"] = proc->name;
    MC_ASSIGN(auto agency, store::get_agency(c, d->competent_agency_id));
    if (agency) values["agency"] = agency->name;
    for (const char* k : {"reason", "payment_url", "rating_url", "amount"}) values[k] = str(payload, k);
    if (auto* nd = payload.if_contains("new_due"); nd && nd->is_int64()) values["new_due"] = day_month_year(nd->as_int64());
    return ok_status();
  }));
  if (missing) return make_error(ErrorKind::invalid, "Không tìm thấy hồ sơ của thông báo");
  return send_all(m, event, todo, values);
}

Status NotifyService::send_all(const outbox_relay::Message& m, const std::string& event,
                               const std::vector<store::DeliveryRec>& todo, const notify::Values& values) {
  std::string failures;
  for (auto& d : todo) {
    if (d.state != "pending" && d.state != "failed") continue;
    auto kind = parse_channel(d.channel);
    auto adapter = kind ? channels_[size_t(*kind)] : nullptr;
    if (!adapter) continue;
    // To a linked follower: the short text (the SMS template's), as an OA message.
    const bool follower = d.address.starts_with(notify::kZaloFollowerPrefix);
    auto msg = templates_.build(event, follower ? motcua::notify::Channel::sms : *kind, values);
    if (msg && follower) msg->channel = *kind;
    Status st = ok_status();
    const auto t0 = std::chrono::steady_clock::now();
    if (!msg) {
      st = make_error(ErrorKind::invalid, "Chưa có mẫu thông báo «" + event + "» cho kênh " + d.channel);
    } else {
      msg->to = d.address;
      msg->idempotency_key = m.idempotency_key + "-" + d.channel;
      try {
        st = adapter->send(*msg);
      } catch (const std::exception& e) {
        st = make_error(ErrorKind::internal, std::string("Lỗi bộ gửi: ") + e.what());
      }
    }
    const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    const Millis at = clock_.now();
    const bool permanent = !st.ok() && st.error().kind == ErrorKind::invalid;
    const std::string state = st.ok() ? "sent" : permanent ? "rejected" : "failed";
    const std::string error = st.ok() ? "" : bounded(st.error().detail);
    MC_TRY(db_.write([&](sql::Connection& c) -> Status {
      MC_TRY(store::update_delivery(c, d.id, state, error, st.ok() ? at : 0));
      return store::insert_attempt(
          c, store::AttemptRec{0, m.id, d.channel, at, ms, st.ok() ? "ok" : permanent ? "rejected" : "error", error, "notify"});
    }));
    if (!st.ok() && !permanent) failures += (failures.empty() ? "" : "; ") + d.channel + ": " + error;
  }
  if (!failures.empty()) return make_error(ErrorKind::unavailable, failures);
  return ok_status();
}

// A feedback case's notice (app/feedback): no dossier behind it, so the row carries where it goes
// (`to`: [{channel, address}]) and what the template shows (`values`); deliveries are logged
// under "feedback:<case id>".
Status NotifyService::record_delivery(sql::Connection& c, const outbox_relay::Message& m,
                                      const std::string& subject_id, const std::string& event,
                                      const std::string& channel, const std::string& address, Millis now) {
  auto kind = parse_channel(channel);
  const bool configured = kind && channels_[size_t(*kind)] != nullptr;
  store::DeliveryRec r;
  r.outbox_id = m.id;
  r.dossier_id = subject_id;
  r.event = event;
  r.channel = channel;
  r.address = address;
  r.state = configured ? "pending" : "skipped";
  r.last_error = configured ? "" : "Kênh chưa được cấu hình trên máy chủ";
  r.created_at = now;
  return store::insert_delivery_once(c, r);
}

Status NotifyService::deliver_case(const outbox_relay::Message& m, const json::object& payload) {
  const std::string event = str(payload, "event"), case_id = str(payload, "case_id");
  if (!parse_event(event) || case_id.empty())
    return make_error(ErrorKind::invalid, "Thông báo không hợp lệ: thiếu hoặc sai event/case_id");
  notify::Values values;
  if (auto* v = payload.if_contains("values"); v && v->is_object())
    for (auto& [k, x] : v->as_object()) {
      if (x.is_string()) values[std::string(k)] = std::string(x.as_string());
      else if (x.is_int64() && k.ends_with("_at")) values[std::string(k)] = x.as_int64() ? day_month_year(x.as_int64()) : "";
    }
  std::vector<store::DeliveryRec> todo;
  const Millis now = clock_.now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    if (auto* to = payload.if_contains("to"); to && to->is_array())
      for (auto& t : to->as_array()) {
        if (!t.is_object()) continue;
        const std::string ch = str(t.as_object(), "channel"), addr = str(t.as_object(), "address");
        if (!parse_channel(ch) || addr.empty()) continue;
        MC_TRY(record_delivery(c, m, "feedback:" + case_id, event, ch, addr, now));
      }
    MC_ASSIGN(todo, store::deliveries_of_row(c, m.id));
    return ok_status();
  }));
  return send_all(m, event, todo, values);
}

}  // namespace motcua::app
