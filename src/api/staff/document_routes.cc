// Uploading a document to a dossier (raw body, type recognised by content) and downloading it
// back as an attachment, or (?inline=1) shown in the browser for a preview.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/crypto.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// RFC 5987 encoding of a UTF-8 file name for Content-Disposition.
std::string rfc5987(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '.' || c == '-' || c == '_') o += char(c);
    else { o += '%'; o += hex[c >> 4]; o += hex[c & 15]; }
  }
  return o;
}

Response upload(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::UploadInput in;
  in.file_name = req.query_param("name").value_or("");
  in.component = req.query_param("component").value_or("");
  if (in.file_name.size() > 1000 || in.component.size() > 500)
    return Response::problem(make_error(ErrorKind::invalid, "Tên tệp hoặc tên thành phần hồ sơ quá dài."));
  in.component = to_nfc(in.component).value_or(in.component);
  if (req.body_file) {  // the server wrote the body to disk (upload_route.to_disk)
    in.file_path = req.body_file->path;
    in.file_size = int64_t(req.body_file->size);
  } else {
    in.bytes = req.body;
  }
  // The request is the name and the component (query) as well as the bytes.
  std::string request_hash;
  if (!idem->key.empty()) {
    json::array request{json::value(in.file_name), json::value(in.component), json::value(idem->body_hash)};
    request_hash = sha256_hex(json::serialize(request));
  }
  auto doc = ctx.service.upload(s->actor, req.params["id"], in, idem->key, request_hash);
  if (!doc.ok()) return Response::problem(doc.error());
  JsonWriter w;
  write_document(w, *doc);
  return Response::json_text(201, w.take());
}

Response download(Routes<app::DossierService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto inline_q = req.query_param("inline");
  if (inline_q && *inline_q != "1" && *inline_q != "0")
    return Response::problem(make_error(ErrorKind::invalid, "Tham số inline chỉ nhận 1 (xem trước) hoặc 0 (tải về)."));
  auto f = ctx.service.document(s->actor, req.params["id"], req.params["doc"]);  // same authorisation either way
  if (!f.ok()) return Response::problem(f.error());
  // Preview in the page: only the three types uploads accept (decided by content at upload),
  // in a sandboxed document of its own that only this origin may frame. Anything else is
  // always an attachment.
  const std::string& type = f->meta.content_type;
  bool show_inline = inline_q && *inline_q == "1" &&
                     (type == "application/pdf" || type == "image/jpeg" || type == "image/png");
  Response r = Response::text(200, std::move(f->bytes), type);
  r.set_header("Content-Disposition", std::string(show_inline ? "inline" : "attachment") +
                                          "; filename=\"tai-lieu\"; filename*=UTF-8''" + rfc5987(f->meta.file_name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  if (show_inline) {
    r.set_header("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'self'");
    r.set_header("X-Frame-Options", "SAMEORIGIN");
  }
  return r;
}

}  // namespace

void add_document_routes(http::Router& r, Routes<app::DossierService>& ctx) {
  // The one route with large bodies: the file plus room for the use case to name the limit
  // itself (413 with the size in MB); read only once the session is checked (Api's BodyGate),
  // and written to disk as it arrives (the server's spool, under the files directory).
  http::RouteOptions upload_route{.max_body = size_t(ctx.gate.config.max_file_mb << 20) + (64 << 10),
                                  .needs_session = true, .to_disk = true};
  r.add("POST", "/api/v1/dossiers/{id}/documents", [&ctx](Request& q) { return upload(ctx, q); }, upload_route);
  r.add("GET", "/api/v1/dossiers/{id}/documents/{doc}", [&ctx](Request& q) { return download(ctx, q); });
}

}  // namespace motcua::api
