#include "http/router.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <stdexcept>

namespace motcua::http {
namespace {

Request req(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.correlation_id = "cid42";
  return r;
}

Response tag(std::string s) { return Response::text(200, std::move(s)); }

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    r.add("GET", "/api/v1/dossiers", [](Request&) { return tag("list"); });
    r.add("POST", "/api/v1/dossiers", [](Request&) { return tag("create"); });
    r.add("GET", "/api/v1/dossiers/{id}", [](Request& q) { return tag("get " + q.params["id"]); });
    r.add("GET", "/api/v1/dossiers/search", [](Request&) { return tag("search"); });
    r.add("PUT", "/api/v1/dossiers/{id}/forms/{nn}",
          [](Request& q) { return tag("form " + q.params["id"] + " " + q.params["nn"]); });
    r.add("GET", "/api/v1/dossiers/{code}/history", [](Request& q) { return tag("hist " + q.params["code"]); });
    r.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret internals"); });
  }
  Router r;
};

TEST_F(RouterTest, MatchesLiteralsAndParams) {
  auto q = req("GET", "/api/v1/dossiers");
  EXPECT_EQ(r.dispatch(q).body, "list");
  q = req("POST", "/api/v1/dossiers");
  EXPECT_EQ(r.dispatch(q).body, "create");
  q = req("GET", "/api/v1/dossiers/H01.2-250101-0001");
  EXPECT_EQ(r.dispatch(q).body, "get H01.2-250101-0001");
  q = req("GET", "/api/v1/dossiers/search");  // literal beats {id}
  EXPECT_EQ(r.dispatch(q).body, "search");
  q = req("PUT", "/api/v1/dossiers/abc/forms/02");
  EXPECT_EQ(r.dispatch(q).body, "form abc 02");
  q = req("GET", "/api/v1/dossiers/search/history");  // backtracks from literal to {code}
  EXPECT_EQ(r.dispatch(q).body, "hist search");
  q = req("GET", "/api/v1/dossiers/hồ sơ");  // decoded UTF-8 in params
  EXPECT_EQ(r.dispatch(q).body, "get hồ sơ");
}

TEST_F(RouterTest, NotFound) {
  for (const char* p : {"/api/v1/nothing", "/api/v1/dossiers/", "/api/v1/dossiers//history", "/", "",
                        "/api/v1/dossiers/a/forms"}) {
    auto q = req("GET", p);
    Response res = r.dispatch(q);
    EXPECT_EQ(res.status, 404) << p;
    auto v = boost::json::parse(res.body).as_object();
    EXPECT_EQ(v.at("detail").as_string(), "Không tìm thấy đường dẫn");
    EXPECT_EQ(v.at("correlation_id").as_string(), "cid42");
  }
}

TEST_F(RouterTest, MethodNotAllowed) {
  auto q = req("DELETE", "/api/v1/dossiers");
  Response res = r.dispatch(q);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(res.header("Content-Type"), "application/problem+json; charset=utf-8");
  q = req("GET", "/api/v1/dossiers/x/forms/1");
  res = r.dispatch(q);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Allow"), "PUT");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  auto q = req("HEAD", "/api/v1/dossiers/7");
  EXPECT_EQ(r.dispatch(q).body, "get 7");
}

TEST_F(RouterTest, ThrowingHandlerGives500WithoutLeaking) {
  auto q = req("GET", "/boom");
  Response res = r.dispatch(q);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  auto v = boost::json::parse(res.body).as_object();
  EXPECT_EQ(v.at("correlation_id").as_string(), "cid42");
  EXPECT_NE(std::string(v.at("detail").as_string()).find("cid42"), std::string::npos);
}

TEST_F(RouterTest, BadRegistrationsThrow) {
  EXPECT_THROW(r.add("GET", "/api/v1/dossiers", [](Request&) { return tag(""); }), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "no-slash", [](Request&) { return tag(""); }), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/x{y}", [](Request&) { return tag(""); }), std::invalid_argument);
}

TEST_F(RouterTest, AsyncRoutesAreKnownByMethodAndPath) {
  Router r;
  r.add_async("POST", "/d/{id}", [](Request&) { return Response::text(200, "a"); });
  r.add("GET", "/d/{id}", [](Request&) { return Response::text(200, "g"); });
  auto req = [](std::string m, std::string p) {
    Request q;
    q.method = std::move(m);
    q.path = std::move(p);
    return q;
  };
  EXPECT_TRUE(r.is_async(req("POST", "/d/7")));
  EXPECT_FALSE(r.is_async(req("GET", "/d/7")));
  EXPECT_FALSE(r.is_async(req("HEAD", "/d/7")));
  EXPECT_FALSE(r.is_async(req("POST", "/d")));
  EXPECT_FALSE(r.is_async(req("POST", "/x/7")));
  Request q = req("POST", "/d/7");
  EXPECT_EQ(r.dispatch(q).body, "a");
}

TEST_F(RouterTest, ParamsAreResetPerDispatch) {
  auto q = req("GET", "/api/v1/dossiers/1");
  q.params["stale"] = "x";
  r.dispatch(q);
  EXPECT_EQ(q.params.count("stale"), 0u);
  EXPECT_EQ(q.params.at("id"), "1");
}

TEST(RouterOptions, RouteInfoBeforeTheBody) {
  Router r;
  r.add("POST", "/d", [](Request&) { return tag("d"); });
  r.add("GET", "/d/{id}", [](Request&) { return tag("g"); });
  r.add_async("POST", "/d/{id}/files", [](Request&) { return tag("f"); }, {.max_body = 5 << 20, .needs_session = true});
  auto i = r.route("POST", "/d");
  EXPECT_TRUE(i.found);
  EXPECT_FALSE(i.async);
  EXPECT_FALSE(i.needs_session);
  EXPECT_EQ(i.max_body, Router::kDefaultMaxBody);
  i = r.route("POST", "/d/7/files");
  EXPECT_TRUE(i.found && i.async && i.needs_session);
  EXPECT_EQ(i.max_body, size_t(5 << 20));
  i = r.route("HEAD", "/d/7");  // falls back to GET, never async
  EXPECT_TRUE(i.found);
  EXPECT_FALSE(i.async);
  i = r.route("PUT", "/d/7/files");  // no such method: the default limit, nothing else
  EXPECT_FALSE(i.found);
  EXPECT_FALSE(i.needs_session);
  EXPECT_EQ(i.max_body, Router::kDefaultMaxBody);
  EXPECT_FALSE(r.route("POST", "/nowhere").found);

  r.set_default_max_body(1000);
  EXPECT_EQ(r.route("POST", "/d").max_body, 1000u);
  r.set_options("POST", "/d", {.max_body = 10});
  EXPECT_EQ(r.route("POST", "/d").max_body, 10u);
  EXPECT_THROW(r.set_options("POST", "/d/{id}", {}), std::invalid_argument);
  EXPECT_THROW(r.set_options("GET", "/nowhere/{x}", {}), std::invalid_argument);
}

}  // namespace
}  // namespace motcua::http
