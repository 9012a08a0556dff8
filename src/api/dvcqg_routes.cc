// The national public service portal (DVCQG) at our HTTP edge:
//   POST /api/v1/dvcqg/tra-cuu-ho-so        TraCuuHoSo: the portal looks one of our dossiers up
//                                           (Authorization: Bearer MOTCUA_DVCQG_INBOUND_SECRET)
//   GET  /api/v1/admin/dvcqg/summary        the share synchronised (any staff member)
//   GET  /api/v1/admin/dvcqg/unsynced       what is not synchronised and why (province admins;
//                                           retried through POST /api/v1/admin/outbox/{id}/retry)
//   GET  /api/v1/admin/dvcqg/catalogue-changes  the national catalogue against ours (province admins)
//   POST /api/v1/admin/dvcqg/catalogue-changes/{code}/accept  accepted changes → a new version
#include <charconv>

#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/crypto.h"
#include "domain/dossier/state.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// The portal's own answer shape ({"error_code", "message", "result"}), as it expects of provinces.
Response portal_answer(int http_status, int error_code, const std::string& message, json::array result = {}) {
  return Response::json(http_status,
                        json::object{{"error_code", error_code}, {"message", message}, {"result", std::move(result)}});
}

Response lookup(Routes<app::NationalSyncService>& ctx, Request& req) {
  const std::string& secret = ctx.gate.config.dvcqg_inbound_secret;
  if (secret.empty()) return Response::problem(make_error(ErrorKind::not_found, "Không tìm thấy."));
  std::string auth(req.header("authorization").value_or(""));
  const std::string prefix = "Bearer ";
  if (!auth.starts_with(prefix) || !constant_time_equal(auth.substr(prefix.size()), secret))
    return portal_answer(401, -1, "Thiếu hoặc sai khóa xác thực của Cổng Dịch vụ công quốc gia.");
  boost::system::error_code ec;
  json::value body = json::parse(req.body, ec);
  if (ec || !body.is_object()) return portal_answer(400, 2, "Nội dung yêu cầu không phải JSON hợp lệ.");
  const auto& o = body.as_object();
  const json::value* service = o.if_contains("service");
  if (!service || !service->is_string() || service->as_string() != "TraCuuHoSo")
    return portal_answer(400, 2, "Dịch vụ không được hỗ trợ (chỉ TraCuuHoSo).");
  const json::value* code = o.if_contains("mahoso");
  if (!code || !code->is_string() || code->as_string().empty() || code->as_string().size() > 50)
    return portal_answer(400, 2, "Thiếu mã hồ sơ (mahoso, tối đa 50 ký tự).");
  auto r = ctx.service.lookup(std::string(code->as_string()));
  if (!r.ok()) {
    if (r.error().kind == ErrorKind::not_found) return portal_answer(200, 0, "Không tìm thấy hồ sơ.");
    return portal_answer(500, 1, "Lỗi hệ thống, xin thử lại sau.");
  }
  const auto& d = r->dossier;
  auto st = dossier::parse_state(d.state);
  json::object item{{"MaHoSo", d.code},
                    {"MaTTHC", r->procedure.national_code},
                    {"TenTTHC", r->procedure.name},
                    {"TrangThaiHoSo", std::to_string(st ? dossier::national_status_code(*st) : 0)},
                    {"TenTrangThaiHoSo", st ? std::string(dossier::national_status_name(*st)) : std::string()},
                    {"ChuHoSo", d.applicant_name},
                    {"NgayNopHoSo", app::national_time(d.submitted_at)},
                    {"NgayTiepNhan", app::national_time(d.received_at)},
                    {"NgayHenTra", app::national_time(d.due_at)},
                    {"NgayKetThucXuLy", app::national_time(d.resolved_at)},
                    {"NgayTra", app::national_time(d.returned_at)},
                    {"KenhThucHien", std::to_string(d.channel)},
                    {"DonViXuLy", r->competent.name},
                    {"MaDonViXuLy", r->competent.eid},
                    {"DonViTiepNhan", r->receiving.name}};
  return portal_answer(200, 0, "Thành công", json::array{std::move(item)});
}

Response summary(Routes<app::NationalSyncService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto r = ctx.service.summary(s->actor);
  if (!r.ok()) return Response::problem(r.error());
  // Share synchronised (Quyết định 766): dossiers whose every change the portal has confirmed.
  const double share = r->dossiers > 0 ? double(r->synced) / double(r->dossiers) : 1.0;
  return Response::json(200, json::object{{"dossiers", r->dossiers},
                                          {"synced", r->synced},
                                          {"waiting", r->waiting},
                                          {"retrying", r->retrying},
                                          {"parked", r->parked},
                                          {"share_synced", share}});
}

Response unsynced(Routes<app::NationalSyncService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  int64_t before = 0;
  if (auto b = req.query_param("before")) {
    auto [p, ec] = std::from_chars(b->data(), b->data() + b->size(), before);
    if (ec != std::errc() || p != b->data() + b->size() || before <= 0) {
      Error e = make_error(ErrorKind::invalid, "Tham số before phải là số nguyên dương", "validation");
      e.fields.push_back({"before", e.detail});
      return Response::problem(e);
    }
  }
  constexpr int kPage = 100;
  auto rows = ctx.service.unsent(s->actor, before, kPage);
  if (!rows.ok()) return Response::problem(rows.error());
  json::array items;
  for (auto& u : *rows) {
    boost::system::error_code ec;
    json::value payload = json::parse(u.payload, ec);
    json::value code = nullptr, status = nullptr, action = nullptr;
    if (!ec && payload.is_object()) {
      const auto& o = payload.as_object();
      if (auto* v = o.if_contains("code")) code = *v;
      if (auto* v = o.if_contains("status")) status = *v;
      if (auto* v = o.if_contains("action")) action = *v;
    }
    const std::string state = u.state == "pending" && u.attempts > 0 ? "retrying" : u.state;
    items.push_back(json::object{{"outbox_id", u.outbox_id},
                                 {"dossier_id", u.dossier_id},
                                 {"code", code},
                                 {"status", status},
                                 {"action", action},
                                 {"state", state},
                                 {"attempts", u.attempts},
                                 {"last_error", u.last_error.empty() ? json::value(nullptr) : json::value(u.last_error)},
                                 {"created_at", instant_json(u.created_at)},
                                 {"next_attempt_at", u.state == "pending" ? instant_json(u.next_attempt_at) : json::value(nullptr)}});
  }
  json::value next = rows->size() == size_t(kPage) ? json::value(std::to_string(rows->back().outbox_id)) : json::value(nullptr);
  return Response::json(200, json::object{{"items", std::move(items)}, {"next_before", next}});
}

Response catalogue_changes(Routes<app::NationalSyncService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto r = ctx.service.catalogue_changes(s->actor);
  if (!r.ok()) return Response::problem(r.error());
  json::array items;
  for (auto& c : *r) {
    json::array changes;
    for (auto& f : c.changes) changes.push_back(json::object{{"field", f.field}, {"ours", f.ours}, {"theirs", f.theirs}});
    items.push_back(json::object{{"national_code", c.national_code},
                                 {"kind", c.kind},
                                 {"procedure_id", c.procedure_id.empty() ? json::value(nullptr) : json::value(c.procedure_id)},
                                 {"version", c.version},
                                 {"name", c.name},
                                 {"changes", std::move(changes)}});
  }
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response accept_change(Routes<app::NationalSyncService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  app::NationalSyncService::AcceptInput in;
  in.effective_from = rd.required_string("effective_from", 10);
  in.fields = rd.optional_string_array("fields", 5, 20);
  if (const json::array* steps = rd.optional_array("process", 50)) {
    std::vector<app::ProcessStepInput> process;
    size_t i = 0;
    for (auto& v : *steps) {
      std::string prefix = "process[" + std::to_string(i++) + "]";
      if (!v.is_object()) {
        rd.add_error(prefix, "Mỗi bước phải là một đối tượng");
        continue;
      }
      http::ObjectReader sr(v.as_object(), prefix);
      app::ProcessStepInput p;
      p.name = sr.required_string("name", 200);
      p.role = sr.required_string("role", 40);
      p.agency = sr.required_string("agency", 20);
      p.hours = sr.required_int("hours", 1, 2000);
      rd.absorb(sr.finish());
      process.push_back(std::move(p));
    }
    in.process = std::move(process);
  }
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  auto r = ctx.service.accept_catalogue_change(s->actor, req.params["code"], in, idem->key, idem->body_hash);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(201, json::object{{"id", r->id},
                                          {"national_code", r->national_code},
                                          {"version", r->version},
                                          {"name", r->name},
                                          {"field", r->field},
                                          {"effective_from", r->effective_from},
                                          {"time_limit", json::object{{"amount", r->time_amount}, {"unit", r->time_unit}}}});
}

}  // namespace

void add_dvcqg_routes(http::Router& r, Routes<app::NationalSyncService>& ctx) {
  r.add("POST", "/api/v1/dvcqg/tra-cuu-ho-so", [&ctx](Request& q) { return lookup(ctx, q); });
  r.add("GET", "/api/v1/admin/dvcqg/summary", [&ctx](Request& q) { return summary(ctx, q); });
  r.add("GET", "/api/v1/admin/dvcqg/unsynced", [&ctx](Request& q) { return unsynced(ctx, q); });
  r.add("GET", "/api/v1/admin/dvcqg/catalogue-changes", [&ctx](Request& q) { return catalogue_changes(ctx, q); });
  r.add("POST", "/api/v1/admin/dvcqg/catalogue-changes/{code}/accept", [&ctx](Request& q) { return accept_change(ctx, q); });
}

}  // namespace motcua::api
