// Result<T>: expected failures are values. The HTTP edge maps ErrorKind to a status
// and `detail` (Vietnamese, shown to users) to problem+json.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace motcua {

enum class ErrorKind {
  invalid,          // 400: malformed or wrong input
  unauthenticated,  // 401
  forbidden,        // 403
  not_found,        // 404
  conflict,         // 409: illegal transition, duplicate, stale version
  too_large,        // 413
  unsupported,      // 415
  too_many,         // 429
  gone,             // 410: existed, no longer usable (an expired or used link)
  unavailable,      // 503: store busy, dependency down
  internal,         // 500: a bug or I/O failure
};

struct FieldError {
  std::string field;   // JSON pointer-ish name, e.g. "applicant.id_number"
  std::string detail;  // Vietnamese
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string detail;  // Vietnamese, safe to show to the caller
  std::vector<FieldError> fields;
  std::string code;    // short machine code, e.g. "illegal_transition" (optional)
  // For too_many / unavailable: seconds after which a retry may succeed (HTTP Retry-After).
  int64_t retry_after_s = 0;
};

inline Error make_error(ErrorKind k, std::string detail, std::string code = {}) {
  return Error{k, std::move(detail), {}, std::move(code)};
}

struct Unit {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T v) : v_(std::move(v)) {}            // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}        // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace motcua

// Propagate an error from an expression returning Result<...>.
#define MC_TRY(expr)                                   \
  do {                                                 \
    auto _mc_r = (expr);                               \
    if (!_mc_r.ok()) return _mc_r.take_error();        \
  } while (0)

#define MC_CONCAT_(a, b) a##b
#define MC_CONCAT(a, b) MC_CONCAT_(a, b)
// MC_ASSIGN(auto x, expr): x = value of expr, or return its error.
#define MC_ASSIGN(decl, expr) MC_ASSIGN_IMPL(MC_CONCAT(_mc_a_, __LINE__), decl, expr)
#define MC_ASSIGN_IMPL(tmp, decl, expr)      \
  auto tmp = (expr);                         \
  if (!tmp.ok()) return tmp.take_error();    \
  decl = std::move(tmp).value()
