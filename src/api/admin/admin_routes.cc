// Administration: the holiday calendar (days off, make-up days) with its change history.
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

}  // namespace

void add_admin_routes(http::Router& r, Routes<app::CalendarService>& ctx) {
  r.add("PUT", "/api/v1/admin/calendar/days/{date}", [&ctx](Request& q) { return put_day(ctx, q); });
  r.add("DELETE", "/api/v1/admin/calendar/days/{date}", [&ctx](Request& q) { return delete_day(ctx, q); });
  r.add("GET", "/api/v1/admin/calendar/changes", [&ctx](Request& q) { return changes(ctx, q); });
}

}  // namespace motcua::api
