// Small helpers shared by the repository files (not part of the contract).
#pragma once
#include <string>
#include <vector>

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
inline int64_t i64_or0(const sql::Row& r, size_t i) { return r.is_null(i) ? 0 : r.i64(i); }

}  // namespace motcua::store::detail
