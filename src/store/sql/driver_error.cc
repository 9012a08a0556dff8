#include "store/sql/driver_error.h"

#include <cstdio>
#include <string>

namespace motcua::sql {
namespace {

const char* detail_for(ErrorKind k) {
  switch (k) {
    case ErrorKind::conflict: return "Dữ liệu xung đột với dữ liệu đã có";
    case ErrorKind::unavailable: return "Cơ sở dữ liệu tạm thời không sẵn sàng, vui lòng thử lại";
    default: return "Lỗi cơ sở dữ liệu";
  }
}

}  // namespace

Error driver_error(ErrorKind kind, std::string_view code, std::string_view engine,
                   std::string_view raw, std::string_view sql) {
  if (kind != ErrorKind::conflict) {
    std::string s(sql.substr(0, 300));
    std::string r(raw);
    for (std::string* t : {&s, &r})
      for (char& c : *t)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "[sqldb] %.*s %.*s: %.*s%s%s\n", int(engine.size()), engine.data(),
                 int(code.size()), code.data(), int(r.size()), r.data(),
                 s.empty() ? "" : " | sql: ", s.c_str());
  }
  return make_error(kind, detail_for(kind), std::string(code));
}

Error job_exception(std::string_view engine, const char* what) {
  return driver_error(ErrorKind::internal, "exception", engine, what ? what : "unknown exception");
}

}  // namespace motcua::sql
