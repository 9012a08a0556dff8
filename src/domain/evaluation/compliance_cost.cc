#include "domain/evaluation/compliance_cost.h"

#include <algorithm>

#include <boost/json.hpp>

namespace motcua::evaluation {
namespace json = boost::json;

namespace {

int64_t rounded_div(int64_t num, int64_t den) { return (num + den / 2) / den; }

struct Key {
  const char* key;
  int64_t CostParams::*field;
};
constexpr Key kKeys[] = {
    {"income_per_day_vnd", &CostParams::income_per_day_vnd},
    {"minutes_per_component", &CostParams::minutes_per_component},
    {"minutes_per_trip", &CostParams::minutes_per_trip},
    {"minutes_online_filing", &CostParams::minutes_online_filing},
    {"copy_vnd_per_component", &CostParams::copy_vnd_per_component},
    {"travel_vnd_per_trip", &CostParams::travel_vnd_per_trip},
    {"waiting_permille_per_day", &CostParams::waiting_permille_per_day},
    {"trips_counter", &CostParams::trips_counter},
    {"trips_postal", &CostParams::trips_postal},
};

Error bad(std::string d) {
  return make_error(ErrorKind::invalid, "Tham số chi phí tuân thủ không hợp lệ: " + d, "invalid_cost_params");
}

}  // namespace

Result<CostData> parse_cost_params(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return bad("tệp không phải JSON hợp lệ");
  const auto* params = v.as_object().if_contains("params");
  if (!params || !params->is_object()) return bad("thiếu params");
  CostData out;
  for (const auto& k : kKeys) {
    const auto* p = params->as_object().if_contains(k.key);
    if (!p || !p->is_object()) return bad(std::string("thiếu ") + k.key);
    const auto& o = p->as_object();
    const auto* val = o.if_contains("value");
    if (!val || !(val->is_int64() || val->is_uint64()) || val->to_number<int64_t>() < 0)
      return bad(std::string(k.key) + " phải là số nguyên không âm");
    out.params.*k.field = val->to_number<int64_t>();
    ParamSource s;
    s.key = k.key;
    s.value = std::to_string(out.params.*k.field);
    if (const auto* l = o.if_contains("label"); l && l->is_string()) s.label = std::string(l->as_string());
    if (const auto* src = o.if_contains("source"); src && src->is_string()) s.source = std::string(src->as_string());
    if (const auto* vf = o.if_contains("verified"); vf && vf->is_bool()) s.verified = vf->as_bool();
    if (s.label.empty() || s.source.empty()) return bad(std::string(k.key) + " cần label và source");
    out.sources.push_back(std::move(s));
  }
  if (out.params.waiting_permille_per_day > 1000) return bad("waiting_permille_per_day không quá 1000");
  return out;
}

DossierCost dossier_cost(const CostParams& p, const ProcedureLoad& load, Channel ch) {
  DossierCost c;
  const bool online = ch == Channel::online;
  const int64_t trips = ch == Channel::counter ? p.trips_counter : ch == Channel::postal ? p.trips_postal : 0;
  c.minutes = load.components * p.minutes_per_component + (online ? p.minutes_online_filing : trips * p.minutes_per_trip);
  c.time_vnd = rounded_div(c.minutes * p.income_per_day_vnd, 480);
  c.copies_vnd = online ? 0 : load.components * p.copy_vnd_per_component;
  c.travel_vnd = trips * p.travel_vnd_per_trip;
  c.fees_vnd = load.fees_vnd;
  c.waiting_vnd = rounded_div(load.limit_days * p.income_per_day_vnd * p.waiting_permille_per_day, 1000);
  return c;
}

int64_t contact_cost(const CostParams& p) {
  return rounded_div(p.minutes_per_trip * p.income_per_day_vnd, 480) + p.travel_vnd_per_trip;
}

YearCost year_cost(const CostParams& p, const ProcedureLoad& load) {
  YearCost y;
  y.counter = dossier_cost(p, load, Channel::counter);
  y.online = dossier_cost(p, load, Channel::online);
  y.postal = dossier_cost(p, load, Channel::postal);
  y.supplement_each = contact_cost(p);
  y.dossiers = load.total();
  y.total_vnd = load.counter * y.counter.total() + load.online * y.online.total() + load.postal * y.postal.total() +
                load.supplements * y.supplement_each;
  return y;
}

ProcedureLoad simplify(const ProcedureLoad& now, const Scenario& s) {
  ProcedureLoad out = now;
  out.components = std::max<int64_t>(0, now.components - s.components_removed);
  if (s.limit_days) out.limit_days = std::min(now.limit_days, *s.limit_days);
  if (s.online_permille) {
    const int64_t n = now.total();
    out.online = rounded_div(n * *s.online_permille, 1000);
    const int64_t paper = n - out.online, paper_now = now.counter + now.postal;
    out.postal = paper_now == 0 ? 0 : rounded_div(paper * now.postal, paper_now);
    out.counter = paper - out.postal;
  }
  return out;
}

CostReview review_cost(const CostParams& p, const ProcedureLoad& load, const Scenario& s) {
  CostReview r;
  r.current = year_cost(p, load);
  r.simplified = year_cost(p, simplify(load, s));
  r.saving_vnd = r.current.total_vnd - r.simplified.total_vnd;
  return r;
}

}  // namespace motcua::evaluation
