// Administration of the outbox relay: what is waiting, failing or parked, and the retry of a row
// (province administrators; the retry is audited by the relay).
#include <charconv>

#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

json::object row_json(const app::outbox_relay::RowView& v) {
  const auto& r = v.row;
  json::array attempts;
  for (auto& a : v.attempts)
    attempts.push_back(json::object{{"at", instant_json(a.at)},
                                    {"channel", a.channel.empty() ? json::value(nullptr) : json::value(a.channel)},
                                    {"outcome", a.outcome},
                                    {"error", a.error.empty() ? json::value(nullptr) : json::value(a.error)},
                                    {"duration_ms", a.duration_ms},
                                    {"worker", a.worker}});
  boost::system::error_code ec;
  json::value payload = json::parse(r.payload, ec);
  if (ec) payload = nullptr;
  const std::string state = r.state == "pending" && r.attempts > 0 ? "failed" : r.state;
  return json::object{{"id", r.id},
                      {"topic", r.topic},
                      {"state", state},
                      {"dossier", r.okey.empty() ? json::value(nullptr) : json::value(r.okey)},
                      {"attempts", r.attempts},
                      {"last_error", r.last_error.empty() ? json::value(nullptr) : json::value(r.last_error)},
                      {"created_at", instant_json(r.created_at)},
                      {"next_attempt_at", r.state == "pending" ? instant_json(r.next_attempt_at) : json::value(nullptr)},
                      {"parked_at", r.parked_at ? instant_json(r.parked_at) : json::value(nullptr)},
                      {"sent_at", r.sent_at ? instant_json(r.sent_at) : json::value(nullptr)},
                      {"idempotency_key", "motcua-outbox-" + std::to_string(r.id)},
                      {"payload", payload},
                      {"recent_attempts", attempts}};
}

Result<int64_t> to_id(const std::string& s, const char* field) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
    Error e = make_error(ErrorKind::invalid, "Mã thông điệp phải là số nguyên dương", "validation");
    e.fields.push_back({field, e.detail});
    return e;
  }
  return v;
}

Response list(Routes<app::outbox_relay::Relay>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  if (auto st = ctx.service.authorise(s->actor); !st.ok()) return Response::problem(st.error());
  std::string state = req.query_param("state").value_or("parked");
  int64_t before = 0;
  if (auto b = req.query_param("before")) {
    auto v = to_id(*b, "before");
    if (!v.ok()) return Response::problem(v.error());
    before = *v;
  }
  auto rows = ctx.service.list(s->actor, state, before, 100);
  if (!rows.ok()) return Response::problem(rows.error());
  json::array items;
  for (auto& r : *rows) items.push_back(row_json(r));
  json::value next = rows->size() == 100 ? json::value(std::to_string(rows->back().row.id)) : json::value(nullptr);
  return Response::json(200, json::object{{"state", state}, {"items", std::move(items)}, {"next_before", next}});
}

Response retry(Routes<app::outbox_relay::Relay>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  if (auto st = ctx.service.authorise(s->actor); !st.ok()) return Response::problem(st.error());
  auto id = to_id(req.params["id"], "id");
  if (!id.ok()) return Response::problem(id.error());
  auto r = ctx.service.retry(s->actor, *id);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, row_json(*r));
}

}  // namespace

void add_outbox_routes(http::Router& r, Routes<app::outbox_relay::Relay>& ctx) {
  r.add("GET", "/api/v1/admin/outbox", [&ctx](Request& q) { return list(ctx, q); });
  r.add("POST", "/api/v1/admin/outbox/{id}/retry", [&ctx](Request& q) { return retry(ctx, q); });
}

}  // namespace motcua::api
