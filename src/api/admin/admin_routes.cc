// Administration: the holiday calendar (days off, make-up days) with its change history, and the
// years: which have the government's official decision, which are still computed from the rules.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Result<Date> path_date(Request& req) {
  auto d = parse_date(req.params["date"]);
  if (!d) return make_error(ErrorKind::invalid, "Ngày phải có dạng YYYY-MM-DD và là ngày hợp lệ");
  return *d;
}

Response put_day(Routes<app::CalendarService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto d = path_date(req);
  if (!d.ok()) return Response::problem(d.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  bool working = rd.required_bool("working");
  std::string reason = rd.required_string("reason", 200);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  if (auto st = ctx.service.set_day(s->actor, *d, working, to_nfc(reason).value_or(reason)); !st.ok())
    return Response::problem(st.error());
  return Response::json(200, json::object{{"date", format_date(*d)}, {"working", working}, {"reason", reason}});
}

Response delete_day(Routes<app::CalendarService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto d = path_date(req);
  if (!d.ok()) return Response::problem(d.error());
  if (auto st = ctx.service.clear_day(s->actor, *d); !st.ok()) return Response::problem(st.error());
  return Response::no_content();
}

Response changes(Routes<app::CalendarService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto list = ctx.service.changes(s->actor, 500);
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& c : *list)
    items.push_back(json::object{{"id", c.id}, {"date", c.date},
                                 {"working", c.working ? json::value(*c.working) : json::value(nullptr)},
                                 {"reason", c.reason}, {"changed_by", c.by}, {"changed_at", instant_json(c.at)}});
  return Response::json(200, json::object{{"items", std::move(items)}});
}

json::value decision_json(const app::YearStatus& y) {
  if (!y.official) return nullptr;
  return json::object{{"source", y.decision_source},
                      {"decided_by", y.decided_by},
                      {"decided_at", y.decided_at ? instant_json(y.decided_at) : json::value(nullptr)}};
}

Response years(Routes<app::CalendarService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto list = ctx.service.years(s->actor);
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& y : *list) {
    json::array codes;
    for (auto& c : y.sample_codes) codes.push_back(json::value(c));
    items.push_back(json::object{{"year", y.year},
                                 {"official", y.official},
                                 {"source", y.official ? "decision" : "rules"},
                                 {"decision", decision_json(y)},
                                 {"dossiers_due_in_year", y.dossiers_due},
                                 {"sample_codes", std::move(codes)}});
  }
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response put_year(Routes<app::CalendarService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  const std::string& ys = req.params["year"];
  if (ys.size() != 4 || ys.find_first_not_of("0123456789") != std::string::npos)
    return Response::problem(make_error(ErrorKind::invalid, "Năm phải có dạng YYYY", "invalid_year"));
  app::YearDecision in;
  in.year = std::stoi(ys);
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    std::string source = rd.required_string("source", 500);
    in.source = to_nfc(source).value_or(source);
    if (const json::array* days = rd.required_array("days", 366)) {
      size_t i = 0;
      for (auto& v : *days) {
        std::string prefix = "days[" + std::to_string(i++) + "]";
        if (!v.is_object()) { rd.add_error(prefix, "Mỗi ngày phải là một đối tượng"); continue; }
        http::ObjectReader dr(v.as_object(), prefix);
        std::string date = dr.required_string("date", 10);
        bool working = dr.required_bool("working");
        std::string reason = dr.required_string("reason", 200);
        auto d = parse_date(date);
        if (!date.empty() && !d) dr.add_error(prefix + ".date", "Ngày phải có dạng YYYY-MM-DD và là ngày hợp lệ");
        if (d) in.days.push_back(calendar::DayRule{*d, working, to_nfc(reason).value_or(reason)});
        rd.absorb(dr.finish());
      }
    }
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.service.decide_year(s->actor, in);
  if (!r.ok()) return Response::problem(r.error());
  json::array moved;
  for (auto& m : r->moved)
    moved.push_back(json::object{{"dossier_id", m.dossier_id}, {"code", m.code},
                                 {"from", instant_json(m.from)}, {"to", instant_json(m.to)}});
  return Response::json(200, json::object{{"year", r->year}, {"official", true}, {"changed", r->changed},
                                          {"days", int64_t(r->days)}, {"appointments_moved", std::move(moved)}});
}

}  // namespace

void add_admin_routes(http::Router& r, Routes<app::CalendarService>& ctx) {
  r.add("PUT", "/api/v1/admin/calendar/days/{date}", [&ctx](Request& q) { return put_day(ctx, q); });
  r.add("DELETE", "/api/v1/admin/calendar/days/{date}", [&ctx](Request& q) { return delete_day(ctx, q); });
  r.add("GET", "/api/v1/admin/calendar/changes", [&ctx](Request& q) { return changes(ctx, q); });
  r.add("GET", "/api/v1/admin/calendar/years", [&ctx](Request& q) { return years(ctx, q); });
  r.add("PUT", "/api/v1/admin/calendar/years/{year}", [&ctx](Request& q) { return put_year(ctx, q); });
}

}  // namespace motcua::api
