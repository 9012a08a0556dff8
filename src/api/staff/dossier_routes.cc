// Dossier routes for staff (counter, processing) and citizens (online filing, own dossiers).
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"
#include "domain/dossier/applicant.h"
#include "domain/dossier/transitions.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// NFC-normalised text from the reader (input text is stored composed).

Result<app::IntakeInput> intake_of(const json::object& body) {
  http::ObjectReader rd(body);
  app::IntakeInput in;
  in.procedure_id = rd.required_string("procedure_id", 100);
  // 1..3 checked by the reader (an error is reported there); the code is the national one.
  in.channel = dossier::channel_from_code(int(rd.required_int("channel", 1, 3))).value_or(dossier::Channel::counter);
  in.receive = rd.optional_bool("receive", false);
  in.note = nfc_or_same(rd.optional_string("note", 2000, true).value_or(""));
  in.receiving_agency_id = rd.optional_string("receiving_agency_id", 100).value_or("");
  in.population_lookup_id = rd.optional_string("population_lookup_id", 64).value_or("");
  if (const json::object* a = rd.required_object("applicant")) {
    http::ObjectReader ar(*a, "applicant");
    if (auto kind = ar.optional_string("kind", 20)) {
      if (auto k = dossier::parse_applicant_kind(*kind)) in.applicant.kind = *k;
      else ar.add_error(ar.field_name("kind"), "Loại người nộp phải là citizen (cá nhân) hoặc organisation (tổ chức)");
    }
    in.applicant.full_name = nfc_or_same(ar.optional_string("full_name", 200).value_or(""));
    in.applicant.id_number = ar.optional_string("id_number", 12).value_or("");
    in.applicant.tax_code = ar.optional_string("tax_code", 14).value_or("");
    in.applicant.phone = ar.optional_string("phone", 12).value_or("");
    in.applicant.email = ar.optional_string("email", 200).value_or("");
    in.applicant.address = nfc_or_same(ar.optional_string("address", 500, true).value_or(""));
    in.applicant.address_unit_id = ar.optional_string("address_unit_id", 50).value_or("");
    in.applicant.address_former_unit_id = ar.optional_string("address_former_unit_id", 50).value_or("");
    rd.absorb(ar.finish());
  }
  if (const json::array* comps = rd.optional_array("components", 100)) {
    size_t i = 0;
    for (auto& v : *comps) {
      std::string prefix = "components[" + std::to_string(i++) + "]";
      if (!v.is_object()) { rd.add_error(prefix, "Mỗi thành phần hồ sơ phải là một đối tượng"); continue; }
      http::ObjectReader cr(v.as_object(), prefix);
      app::ComponentInput c;
      c.name = nfc_or_same(cr.required_string("name", 500));
      c.kind = cr.optional_string("kind", 20).value_or("original");
      c.count = cr.optional_int("count", 1, 100).value_or(1);
      c.provided = cr.optional_bool("provided", true);
      rd.absorb(cr.finish());
      in.components.push_back(std::move(c));
    }
  }
  if (const json::object* ob = rd.optional_object("on_behalf")) {
    http::ObjectReader br(*ob, "on_behalf");
    app::OnBehalfInput b;
    b.relationship = br.required_string("relationship", 40);
    b.document = nfc_or_same(br.optional_string("document", 500).value_or(""));
    rd.absorb(br.finish());
    in.on_behalf = std::move(b);
  }
  MC_TRY(rd.finish());
  return in;
}

Response intake_response(const Result<app::DossierView>& v) {
  if (!v.ok()) return Response::problem(v.error());
  Response res = Response::json_text(201, dossier_view_text(v.value(), now_ms()));
  res.set_header("Location", "/api/v1/dossiers/" + v->dossier.id);
  res.set_header("ETag", "\"" + std::to_string(v->dossier.version) + "\"");
  return res;
}

// Runs on the io thread when the store commits asynchronously (Router::add_async).
Response intake(Routes<app::DossierService>& ctx, Request& req) {
  // A session not in memory is read from the store: never on the io thread.
  std::optional<Result<app::SessionInfo>> found =
      req.answer_later ? ctx.gate.session_in_memory(req) : std::optional(ctx.gate.session(req));
  if (!found) return Response::on_worker();
  Result<app::SessionInfo>& s = *found;
  if (!s.ok()) return Response::problem(s.error());
  // One address cannot flood the agencies with online filings (counter staff are not limited).
  if (s->actor.is_citizen())
    if (auto st = within_limit(ctx.gate.limits.filings, ctx.gate.client_address(req), 1,
                               "Có quá nhiều hồ sơ được nộp từ địa chỉ mạng này trong thời gian ngắn.");
        !st.ok())
      return Response::problem(st.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  auto in = intake_of(*body);
  if (!in.ok()) return Response::problem(in.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  if (!req.answer_later) return intake_response(ctx.service.intake(s->actor, *in, idem->key, idem->body_hash));
  // On the io thread (SQLite): the commit is waited for by nobody; the answer is built on this
  // connection's io thread once the group commit has made the dossier durable.
  ctx.service.intake_async(s->actor, *in, idem->key, idem->body_hash,
                           [&ctx, actor = s->actor, answer = req.answer_later](Result<app::DossierService::IntakeCommit> c) mutable {
                             answer([&ctx, actor = std::move(actor), c = std::move(c)]() mutable {
                           if (!c.ok()) return Response::problem(c.error());
                           return intake_response(ctx.service.finish_intake(actor, std::move(*c)));
                         });
                       });
  return Response::later();
}

Response get_one(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto v = ctx.service.dossier(s->actor, req.params["id"]);
  if (!v.ok()) return Response::problem(v.error());
  Response res = Response::json_text(200, dossier_view_text(*v, now_ms()));
  res.set_header("ETag", "\"" + std::to_string(v->dossier.version) + "\"");
  return res;
}

// The work queues of the reader (the staff app's tabs), in order: the server's one table.
Response queues(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const app::QueueDef* q : app::queues_for(s->actor))
    w.begin_object().field("id", q->key).field("label", q->label_vi).end_object();
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

Response list(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  app::QueueQuery q;
  q.queue = req.query_param("queue").value_or(s->actor.is_citizen() ? "mine" : "all");
  q.procedure_id = req.query_param("procedure_id").value_or("");
  q.search = req.query_param("q").value_or("");
  q.cursor = req.query_param("cursor").value_or("");
  q.overdue_only = req.query_param("overdue").value_or("") == "1";
  if (q.search.size() > 200 || q.cursor.size() > 100)
    return Response::problem(make_error(ErrorKind::invalid, "Tham số tìm kiếm quá dài"));
  auto num = [&](const char* name, int64_t lo, int64_t hi, int64_t def) -> Result<int64_t> {
    auto v = req.query_param(name);
    if (!v) return def;
    if (v->empty() || v->size() > 4 || v->find_first_not_of("0123456789") != std::string::npos ||
        std::stoll(*v) < lo || std::stoll(*v) > hi) {
      Error e = make_error(ErrorKind::invalid, std::string("Tham số ") + name + " phải là số từ " + std::to_string(lo) +
                                                   " đến " + std::to_string(hi));
      e.fields.push_back({name, e.detail});
      return e;
    }
    return std::stoll(*v);
  };
  auto limit = num("limit", 1, 200, 50);
  if (!limit.ok()) return Response::problem(limit.error());
  auto channel = num("channel", 0, 3, 0);
  if (!channel.ok()) return Response::problem(channel.error());
  q.limit = int(*limit);
  if (*channel != 0) q.channel = dossier::channel_from_code(int(*channel));
  auto page = ctx.service.queue(s->actor, q);
  if (!page.ok()) return Response::problem(page.error());
  Millis now = now_ms();
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (size_t i = 0; i < page->items.size(); ++i) {
    w.begin_object();
    write_dossier_summary_fields(w, page->items[i], now);
    write_due_status_fields(w, page->due[i]);
    if (i < page->where.size()) {  // staff: the reader's queues that hold this dossier
      w.key("queues").begin_array();
      for (app::Queue where : page->where[i]) {
        for (auto& def : app::queue_defs())
          if (def.id == where) w.begin_object().field("id", def.key).field("label", def.label_vi).end_object();
      }
      w.end_array();
    }
    if (i < page->consultations.size()) {  // queue to_consult: the request to answer
      w.key("consultation");
      write_consultation(w, page->consultations[i], page->consultation_due[i], now);
    }
    w.end_object();
  }
  w.end_array().nullable("next_cursor", page->next_cursor).end_object();
  return Response::json_text(200, w.take());
}

Response action(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  app::ActionInput in;
  in.action = req.params["action"];
  json::object empty;
  Result<json::object> body = req.body.empty() ? Result<json::object>(empty) : http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  in.note = nfc_or_same(rd.optional_string("note", 2000, true).value_or(""));
  for (auto& item : rd.optional_string_array("items", 100, 1000)) in.items.push_back(nfc_or_same(item));
  if (auto nd = rd.optional_string("new_due", 40)) {
    auto t = parse_rfc3339(*nd);
    if (!t) rd.add_error("new_due", "new_due phải là thời điểm RFC 3339");
    else in.new_due = *t;
  }
  in.assignee_id = rd.optional_string("assignee_id", 100).value_or("");
  in.return_method = rd.optional_string("return_method", 20).value_or("");
  in.received_by = nfc_or_same(rd.optional_string("received_by", 200).value_or(""));
  in.expected_version = rd.optional_int("expected_version", 1, INT64_MAX).value_or(0);
  // request_payment of a per-page fee: what the official counted.
  in.pages = rd.optional_int("pages", 1, app::kMaxPages);
  in.copies = rd.optional_int("copies", 1, app::kMaxCopies);
  if (const json::object* r = rd.optional_object("result")) {
    http::ObjectReader rr(*r, "result");
    app::ResultInput res;
    res.number = nfc_or_same(rr.optional_string("number", 50).value_or(""));
    res.date = rr.optional_string("date", 10).value_or("");
    res.signer = nfc_or_same(rr.optional_string("signer", 200).value_or(""));
    res.document_id = rr.optional_string("document_id", 100).value_or("");
    res.return_method = rr.optional_string("return_method", 20).value_or("");
    rd.absorb(rr.finish());
    in.result = std::move(res);
  }
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  if (auto im = req.header("if-match")) {
    std::string v(*im);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
      return Response::problem(make_error(ErrorKind::invalid, "If-Match phải là phiên bản hồ sơ, ví dụ \"3\""));
    in.expected_version = std::stoll(v);
  }
  auto v = ctx.service.act(s->actor, req.params["id"], in);
  if (!v.ok()) return Response::problem(v.error());
  Response res = Response::json_text(200, dossier_view_text(*v, now_ms()));
  res.set_header("ETag", "\"" + std::to_string(v->dossier.version) + "\"");
  return res;
}

Response consult(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  app::ConsultInput in;
  in.agency_id = rd.required_string("agency_id", 100);
  in.subject = nfc_or_same(rd.required_string("subject", 1000));
  in.hours = rd.optional_int("hours", 1, 480).value_or(8);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  auto v = ctx.service.consult(s->actor, req.params["id"], in, idem->key, idem->body_hash);
  if (!v.ok()) return Response::problem(v.error());
  return Response::json_text(201, dossier_view_text(*v, now_ms()));
}

Response answer(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  const std::string& cid = req.params["cid"];
  if (cid.empty() || cid.size() > 18 || cid.find_first_not_of("0123456789") != std::string::npos)
    return Response::problem(make_error(ErrorKind::not_found, "Không tìm thấy yêu cầu lấy ý kiến."));
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string text = nfc_or_same(rd.required_string("answer", 4000));
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto v = ctx.service.answer_consultation(s->actor, req.params["id"], std::stoll(cid), text);
  if (!v.ok()) return Response::problem(v.error());
  return Response::json_text(200, dossier_view_text(*v, now_ms()));
}

}  // namespace

void add_dossier_routes(http::Router& r, Routes<app::DossierService>& ctx) {
  if (ctx.service.writes_async())
    r.add_async("POST", "/api/v1/dossiers", [&ctx](Request& q) { return intake(ctx, q); });
  else
    r.add("POST", "/api/v1/dossiers", [&ctx](Request& q) { return intake(ctx, q); });
  r.add("GET", "/api/v1/dossiers", [&ctx](Request& q) { return list(ctx, q); });
  r.add("GET", "/api/v1/queues", [&ctx](Request& q) { return queues(ctx, q); });
  r.add("GET", "/api/v1/dossiers/{id}", [&ctx](Request& q) { return get_one(ctx, q); });
  r.add("POST", "/api/v1/dossiers/{id}/actions/{action}", [&ctx](Request& q) { return action(ctx, q); });
  r.add("POST", "/api/v1/dossiers/{id}/consultations", [&ctx](Request& q) { return consult(ctx, q); });
  r.add("POST", "/api/v1/dossiers/{id}/consultations/{cid}/answer", [&ctx](Request& q) { return answer(ctx, q); });
}

}  // namespace motcua::api
