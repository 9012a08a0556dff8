// Errors raised by the SQL drivers: a generic Vietnamese `detail` for users, a short machine
// `code`, and the driver's raw message written to stderr (never into the Error).
#pragma once
#include <string_view>

#include "common/result.h"

namespace motcua::sql {

// code: "constraint" (conflict), "busy"/"connection" (unavailable), "read_only", "db_error"...
// `raw` and `sql` are logged unless the error is an expected constraint violation.
Error driver_error(ErrorKind kind, std::string_view code, std::string_view engine,
                   std::string_view raw, std::string_view sql = {});

// An exception escaping a job, turned into an internal error (and logged).
Error job_exception(std::string_view engine, const char* what);

}  // namespace motcua::sql
