#include "http/message.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace motcua::http {
namespace {

TEST(DecodeTarget, DecodesPathAndQuery) {
  Request r;
  ASSERT_TRUE(decode_target("/api/v1/th%E1%BB%A7-t%E1%BB%A5c?q=%C4%91%C4%83ng+k%C3%BD&page=2&flag", r).ok());
  EXPECT_EQ(r.path, "/api/v1/thủ-tục");
  ASSERT_EQ(r.query.size(), 3u);
  EXPECT_EQ(r.query[0].second, "đăng ký");
  EXPECT_EQ(r.query_param("page"), "2");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("nope"), std::nullopt);
}

TEST(DecodeTarget, RejectsBadInput) {
  Request r;
  EXPECT_FALSE(decode_target("/a%zz", r).ok());        // bad percent-encoding
  EXPECT_FALSE(decode_target("/a%C3%28", r).ok());     // invalid UTF-8 after decoding
  EXPECT_FALSE(decode_target("/a%C0%AF", r).ok());     // overlong '/'
  EXPECT_FALSE(decode_target("/a%ED%A0%80", r).ok());  // encoded surrogate
  EXPECT_FALSE(decode_target("/a%00b", r).ok());       // NUL
  EXPECT_FALSE(decode_target("/a?x=%FF", r).ok());     // invalid UTF-8 in the query
  EXPECT_FALSE(decode_target("http://evil/a", r).ok());  // absolute form is not accepted
  EXPECT_FALSE(decode_target("*", r).ok());
  auto st = decode_target("/a%zz", r);
  EXPECT_EQ(st.error().kind, ErrorKind::invalid);
}

TEST(RequestTest, HeadersAndCookies) {
  Request r;
  r.headers = {{"content-type", "application/json"},
               {"cookie", "a=1; __Host-sid=abc%3D; b=\"q\""},
               {"cookie", "c=3"}};
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("accept"), std::nullopt);
  EXPECT_EQ(r.cookie("__Host-sid"), "abc%3D");
  EXPECT_EQ(r.cookie("b"), "q");
  EXPECT_EQ(r.cookie("c"), "3");
  EXPECT_EQ(r.cookie("sid"), std::nullopt);
}

TEST(ResponseTest, ProblemShapeFromError) {
  Error e = make_error(ErrorKind::conflict, "Hồ sơ đã được tiếp nhận", "illegal_transition");
  e.fields.push_back({"status", "Không hợp lệ"});
  CorrelationScope scope("abc123");
  Response r = Response::problem(e);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.header("content-type"), "application/problem+json; charset=utf-8");
  auto v = boost::json::parse(r.body).as_object();
  EXPECT_EQ(v.at("type").as_string(), "https://motcua.vn/problems/illegal_transition");
  EXPECT_EQ(v.at("title").as_string(), "Xung đột dữ liệu");
  EXPECT_EQ(v.at("status").as_int64(), 409);
  EXPECT_EQ(v.at("detail").as_string(), "Hồ sơ đã được tiếp nhận");
  EXPECT_EQ(v.at("correlation_id").as_string(), "abc123");
  ASSERT_EQ(v.at("errors").as_array().size(), 1u);
  EXPECT_EQ(v.at("errors").as_array()[0].as_object().at("field").as_string(), "status");
}

TEST(ResponseTest, ProblemStatusMapping) {
  const std::pair<ErrorKind, int> cases[] = {
      {ErrorKind::invalid, 400},  {ErrorKind::unauthenticated, 401}, {ErrorKind::forbidden, 403},
      {ErrorKind::not_found, 404}, {ErrorKind::conflict, 409},       {ErrorKind::too_large, 413},
      {ErrorKind::unsupported, 415}, {ErrorKind::too_many, 429}, {ErrorKind::gone, 410},     {ErrorKind::unavailable, 503},
      {ErrorKind::internal, 500}};
  for (auto [k, s] : cases) {
    Response r = Response::problem(make_error(k, "x"));
    EXPECT_EQ(r.status, s);
    auto v = boost::json::parse(r.body).as_object();
    EXPECT_EQ(v.at("type").as_string(), "https://motcua.vn/problems/" + std::string(kind_name(k)));
    EXPECT_FALSE(v.contains("errors"));
    EXPECT_FALSE(v.contains("correlation_id"));  // no scope active
  }
}

TEST(ResponseTest, RetryAfterFromError) {
  Error e = make_error(ErrorKind::too_many, "Quá nhiều yêu cầu", "rate_limited");
  EXPECT_FALSE(Response::problem(e).header("Retry-After").has_value());
  e.retry_after_s = 42;
  Response r = Response::problem(e);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("Retry-After"), "42");
}

TEST(ResponseTest, ExplicitProblemAndHeaders) {
  Response r = Response::problem(404, "Không tìm thấy", "Không tìm thấy hồ sơ");
  auto v = boost::json::parse(r.body).as_object();
  EXPECT_EQ(v.at("type").as_string(), "https://motcua.vn/problems/not_found");
  r.set_header("X-A", "1");
  r.set_header("x-a", "2");
  EXPECT_EQ(r.header("X-A"), "2");
  int n = 0;
  for (auto& [k, val] : r.headers) n += (k == "X-A" || k == "x-a");
  EXPECT_EQ(n, 1);
  Response j = Response::json(201, boost::json::object{{"id", "x"}});
  EXPECT_EQ(j.body, R"({"id":"x"})");
  EXPECT_EQ(j.header("Content-Type"), "application/json; charset=utf-8");
}

TEST(CorrelationId, RandomHex) {
  auto a = new_correlation_id(), b = new_correlation_id();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace motcua::http
