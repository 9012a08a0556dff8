#include "app/working_hours_json.h"

#include <boost/json.hpp>

namespace motcua::app {
namespace json = boost::json;

static int minute_of(const json::value& v, bool& ok) {
  const json::string* s = v.if_string();
  if (!s || s->size() != 5 || (*s)[2] != ':') { ok = false; return 0; }
  int h = ((*s)[0] - '0') * 10 + ((*s)[1] - '0'), m = ((*s)[3] - '0') * 10 + ((*s)[4] - '0');
  if (h < 0 || h > 24 || m < 0 || m > 59) { ok = false; return 0; }
  return h * 60 + m;
}

Result<calendar::WorkingHours> working_hours_from_json(const json::value& v) {
  const Error bad = make_error(ErrorKind::invalid, "Cấu hình giờ làm việc không hợp lệ");
  const json::object* o = v.if_object();
  if (!o) return bad;
  calendar::WorkingHours wh;
  wh.periods.clear();
  bool ok = true;
  for (const char* part : {"morning", "afternoon"}) {
    const json::value* p = o->if_contains(part);
    if (!p) continue;
    const json::array* a = p->if_array();
    if (!a || a->size() != 2) return bad;
    int from = minute_of((*a)[0], ok), to = minute_of((*a)[1], ok);
    if (!ok || from >= to) return bad;
    wh.periods.push_back({from, to});
  }
  if (wh.periods.empty() || (wh.periods.size() == 2 && wh.periods[0].second > wh.periods[1].first)) return bad;
  if (const json::value* w = o->if_contains("weekdays")) {
    const json::array* a = w->if_array();
    if (!a) return bad;
    wh.weekday_working.fill(false);
    for (auto& d : *a) {
      if (!d.is_int64() || d.as_int64() < 0 || d.as_int64() > 6) return bad;
      wh.weekday_working[size_t(d.as_int64())] = true;
    }
  }
  if (const json::value* c = o->if_contains("paper_handover_cutoff")) {
    wh.paper_cutoff_minute = minute_of(*c, ok);
    if (!ok) return bad;
  }
  return wh;
}

}  // namespace motcua::app
