// The built web apps (web/dist): /staff/* and / (with the portal's own paths) fall back to their
// index.html (single-page apps); /assets/* are content-hashed, cached for a year and served
// gzip-precompressed.
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "api/context.h"
#include "common/encoding.h"
#include "http/compress.h"

namespace motcua::api {
using http::Request;
using http::Response;

namespace {

class FileCache {
 public:
  explicit FileCache(std::string root) : root_(std::move(root)) {}
  // nullptr when the file does not exist. Files are read once: a deploy restarts the server.
  const std::string* get(const std::string& rel) {
    std::lock_guard lk(mu_);
    auto it = files_.find(rel);
    if (it != files_.end()) return &it->second;
    std::ifstream in(root_ + "/" + rel, std::ios::binary);
    if (!in) return nullptr;  // not cached: a build may still produce it
    std::stringstream ss;
    ss << in.rdbuf();
    return &(files_[rel] = ss.str());
  }

 private:
  std::string root_;
  std::mutex mu_;
  std::unordered_map<std::string, std::string> files_;
};

bool safe_name(const std::string& s) {
  if (s.empty() || s.size() > 200 || s[0] == '.') return false;
  for (char c : s)
    if (!(isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

std::string content_type(const std::string& name) {
  auto ends = [&](const char* ext) {
    size_t n = strlen(ext);
    return name.size() >= n && name.compare(name.size() - n, n, ext) == 0;
  };
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".json") || ends(".webmanifest")) return "application/json";
  return "application/octet-stream";
}

bool accepts_gzip(const Request& req) {
  auto ae = req.header("accept-encoding");
  return ae && ae->find("gzip") != std::string_view::npos;
}

Response serve(FileCache& files, const Request& req, const std::string& rel, bool immutable) {
  const std::string* body = nullptr;
  bool gz = false;
  if (accepts_gzip(req) && (body = files.get(rel + ".gz"))) gz = true;
  if (!body) body = files.get(rel);
  if (!body) return Response::problem(404, "Không tìm thấy", "Không tìm thấy tệp " + rel + ".", "not_found");
  Response r = Response::text(200, *body, content_type(rel));
  if (gz) r.set_header("Content-Encoding", "gzip");
  r.set_header("Vary", "Accept-Encoding");
  r.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

Response app_page(FileCache& files, const Request& req, const char* app) {
  Response r = serve(files, req, std::string(app) + "/index.html", false);
  if (r.status == 404)
    return Response::problem(503, "Chưa có giao diện", "Giao diện web chưa được build (web/dist). Chạy `make run`.",
                             "web_not_built");
  return r;
}

// encodeURIComponent's escaping: the portal fetches /api/v1/procedures/<id> with the id so
// encoded, and a preload is used only for the very same URL.
std::string uri_component(std::string_view s) { return percent_encode(s, "-_.!~*'()"); }

// The API reads a portal page starts with, announced with the HTML (Link: rel=preload): on a slow
// network they come in parallel with the scripts instead of one round trip after them. The URLs
// are exactly those the pages fetch (web/src/portal/catalog.ts), and their answers are cacheable
// (Chromium uses a preloaded fetch only then).
Response with_preloads(Response r, const std::vector<std::string>& urls) {
  if (r.status != 200) return r;
  std::string link;
  for (auto& u : urls) link += (link.empty() ? "<" : ", <") + u + ">; rel=preload; as=fetch; crossorigin";
  r.set_header("Link", link);
  return r;
}

// The home page's plain-HTML shell filled in by the server (web/portal/index.html's markers): the
// title and the most used procedures as ordinary links, usable on a slow network seconds before
// the app's scripts have arrived (the app then replaces the shell).
Response home_page(FileCache& files, const Request& req, app::CatalogueService* catalogue) {
  const std::string* html = files.get("portal/index.html");
  if (!html) return app_page(files, req, "portal");
  std::string body = *html;
  auto fill = [&](std::string_view marker, const std::string& with) {
    if (size_t at = body.find(marker); at != std::string::npos) body.replace(at, marker.size(), with);
  };
  fill("<!--shell:hero-->",
       "<h1>Dịch vụ công trực tuyến tỉnh Quảng Ngãi</h1>"
       "<p class=\"lead\">Tìm thủ tục, nộp hồ sơ trực tuyến, theo dõi và nhận kết quả ngay trên điện thoại.</p>");
  std::string popular;
  if (auto m = catalogue ? catalogue->most_used(8) : Result<app::MostUsed>(app::MostUsed{}); m.ok() && !m->items.empty()) {
    popular = "<section class=\"card\" aria-labelledby=\"shell-popular\"><h2 id=\"shell-popular\" class=\"card-title\">"
              "Thủ tục được dùng nhiều</h2><ul class=\"link-list\">";
    for (auto& [p, n] : m->items)
      popular += "<li><a href=\"/thu-tuc/" + html_escape(uri_component(p.id)) + "\">" + html_escape(p.name) + "</a></li>";
    popular += "</ul></section>";
  }
  fill("<!--shell:popular-->", popular);
  Response r = Response::text(200, std::move(body), "text/html; charset=utf-8");
  if (accepts_gzip(req))
    if (auto z = http::gzip(r.body)) {
      r.body = std::move(*z);
      r.set_header("Content-Encoding", "gzip");
    }
  r.set_header("Vary", "Accept-Encoding");
  r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void add_static_routes(http::Router& r, const app::Config& config, app::CatalogueService* catalogue) {
  auto files = std::make_shared<FileCache>(config.web_dir);
  r.add("GET", "/assets/{file}", [files](Request& q) {
    if (!safe_name(q.params["file"])) return Response::problem(404, "Không tìm thấy", "Không tìm thấy tệp.", "not_found");
    return serve(*files, q, "assets/" + q.params["file"], true);
  });
  auto staff = [files](Request& q) { return app_page(*files, q, "staff"); };
  for (const char* p : {"/staff", "/staff/{a}", "/staff/{a}/{b}", "/staff/{a}/{b}/{c}"}) r.add("GET", p, staff);
  // The rating kiosk at a desk (web/src/kiosk): one page, full screen on a tablet.
  r.add("GET", "/kiosk", [files](Request& q) { return app_page(*files, q, "kiosk"); });
  auto portal = [files](Request& q) { return app_page(*files, q, "portal"); };
  r.add("GET", "/", [files, catalogue](Request& q) {
    return with_preloads(home_page(*files, q, catalogue),
                         {"/api/v1/procedures/most-used?limit=8", "/api/v1/procedures?current=1"});
  });
  // A procedure's page (a deep link from a search engine or a message): its record.
  r.add("GET", "/thu-tuc/{a}", [files](Request& q) {
    const std::string& id = q.params["a"];
    if (id.empty() || id.size() > 100) return app_page(*files, q, "portal");
    return with_preloads(app_page(*files, q, "portal"),
                         {"/api/v1/procedures/" + uri_component(id)});
  });
  // The portal's client-side routes (web/src/portal/nav.tsx): a deep link or a reload gets the
  // same page. One to three segments under each of the portal's own first segments.
  for (const char* p :
       {"/thu-tuc", "/nop-ho-so", "/dang-nhap", "/ho-so-cua-toi", "/kho-du-lieu", "/danh-gia", "/phan-anh-kien-nghi", "/cong-khai",
        "/phan-anh-cua-toi"}) {
    std::string base(p);
    r.add("GET", base, portal);
    if (base != "/thu-tuc") r.add("GET", base + "/{a}", portal);
    r.add("GET", base + "/{a}/{b}", portal);
  }
}

}  // namespace motcua::api
