#include "http/compress.h"

#include <zlib.h>

#include <cctype>
#include <cstdlib>

namespace motcua::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower((unsigned char)a[i]) != std::tolower((unsigned char)b[i])) return false;
  return true;
}

// The q-value of one element's parameters ("q=0.5"); 1 when absent, 0 when malformed.
double qvalue(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string v(trim(p.substr(2)));
      if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789.") != std::string::npos) return 0;
      return std::strtod(v.c_str(), nullptr);
    }
  }
  return 1;
}

bool is_json(std::string_view content_type) {
  std::string_view t = trim(content_type.substr(0, content_type.find(';')));
  return iequals(t, "application/json") || iequals(t, "application/problem+json");
}

}  // namespace

bool accepts_gzip(std::string_view ae) {
  std::optional<double> gz, star;
  while (!ae.empty()) {
    size_t comma = ae.find(',');
    std::string_view el = ae.substr(0, comma);
    ae = comma == std::string_view::npos ? std::string_view() : ae.substr(comma + 1);
    size_t semi = el.find(';');
    std::string_view coding = trim(el.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : qvalue(el.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gz = q;
    else if (coding == "*") star = q;
  }
  if (gz) return *gz > 0;
  return star && *star > 0;
}

std::optional<std::string> gzip(std::string_view data, int level) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&z, uLong(data.size())) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = uInt(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  int rc = deflate(&z, Z_FINISH);
  const size_t n = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(n);
  return out;
}

void compress_json(const Request& req, Response& res) {
  if (res.status < 200 || res.status == 204 || res.status == 304) return;
  auto ct = res.header("content-type");
  if (!ct || !is_json(*ct)) return;
  auto vary = res.header("vary");
  if (!vary) res.set_header("Vary", "Accept-Encoding");
  else if (vary->find("Accept-Encoding") == std::string_view::npos && *vary != "*")
    res.set_header("Vary", std::string(*vary) + ", Accept-Encoding");
  if (res.body.size() < kMinGzipBytes || res.header("content-encoding")) return;
  auto ae = req.header("accept-encoding");
  if (!ae || !accepts_gzip(*ae)) return;
  auto z = gzip(res.body);
  if (!z || z->size() >= res.body.size()) return;
  res.body = std::move(*z);
  res.set_header("Content-Encoding", "gzip");
}

}  // namespace motcua::http
