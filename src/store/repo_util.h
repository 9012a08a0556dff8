// Small helpers shared by the repository files (not part of the contract).
#pragma once
#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store::detail {

using V = sql::Value;
using Params = std::vector<sql::Value>;

inline V txt(const std::string& s) { return V{s}; }
// Empty string is stored as NULL (optional text columns).
inline V opt(const std::string& s) { return s.empty() ? V{std::monostate{}} : V{s}; }
inline V num(int64_t n) { return V{n}; }
// 0 is stored as NULL (optional instants).
inline V opt_ms(int64_t n) { return n == 0 ? V{std::monostate{}} : V{n}; }
inline V flag(bool b) { return V{int64_t(b ? 1 : 0)}; }
// `s` matched literally by `LIKE ? ESCAPE '\'` (kLikeEscape): its %, _ and \ are escaped.
inline std::string like_literal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}
inline constexpr const char* kLikeEscape = " ESCAPE '\\'";
inline int64_t i64_or0(const sql::Row& r, size_t i) { return r.is_null(i) ? 0 : r.i64(i); }

// The dossier row's columns in the order dossier_of reads them (repo_dossier.cc), from column `o`.
extern const char* const kDossierCols;
DossierRec dossier_of(const sql::Row& r, int o = 0);

// Runs `write` and returns rows: on PostgreSQL as `write` + `returning` (a RETURNING clause),
// one round trip; on SQLite as `write`, then `read_back`. SQLite fills an ephemeral table for
// RETURNING, opened and closed on every execution: ~10 µs a statement on the 2-core machine
// (SQLITE_TRACE_PROFILE) against ~2 µs for the plain write plus a read by key. Both run in the
// caller's write transaction, whose lock keeps every other writer out in between.
inline Result<std::vector<sql::Row>> write_and_read(sql::Connection& c, std::string_view write,
                                                    std::string_view returning, std::string_view read_back,
                                                    std::span<const sql::Value> params,
                                                    std::span<const sql::Value> read_params) {
  if (c.engine() == sql::Engine::postgres) return c.query(std::string(write).append(returning), params);
  MC_TRY(c.exec(write, params));
  return c.query(read_back, read_params);
}

// "head (?,…),(?,…),… tail" over `params`, `width` values a row, in chunks that stay below
// SQLite's 32,766 and PostgreSQL's 65,535 bound parameters: the bulk writes of bench-fill
// (dossiers, history, counters). Two statement shapes at most (full chunk, remainder).
inline Status exec_rows(sql::Connection& c, std::string_view head, size_t width, std::string_view tail,
                        std::span<const sql::Value> params) {
  const size_t per = 30000 / width, rows = params.size() / width;
  std::string row = "(";
  for (size_t i = 0; i < width; ++i) row += i ? ",?" : "?";
  row += ")";
  for (size_t at = 0; at < rows; at += per) {
    const size_t n = std::min(per, rows - at);
    std::string sql(head);
    sql.reserve(head.size() + n * (row.size() + 1) + tail.size());
    for (size_t i = 0; i < n; ++i) sql += (i ? "," : "") + row;
    sql += tail;
    MC_TRY(c.exec(sql, params.subspan(at * width, n * width)));
  }
  return ok_status();
}

}  // namespace motcua::store::detail
