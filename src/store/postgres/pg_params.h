// Text conversions between the contract's values and PostgreSQL's text protocol.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "store/sql/database.h"

namespace motcua::sql::pg {

struct Rewritten {
  std::string sql;  // with $1..$n
  int params = 0;
};
// '?' -> $1..$n, leaving '?' inside '...' literals, "..." identifiers and -- / /* */ comments.
Rewritten rewrite_placeholders(std::string_view sql);

// Parameter text: int64 as decimal, double as %.17g (Infinity/-Infinity/NaN spelled as
// PostgreSQL does), text as is; nullopt for NULL.
std::optional<std::string> param_text(const Value& v);

// A result cell by its column type OID: int2/4/8/oid -> int64, float4/8/numeric -> double,
// bool -> 0/1, anything else -> text.
Value cell_value(unsigned type_oid, const char* text, int len);

}  // namespace motcua::sql::pg
