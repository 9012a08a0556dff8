// E-forms and drafts (docs/openapi.yaml, tag drafts): the e-form of a procedure version (public),
// the citizen's drafts (versioned: ETag / If-Match, 412 on a lost update), their resumable
// uploads (Content-Range chunks, Upload-Offset) and the submit. Every decision is EformService's;
// this file reads requests and writes JSON.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/json_writer.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr size_t kDraftBodyMax = 256 << 10;

// The form's problems answer 422 (errors[] by field path) and a stale version 412; the rest as
// their kind says.
Response problem(const Error& e) {
  Response r = Response::problem(e);
  int status = e.code == "invalid_form" ? 422 : e.code == "draft_version_mismatch" ? 412 : 0;
  if (status == 0) return r;
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return r;
  v.as_object()["status"] = status;
  v.as_object()["title"] = status == 422 ? "Dữ liệu chưa hợp lệ" : "Dữ liệu đã thay đổi";
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

void instant(JsonWriter& w, std::string_view k, Millis t) {
  w.key(k);
  if (t) w.string(format_rfc3339_local(t));
  else w.null();
}

void write_upload(JsonWriter& w, const store::DraftUploadRec& u) {
  w.begin_object()
      .field("id", u.id)
      .field("component", u.component)
      .field("file_name", u.file_name)
      .field("size", u.declared_size)
      .field("received", u.received)
      .field("complete", u.state == "complete")
      .nullable("content_type", u.content_type)
      .nullable("reused_from", u.reused_from);
  instant(w, "created_at", u.created_at);
  w.end_object();
}

void write_draft(JsonWriter& w, const app::DraftView& v) {
  const store::DraftRec& d = v.draft;
  w.begin_object()
      .field("id", d.id)
      .field("procedure_id", d.procedure_id)
      .field("procedure_name", v.procedure_name)
      .field("version", d.version)
      .field("state", d.state);
  w.key("data").raw(d.data);
  boost::system::error_code ec;
  json::value extra = json::parse(d.extra, ec);
  const json::object* x = !ec && extra.is_object() ? &extra.as_object() : nullptr;
  auto* agency = x ? x->if_contains("receiving_agency_id") : nullptr;
  w.nullable("receiving_agency_id", agency && agency->is_string() ? std::string_view(agency->as_string()) : "");
  auto* ob = x ? x->if_contains("on_behalf") : nullptr;
  w.key("on_behalf");
  if (ob && ob->is_object()) w.raw(json::serialize(*ob));
  else w.null();
  auto* lookup = x ? x->if_contains("population_lookup_id") : nullptr;
  w.nullable("population_lookup_id", lookup && lookup->is_string() ? std::string_view(lookup->as_string()) : "");
  instant(w, "created_at", d.created_at);
  instant(w, "updated_at", d.updated_at);
  instant(w, "expires_at", d.state == "open" ? d.expires_at : 0);
  w.field("expiry_warning", v.expiry_warning).nullable("dossier_id", d.dossier_id);
  w.key("uploads").begin_array();
  for (auto& u : v.uploads) write_upload(w, u);
  w.end_array();
  w.end_object();
}

Response draft_response(int status, const app::DraftView& v) {
  JsonWriter w;
  write_draft(w, v);
  Response r = Response::json_text(status, w.take());
  r.set_header("ETag", "\"" + std::to_string(v.draft.version) + "\"");
  r.set_header("Cache-Control", "private, no-store");
  if (status == 201) r.set_header("Location", "/api/v1/drafts/" + v.draft.id);
  return r;
}

Response upload_response(int status, const store::DraftUploadRec& u) {
  JsonWriter w;
  write_upload(w, u);
  Response r = Response::json_text(status, w.take());
  r.set_header("Upload-Offset", std::to_string(u.received));
  r.set_header("Cache-Control", "private, no-store");
  if (status == 201) r.set_header("Location", "/api/v1/drafts/" + u.draft_id + "/uploads/" + u.id);
  return r;
}


// The draft's parts a request may send: data, receiving_agency_id, on_behalf (procedure_id on create).
Result<app::DraftInput> draft_input(http::ObjectReader& rd) {
  app::DraftInput in;
  if (const json::object* data = rd.optional_object("data")) in.data = *data;
  if (auto a = rd.optional_string("receiving_agency_id", 100, true)) in.receiving_agency_id = *a;
  if (auto l = rd.optional_string("population_lookup_id", 64, true)) in.population_lookup_id = *l;
  if (const json::object* ob = rd.optional_object("on_behalf")) {
    http::ObjectReader br(*ob, "on_behalf");
    app::OnBehalfInput b;
    b.relationship = br.required_string("relationship", 40);
    b.document = nfc_or_same(br.optional_string("document", 500).value_or(""));
    rd.absorb(br.finish());
    in.on_behalf = std::move(b);
  }
  return in;
}

http::JsonLimits draft_limits() {
  http::JsonLimits l;
  l.max_bytes = kDraftBodyMax;
  l.max_string_bytes = 32 << 10;
  l.max_array_items = 200;
  return l;
}

Response get_eform(Routes<app::EformService>& ctx, Request& req) {
  auto info = ctx.service.eform(req.params["id"]);
  if (!info.ok()) return problem(info.error());
  JsonWriter w;
  w.begin_object().field("procedure_id", info->procedure_id).field("generic", info->generic);
  w.key("schema").raw(info->schema_json);
  w.key("components").begin_array();
  for (auto& c : info->components)
    w.begin_object().field("name", c.name).field("kind", c.kind).field("count", c.count).end_object();
  w.end_array().end_object();
  Response r = Response::json_text(200, w.take());
  r.set_header("Cache-Control", "public, max-age=300");  // a version's form never changes
  return r;
}

Response create(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return problem(idem.error());
  auto body = http::parse_json_object(req.body, draft_limits());
  if (!body.ok()) return problem(body.error());
  http::ObjectReader rd(*body);
  std::string procedure_id = rd.required_string("procedure_id", 100);
  auto in = draft_input(rd);
  if (auto st = rd.finish(); !st.ok()) return problem(st.error());
  auto v = ctx.service.create_draft(s->actor, procedure_id, *in, idem->key, idem->body_hash);
  if (!v.ok()) return problem(v.error());
  return draft_response(201, *v);
}

Response list(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto all = ctx.service.drafts(s->actor);
  if (!all.ok()) return problem(all.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& v : *all) write_draft(w, v);
  w.end_array().end_object();
  Response r = Response::json_text(200, w.take());
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response get(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto v = ctx.service.draft(s->actor, req.params["id"]);
  if (!v.ok()) return problem(v.error());
  return draft_response(200, *v);
}

Response update(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto im = req.header("if-match");
  if (!im)
    return Response::problem(428, "Thiếu điều kiện phiên bản",
                             "Gửi kèm If-Match với ETag của bản nháp đã đọc (ví dụ \"3\") để không ghi đè thay đổi từ "
                             "thiết bị khác.",
                             "precondition_required");
  std::string ver(*im);
  if (ver.size() >= 2 && ver.front() == '"' && ver.back() == '"') ver = ver.substr(1, ver.size() - 2);
  if (ver.empty() || ver.size() > 18 || ver.find_first_not_of("0123456789") != std::string::npos)
    return problem(make_error(ErrorKind::invalid, "If-Match phải là phiên bản bản nháp, ví dụ \"3\"."));
  auto body = http::parse_json_object(req.body, draft_limits());
  if (!body.ok()) return problem(body.error());
  http::ObjectReader rd(*body);
  auto in = draft_input(rd);
  if (auto st = rd.finish(); !st.ok()) return problem(st.error());
  auto v = ctx.service.update_draft(s->actor, req.params["id"], std::stoll(ver), *in);
  if (!v.ok()) return problem(v.error());
  return draft_response(200, *v);
}

Response remove(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto st = ctx.service.delete_draft(s->actor, req.params["id"]);
  if (!st.ok()) return problem(st.error());
  return Response::no_content();
}

Response start_upload(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return problem(idem.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return problem(body.error());
  http::ObjectReader rd(*body);
  app::UploadStart in;
  in.component = nfc_or_same(rd.required_string("component", 500));
  in.file_name = rd.required_string("file_name", 255);
  in.size = rd.required_int("size", 1, int64_t(1) << 40);
  if (auto st = rd.finish(); !st.ok()) return problem(st.error());
  auto u = ctx.service.start_upload(s->actor, req.params["id"], in, idem->key, idem->body_hash);
  if (!u.ok()) return problem(u.error());
  return upload_response(201, *u);
}

// A component taken from the citizen's data store instead of an upload.
Response reuse(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return problem(idem.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return problem(body.error());
  http::ObjectReader rd(*body);
  app::ReuseInput in;
  in.document_id = rd.required_string("document_id", 100);
  in.component = nfc_or_same(rd.optional_string("component", 500).value_or(""));
  if (auto st = rd.finish(); !st.ok()) return problem(st.error());
  auto u = ctx.service.reuse_document(s->actor, req.params["id"], in, idem->key, idem->body_hash);
  if (!u.ok()) return problem(u.error());
  return upload_response(201, *u);
}

Response get_upload(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto u = ctx.service.upload(s->actor, req.params["id"], req.params["upload"]);
  if (!u.ok()) return problem(u.error());
  return upload_response(200, *u);
}

// "bytes 0-1048575/5242880" (or ".../*"): the first byte's offset, the last's, the total.
bool parse_content_range(std::string_view v, int64_t& first, int64_t& last, int64_t& total) {
  if (v.substr(0, 6) != "bytes ") return false;
  v.remove_prefix(6);
  auto num = [](std::string_view s, int64_t& out) {
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
    out = std::stoll(std::string(s));
    return true;
  };
  size_t dash = v.find('-'), slash = v.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash) return false;
  if (!num(v.substr(0, dash), first) || !num(v.substr(dash + 1, slash - dash - 1), last)) return false;
  std::string_view t = v.substr(slash + 1);
  if (t == "*") total = -1;
  else if (!num(t, total)) return false;
  return last >= first;
}

Response put_chunk(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  app::ChunkInput in;
  if (req.body_file) {
    in.file_path = req.body_file->path;
    in.size = int64_t(req.body_file->size);
  } else {
    in.bytes = req.body;
  }
  const int64_t size = in.file_path.empty() ? int64_t(in.bytes.size()) : in.size;
  if (auto cr = req.header("content-range")) {
    int64_t first = 0, last = 0;
    if (!parse_content_range(*cr, first, last, in.total) || last - first + 1 != size)
      return problem(make_error(ErrorKind::invalid,
                                "Content-Range phải có dạng «bytes đầu-cuối/tổng» và khớp số byte gửi lên.",
                                "invalid_content_range"));
    in.offset = first;
  } else if (auto off = req.header("upload-offset")) {
    std::string o(*off);
    if (o.empty() || o.size() > 15 || o.find_first_not_of("0123456789") != std::string::npos)
      return problem(make_error(ErrorKind::invalid, "Upload-Offset phải là số byte đã nhận.", "invalid_content_range"));
    in.offset = std::stoll(o);
  } else {
    return problem(make_error(ErrorKind::invalid, "Gửi kèm Content-Range (hoặc Upload-Offset) cho biết vị trí của phần tệp.",
                              "invalid_content_range"));
  }
  auto r = ctx.service.upload_chunk(s->actor, req.params["id"], req.params["upload"], in);
  if (!r.ok()) return problem(r.error());
  if (!r->accepted) {
    // Not where the server is: nothing was written; the answer says where to go on from.
    Response res = upload_response(409, r->upload);
    boost::system::error_code ec;
    json::value up = json::parse(res.body, ec);
    json::object p{{"type", "https://motcua.vn/problems/upload_offset_mismatch"},
                   {"title", "Xung đột"},
                   {"status", 409},
                   {"detail", "Máy chủ đã nhận " + std::to_string(r->upload.received) +
                                  " byte của tệp: gửi tiếp từ vị trí đó."},
                   {"upload", ec ? json::value(nullptr) : up}};
    res.body = json::serialize(p);
    res.set_header("Content-Type", "application/problem+json");
    return res;
  }
  return upload_response(200, r->upload);
}

Response delete_upload(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto st = ctx.service.delete_upload(s->actor, req.params["id"], req.params["upload"]);
  if (!st.ok()) return problem(st.error());
  return Response::no_content();
}

Response submit(Routes<app::EformService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return problem(idem.error());
  auto v = ctx.service.submit(s->actor, req.params["id"], idem->key, idem->body_hash);
  if (!v.ok()) return problem(v.error());
  Response res = Response::json_text(201, dossier_view_text(*v, now_ms()));
  res.set_header("Location", "/api/v1/dossiers/" + v->dossier.id);
  res.set_header("ETag", "\"" + std::to_string(v->dossier.version) + "\"");
  return res;
}

}  // namespace

void add_eform_routes(http::Router& r, Routes<app::EformService>& ctx) {
  http::RouteOptions draft_body{.max_body = kDraftBodyMax};
  r.add("GET", "/api/v1/procedures/{id}/eform", [&ctx](Request& q) { return get_eform(ctx, q); });
  r.add("GET", "/api/v1/drafts", [&ctx](Request& q) { return list(ctx, q); });
  r.add("POST", "/api/v1/drafts", [&ctx](Request& q) { return create(ctx, q); }, draft_body);
  r.add("GET", "/api/v1/drafts/{id}", [&ctx](Request& q) { return get(ctx, q); });
  r.add("PUT", "/api/v1/drafts/{id}", [&ctx](Request& q) { return update(ctx, q); }, draft_body);
  r.add("DELETE", "/api/v1/drafts/{id}", [&ctx](Request& q) { return remove(ctx, q); });
  r.add("POST", "/api/v1/drafts/{id}/uploads", [&ctx](Request& q) { return start_upload(ctx, q); });
  r.add("GET", "/api/v1/drafts/{id}/uploads/{upload}", [&ctx](Request& q) { return get_upload(ctx, q); });
  r.add("POST", "/api/v1/drafts/{id}/reuses", [&ctx](Request& q) { return reuse(ctx, q); });
  // A chunk may be the whole file: the staff upload's limit, read only once the session is
  // checked, written to disk as it arrives.
  http::RouteOptions chunk{.max_body = size_t(ctx.gate.config.max_file_mb << 20) + (64 << 10),
                           .needs_session = true, .to_disk = true};
  r.add("PUT", "/api/v1/drafts/{id}/uploads/{upload}", [&ctx](Request& q) { return put_chunk(ctx, q); }, chunk);
  r.add("DELETE", "/api/v1/drafts/{id}/uploads/{upload}", [&ctx](Request& q) { return delete_upload(ctx, q); });
  r.add("POST", "/api/v1/drafts/{id}/submit", [&ctx](Request& q) { return submit(ctx, q); });
}

}  // namespace motcua::api
