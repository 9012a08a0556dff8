#include "http/router.h"

#include "http/compress.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace motcua::http {

struct Router::Node {
  struct Route {
    Handler handler;
    std::vector<std::string> param_names;
    bool async = false;
    RouteOptions options;
  };
  // Transparent: a segment (string_view) is looked up without building a std::string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<Node>, Hash, std::equal_to<>> literal;
  std::unique_ptr<Node> param;
  std::map<std::string, Route, std::less<>> methods;  // sorted: gives a stable Allow header
};

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> segs;
  if (path.empty() || path.front() != '/') return segs;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    segs.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segs;
}

bool is_param(std::string_view s) { return s.size() >= 3 && s.front() == '{' && s.back() == '}'; }

using Node = Router::Node;

// Depth-first, literal first. Collects parameter values for the first node having routes.
const Node* match(const Node* n, const std::vector<std::string_view>& segs, size_t i,
                  std::vector<std::string_view>& values) {
  if (i == segs.size()) return n->methods.empty() ? nullptr : n;
  if (auto it = n->literal.find(segs[i]); it != n->literal.end())
    if (auto* m = match(it->second.get(), segs, i + 1, values)) return m;
  if (n->param && !segs[i].empty()) {
    values.push_back(segs[i]);
    if (auto* m = match(n->param.get(), segs, i + 1, values)) return m;
    values.pop_back();
  }
  return nullptr;
}

// The node whose pattern `path` matches, with the values of its {params} (views into `path`).
const Node* locate(const Node* root, std::string_view path, std::vector<std::string_view>& values) {
  std::vector<std::string_view> segs = split(path);
  return segs.empty() ? nullptr : match(root, segs, 0, values);
}

Response internal_error(const Request& req) {
  return Response::problem(500, "Lỗi hệ thống",
                           "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại sau; mã tra cứu: " +
                               req.correlation_id,
                           "internal");
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::add(std::string method, std::string pattern, Handler h, RouteOptions o) {
  add_route(std::move(method), std::move(pattern), std::move(h), false, o);
}

void Router::add_async(std::string method, std::string pattern, Handler h, RouteOptions o) {
  add_route(std::move(method), std::move(pattern), std::move(h), true, o);
}

void Router::set_options(std::string_view method, std::string_view pattern, RouteOptions o) {
  Node* n = root_.get();
  for (std::string_view seg : split(pattern)) {
    if (!n) break;
    if (is_param(seg)) {
      n = n->param.get();
    } else {
      auto it = n->literal.find(seg);
      n = it == n->literal.end() ? nullptr : it->second.get();
    }
  }
  auto it = n ? n->methods.find(method) : root_->methods.end();
  if (!n || it == n->methods.end())
    throw std::invalid_argument("no route " + std::string(method) + " " + std::string(pattern));
  it->second.options = o;
}

RouteInfo Router::route(std::string_view method, std::string_view path) const {
  RouteInfo info;
  info.max_body = default_max_body_;
  std::vector<std::string_view> values;
  const Node* n = locate(root_.get(), path, values);
  if (!n) return info;
  auto it = n->methods.find(method);
  bool exact = it != n->methods.end();
  if (!exact && method == "HEAD") it = n->methods.find("GET");
  if (it == n->methods.end()) return info;
  info.found = true;
  info.async = exact && it->second.async;
  info.needs_session = it->second.options.needs_session;
  info.to_disk = it->second.options.to_disk;
  if (it->second.options.max_body) info.max_body = it->second.options.max_body;
  return info;
}

bool Router::is_async(const Request& req) const {
  std::vector<std::string_view> values;
  const Node* n = locate(root_.get(), req.path, values);
  if (!n) return false;
  auto it = n->methods.find(req.method);  // HEAD falling back to GET runs on a worker
  return it != n->methods.end() && it->second.async;
}

void Router::add_route(std::string method, std::string pattern, Handler h, bool async, RouteOptions o) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with '/': " + pattern);
  Node* n = root_.get();
  std::vector<std::string> names;
  for (std::string_view seg : split(pattern)) {
    if (is_param(seg)) {
      names.emplace_back(seg.substr(1, seg.size() - 2));
      if (!n->param) n->param = std::make_unique<Node>();
      n = n->param.get();
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("bad route segment in " + pattern);
      auto& child = n->literal[std::string(seg)];
      if (!child) child = std::make_unique<Node>();
      n = child.get();
    }
  }
  auto [it, inserted] = n->methods.try_emplace(method, Node::Route{std::move(h), std::move(names), async, o});
  if (!inserted) throw std::invalid_argument("duplicate route " + method + " " + pattern);
}

Response Router::dispatch(Request& req) const {
  CorrelationScope scope(req.correlation_id);
  std::vector<std::string_view> values;
  const Node* n = locate(root_.get(), req.path, values);
  if (!n)
    return Response::problem(404, "Không tìm thấy", "Không tìm thấy đường dẫn", "not_found");
  auto it = n->methods.find(req.method);
  if (it == n->methods.end() && req.method == "HEAD") it = n->methods.find("GET");
  if (it == n->methods.end()) {
    std::string allow;
    const bool has_head = n->methods.count("HEAD") > 0;
    for (const auto& [m, r] : n->methods) {
      if (!allow.empty()) allow += ", ";
      allow += m;
      if (m == "GET" && !has_head) allow += ", HEAD";
    }
    Response r = Response::problem(405, "Phương thức không được hỗ trợ",
                                   "Phương thức " + req.method + " không được hỗ trợ cho đường dẫn này",
                                   "method_not_allowed");
    r.set_header("Allow", allow);
    return r;
  }
  const auto& route = it->second;
  req.params.clear();
  for (size_t i = 0; i < values.size() && i < route.param_names.size(); ++i)
    req.params[route.param_names[i]] = std::string(values[i]);
  Response r = call_guarded(route.handler, req);
  // Compressed here, on the thread that built the answer (a worker for blocking routes), not on
  // the io thread that writes it.
  if (!r.is_later() && !r.is_on_worker()) compress_json(req, r);
  return r;
}

Handler Router::as_handler() const {
  return [this](Request& req) { return dispatch(req); };
}

std::function<bool(const Request&)> Router::as_async_predicate() const {
  return [this](const Request& req) { return is_async(req); };
}

Response call_guarded(const Handler& h, Request& req) {
  CorrelationScope scope(req.correlation_id);
  try {
    return h(req);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "[http] handler exception id=%s %s %s: %s\n", req.correlation_id.c_str(),
                 req.method.c_str(), req.path.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "[http] handler exception id=%s %s %s: (non-std exception)\n",
                 req.correlation_id.c_str(), req.method.c_str(), req.path.c_str());
  }
  return internal_error(req);
}

}  // namespace motcua::http
