// The printable legal forms: /api/v1/dossiers/{id}/forms/NN.pdf and the agency register.
#include "api/context.h"
#include "common/json_writer.h"

namespace motcua::api {
using http::Request;
using http::Response;

namespace {

Response file_reply(std::string bytes, const char* type, const std::string& name) {
  Response r = Response::text(200, std::move(bytes), type);
  // Inline so the browser's PDF viewer opens it for printing; nosniff is set by the server.
  r.set_header("Content-Disposition", "inline; filename=\"" + name + "\"");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response form(Routes<app::FormsService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  const std::string& file = req.params["file"];  // "01.pdf"
  if (file.size() != 6 || file.compare(2, 4, ".pdf") != 0 || file[0] != '0' || file[1] < '1' || file[1] > '7')
    return Response::problem(make_error(ErrorKind::not_found, "Không có mẫu này. Các mẫu: 01.pdf đến 06.pdf."));
  auto pdf = ctx.service.form_pdf(s->actor, req.params["id"], file[1] - '0');
  if (!pdf.ok()) return Response::problem(pdf.error());
  return file_reply(std::move(*pdf), "application/pdf", "mau-" + file);
}

Response register_file(Routes<app::FormsService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  const std::string& file = req.params["file"];
  bool xlsx = file == "register.xlsx";
  if (!xlsx && file != "register.pdf")
    return Response::problem(make_error(ErrorKind::not_found, "Không tìm thấy đường dẫn."));
  auto from = parse_date(req.query_param("from").value_or(""));
  auto to = parse_date(req.query_param("to").value_or(""));
  if (!from || !to) {
    Error e = make_error(ErrorKind::invalid, "Tham số from và to phải là ngày dạng YYYY-MM-DD.");
    if (!from) e.fields.push_back({"from", "Ngày bắt đầu không hợp lệ"});
    if (!to) e.fields.push_back({"to", "Ngày kết thúc không hợp lệ"});
    return Response::problem(e);
  }
  auto bytes = ctx.service.register_file(s->actor, req.params["id"], *from, *to, xlsx);
  if (!bytes.ok()) return Response::problem(bytes.error());
  return file_reply(std::move(*bytes),
                    xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf",
                    "so-theo-doi-" + format_date(*from) + (xlsx ? ".xlsx" : ".pdf"));
}

// The agencies whose register the reader may print (the register page's list).
Response register_agencies(Routes<app::FormsService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto list = ctx.service.register_agencies(s->actor);
  if (!list.ok()) return Response::problem(list.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& ag : *list) w.begin_object().field("id", ag.id).field("name", ag.name).end_object();
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

}  // namespace

void add_form_routes(http::Router& r, Routes<app::FormsService>& ctx) {
  r.add("GET", "/api/v1/dossiers/{id}/forms/{file}", [&ctx](Request& q) { return form(ctx, q); });
  r.add("GET", "/api/v1/agencies/{id}/{file}", [&ctx](Request& q) { return register_file(ctx, q); });
  r.add("GET", "/api/v1/registers", [&ctx](Request& q) { return register_agencies(ctx, q); });
}

}  // namespace motcua::api
