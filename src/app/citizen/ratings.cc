// Ratings (DOMAIN.md §7): once per dossier after the result, from "Hồ sơ của tôi", from the signed
// link of the invitation (no login) or from the kiosk at the desk that returned it; counted per
// competent agency and month for the leaders' reports.
#include <algorithm>

#include <boost/json.hpp>

#include "app/citizen/citizen_service.h"
#include "app/dossier/support.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "app/notify/enqueue.h"
#include "common/crypto.h"
#include "domain/dossier/history.h"
#include "domain/kpi/metric.h"
#include "domain/org/identity.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using dossier::RatingChannel;
using dossier::Score;

namespace {

constexpr Millis kDay = 86400000;
constexpr Millis kPairingValid = 10 * 60 * 1000;

kpi::Metric metric_of(Score s) {
  switch (s) {
    case Score::very_satisfied: return kpi::Metric::rated_very_satisfied;
    case Score::satisfied: return kpi::Metric::rated_satisfied;
    case Score::dissatisfied: return kpi::Metric::rated_dissatisfied;
  }
  return kpi::Metric::rated_satisfied;
}

Result<Score> score_of(const RatingInput& in) {
  auto s = dossier::parse_score(in.score);
  if (s) return *s;
  Error e = make_error(ErrorKind::invalid, "Chọn một mức: Rất hài lòng, Hài lòng hoặc Không hài lòng.", "invalid_score");
  e.fields.push_back({"score", "Một trong: very_satisfied, satisfied, dissatisfied"});
  return e;
}

Error kiosk_not_paired() {
  return make_error(ErrorKind::unauthenticated, "Máy đánh giá chưa được ghép với quầy. Đề nghị cán bộ tại quầy ghép lại.",
                    "kiosk_not_paired");
}

std::string kiosk_csrf(const std::string& token) { return sha256_hex("kiosk-csrf|" + token).substr(0, 32); }

}  // namespace

Result<std::string> CitizenService::secret() {
  std::lock_guard lock(secret_mu_);
  if (!secret_.empty()) return secret_;
  if (!cfg_.rating_secret.empty()) return secret_ = cfg_.rating_secret;
  std::string s;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(s, store::setting_once(c, "rating_link_secret", random_hex(32)));
    return ok_status();
  }));
  return secret_ = s;
}

Result<std::string> CitizenService::secret_in(sql::Connection& c) {
  std::lock_guard lock(secret_mu_);
  if (!secret_.empty()) return secret_;
  if (!cfg_.rating_secret.empty()) return secret_ = cfg_.rating_secret;
  const std::string fresh = random_hex(32);
  MC_ASSIGN(std::string s, store::setting_once(c, "rating_link_secret", fresh));
  if (s != fresh) secret_ = s;  // another transaction's, committed: safe to keep
  return s;
}

Result<std::string> CitizenService::rating_url_in(sql::Connection& c, const std::string& dossier_id, Millis now) {
  MC_ASSIGN(std::string key, secret_in(c));
  return cfg_.public_url + "/danh-gia/" +
         dossier::sign_rating_link(key, dossier_id, now + cfg_.rating_link_days * kDay);
}

Result<store::RatingRec> CitizenService::rate_in(sql::Connection& c, const store::DossierRec& d, const RatingInput& in,
                                                 RatingChannel channel, const std::string& by, Millis now) {
  MC_ASSIGN(Score score, score_of(in));
  MC_ASSIGN(auto earlier, store::get_rating(c, d.id));
  if (earlier) {
    if (channel == RatingChannel::link)
      return make_error(ErrorKind::gone, "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.", "rating_link_used");
    return make_error(ErrorKind::conflict, "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.", "already_rated");
  }
  auto st = dossier::parse_state(d.state);
  if (!st) return make_error(ErrorKind::internal, "Trạng thái hồ sơ không hợp lệ");
  MC_TRY(dossier::may_rate(*st));
  store::RatingRec r{d.id, d.competent_agency_id, std::string(dossier::to_string(score)), in.comment,
                     std::string(dossier::to_string(channel)), by, now};
  MC_TRY(store::insert_rating(c, r));
  MC_TRY(detail::bump_metric(c, d, metric_of(score), now));
  // The history says who rated through which channel; the comment is the citizen's own words.
  json::object data{{"score", r.score}, {"channel", r.channel}};
  store::EventRec event{0, d.id, now, by, std::string(dossier::to_string(dossier::Entry::rated)), d.state, d.state,
                        in.comment, json::serialize(data)};
  MC_TRY(store::insert_event(c, event));
  MC_TRY(audit(c, now, by, "dossier.rated", "dossier:" + d.id, json::object{{"code", d.code}, {"score", r.score},
                                                                           {"channel", r.channel}}));
  return r;
}

Result<store::RatingRec> CitizenService::rate(const Actor& a, const std::string& dossier_id, const RatingInput& in,
                                              const std::string& idem_key, const std::string& body_hash) {
  if (!a.is_citizen()) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
  MC_TRY(score_of(in));
  const Idempotency idem = idempotency(a, idem_key, "rating", dossier_id, body_hash);
  const Millis now = this->now();
  store::RatingRec out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(bool exists, store::lock_dossier(c, dossier_id));
    if (!exists) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    MC_ASSIGN(auto d, store::get_dossier(c, dossier_id));
    if (!d || d->owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_TRY(rate_in(c, *d, in, RatingChannel::web, a.label(), now));
      return d->id;
    }));
    MC_ASSIGN(auto r, store::get_rating(c, made.id));
    if (r) out = *r;
    return ok_status();
  }));
  return out;
}

Result<RatingLinkInfo> CitizenService::rating_link(const std::string& token) {
  MC_ASSIGN(std::string key, secret());
  MC_ASSIGN(auto link, dossier::verify_rating_link(key, token, now()));
  std::optional<store::DossierRec> d;
  std::optional<store::RatingRec> rated;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(d, store::get_dossier(c, link.dossier_id));
    if (d) {
      MC_ASSIGN(rated, store::get_rating(c, d->id));
    }
    return ok_status();
  }));
  if (!d) return dossier::verify_rating_link("", "", 0).error();  // signed for a dossier that is gone
  if (rated)
    return make_error(ErrorKind::gone, "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.", "rating_link_used");
  RatingLinkInfo info;
  info.code = d->code;
  info.expires_at = link.expires_at;
  if (auto p = catalogue_.procedure(d->procedure_id); p.ok() && *p) info.procedure_name = (*p)->rec.name;
  if (auto ag = catalogue_.agency(d->competent_agency_id); ag.ok() && *ag) info.agency_name = (*ag)->name;
  return info;
}

Result<store::RatingRec> CitizenService::rate_by_link(const std::string& token, const RatingInput& in,
                                                      const std::string& idem_key, const std::string& body_hash) {
  MC_ASSIGN(std::string key, secret());
  const Millis now = this->now();
  MC_ASSIGN(auto link, dossier::verify_rating_link(key, token, now));
  MC_TRY(score_of(in));
  // Nobody is logged in: the link stands for the dossier's applicant.
  Idempotency idem{"rating-link:" + link.dossier_id, idem_key, idem_key.empty() ? "" : sha256_hex("rating_link|" + body_hash)};
  store::RatingRec out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(bool exists, store::lock_dossier(c, link.dossier_id));
    if (!exists) return dossier::verify_rating_link("", "", 0).error();
    MC_ASSIGN(auto d, store::get_dossier(c, link.dossier_id));
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_TRY(rate_in(c, *d, in, RatingChannel::link, "rating-link:" + d->code, now));
      return d->id;
    }));
    MC_ASSIGN(auto r, store::get_rating(c, made.id));
    if (r) out = *r;
    return ok_status();
  }));
  return out;
}

Status CitizenService::dossier_returned(sql::Connection& c, const Actor& a, const store::DossierRec& d, Millis now) {
  // The desk's kiosk shows the dossier its official has just returned.
  if (a.is_staff()) MC_TRY(store::set_kiosk_dossier(c, a.id, d.id, now));
  MC_ASSIGN(auto rated, store::get_rating(c, d.id));
  if (rated) return ok_status();
  // Only an applicant who can be reached gets one (the notify contract: no rows for nobody).
  MC_ASSIGN(bool reachable, notify::reachable(c, d));
  if (!reachable) return ok_status();
  MC_ASSIGN(std::string url, rating_url_in(c, d.id, now));
  return notify::enqueue(c, notify::Event::rating_invitation, d.id, json::object{{"rating_url", url}}, now);
}

Result<KioskPairing> CitizenService::create_kiosk(const Actor& a, const std::string& desk, const std::string& agency_id,
                                                  const std::string& idem_key, const std::string& body_hash) {
  if (!a.is_staff()) return make_error(ErrorKind::forbidden, "Chỉ cán bộ tại quầy mới ghép được máy đánh giá.", "role_not_allowed");
  std::string agency = agency_id;
  if (agency.empty()) {
    for (auto& g : a.grants)
      if (g.role == org::Role::reception) {
        if (!agency.empty() && agency != g.agency_id) {
          Error e = make_error(ErrorKind::invalid, "Bạn làm việc tại nhiều cơ quan: chọn cơ quan của quầy.", "missing_field");
          e.fields.push_back({"agency_id", "Chọn cơ quan của quầy"});
          return e;
        }
        agency = g.agency_id;
      }
  }
  if (agency.empty() || !a.has_role_at(agency, org::Role::reception))
    return make_error(ErrorKind::forbidden, "Chỉ cán bộ tiếp nhận và trả kết quả của cơ quan mới ghép được máy đánh giá tại quầy.",
                      "role_not_allowed");
  if (desk.empty()) {
    Error e = make_error(ErrorKind::invalid, "Phải ghi tên quầy.", "missing_field");
    e.fields.push_back({"desk", "Ví dụ: Quầy số 3"});
    return e;
  }
  MC_ASSIGN(std::string key, secret());
  const Idempotency idem = idempotency(a, idem_key, "kiosk", agency, body_hash);
  const Millis now = this->now();
  KioskPairing out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      store::KioskRec k;
      k.id = new_id();
      k.agency_id = agency;
      k.desk = desk;
      k.staff_id = a.id;
      k.pairing_code_hash = sha256_hex(dossier::kiosk_pairing_code(key, k.id));
      k.pairing_expires_at = now + kPairingValid;
      k.created_at = now;
      MC_TRY(store::insert_kiosk(c, k));
      MC_TRY(store::end_kiosks_of(c, a.id, k.id, now));  // one desk, one kiosk
      MC_TRY(audit(c, now, a.label(), "kiosk.created", "kiosk:" + k.id, json::object{{"agency", agency}, {"desk", desk}}));
      return k.id;
    }));
    MC_ASSIGN(auto k, store::get_kiosk(c, made.id));
    if (!k) return make_error(ErrorKind::internal, "Không đọc lại được máy đánh giá");
    out.kiosk = *k;
    return ok_status();
  }));
  out.code = dossier::kiosk_pairing_code(key, out.kiosk.id);
  return out;
}

Result<std::vector<store::KioskRec>> CitizenService::my_kiosks(const Actor& a) {
  if (!a.is_staff()) return make_error(ErrorKind::forbidden, "Chỉ cán bộ tại quầy mới ghép được máy đánh giá.", "role_not_allowed");
  std::vector<store::KioskRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::kiosks_of(c, a.id, 50));
    return ok_status();
  }));
  return out;
}

Result<KioskPaired> CitizenService::pair_kiosk(const std::string& code) {
  Error unknown = make_error(ErrorKind::not_found, "Mã ghép không đúng hoặc đã được dùng.", "pairing_not_found");
  if (code.size() != 8 || code.find_first_not_of("0123456789") != std::string::npos) return unknown;
  const Millis now = this->now();
  KioskPaired out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto k, store::kiosk_by_code(c, sha256_hex(code)));
    if (!k || k->ended_at) return unknown;
    if (now >= k->pairing_expires_at)
      return make_error(ErrorKind::gone, "Mã ghép đã hết hạn. Đề nghị cán bộ tạo mã mới.", "pairing_expired");
    out.token = random_hex(32);
    k->token_hash = sha256_hex(out.token);
    k->pairing_code_hash.clear();  // single use
    k->pairing_expires_at = 0;
    k->paired_at = now;
    MC_TRY(store::update_kiosk(c, *k));
    MC_TRY(audit(c, now, "kiosk:" + k->id, "kiosk.paired", "kiosk:" + k->id, json::object{{"desk", k->desk}}));
    out.desk = k->desk;
    if (auto ag = catalogue_.agency(k->agency_id); ag.ok() && *ag) out.agency_name = (*ag)->name;
    return ok_status();
  }));
  out.csrf = kiosk_csrf(out.token);
  return out;
}

Result<KioskCurrent> CitizenService::kiosk_current(const std::string& token) {
  if (token.size() != 64) return kiosk_not_paired();
  const Millis now = this->now();
  std::optional<store::KioskRec> k;
  std::optional<store::DossierRec> d;
  bool rated = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(k, store::kiosk_by_token(c, sha256_hex(token)));
    if (!k || k->dossier_id.empty() || now - k->dossier_set_at >= kKioskWindow) return ok_status();
    MC_ASSIGN(d, store::get_dossier(c, k->dossier_id));
    MC_ASSIGN(auto r, store::get_rating(c, k->dossier_id));
    rated = r.has_value();
    return ok_status();
  }));
  if (!k) return kiosk_not_paired();
  KioskCurrent out;
  out.desk = k->desk;
  out.csrf = kiosk_csrf(token);
  if (auto ag = catalogue_.agency(k->agency_id); ag.ok() && *ag) out.agency_name = (*ag)->name;
  if (d && !rated) {
    out.code = d->code;
    out.masked_name = org::mask_name(d->applicant_name);
    if (auto p = catalogue_.procedure(d->procedure_id); p.ok() && *p) out.procedure_name = (*p)->rec.name;
  }
  return out;
}

Result<store::RatingRec> CitizenService::rate_at_kiosk(const std::string& token, const std::string& csrf,
                                                       const RatingInput& in, const std::string& idem_key,
                                                       const std::string& body_hash) {
  if (token.size() != 64) return kiosk_not_paired();
  if (!constant_time_equal(csrf, kiosk_csrf(token)))
    return make_error(ErrorKind::forbidden, "Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Vui lòng tải lại trang.",
                      "csrf");
  MC_TRY(score_of(in));
  const Millis now = this->now();
  store::RatingRec out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto k, store::kiosk_by_token(c, sha256_hex(token)));
    if (!k) return kiosk_not_paired();
    Idempotency idem{"kiosk:" + k->id, idem_key, idem_key.empty() ? "" : sha256_hex("kiosk_rating|" + body_hash)};
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      if (k->dossier_id.empty() || now - k->dossier_set_at >= kKioskWindow)
        return make_error(ErrorKind::conflict, "Chưa có hồ sơ vừa trả kết quả tại quầy này để đánh giá.", "nothing_to_rate");
      MC_ASSIGN(bool exists, store::lock_dossier(c, k->dossier_id));
      MC_ASSIGN(auto d, store::get_dossier(c, k->dossier_id));
      if (!exists || !d)
        return make_error(ErrorKind::conflict, "Chưa có hồ sơ vừa trả kết quả tại quầy này để đánh giá.", "nothing_to_rate");
      MC_TRY(rate_in(c, *d, in, RatingChannel::kiosk, "kiosk:" + k->id, now));
      return d->id;
    }));
    MC_ASSIGN(auto r, store::get_rating(c, made.id));
    if (r) out = *r;
    return ok_status();
  }));
  return out;
}

Result<std::vector<RatingCounters>> CitizenService::rating_counters(const Actor& a, const std::string& agency_id,
                                                                    const std::string& from, const std::string& to) {
  if (!a.is_staff()) return make_error(ErrorKind::forbidden, "Chỉ cán bộ được xem số liệu đánh giá.", "not_your_agency");
  const bool province = a.has_role(org::Role::province_admin) || a.has_role(org::Role::province_monitor);
  if (!province && !a.works_at(agency_id))
    return make_error(ErrorKind::forbidden, "Cơ quan này không thuộc phạm vi của bạn.", "not_your_agency");
  auto month = [](const std::string& s) -> std::optional<int> {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6})
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
    return y * 12 + (m - 1);
  };
  auto f = month(from), t = month(to);
  if (!f || !t || *t < *f || *t - *f > 35) {
    Error e = make_error(ErrorKind::invalid, "Khoảng thời gian phải là from ≤ to dạng YYYY-MM, tối đa 36 tháng.", "invalid_period");
    e.fields.push_back({"from", "Dạng YYYY-MM"});
    return e;
  }
  std::vector<RatingCounters> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    for (int m = *f; m <= *t; ++m) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
      RatingCounters rc;
      rc.period = buf;
      auto get = [&](kpi::Metric metric, int64_t& into) -> Status {
        MC_ASSIGN(into, store::get_kpi(c, agency_id, rc.period, *kpi::column_of(metric)));
        return ok_status();
      };
      MC_TRY(get(kpi::Metric::rated_very_satisfied, rc.very_satisfied));
      MC_TRY(get(kpi::Metric::rated_satisfied, rc.satisfied));
      MC_TRY(get(kpi::Metric::rated_dissatisfied, rc.dissatisfied));
      MC_TRY(get(kpi::Metric::documents_reused, rc.documents_reused));
      MC_TRY(get(kpi::Metric::results_electronic, rc.results_electronic));
      MC_TRY(get(kpi::Metric::population_reused, rc.population_reused));
      MC_TRY(get(kpi::Metric::population_asked, rc.population_asked));
      out.push_back(rc);
    }
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
