// Index766Service::list: the list behind every number of the Quyết định 766 view (issue 14),
// answered through GET /api/v1/kpi/dossiers. Each list reads what its number was made of, in the
// same scope and period: the counters' dossier metrics through KpiService::dossiers (reception
// and decision ranges, past stocks replayed), near due as the view defines it, and here the
// view's own numbers — one index range per agency of the scope, paged by (agency, at, key), or
// the catalogue's procedures of the scope. total is the number as the view shows it.
#include <algorithm>
#include <functional>
#include <set>

#include "app/dossier/details.h"
#include "app/kpi/index766.h"
#include "store/index766_repo.h"

namespace motcua::app {

namespace {

constexpr int64_t kMaxPage = 200;
constexpr int64_t kChunk = 200;
constexpr int64_t kScanPerPage = 4000;  // rows a filtered list reads for one page at most

Error bad(const char* field, const std::string& detail) {
  Error e = make_error(ErrorKind::invalid, detail, "invalid_query");
  e.fields.push_back({field, detail});
  return e;
}

struct Cursor {
  std::string agency;
  Millis at = 0;
  std::string key;
};

// "agency|at|key" (dossier lists) or "key" (procedure lists, agency and at empty).
Result<Cursor> parse_cursor(const std::string& s, bool procedures) {
  Cursor c;
  if (s.empty()) return c;
  if (s.size() > 300) return bad("cursor", "Con trỏ trang không hợp lệ");
  if (procedures) {
    c.key = s;
    return c;
  }
  auto p1 = s.find('|'), p2 = s.rfind('|');
  if (p1 == std::string::npos || p1 == p2 || p1 == 0) return bad("cursor", "Con trỏ trang không hợp lệ");
  const std::string at = s.substr(p1 + 1, p2 - p1 - 1);
  char* end = nullptr;
  c.at = std::strtoll(at.c_str(), &end, 10);
  if (at.empty() || *end != '\0' || c.at < 0) return bad("cursor", "Con trỏ trang không hợp lệ");
  c.agency = s.substr(0, p1);
  c.key = s.substr(p2 + 1);
  return c;
}

using Fetch = std::function<Result<std::vector<store::KeyedRow>>(sql::Connection&, const store::DrillQuery&)>;
using Keep = std::function<bool(const store::DrillRow&)>;

// Agency by agency (in id order), each through its own range after the cursor; `keep` filters
// what the range reads (then a page reads at most kScanPerPage rows and may come back short).
Status walk(sql::Connection& c, std::vector<std::string> agencies, const store::DrillQuery& base, const Cursor& cur,
            int64_t limit, const Fetch& fetch, const Keep& keep, KpiDossierPage& page) {
  std::sort(agencies.begin(), agencies.end());
  int64_t scanned = 0;
  for (const auto& ag : agencies) {
    if (!cur.agency.empty() && ag < cur.agency) continue;
    store::DrillQuery q = base;
    q.agency_id = ag;
    q.after_at = ag == cur.agency ? cur.at : 0;
    q.after_id = ag == cur.agency ? cur.key : std::string();
    for (;;) {
      q.limit = keep ? kChunk : std::min(kChunk, limit - int64_t(page.items.size()) + 1);
      MC_ASSIGN(auto rows, fetch(c, q));
      for (auto& r : rows) {
        if (int64_t(page.items.size()) == limit || (keep && scanned >= kScanPerPage)) {
          page.next = ag + "|" + std::to_string(q.after_at) + "|" + q.after_id;
          return ok_status();
        }
        ++scanned;
        q.after_at = r.at;
        q.after_id = r.key;
        if (keep && !keep(r.row)) continue;
        r.row.doc.clear();  // read for `keep` only
        page.items.push_back(std::move(r.row));
      }
      if (int64_t(rows.size()) < q.limit) break;
    }
  }
  return ok_status();
}

Fetch drill_fetch() {
  return [](sql::Connection& c, const store::DrillQuery& q) -> Result<std::vector<store::KeyedRow>> {
    MC_ASSIGN(auto rows, store::drill_dossiers(c, q));
    std::vector<store::KeyedRow> out;
    out.reserve(rows.size());
    for (auto& r : rows) {
      const Millis at = q.by_resolved ? r.resolved_at : r.received_at;
      std::string id = r.id;
      out.push_back(store::KeyedRow{at, std::move(id), std::move(r)});
    }
    return out;
  };
}

// The counters' own dossier metrics (KpiService::dossiers).
const std::set<std::string>& counter_metrics() {
  static const std::set<std::string> m{"received", "received_counter", "received_online", "received_post",
                                       "resolved", "resolved_early", "resolved_on_time", "resolved_late",
                                       "in_progress", "overdue", "in_progress_within"};
  return m;
}
const std::set<std::string>& procedure_metrics() {
  static const std::set<std::string> m{"procedures", "procedures_online", "procedures_online_used",
                                       "fee_procedures", "fee_procedures_online", "fee_procedures_paid"};
  return m;
}
const std::set<std::string>& view_dossier_metrics() {
  static const std::set<std::string> m{"resolved_not_late", "results_electronic", "synced", "received_of_online",
                                       "received_online_of_online", "received_of_fee", "paid_online", "rated",
                                       "rated_not_dissatisfied"};
  return m;
}

}  // namespace

Result<Index766ListPage> Index766Service::list(const Actor& a, const KpiQuery& q, const std::string& metric,
                                               const std::string& cursor, int64_t limit) {
  Index766ListPage out;
  out.kind = "dossiers";
  if (counter_metrics().count(metric)) {
    MC_ASSIGN(out.dossiers, kpi_.dossiers(a, q, metric, cursor, limit));
    return out;
  }
  if (metric == "near_due") {
    MC_ASSIGN(const Index766Rules* rules, rules());
    auto to = parse_date(q.to);
    Date until{};
    if (to) {
      MC_ASSIGN(until, near_due_until(*to, rules->near_due_working_days));
    }
    MC_ASSIGN(out.dossiers, kpi_.near_due_dossiers(a, q, until, cursor, limit));  // checks the query and the reader
    return out;
  }
  const bool procedures = procedure_metrics().count(metric) > 0;
  if (!procedures && !view_dossier_metrics().count(metric))
    return bad("metric", "Chỉ tiêu (metric) không có danh sách: hãy dùng mã danh sách mà GET /api/v1/kpi/index766 ghi bên mỗi số");
  if (limit < 1 || limit > kMaxPage) return bad("limit", "Số mục mỗi trang từ 1 đến 200");
  MC_ASSIGN(Cursor cur, parse_cursor(cursor, procedures));
  MC_ASSIGN(Index766View v, view(a, q));  // checks the query and who may read it; the numbers
  const auto& fig = v.figures;

  if (procedures) {
    out.kind = "procedures";
    using P = Index766View::ProcedureItem;
    std::function<bool(const P&)> in;
    if (metric == "procedures") in = [](const P&) { return true; };
    else if (metric == "procedures_online") in = [](const P& p) { return p.online; };
    else if (metric == "procedures_online_used") in = [](const P& p) { return p.online_used; };
    else if (metric == "fee_procedures") in = [](const P& p) { return p.fee; };
    else if (metric == "fee_procedures_online") in = [](const P& p) { return p.fee && p.online; };
    else in = [](const P& p) { return p.fee_paid; };
    for (const auto& p : v.procedures) {
      if (!in(p)) continue;
      ++out.dossiers.total;
      if (p.id <= cur.key && !cur.key.empty()) continue;
      if (int64_t(out.procedures.size()) == limit) {
        if (out.dossiers.next.empty()) out.dossiers.next = out.procedures.back().id;
        continue;
      }
      out.procedures.push_back(p);
    }
    return out;
  }

  std::vector<std::string> online, fee;
  for (const auto& p : v.procedures) {
    if (p.online) online.push_back(p.id);
    if (p.fee) fee.push_back(p.id);
  }
  store::DrillQuery base;
  base.from = local_instant(v.from, 0);
  base.to = local_instant(add_days(v.to, 1), 0);
  base.field = q.field;
  base.procedure_id = q.procedure_id;
  Fetch fetch = drill_fetch();
  Keep keep;
  auto& total = out.dossiers.total;
  if (metric == "resolved_not_late") {
    base.by_resolved = true;
    base.not_late = true;
    total = fig.resolved - fig.resolved_late;
  } else if (metric == "results_electronic") {
    base.by_resolved = true;
    base.with_doc = true;
    keep = [](const store::DrillRow& r) {
      auto res = parse_details(r.doc).result;
      return res && !res->document_id.empty();
    };
    total = fig.results_electronic;
  } else if (metric == "received_of_online" || metric == "received_online_of_online" || metric == "received_of_fee") {
    base.procedures_only = true;
    base.procedure_in = metric == "received_of_fee" ? fee : online;
    base.channel = metric == "received_online_of_online" ? 2 : 0;
    total = metric == "received_of_fee" ? fig.received_of_fee
            : metric == "received_of_online" ? fig.received_of_online
                                             : fig.received_online_of_online;
  } else if (metric == "synced") {
    fetch = [](sql::Connection& c, const store::DrillQuery& dq) { return store::synced_rows(c, dq); };
    total = fig.synced.value_or(0);
  } else if (metric == "paid_online") {
    base.procedure_in = fee;
    fetch = [](sql::Connection& c, const store::DrillQuery& dq) { return store::paid_rows(c, dq); };
    total = fig.dossiers_paid_online;
  } else {  // rated, rated_not_dissatisfied
    const bool happy = metric == "rated_not_dissatisfied";
    fetch = [happy](sql::Connection& c, const store::DrillQuery& dq) { return store::rated_rows(c, dq, happy); };
    total = fig.rated_very_satisfied + fig.rated_satisfied + (happy ? 0 : fig.rated_dissatisfied);
  }
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    return walk(c, v.agencies, base, cur, limit, fetch, keep, out.dossiers);
  }));
  return out;
}

}  // namespace motcua::app
