// gzip for API answers (issue 13: the portal on slow mobile networks). JSON bodies of at least
// kMinGzipBytes are compressed when the request's Accept-Encoding takes gzip; smaller ones are
// not worth the CPU and the header bytes. Static files are compressed ahead of time instead
// (api/static_routes.cc serves web/dist's .gz twins).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace motcua::http {

inline constexpr size_t kMinGzipBytes = 1024;

// Whether an Accept-Encoding value (RFC 9110 §12.5.3) takes gzip: "gzip" (or "x-gzip") with a
// q-value above 0, or "*" with one when gzip is not named. Case-insensitive; q=0 refuses.
bool accepts_gzip(std::string_view accept_encoding);

// The gzip stream of `data` (RFC 1952), nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view data, int level = 6);

// Compresses `res` in place when it is JSON (application/json, application/problem+json) of at
// least kMinGzipBytes, not already encoded, and `req` takes gzip; in every case a JSON answer
// gets "Vary: Accept-Encoding" (a shared cache must not hand the gzip body to a client that did
// not ask for it). Statuses without a body are left alone.
void compress_json(const Request& req, Response& res);

}  // namespace motcua::http
