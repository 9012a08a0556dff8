#include "http/compress.h"

#include <zlib.h>

#include <gtest/gtest.h>

#include "http/router.h"

namespace motcua::http {
namespace {

std::string gunzip(const std::string& z) {
  z_stream s{};
  EXPECT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data()));
  s.avail_in = uInt(z.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = uInt(out.size());
  EXPECT_EQ(inflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  inflateEnd(&s);
  return out;
}

// A JSON answer like a catalogue page: repetitive, so it compresses well.
std::string big_json() {
  std::string s = "{\"items\":[";
  for (int i = 0; i < 200; ++i) s += std::string(i ? "," : "") + "{\"name\":\"Đăng ký khai sinh\",\"n\":" + std::to_string(i) + "}";
  return s + "]}";
}

Request with_ae(std::optional<std::string> ae) {
  Request r;
  r.method = "GET";
  r.path = "/x";
  if (ae) r.headers.emplace_back("accept-encoding", *ae);
  return r;
}

TEST(Compress, AcceptEncodingTakesGzipOnlyWhenNamedOrStarWithQAboveZero) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));          // what Chromium sends
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("identity, *;q=0.1"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("*;q=1, gzip;q=0"));  // named beats the wildcard
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=abc"));       // malformed q: not taken
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(Compress, LargeJsonIsGzippedWhenAsked) {
  const std::string body = big_json();
  Response r = Response::json_text(200, body);
  compress_json(with_ae("gzip, deflate, br"), r);
  EXPECT_EQ(r.header("content-encoding").value_or(""), "gzip");
  EXPECT_EQ(r.header("vary").value_or(""), "Accept-Encoding");
  EXPECT_LT(r.body.size(), body.size() / 4);
  EXPECT_EQ(gunzip(r.body), body);
}

TEST(Compress, ProblemJsonToo) {
  Response r = Response::json_text(422, big_json());
  r.set_header("Content-Type", "application/problem+json");
  compress_json(with_ae("gzip"), r);
  EXPECT_EQ(r.header("content-encoding").value_or(""), "gzip");
}

TEST(Compress, LeftAloneWhenNotAskedSmallOrNotJson) {
  const std::string body = big_json();
  for (std::optional<std::string> ae : {std::optional<std::string>{}, std::optional<std::string>{"identity"},
                                         std::optional<std::string>{"gzip;q=0"}, std::optional<std::string>{"br"}}) {
    Response r = Response::json_text(200, body);
    compress_json(with_ae(ae), r);
    EXPECT_FALSE(r.header("content-encoding")) << ae.value_or("(none)");
    EXPECT_EQ(r.body, body);
    EXPECT_EQ(r.header("vary").value_or(""), "Accept-Encoding");  // the answer depends on it all the same
  }
  Response small = Response::json_text(200, std::string("{\"ok\":true}"));
  compress_json(with_ae("gzip"), small);
  EXPECT_FALSE(small.header("content-encoding"));
  EXPECT_EQ(small.body, "{\"ok\":true}");
  Response pdf = Response::text(200, std::string(4000, 'x'), "application/pdf");
  compress_json(with_ae("gzip"), pdf);
  EXPECT_FALSE(pdf.header("content-encoding"));
  EXPECT_FALSE(pdf.header("vary"));
  Response encoded = Response::json_text(200, body);
  encoded.set_header("Content-Encoding", "br");
  compress_json(with_ae("gzip"), encoded);
  EXPECT_EQ(encoded.header("content-encoding").value_or(""), "br");
  EXPECT_EQ(encoded.body, body);
}

TEST(Compress, VaryIsExtendedNotReplaced) {
  Response r = Response::json_text(200, big_json());
  r.set_header("Vary", "Cookie");
  compress_json(with_ae("gzip"), r);
  EXPECT_EQ(r.header("vary").value_or(""), "Cookie, Accept-Encoding");
}

TEST(Compress, TheRouterCompressesWhatItsHandlersAnswer) {
  Router router;
  const std::string body = big_json();
  router.add("GET", "/x", [&](Request&) { return Response::json_text(200, body); });
  Request q = with_ae("gzip");
  Response r = router.dispatch(q);
  EXPECT_EQ(r.header("content-encoding").value_or(""), "gzip");
  EXPECT_EQ(gunzip(r.body), body);
  Request plain = with_ae(std::nullopt);
  EXPECT_EQ(router.dispatch(plain).body, body);
}

}  // namespace
}  // namespace motcua::http
