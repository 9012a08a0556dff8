// Routes anyone may call: health, the working-time calendar, the catalogue, dossier tracking.
#include <unordered_map>

#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"
#include "domain/dossier/code.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Error bad_param(const std::string& name, const std::string& detail) {
  Error e = make_error(ErrorKind::invalid, detail, "invalid_parameter");
  e.fields.push_back({name, detail});
  return e;
}

Result<Date> date_param(const Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v) return bad_param(name, std::string("Thiếu tham số ") + name + " (YYYY-MM-DD)");
  auto d = parse_date(*v);
  if (!d) return bad_param(name, std::string("Tham số ") + name + " phải là ngày hợp lệ dạng YYYY-MM-DD");
  return *d;
}

Response calendar_days(PublicRoutes& ctx, Request& req) {
  auto from = date_param(req, "from");
  if (!from.ok()) return Response::problem(from.error());
  auto to = date_param(req, "to");
  if (!to.ok()) return Response::problem(to.error());
  auto days = ctx.calendar.days(*from, *to);
  if (!days.ok()) return Response::problem(days.error());
  json::array out;
  for (auto& d : *days) out.push_back(json::object{{"date", d.date}, {"working", d.working}, {"reason", d.reason}});
  return Response::json(200, out);
}

Response calendar_due(PublicRoutes& ctx, Request& req) {
  auto start_s = req.query_param("start");
  auto amount_s = req.query_param("amount");
  auto unit_s = req.query_param("unit");
  if (!start_s) return Response::problem(bad_param("start", "Thiếu tham số start (thời điểm RFC 3339)"));
  auto start = parse_rfc3339(*start_s);
  if (!start) return Response::problem(bad_param("start", "start phải là thời điểm RFC 3339, ví dụ 2026-11-28T09:00:00+07:00"));
  if (!amount_s || amount_s->empty() || amount_s->size() > 6 ||
      amount_s->find_first_not_of("0123456789") != std::string::npos)
    return Response::problem(bad_param("amount", "amount phải là số nguyên không âm"));
  int64_t amount = std::stoll(*amount_s);
  auto unit = calendar::parse_time_unit(unit_s.value_or(""));
  if (!unit.ok() || *unit == calendar::TimeUnit::none || *unit == calendar::TimeUnit::same_day)
    return Response::problem(bad_param("unit", "unit phải là working_days, working_hours hoặc calendar_days"));
  auto due = ctx.calendar.current()->due(*start, amount, *unit);
  if (!due.ok()) return Response::problem(due.error());
  return Response::json(200, json::object{{"due", format_rfc3339_local(*due)}});
}

}  // namespace

// Codes are predictable: each client address may look up `lookup_per_minute` a minute, and a
// miss (unknown code, wrong key) costs five, so walking the codes stops within seconds.
Result<app::PublicDossier> lookup_limited(PublicRoutes& ctx, const Request& req, const std::string& code,
                                          const std::string& key) {
  const std::string who = ctx.gate.client_address(req);
  MC_TRY(within_limit(ctx.gate.limits.lookups, who, 1, "Bạn tra cứu quá nhiều lần trong thời gian ngắn."));
  auto p = ctx.dossiers.public_lookup(code, key);
  if (!p.ok() && (p.error().kind == ErrorKind::not_found || p.error().kind == ErrorKind::forbidden))
    (void)ctx.gate.limits.lookups.take(who, 4, now_ms());
  return p;
}

namespace {

Response public_dossier(PublicRoutes& ctx, Request& req) {
  const std::string& code = req.params["code"];
  if (!dossier::is_acceptable_code(code))
    return Response::problem(bad_param("code", "Mã hồ sơ không hợp lệ (tối đa 50 ký tự: chữ, số, dấu chấm, gạch)"));
  std::string key = req.query_param("k").value_or("");
  if (key.size() > 20) return Response::problem(bad_param("k", "Mã tra cứu gồm 8 ký tự"));
  auto p = lookup_limited(ctx, req, code, key);
  if (!p.ok()) return Response::problem(p.error());
  return Response::json(200, public_dossier_json(*p));
}

Response procedures(PublicRoutes& ctx, Request& req) {
  app::ProcedureSearch s;
  s.agency_id = req.query_param("agency").value_or("");
  s.query = req.query_param("q").value_or("");
  if (utf8_length(s.query) > 200) return Response::problem(bad_param("q", "Từ khoá tìm kiếm tối đa 200 ký tự"));
  s.field = req.query_param("field").value_or("");
  if (utf8_length(s.field) > 200) return Response::problem(bad_param("field", "Lĩnh vực tối đa 200 ký tự"));
  s.level = req.query_param("level").value_or("");
  if (!s.level.empty() && s.level != "province" && s.level != "commune")
    return Response::problem(bad_param("level", "level phải là province hoặc commune"));
  s.online_level = req.query_param("online_level").value_or("");
  if (!s.online_level.empty() && s.online_level != "full" && s.online_level != "partial" &&
      s.online_level != "none" && s.online_level != "unknown")
    return Response::problem(bad_param("online_level", "online_level phải là full, partial, none hoặc unknown"));
  // current=1: only the version in force today of each procedure (what a citizen files under).
  auto current = req.query_param("current").value_or("");
  if (!current.empty() && current != "1" && current != "0")
    return Response::problem(bad_param("current", "current phải là 0 hoặc 1"));
  if (current == "1") s.in_force_on = format_date(local_date(now_ms()));
  if (auto l = req.query_param("limit")) {
    int n = 0;
    for (char ch : *l) n = (ch >= '0' && ch <= '9' && n < 10000) ? n * 10 + (ch - '0') : 10001;
    if (l->empty() || n < 1 || n > 500) return Response::problem(bad_param("limit", "limit từ 1 đến 500"));
    s.limit = n;
  }
  if (s.agency_id == "me") {
    auto session = ctx.gate.session(req);
    if (!session.ok()) return Response::problem(session.error());
    s.agency_id = session->actor.grants.empty() ? "" : session->actor.grants.front().agency_id;
  }
  auto hits = ctx.catalogue.search(s);
  if (!hits.ok()) return Response::problem(hits.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& p : hits->items) write_procedure(w, p, false);
  w.end_array().key("fields").begin_array();
  for (auto& [name, n] : hits->fields) w.begin_object().field("name", name).field("count", n).end_object();
  w.end_array();
  if (!s.in_force_on.empty()) w.field("in_force_on", s.in_force_on);
  w.end_object();
  Response r = Response::json_text(200, w.take());
  // What citizens read (the versions in force) may be kept a few minutes: the portal's pages then
  // use what the HTML preloaded (api/static_routes.cc). An agency's own list is the official's.
  if (current == "1" && req.query_param("agency").value_or("") != "me")
    r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

Response procedure(PublicRoutes& ctx, Request& req) {
  auto p = ctx.catalogue.procedure(req.params["id"]);
  if (!p.ok()) return Response::problem(p.error());
  JsonWriter w;
  write_procedure(w, *p, true);
  Response r = Response::json_text(200, w.take());
  r.set_header("Cache-Control", "public, max-age=300");  // a published version never changes
  return r;
}

// The home page's "most used procedures": dossiers per procedure over the last 12 months.
Response most_used(PublicRoutes& ctx, Request& req) {
  int limit = 8;
  if (auto l = req.query_param("limit")) {
    int n = 0;
    for (char ch : *l) n = (ch >= '0' && ch <= '9' && n < 1000) ? n * 10 + (ch - '0') : 1001;
    if (l->empty() || n < 1 || n > 50) return Response::problem(bad_param("limit", "limit từ 1 đến 50"));
    limit = n;
  }
  auto m = ctx.catalogue.most_used(limit);
  if (!m.ok()) return Response::problem(m.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& [p, n] : m->items) {
    w.begin_object();
    write_procedure_fields(w, p, false);
    w.field("dossiers", n).end_object();
  }
  w.end_array().field("from_month", m->from_month).field("to_month", m->to_month).end_object();
  Response r = Response::json_text(200, w.take());
  r.set_header("Cache-Control", "public, max-age=600");  // counts move slowly; the server caches too
  return r;
}

Response agencies(PublicRoutes& ctx, Request&) {
  auto list = ctx.organisation.agencies();
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& a : *list) items.push_back(agency_json(a));
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response locations(PublicRoutes& ctx, Request&) {
  auto list = ctx.organisation.locations();
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& l : *list)
    items.push_back(json::object{{"id", l.id}, {"name", l.name}, {"kind", l.kind}, {"agency_id", l.agency_id},
                                 {"unit_id", l.unit_id}, {"verified", l.verified}});
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response units(PublicRoutes& ctx, Request& req) {
  std::string level = req.query_param("level").value_or("");
  if (!level.empty() && level != "province" && level != "district" && level != "commune")
    return Response::problem(bad_param("level", "level phải là province, district hoặc commune"));
  bool history = req.query_param("history").value_or("") == "1";
  // successors=1: each former unit carries the ids of the units it became, so a client can map
  // an old address (e.g. a former Kon Tum commune) without one request per unit.
  bool with_successors = req.query_param("successors").value_or("") == "1";
  auto list = ctx.organisation.units(level, history);
  if (!list.ok()) return Response::problem(list.error());
  std::unordered_map<std::string, json::array> next;
  if (with_successors) {
    auto succ = ctx.organisation.all_successions();
    if (!succ.ok()) return Response::problem(succ.error());
    for (auto& s : *succ) next[s.from_id].push_back(json::object{{"to_id", s.to_id}, {"kind", s.kind}});
  }
  json::array items;
  for (auto& u : *list) {
    json::object o = unit_json(u);
    if (with_successors && !u.valid_to.empty()) {
      auto it = next.find(u.id);
      o["successors"] = it == next.end() ? json::array{} : it->second;
    }
    items.push_back(std::move(o));
  }
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response successors(PublicRoutes& ctx, Request& req) {
  auto list = ctx.organisation.successors(req.params["id"]);
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& s : *list)
    items.push_back(json::object{{"to_id", s.to_id}, {"kind", s.kind}, {"date", s.date},
                                 {"legal_basis", s.legal_basis}, {"verified", s.verified}});
  return Response::json(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void add_public_routes(http::Router& r, PublicRoutes& ctx) {
  // `training`: a training copy (MOTCUA_TRAINING=1); the web apps show their banner from it.
  // Never blocks: answered on the io thread, without the hand-over to a worker and back.
  r.add_async("GET", "/api/v1/health", [&ctx](Request&) {
    return Response::json(200, json::object{{"status", "ok"}, {"training", ctx.gate.config.training}});
  });
  r.add("GET", "/api/v1/calendar/days", [&ctx](Request& q) { return calendar_days(ctx, q); });
  r.add("GET", "/api/v1/calendar/due", [&ctx](Request& q) { return calendar_due(ctx, q); });
  r.add("GET", "/api/v1/public/dossiers/{code}", [&ctx](Request& q) { return public_dossier(ctx, q); });
  r.add("GET", "/api/v1/procedures", [&ctx](Request& q) { return procedures(ctx, q); });
  r.add("GET", "/api/v1/procedures/{id}", [&ctx](Request& q) { return procedure(ctx, q); });
  r.add("GET", "/api/v1/procedures/most-used", [&ctx](Request& q) { return most_used(ctx, q); });
  r.add("GET", "/api/v1/agencies", [&ctx](Request& q) { return agencies(ctx, q); });
  r.add("GET", "/api/v1/units", [&ctx](Request& q) { return units(ctx, q); });
  r.add("GET", "/api/v1/locations", [&ctx](Request& q) { return locations(ctx, q); });
  r.add("GET", "/api/v1/units/{id}/successors", [&ctx](Request& q) { return successors(ctx, q); });
}

}  // namespace motcua::api
