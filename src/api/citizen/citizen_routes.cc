// The citizen's own dossiers (Hồ sơ của tôi), their data store (Kho dữ liệu của tôi), ratings
// (own dossier, signed link, desk kiosk) and the rating counters. Shapes: docs/openapi.yaml, tag
// citizen. Every decision is CitizenService's; this file reads requests and writes JSON.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr const char* kKioskCookie = "motcua_kiosk";


std::string rfc5987(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '.' || c == '-' || c == '_') o += char(c);
    else { o += '%'; o += hex[c >> 4]; o += hex[c & 15]; }
  }
  return o;
}

void instant(JsonWriter& w, std::string_view k, Millis t) {
  w.key(k);
  if (t) w.string(format_rfc3339_local(t));
  else w.null();
}

void write_awaiting(JsonWriter& w, const std::vector<app::Awaiting>& aw) {
  w.key("awaiting").begin_array();
  for (auto& a : aw) {
    w.begin_object().field("id", a.id).field("label", a.label);
    if (!a.items.empty()) {
      w.key("items").begin_array();
      for (auto& i : a.items) w.string(i);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
}

void write_summary_fields(JsonWriter& w, const app::MyDossier& m) {
  auto st = dossier::parse_state(m.d.state);
  w.field("id", m.d.id)
      .field("code", m.d.code)
      .field("procedure_id", m.d.procedure_id)
      .field("procedure_name", m.procedure_name)
      .field("state", m.d.state)
      .field("state_label", m.state_label)
      .field("national_status", st ? dossier::national_status_code(*st) : 0)
      .field("open", m.open);
  instant(w, "submitted_at", m.d.submitted_at ? m.d.submitted_at : m.d.created_at);
  instant(w, "due_at", m.d.due_at);
  write_awaiting(w, m.awaiting);
}

void write_my_document(JsonWriter& w, const app::MyDocument& d) {
  const auto& doc = d.owned.doc;
  w.begin_object()
      .field("id", doc.id)
      .field("dossier_id", doc.dossier_id)
      .field("dossier_code", d.owned.dossier_code)
      .field("procedure_name", d.procedure_name)
      .field("kind", d.kind)
      .nullable("component", doc.component)
      .field("file_name", doc.file_name)
      .field("content_type", doc.content_type)
      .field("size_bytes", doc.size_bytes)
      .field("sha256", doc.sha256);
  instant(w, "uploaded_at", doc.uploaded_at);
  w.nullable("reused_from", d.reused_from)
      .field("href", "/api/v1/dossiers/" + doc.dossier_id + "/documents/" + doc.id)
      .end_object();
}

void write_rating(JsonWriter& w, const store::RatingRec& r) {
  auto s = dossier::parse_score(r.score);
  w.begin_object()
      .field("dossier_id", r.dossier_id)
      .field("score", r.score)
      .field("label", s ? dossier::score_label_vi(*s) : "")
      .nullable("comment", r.comment)
      .field("channel", r.channel);
  instant(w, "at", r.rated_at);
  w.end_object();
}

std::string my_dossier_text(const app::MyDossier& m) {
  JsonWriter w;
  w.begin_object();
  write_summary_fields(w, m);
  w.field("receiving_agency_name", m.receiving_agency_name);
  instant(w, "received_at", m.d.received_at);
  instant(w, "returned_at", m.d.returned_at);
  w.key("history").begin_array();
  for (auto& h : m.history) {
    w.begin_object();
    instant(w, "at", h.at);
    w.field("event", h.event).field("label", h.label).field("by_me", h.by_me).nullable("note", h.note);
    if (!h.items.empty()) {
      w.key("items").begin_array();
      for (auto& i : h.items) w.string(i);
      w.end_array();
    }
    if (h.due_at) instant(w, "due_at", h.due_at);
    w.end_object();
  }
  w.end_array();
  w.key("forms").begin_array();
  for (auto& f : m.forms)
    w.begin_object()
        .field("form", f.form)
        .field("name", f.name)
        .field("href", "/api/v1/dossiers/" + m.d.id + "/forms/" + f.form + ".pdf")
        .end_object();
  w.end_array();
  w.key("documents").begin_array();
  for (auto& d : m.documents) write_my_document(w, d);
  w.end_array();
  w.key("result");
  if (m.result) {
    w.begin_object()
        .field("granted", m.result->granted)
        .field("number", m.result->number)
        .field("date", m.result->date)
        .nullable("return_method", m.result->return_method)
        .field("electronic", m.result->electronic)
        .nullable("href", m.result->electronic ? "/api/v1/me/dossiers/" + m.d.id + "/result" : "")
        .end_object();
  } else {
    w.null();
  }
  w.key("rating");
  if (m.rating) write_rating(w, *m.rating);
  else w.null();
  w.field("may_withdraw", m.may_withdraw)
      .field("may_answer_supplement", m.may_answer_supplement)
      .field("may_rate", m.may_rate)
      .field("may_add_documents", m.may_add_documents);
  w.end_object();
  return w.take();
}

void write_national(JsonWriter& w, const app::NationalDatabases& n) {
  w.key("national_databases").begin_object().field("connected", n.connected).field("message", n.message).end_object();
}

Response view(Result<app::MyDossier> m) {
  if (!m.ok()) return Response::problem(m.error());
  return Response::json_text(200, my_dossier_text(*m));
}

Result<json::object> body_of(const Request& req) {
  if (req.body.empty()) return json::object{};
  return http::parse_json_object(req.body);
}

Result<app::RatingInput> rating_of(const Request& req) {
  MC_ASSIGN(auto body, http::parse_json_object(req.body));
  http::ObjectReader rd(body);
  app::RatingInput in;
  in.score = rd.required_string("score", 40);
  in.comment = nfc_or_same(rd.optional_string("comment", 1000, true).value_or(""));
  MC_TRY(rd.finish());
  return in;
}

Response rating_created(Result<store::RatingRec> r) {
  if (!r.ok()) return Response::problem(r.error());
  JsonWriter w;
  write_rating(w, *r);
  return Response::json_text(201, w.take());
}

// --- Hồ sơ của tôi ---

Response list(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  app::MyDossierQuery q;
  q.state = req.query_param("state").value_or("");
  q.cursor = req.query_param("cursor").value_or("");
  if (q.state.size() > 40 || q.cursor.size() > 100)
    return Response::problem(make_error(ErrorKind::invalid, "Tham số quá dài"));
  if (auto o = req.query_param("open")) {
    if (*o != "0" && *o != "1") {
      Error e = make_error(ErrorKind::invalid, "Tham số open chỉ nhận 1 (đang giải quyết) hoặc 0 (đã kết thúc)");
      e.fields.push_back({"open", e.detail});
      return Response::problem(e);
    }
    q.open = *o == "1";
  }
  if (auto l = req.query_param("limit")) {
    if (l->empty() || l->size() > 3 || l->find_first_not_of("0123456789") != std::string::npos || std::stoi(*l) < 1 ||
        std::stoi(*l) > 100) {
      Error e = make_error(ErrorKind::invalid, "Tham số limit phải là số từ 1 đến 100");
      e.fields.push_back({"limit", e.detail});
      return Response::problem(e);
    }
    q.limit = std::stoi(*l);
  }
  auto page = ctx.service.my_dossiers(s->actor, q);
  if (!page.ok()) return Response::problem(page.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& m : page->items) {
    w.begin_object();
    write_summary_fields(w, m);
    w.end_object();
  }
  w.end_array().nullable("next_cursor", page->next_cursor).end_object();
  return Response::json_text(200, w.take());
}

Response get_one(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  return view(ctx.service.my_dossier(s->actor, req.params["id"]));
}

Response supplement(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = body_of(req);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string note = nfc_or_same(rd.optional_string("note", 2000, true).value_or(""));
  std::vector<std::string> ids = rd.optional_string_array("document_ids", 100, 100);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  return view(ctx.service.answer_supplement(s->actor, req.params["id"], note, ids));
}

Response withdraw(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = body_of(req);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string reason = nfc_or_same(rd.required_string("reason", 1000));
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  return view(ctx.service.withdraw(s->actor, req.params["id"], reason));
}

Response result(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto f = ctx.service.result_file(s->actor, req.params["id"]);
  if (!f.ok()) return Response::problem(f.error());
  Response r = Response::text(200, std::move(f->bytes), f->meta.content_type);
  r.set_header("Content-Disposition",
               "attachment; filename=\"ket-qua.pdf\"; filename*=UTF-8''" + rfc5987("ket-qua-" + f->meta.file_name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

// --- Kho dữ liệu của tôi ---

Response documents(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto docs = ctx.service.my_documents(s->actor);
  if (!docs.ok()) return Response::problem(docs.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& d : *docs) write_my_document(w, d);
  w.end_array();
  write_national(w, ctx.service.national_databases());
  w.end_object();
  return Response::json_text(200, w.take());
}

Response components(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto comps = ctx.service.components(s->actor, req.params["id"]);
  if (!comps.ok()) return Response::problem(comps.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& c : *comps) {
    w.begin_object()
        .field("name", c.name)
        .field("kind", c.kind)
        .field("count", c.count)
        .nullable("replaceable_by", c.replaceable_by)
        .nullable("source_name", c.source_name)
        .field("asked", c.asked);
    w.key("reusable").begin_array();
    for (auto& d : c.reusable) write_my_document(w, d);
    w.end_array().end_object();
  }
  w.end_array();
  write_national(w, ctx.service.national_databases());
  w.end_object();
  return Response::json_text(200, w.take());
}

Response reuse(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string doc = rd.required_string("document_id", 100);
  std::string component = nfc_or_same(rd.optional_string("component", 500).value_or(""));
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  auto made = ctx.service.reuse_document(s->actor, req.params["id"], doc, component, idem->key, idem->body_hash);
  if (!made.ok()) return Response::problem(made.error());
  JsonWriter w;
  write_document(w, *made);
  return Response::json_text(201, w.take());
}

// --- Ratings ---

Response rate(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto in = rating_of(req);
  if (!in.ok()) return Response::problem(in.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  return rating_created(ctx.service.rate(s->actor, req.params["id"], *in, idem->key, idem->body_hash));
}

Response link_info(Routes<app::CitizenService>& ctx, Request& req) {
  auto info = ctx.service.rating_link(req.params["token"]);
  if (!info.ok()) return Response::problem(info.error());
  JsonWriter w;
  w.begin_object()
      .field("code", info->code)
      .field("procedure_name", info->procedure_name)
      .field("agency_name", info->agency_name);
  instant(w, "expires_at", info->expires_at);
  w.end_object();
  return Response::json_text(200, w.take());
}

Response rate_by_link(Routes<app::CitizenService>& ctx, Request& req) {
  auto in = rating_of(req);
  if (!in.ok()) return Response::problem(in.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  return rating_created(ctx.service.rate_by_link(req.params["token"], *in, idem->key, idem->body_hash));
}

Response counters(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string agency = req.query_param("agency_id").value_or(""), from = req.query_param("from").value_or(""),
              to = req.query_param("to").value_or("");
  if (agency.empty() || agency.size() > 100) {
    Error e = make_error(ErrorKind::invalid, "Thiếu cơ quan (agency_id)", "missing_field");
    e.fields.push_back({"agency_id", "Bắt buộc"});
    return Response::problem(e);
  }
  auto rows = ctx.service.rating_counters(s->actor, agency, from, to);
  if (!rows.ok()) return Response::problem(rows.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& r : *rows)
    w.begin_object()
        .field("period", r.period)
        .field("very_satisfied", r.very_satisfied)
        .field("satisfied", r.satisfied)
        .field("dissatisfied", r.dissatisfied)
        .field("documents_reused", r.documents_reused)
        .field("results_electronic", r.results_electronic)
        .field("population_reused", r.population_reused)
        .field("population_asked", r.population_asked)
        .end_object();
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

// --- Desk kiosk ---

Response create_kiosk(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string desk = nfc_or_same(rd.required_string("desk", 100));
  std::string agency = rd.optional_string("agency_id", 100).value_or("");
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  auto k = ctx.service.create_kiosk(s->actor, desk, agency, idem->key, idem->body_hash);
  if (!k.ok()) return Response::problem(k.error());
  JsonWriter w;
  w.begin_object()
      .field("id", k->kiosk.id)
      .field("desk", k->kiosk.desk)
      .field("agency_id", k->kiosk.agency_id)
      .field("pairing_code", k->code);
  instant(w, "pairing_expires_at", k->kiosk.pairing_expires_at ? k->kiosk.pairing_expires_at : k->kiosk.created_at);
  w.end_object();
  return Response::json_text(201, w.take());
}

Response list_kiosks(Routes<app::CitizenService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto ks = ctx.service.my_kiosks(s->actor);
  if (!ks.ok()) return Response::problem(ks.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& k : *ks) {
    w.begin_object().field("id", k.id).field("desk", k.desk).field("agency_id", k.agency_id);
    instant(w, "created_at", k.created_at);
    instant(w, "paired_at", k.paired_at);
    instant(w, "ended_at", k.ended_at);
    w.end_object();
  }
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

std::string kiosk_cookie(const app::Config& c, const std::string& token) {
  std::string v = std::string(kKioskCookie) + "=" + token + "; Path=/api/v1/kiosk; HttpOnly; SameSite=Strict; Max-Age=31536000";
  if (c.secure_cookies) v += "; Secure";
  return v;
}

Response pair(Routes<app::CitizenService>& ctx, Request& req) {
  const std::string who = ctx.gate.client_address(req);
  if (auto st = within_limit(ctx.gate.limits.lookups, who, 1, "Nhập sai mã ghép quá nhiều lần."); !st.ok())
    return Response::problem(st.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string code = rd.required_string("code", 8);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto p = ctx.service.pair_kiosk(code);
  if (!p.ok()) {
    (void)ctx.gate.limits.lookups.take(who, 4, now_ms());  // a wrong code costs more
    return Response::problem(p.error());
  }
  JsonWriter w;
  w.begin_object().field("desk", p->desk).field("agency_name", p->agency_name).field("csrf_token", p->csrf).end_object();
  Response r = Response::json_text(200, w.take());
  r.set_header("Set-Cookie", kiosk_cookie(ctx.gate.config, p->token));
  return r;
}

Response kiosk_current(Routes<app::CitizenService>& ctx, Request& req) {
  auto cur = ctx.service.kiosk_current(req.cookie(kKioskCookie).value_or(""));
  if (!cur.ok()) return Response::problem(cur.error());
  JsonWriter w;
  w.begin_object().field("desk", cur->desk).field("agency_name", cur->agency_name).field("csrf_token", cur->csrf);
  w.key("dossier");
  if (cur->code)
    w.begin_object()
        .field("code", *cur->code)
        .field("procedure_name", cur->procedure_name.value_or(""))
        .field("masked_name", cur->masked_name.value_or(""))
        .end_object();
  else
    w.null();
  w.end_object();
  return Response::json_text(200, w.take());
}

Response kiosk_rate(Routes<app::CitizenService>& ctx, Request& req) {
  auto in = rating_of(req);
  if (!in.ok()) return Response::problem(in.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  return rating_created(ctx.service.rate_at_kiosk(req.cookie(kKioskCookie).value_or(""),
                                                  std::string(req.header("x-csrf-token").value_or("")), *in, idem->key,
                                                  idem->body_hash));
}

}  // namespace

void add_citizen_routes(http::Router& r, Routes<app::CitizenService>& ctx) {
  r.add("GET", "/api/v1/me/dossiers", [&ctx](Request& q) { return list(ctx, q); });
  r.add("GET", "/api/v1/me/dossiers/{id}", [&ctx](Request& q) { return get_one(ctx, q); });
  r.add("POST", "/api/v1/me/dossiers/{id}/supplement", [&ctx](Request& q) { return supplement(ctx, q); });
  r.add("POST", "/api/v1/me/dossiers/{id}/withdraw", [&ctx](Request& q) { return withdraw(ctx, q); });
  r.add("GET", "/api/v1/me/dossiers/{id}/result", [&ctx](Request& q) { return result(ctx, q); });
  r.add("POST", "/api/v1/me/dossiers/{id}/documents/reuse", [&ctx](Request& q) { return reuse(ctx, q); });
  r.add("POST", "/api/v1/me/dossiers/{id}/rating", [&ctx](Request& q) { return rate(ctx, q); });
  r.add("GET", "/api/v1/me/documents", [&ctx](Request& q) { return documents(ctx, q); });
  r.add("GET", "/api/v1/me/procedures/{id}/components", [&ctx](Request& q) { return components(ctx, q); });
  r.add("GET", "/api/v1/rating-links/{token}", [&ctx](Request& q) { return link_info(ctx, q); });
  r.add("POST", "/api/v1/rating-links/{token}", [&ctx](Request& q) { return rate_by_link(ctx, q); });
  r.add("GET", "/api/v1/ratings", [&ctx](Request& q) { return counters(ctx, q); });
  r.add("GET", "/api/v1/kiosks", [&ctx](Request& q) { return list_kiosks(ctx, q); });
  r.add("POST", "/api/v1/kiosks", [&ctx](Request& q) { return create_kiosk(ctx, q); });
  r.add("POST", "/api/v1/kiosk/pair", [&ctx](Request& q) { return pair(ctx, q); });
  r.add("GET", "/api/v1/kiosk/current", [&ctx](Request& q) { return kiosk_current(ctx, q); });
  r.add("POST", "/api/v1/kiosk/rating", [&ctx](Request& q) { return kiosk_rate(ctx, q); });
}

}  // namespace motcua::api
