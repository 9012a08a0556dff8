// What leaders see (app/kpi/kpi_service.h): GET /api/v1/kpi/summary, /api/v1/kpi/form06a and
// /api/v1/kpi/steps, each with scope, field, procedure, from and to in the query (the lists behind
// the figures, GET /api/v1/kpi/dossiers, are in index766_routes.cc).
#include <fstream>
#include <mutex>
#include <sstream>

#include <boost/json.hpp>

#include "api/context.h"
#include "api/staff/kpi_query.h"

namespace motcua::api {
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

json::value ratio(const std::optional<double>& r) { return r ? json::value(*r) : json::value(nullptr); }

json::object row_json(const kpi::Form06aRow& r) {
  return json::object{{"received", r.received},
                      {"received_online", r.received_online},
                      {"received_counter_post", r.received_counter_post},
                      {"carried_over", r.carried_over},
                      {"resolved", r.resolved},
                      {"resolved_early", r.resolved_early},
                      {"resolved_on_time", r.resolved_on_time},
                      {"resolved_late", r.resolved_late},
                      {"in_progress", r.in_progress},
                      {"in_progress_within", r.in_progress_within},
                      {"in_progress_overdue", r.in_progress_overdue},
                      {"closed_undecided", r.closed_undecided}};
}

Response summary(Routes<app::KpiService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto k = ctx.service.summary(s->actor, kpi_query_of(req));
  if (!k.ok()) return Response::problem(k.error());
  const int64_t rated = k->rated_very_satisfied + k->rated_satisfied + k->rated_dissatisfied;
  json::object ratings{{"very_satisfied", k->rated_very_satisfied},
                       {"satisfied", k->rated_satisfied},
                       {"dissatisfied", k->rated_dissatisfied},
                       {"total", rated}};
  if (rated == 0) ratings["note"] = "Chưa có đánh giá";
  json::object o{
      {"from", format_date(k->from)},
      {"to", format_date(k->to)},
      {"received", json::object{{"total", k->received}, {"counter", k->received_counter}, {"online", k->received_online},
                                {"post", k->received_post}}},
      {"resolved", json::object{{"total", k->resolved}, {"early", k->resolved_early}, {"on_time", k->resolved_on_time},
                                {"late", k->resolved_late}}},
      {"on_time_rate", ratio(k->on_time_rate)},
      {"carried_over", k->carried_over},
      {"in_progress", json::object{{"total", k->in_progress.in_progress}, {"within_time", k->in_progress.within_time()},
                                   {"overdue", k->in_progress.overdue}, {"at", format_date(k->to)}}},
      {"online_share", ratio(k->online_share)},
      {"apologised", k->apologised},
      {"supplement_requested", k->supplement_requested},
      {"supplements_per_dossier", ratio(k->supplements_per_dossier)},
      {"returned", k->returned},
      {"refused", k->refused},
      {"withdrawn", k->withdrawn},
      {"stopped", k->stopped},
      {"closed_undecided", k->closed_unresolved},
      {"results_electronic", k->results_electronic},
      {"documents_reused", k->documents_reused},
      {"ratings", std::move(ratings)}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response form06a(Routes<app::KpiService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto rep = ctx.service.form06a(s->actor, kpi_query_of(req));
  if (!rep.ok()) return Response::problem(rep.error());
  json::array lines, problems;
  for (auto& l : rep->lines) {
    json::object o = row_json(l.row);
    o["field"] = l.field;
    o["agency_id"] = l.agency_id;
    lines.push_back(std::move(o));
  }
  for (auto& p : rep->problems) problems.push_back(json::string(p));
  json::object o{{"from", format_date(rep->from)}, {"to", format_date(rep->to)}, {"lines", std::move(lines)},
                 {"total", row_json(rep->total)}, {"problems", std::move(problems)}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

// Where dossiers wait: n steps left, mean and median working minutes (the median within its
// histogram bucket, app/kpi: domain/kpi/step_time.h), and the histogram.
json::object step_time_json(const kpi::StepTime& t) {
  json::array hist;
  for (auto h : t.hist) hist.push_back(h);
  json::object o{{"n", t.n}, {"minutes", t.minutes}, {"histogram", std::move(hist)}};
  o["mean_minutes"] = t.mean() ? json::value(*t.mean()) : json::value(nullptr);
  o["median_minutes"] = t.median() ? json::value(*t.median()) : json::value(nullptr);
  if (auto b = t.median_bucket()) {
    auto up = kpi::bucket_upper(*b);
    o["median_bucket"] = json::object{{"from", kpi::bucket_lower(*b)}, {"to", up ? json::value(*up) : json::value(nullptr)}};
  } else {
    o["median_bucket"] = nullptr;
  }
  return o;
}

Response steps(Routes<app::KpiService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto k = ctx.service.steps(s->actor, kpi_query_of(req));
  if (!k.ok()) return Response::problem(k.error());
  json::array by_step, by_agency, buckets;
  for (const auto& l : k->by_step) {
    json::object o = step_time_json(l.time);
    o["step"] = l.step;
    o["role"] = l.role;
    o["role_name"] = l.role_name;
    by_step.push_back(std::move(o));
  }
  for (const auto& l : k->by_agency) {
    json::object o = step_time_json(l.time);
    o["agency_id"] = l.agency_id;
    o["agency_name"] = l.agency_name;
    by_agency.push_back(std::move(o));
  }
  for (size_t i = 0; i < kpi::kStepBuckets; ++i) {
    auto up = kpi::bucket_upper(i);
    buckets.push_back(json::object{{"from", kpi::bucket_lower(i)}, {"to", up ? json::value(*up) : json::value(nullptr)}});
  }
  json::object o{{"from", format_date(k->from)}, {"to", format_date(k->to)}, {"total", step_time_json(k->total)},
                 {"by_step", std::move(by_step)}, {"by_agency", std::move(by_agency)}, {"buckets", std::move(buckets)}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

// Public, no login: figures of counters only (no dossier, no person), the same for everyone, so
// caches may keep them for five minutes.
Response public_results(Routes<app::KpiService>& ctx, Request& req) {
  auto res = ctx.service.public_results(req.query_param("period").value_or(""));
  if (!res.ok()) return Response::problem(res.error());
  auto fig = [](const app::PublicFigures& f) {
    const int64_t rated = f.rated_very_satisfied + f.rated_satisfied + f.rated_dissatisfied;
    json::object o{{"received", f.received},
                   {"received_online", f.received_online},
                   {"resolved", f.resolved},
                   {"resolved_late", f.resolved_late},
                   {"on_time_rate", f.resolved ? json::value(double(f.resolved - f.resolved_late) / double(f.resolved))
                                               : json::value(nullptr)},
                   {"online_share", f.received ? json::value(double(f.received_online) / double(f.received))
                                               : json::value(nullptr)},
                   {"ratings", json::object{{"very_satisfied", f.rated_very_satisfied},
                                            {"satisfied", f.rated_satisfied},
                                            {"dissatisfied", f.rated_dissatisfied},
                                            {"total", rated}}},
                   {"satisfaction", rated ? json::value(double(f.rated_very_satisfied + f.rated_satisfied) / double(rated))
                                          : json::value(nullptr)},
                   {"band", f.band.empty() ? json::value(nullptr) : json::value(f.band)}};
    if (!f.agency_id.empty()) {
      o["agency_id"] = f.agency_id;
      o["agency_name"] = f.agency_name;
    }
    return o;
  };
  json::array agencies;
  for (const auto& a : res->agencies) agencies.push_back(fig(a));
  json::object o{{"period", json::object{{"id", res->period.id},
                                         {"from", format_date(res->period.from)},
                                         {"to", format_date(res->period.to)}}},
                 {"province", fig(res->province)},
                 {"agencies", std::move(agencies)}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

// The targets of the indicators with their legal basis (<seed_dir>/kpi_targets.json): data read
// once, checked to be JSON, answered as written.
Response targets(Routes<app::KpiService>& ctx, Request&) {
  static std::mutex m;
  static std::optional<json::value> cached;
  std::lock_guard lock(m);
  if (!cached) {
    std::ifstream in(ctx.gate.config.seed_dir + "/kpi_targets.json");
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto v = json::parse(ss.str(), ec);
    if (!in || ec || !v.is_object())
      return Response::problem(make_error(ErrorKind::internal, "Không đọc được tệp chỉ tiêu kpi_targets.json", "kpi_targets"));
    cached = std::move(v);
  }
  Response r = Response::json(200, *cached);
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace

void add_kpi_routes(http::Router& r, Routes<app::KpiService>& ctx) {
  r.add("GET", "/api/v1/kpi/summary", [&ctx](Request& q) { return summary(ctx, q); });
  r.add("GET", "/api/v1/kpi/form06a", [&ctx](Request& q) { return form06a(ctx, q); });
  r.add("GET", "/api/v1/kpi/steps", [&ctx](Request& q) { return steps(ctx, q); });
  r.add("GET", "/api/v1/kpi/targets", [&ctx](Request& q) { return targets(ctx, q); });
  r.add("GET", "/api/v1/public/results", [&ctx](Request& q) { return public_results(ctx, q); });
}

}  // namespace motcua::api
