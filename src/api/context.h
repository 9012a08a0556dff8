// What every handler shares: the application, the session cookie rules, and the JSON helpers
// that turn requests into commands and results into responses.
#pragma once
#include <optional>
#include <string>

#include "app/app.h"
#include "http/json_input.h"
#include "http/message.h"
#include "http/router.h"

namespace motcua::api {

struct Api {
  app::App& app;
  std::string cookie_name() const;
  // Set-Cookie value for a new session / for clearing it.
  std::string session_cookie(const std::string& token) const;
  std::string clear_cookie() const;
  // The session of this request. For a state-changing method the X-CSRF-Token header must
  // match the session's token (403 otherwise).
  Result<app::SessionInfo> session(const http::Request& req) const;
  // session(req) from memory alone (it may run on an io thread): nullopt when the store must
  // be read.
  std::optional<Result<app::SessionInfo>> session_in_memory(const http::Request& req) const;
};

// The Idempotency-Key header of a creating request (POST) and the SHA-256 of the body it stands
// for: both "" when absent (nothing hashed on the usual keyless request), 400 past 200 bytes.
// The use case replays the first answer for a repeat of the same request with the same key.
struct IdempotencyHeader {
  std::string key, body_hash;
};
Result<IdempotencyHeader> idempotency_of(const http::Request& req);

// Registers the routes of each audience.
void add_public_routes(http::Router& r, Api& api);
void add_auth_routes(http::Router& r, Api& api);
void add_dossier_routes(http::Router& r, Api& api);
void add_admin_routes(http::Router& r, Api& api);
// Staff and grants, agencies, procedure versions, own password (admin_manage_routes.cc).
void add_admin_manage_routes(http::Router& r, Api& api);
// Administrative units and their succession (admin_unit_routes.cc).
void add_admin_unit_routes(http::Router& r, Api& api);
void add_static_routes(http::Router& r, Api& api);
void add_document_routes(http::Router& r, Api& api);
void add_form_routes(http::Router& r, Api& api);
void add_tracking_routes(http::Router& r, Api& api);

http::Router build_router(Api& api);

}  // namespace motcua::api
