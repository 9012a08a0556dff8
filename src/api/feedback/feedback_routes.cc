// Feedback and petitions (phản ánh, kiến nghị): the portal's filing (a citizen session or
// nobody, with attachments), the hotline desk, the desk's handling steps, the citizen's own
// cases (rate, reopen), the cases of a dossier, the published answers and the leaders' figures.
// Shapes: docs/openapi.yaml, tag feedback. Every decision is FeedbackService's.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/feedback/feedback_json.h"
#include "common/crypto.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxFilingBody = 15 << 20;  // 10 MB of attachments, base64, and the text

int base64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Standard base64 (RFC 4648 §4), padding optional; nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view in) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    int v = base64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// The optional session of a request: none without a cookie; with one, it must be valid (and
// carry its CSRF token on a POST).
Result<app::Actor> optional_actor(Gate& gate, const Request& req) {
  auto token = req.cookie(gate.cookie_name());
  if (!token || token->empty()) return app::Actor{};
  MC_ASSIGN(auto s, gate.session(req));
  return s.actor;
}

// Reads a filing body into a Submission.
Status read_submission(const Request& req, app::feedback::Submission& s) {
  http::JsonLimits limits;
  limits.max_bytes = kMaxFilingBody;
  limits.max_string_bytes = 14 << 20;
  MC_ASSIGN(auto obj, http::parse_json_object(req.body, limits));
  http::ObjectReader rd(obj);
  if (auto k = rd.optional_string("kind", 20)) {
    if (*k == "phan_anh") s.kind = app::feedback::Kind::phan_anh;
    else if (*k == "kien_nghi") s.kind = app::feedback::Kind::kien_nghi;
    else rd.add_error("kind", "Chọn loại: phan_anh (phản ánh) hoặc kien_nghi (kiến nghị)");
  }
  s.title = rd.optional_string("title", 200, true).value_or("");
  s.content = rd.required_string("content", 10000, true);
  s.sender_name = rd.optional_string("sender_name", 200, true).value_or("");
  s.sender_phone = rd.optional_string("sender_phone", 30, true).value_or("");
  s.sender_email = rd.optional_string("sender_email", 254, true).value_or("");
  s.sender_address = rd.optional_string("sender_address", 500, true).value_or("");
  if (auto d = rd.optional_string("dossier_code", 64)) s.dossier_code = *d;
  s.wants_private = rd.optional_bool("private", false);
  if (auto* arr = rd.optional_array("attachments", 20)) {
    for (size_t i = 0; i < arr->size(); ++i) {
      const std::string at = "attachments[" + std::to_string(i) + "]";
      if (!(*arr)[i].is_object()) {
        rd.add_error(at, "Mỗi tệp là một đối tượng {file_name, data_base64}");
        continue;
      }
      http::ObjectReader f((*arr)[i].as_object(), at);
      app::feedback::Attachment a;
      a.file_name = f.required_string("file_name", 255);
      std::string data = f.required_string("data_base64", 14 << 20);
      rd.absorb(f.finish());
      auto bytes = base64_decode(data);
      if (!bytes) {
        rd.add_error(at + ".data_base64", "Nội dung tệp phải mã hóa base64");
        continue;
      }
      a.bytes = std::move(*bytes);
      s.attachments.push_back(std::move(a));
    }
  }
  return rd.finish();
}

Response filed_response(const app::feedback::Filed& f) {
  JsonWriter w;
  w.begin_object()
      .field("id", f.case_id)
      .field("code", f.code)
      .field("accepted", f.accepted)
      .nullable("reply", f.reply)
      .field("href", "/api/v1/feedback/" + f.case_id)
      .end_object();
  return Response::json_text(201, w.take());
}

Response file_portal(Routes<app::FeedbackService>& ctx, Request& req) {
  auto actor = optional_actor(ctx.gate, req);
  if (!actor.ok()) return Response::problem(actor.error());
  // One address cannot flood the desk (signed-in citizens are counted by address too).
  if (auto st = within_limit(ctx.gate.limits.filings, ctx.gate.client_address(req), 1,
                             "Bạn gửi quá nhiều phản ánh, kiến nghị trong thời gian ngắn.");
      !st.ok())
    return Response::problem(st.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::feedback::Submission s;
  s.channel = app::feedback::Channel::portal;
  if (auto st = read_submission(req, s); !st.ok()) return Response::problem(st.error());
  auto f = ctx.service.file_as(*actor, std::move(s), idem->key, idem->body_hash);
  if (!f.ok()) return Response::problem(f.error());
  return filed_response(*f);
}

Response file_call(Routes<app::FeedbackService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::feedback::Submission sub;
  sub.channel = app::feedback::Channel::hotline;
  if (auto st = read_submission(req, sub); !st.ok()) return Response::problem(st.error());
  auto f = ctx.service.file_as(s->actor, std::move(sub), idem->key, idem->body_hash);
  if (!f.ok()) return Response::problem(f.error());
  return filed_response(*f);
}

Result<app::CaseQuery> query_of(const Request& req) {
  app::CaseQuery q;
  q.state = req.query_param("state").value_or("");
  q.cursor = req.query_param("cursor").value_or("");
  if (auto l = req.query_param("limit")) {
    try {
      size_t used = 0;
      q.limit = std::stoi(*l, &used);
      if (used != l->size()) throw std::invalid_argument("limit");
    } catch (...) {
      Error e = make_error(ErrorKind::invalid, "Số dòng mỗi trang phải là số nguyên từ 1 đến 100", "validation");
      e.fields.push_back({"limit", "Số nguyên từ 1 đến 100"});
      return e;
    }
  }
  return q;
}

Response page_response(const app::CasePage& p, bool full) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& v : p.items) write_case(w, v, full);
  w.end_array().nullable("next_cursor", p.next_cursor).end_object();
  return Response::json_text(200, w.take());
}

Response view_response(const Result<app::CaseView>& v) {
  if (!v.ok()) return Response::problem(v.error());
  JsonWriter w;
  write_case(w, v.value(), true);
  return Response::json_text(200, w.take());
}

}  // namespace

void add_feedback_routes(http::Router& r, Routes<app::FeedbackService>& ctx) {
  http::RouteOptions big;
  big.max_body = kMaxFilingBody;
  r.add("POST", "/api/v1/feedback", [&ctx](Request& req) { return file_portal(ctx, req); }, big);
  r.add("POST", "/api/v1/staff/feedback/calls", [&ctx](Request& req) { return file_call(ctx, req); }, big);

  r.add("GET", "/api/v1/feedback/rules", [&ctx](Request&) {
    auto rules = ctx.service.rules();
    if (!rules.ok()) return Response::problem(rules.error());
    JsonWriter w;
    write_rules(w, *rules);
    return Response::json_text(200, w.take());
  });

  r.add("GET", "/api/v1/feedback/published", [&ctx](Request& req) {
    int limit = 20;
    if (auto l = req.query_param("limit")) {
      if (l->empty() || l->size() > 3 || l->find_first_not_of("0123456789") != std::string::npos)
        return Response::problem(make_error(ErrorKind::invalid, "Số dòng mỗi trang từ 1 đến 50", "validation"));
      limit = std::stoi(*l);
    }
    auto p = ctx.service.published(req.query_param("q").value_or(""), req.query_param("cursor").value_or(""), limit);
    if (!p.ok()) return Response::problem(p.error());
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (auto& a : p->items) write_published(w, a);
    w.end_array().nullable("next_cursor", p->next_cursor).end_object();
    Response resp = Response::json_text(200, w.take());
    resp.set_header("Cache-Control", "public, max-age=60");
    return resp;
  });

  r.add("GET", "/api/v1/feedback/{id}", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    return view_response(ctx.service.view(s->actor, req.params["id"]));
  });

  r.add("GET", "/api/v1/feedback/{id}/attachments/{att}", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    auto f = ctx.service.attachment(s->actor, req.params["id"], req.params["att"]);
    if (!f.ok()) return Response::problem(f.error());
    Response resp = Response::text(200, std::move(f->bytes), f->meta.content_type);
    resp.set_header("Content-Disposition", "attachment; filename=\"tep-dinh-kem\"; filename*=UTF-8''" +
                                               rfc5987_name(f->meta.file_name));
    resp.set_header("X-Content-Type-Options", "nosniff");
    resp.set_header("Cache-Control", "private, no-store");
    return resp;
  });

  r.add("POST", "/api/v1/feedback/{id}/actions", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    app::StaffAction in;
    auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
      in.action = rd.required_string("action", 20);
      in.field = rd.optional_string("field", 200).value_or("");
      in.kind = rd.optional_string("kind", 20).value_or("");
      in.agency_id = rd.optional_string("agency_id", 100).value_or("");
      in.assignee_id = rd.optional_string("assignee_id", 100).value_or("");
      in.answer = rd.optional_string("answer", 10000, true).value_or("");
      in.publish = rd.optional_bool("publish", false);
      in.reason = rd.optional_string("reason", 2000, true).value_or("");
    });
    if (!st.ok()) return Response::problem(st.error());
    return view_response(ctx.service.act(s->actor, req.params["id"], in));
  });

  r.add("POST", "/api/v1/feedback/{id}/rating", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    app::CaseRating in;
    auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
      in.score = rd.required_string("score", 20);
      in.comment = rd.optional_string("comment", 2000, true).value_or("");
    });
    if (!st.ok()) return Response::problem(st.error());
    return view_response(ctx.service.rate(s->actor, req.params["id"], in));
  });

  r.add("POST", "/api/v1/feedback/{id}/reopen", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    std::string reason;
    auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) { reason = rd.required_string("reason", 2000); });
    if (!st.ok()) return Response::problem(st.error());
    return view_response(ctx.service.reopen(s->actor, req.params["id"], reason));
  });

  r.add("GET", "/api/v1/me/feedback", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    auto q = query_of(req);
    if (!q.ok()) return Response::problem(q.error());
    auto p = ctx.service.my_cases(s->actor, *q);
    if (!p.ok()) return Response::problem(p.error());
    return page_response(*p, true);
  });

  r.add("GET", "/api/v1/staff/feedback", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    auto q = query_of(req);
    if (!q.ok()) return Response::problem(q.error());
    auto p = ctx.service.staff_cases(s->actor, *q);
    if (!p.ok()) return Response::problem(p.error());
    return page_response(*p, false);
  });

  r.add("GET", "/api/v1/staff/feedback/figures", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    auto f = ctx.service.figures(s->actor, req.query_param("agency_id").value_or(""),
                                 req.query_param("from").value_or(""), req.query_param("to").value_or(""));
    if (!f.ok()) return Response::problem(f.error());
    JsonWriter w;
    write_figures(w, *f);
    return Response::json_text(200, w.take());
  });

  r.add("GET", "/api/v1/dossiers/{id}/feedback", [&ctx](Request& req) {
    auto s = ctx.gate.session(req);
    if (!s.ok()) return Response::problem(s.error());
    auto list = ctx.service.cases_of_dossier(s->actor, req.params["id"]);
    if (!list.ok()) return Response::problem(list.error());
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (auto& v : *list) write_case(w, v, false);
    w.end_array().end_object();
    return Response::json_text(200, w.take());
  });
}

}  // namespace motcua::api
