#include "app/kpi/kpi_service.h"

#include "app/kpi/rollup.h"
#include "domain/kpi/metric.h"
#include "domain/org/policy.h"
#include "domain/org/units.h"

namespace motcua::app {

namespace {

Error bad(const char* field, const std::string& detail) {
  Error e = make_error(ErrorKind::invalid, detail, "invalid_query");
  e.fields.push_back({field, detail});
  return e;
}

int64_t col(const store::DailyTotals& t, kpi::Metric m) {
  return t.v[size_t(store::kpi_column_index(*kpi::column_of(m)))];
}

// The dossier's code and instants only: the list is for finding the dossiers, read one by one
// through the dossier routes (which apply their own policy).
constexpr int64_t kMaxPage = 200;

}  // namespace

Result<KpiService::Resolved> KpiService::resolve(const Actor& a, const KpiQuery& q) {
  if (!a.is_staff()) return make_error(ErrorKind::forbidden, "Chỉ cán bộ được giao xem số liệu chỉ tiêu.", "kpi_forbidden");
  Resolved r;
  auto from = parse_date(q.from), to = parse_date(q.to);
  if (!from) return bad("from", "Ngày bắt đầu (from) phải có dạng YYYY-MM-DD");
  if (!to) return bad("to", "Ngày kết thúc (to) phải có dạng YYYY-MM-DD");
  if (*to < *from) return bad("to", "Ngày kết thúc phải không trước ngày bắt đầu");
  if (days_from_civil(*to) - days_from_civil(*from) > 3660) return bad("to", "Kỳ báo cáo dài nhất 10 năm");
  r.from = *from;
  r.to = *to;
  if (q.field.size() > 200) return bad("field", "Lĩnh vực dài quá 200 byte");
  if (q.procedure_id.size() > 100) return bad("procedure", "Mã thủ tục dài quá 100 byte");
  r.filter.field = q.field;
  r.filter.procedure_id = q.procedure_id;
  std::string agency;
  if (q.scope == "province") {
  } else if (q.scope.rfind("agency:", 0) == 0 && q.scope.size() > 7 && q.scope.size() <= 107) {
    agency = q.scope.substr(7);
    r.filter.agency_id = agency;
  } else if (q.scope.rfind("level:", 0) == 0 && org::is_unit_level(q.scope.substr(6))) {
    r.filter.level = q.scope.substr(6);
  } else {
    return bad("scope", "Phạm vi (scope) phải là province, agency:<mã cơ quan> hoặc level:<province|district|commune>");
  }
  if (!org::may_read_kpi(a.reader(), agency))
    return make_error(ErrorKind::forbidden,
                      agency.empty() ? "Chỉ lãnh đạo Văn phòng UBND tỉnh và cán bộ theo dõi cấp tỉnh được xem số liệu toàn tỉnh."
                                     : "Chỉ lãnh đạo cơ quan và cán bộ cấp tỉnh được xem số liệu của cơ quan này.",
                      "kpi_forbidden");
  // The closed months a period may read from their rollups (one one-row read when built).
  MC_TRY(ensure_kpi_rollups(db_, local_date(clock_.now())));
  return r;
}

Result<std::pair<Date, Date>> KpiService::period(const Actor& a, const KpiQuery& q) {
  MC_ASSIGN(auto r, resolve(a, q));
  return std::pair<Date, Date>{r.from, r.to};
}

Result<KpiSummary> KpiService::summary(const Actor& a, const KpiQuery& q) {
  MC_ASSIGN(auto r, resolve(a, q));
  KpiSummary s;
  s.from = r.from;
  s.to = r.to;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto daily, store::sum_daily(c, r.filter, format_date(r.from), format_date(r.to), false));
    for (const auto& t : daily) {
      const int64_t received = col(t, kpi::Metric::received);
      s.received += received;
      const auto channel = dossier::channel_from_code(int(t.channel));  // the stored code
      (channel == dossier::Channel::online ? s.received_online
       : channel == dossier::Channel::post ? s.received_post : s.received_counter) += received;
      s.resolved += col(t, kpi::Metric::resolved);
      s.resolved_early += col(t, kpi::Metric::resolved_early);
      s.resolved_on_time += col(t, kpi::Metric::resolved_on_time);
      s.resolved_late += col(t, kpi::Metric::resolved_late);
      s.apologised += col(t, kpi::Metric::apologised);
      s.supplement_requested += col(t, kpi::Metric::supplement_requested);
      s.returned += col(t, kpi::Metric::returned);
      s.refused += col(t, kpi::Metric::refused);
      s.withdrawn += col(t, kpi::Metric::withdrawn);
      s.stopped += col(t, kpi::Metric::stopped);
      s.closed_unresolved += col(t, kpi::Metric::closed_unresolved);
      s.results_electronic += col(t, kpi::Metric::results_electronic);
      s.documents_reused += col(t, kpi::Metric::documents_reused);
      s.rated_very_satisfied += col(t, kpi::Metric::rated_very_satisfied);
      s.rated_satisfied += col(t, kpi::Metric::rated_satisfied);
      s.rated_dissatisfied += col(t, kpi::Metric::rated_dissatisfied);
    }
    MC_ASSIGN(auto end, store::stock_at(c, r.filter, format_date(r.to), false));
    if (!end.empty()) s.in_progress = kpi::Stock{end[0].in_progress, end[0].overdue};
    MC_ASSIGN(auto start, store::stock_at(c, r.filter, format_date(add_days(r.from, -1)), false));
    if (!start.empty()) s.carried_over = start[0].in_progress;
    return ok_status();
  }));
  if (s.resolved > 0) s.on_time_rate = double(s.resolved - s.resolved_late) / double(s.resolved);
  if (s.received > 0) {
    s.online_share = double(s.received_online) / double(s.received);
    s.supplements_per_dossier = double(s.supplement_requested) / double(s.received);
  }
  return s;
}

Result<KpiDossierPage> KpiService::dossiers(const Actor& a, const KpiQuery& q, kpi::i766::List list,
                                            const std::string& cursor, int64_t limit) {
  using kpi::i766::List;
  MC_ASSIGN(auto r, resolve(a, q));
  if (list == List::in_progress || list == List::overdue || list == List::in_progress_within) {
    if (limit < 1 || limit > kMaxPage) return bad("limit", "Số hồ sơ mỗi trang từ 1 đến 200");
    return stock_dossiers(r, list == List::overdue ? StockList::overdue : list == List::in_progress ? StockList::in_progress
                                                                                                   : StockList::within,
                          r.to, cursor, limit);
  }
  const auto m = kpi::i766::metric_of(list);
  if (!m)  // the caller (Index766Service::list) sends only the counters' lists
    return make_error(ErrorKind::internal, "Danh sách " + std::string(kpi::i766::to_string(list)) +
                                               " không do bộ đếm trả lời");
  if (limit < 1 || limit > kMaxPage) return bad("limit", "Số hồ sơ mỗi trang từ 1 đến 200");
  store::DrillQuery dq;
  const auto channel = kpi::channel_of(*m);
  const auto timeliness = kpi::timeliness_of(*m);
  dq.by_resolved = *m == kpi::Metric::resolved || timeliness;
  dq.channel = channel ? int64_t(*channel) : 0;  // the stored code; 0 = any
  dq.timeliness = timeliness ? std::string(calendar::to_string(*timeliness)) : "";
  dq.from = local_instant(r.from, 0);
  dq.to = local_instant(add_days(r.to, 1), 0);
  dq.field = r.filter.field;
  dq.procedure_id = r.filter.procedure_id;
  // Cursor "agency_id|instant|dossier_id": where the previous page stopped.
  std::string after_agency;
  if (!cursor.empty()) {
    auto p1 = cursor.find('|'), p2 = cursor.rfind('|');
    char* end = nullptr;
    if (cursor.size() > 300 || p1 == std::string::npos || p1 == p2) return bad("cursor", "Con trỏ trang không hợp lệ");
    const std::string at = cursor.substr(p1 + 1, p2 - p1 - 1);
    dq.after_at = std::strtoll(at.c_str(), &end, 10);
    if (at.empty() || *end != '\0') return bad("cursor", "Con trỏ trang không hợp lệ");
    after_agency = cursor.substr(0, p1);
    dq.after_id = cursor.substr(p2 + 1);
  }
  KpiDossierPage page;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    // The figure the list stands behind, from the same counters as the summary.
    MC_ASSIGN(auto daily, store::sum_daily(c, r.filter, format_date(r.from), format_date(r.to), false));
    for (const auto& t : daily) {
      if (dq.channel && t.channel != dq.channel) continue;
      page.total += col(t, channel ? kpi::Metric::received : *m);  // a channel's receptions: `received` of its rows
    }
    std::vector<std::string> agencies;
    if (!r.filter.agency_id.empty()) {
      agencies.push_back(r.filter.agency_id);
    } else {
      MC_ASSIGN(agencies, store::agencies_of_level(c, r.filter.level));
    }
    // Agency by agency, each through its own index range of the period.
    for (const auto& ag : agencies) {
      if (!after_agency.empty() && ag < after_agency) continue;
      dq.agency_id = ag;
      if (ag != after_agency) dq.after_at = 0, dq.after_id.clear();
      dq.limit = limit - int64_t(page.items.size()) + 1;  // one more tells whether a page follows
      MC_ASSIGN(auto rows, store::drill_dossiers(c, dq));
      for (auto& row : rows) {
        if (int64_t(page.items.size()) == limit) {
          const auto& last = page.items.back();
          page.next = last.agency_id + "|" + std::to_string(dq.by_resolved ? last.resolved_at : last.received_at) + "|" + last.id;
          return ok_status();
        }
        page.items.push_back(std::move(row));
      }
    }
    return ok_status();
  }));
  return page;
}

Result<KpiDossierPage> KpiService::near_due_dossiers(const Actor& a, const KpiQuery& q, Date until,
                                                     const std::string& cursor, int64_t limit) {
  MC_ASSIGN(auto r, resolve(a, q));
  if (limit < 1 || limit > kMaxPage) return bad("limit", "Số hồ sơ mỗi trang từ 1 đến 200");
  return stock_dossiers(r, StockList::near_due, until, cursor, limit);
}

Result<Form06aReport> KpiService::form06a(const Actor& a, const KpiQuery& q) {
  MC_ASSIGN(auto r, resolve(a, q));
  Form06aReport out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, app::form06a(c, r.filter, r.from, r.to));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
