// KpiService::stock_dossiers: the dossiers in a past stock (in progress / overdue / within time /
// near due at the close of a day), exactly those kpi_due counts. A dossier is in the stock at the close of D when the clock
// its history entries replay up to the end of D (app/kpi/clock_replay.h) has a due bucket
// (kpi::bucket_of), and overdue when that bucket's day is ≤ D — the counters' own definition, so
// the list and the figure agree whenever kpi-verify finds no difference. Within time: in the stock
// and not overdue; near due (Quyết định 766 view): a due day in (D, until].
//
// Candidates: the agency's dossiers received by the end of D, newest first, through its range of
// dossiers_competent_received; the scan of an agency stops once the counters' number of members
// is found, and a page reads at most kScanPerPage candidates (then `next` resumes the scan).
#include <algorithm>
#include <cstdlib>
#include <map>

#include "app/kpi/clock_replay.h"
#include "app/kpi/kpi_service.h"
#include "domain/dossier/state.h"
#include "store/index766_repo.h"
#include "store/kpi_repo.h"
#include "store/kpi_stock_repo.h"
#include "store/repo.h"

namespace motcua::app {

namespace {

constexpr int64_t kChunk = 200;
constexpr int64_t kScanPerPage = 4000;

Error bad_cursor() {
  Error e = make_error(ErrorKind::invalid, "Con trỏ trang không hợp lệ", "invalid_query");
  e.fields.push_back({"cursor", "Con trỏ trang không hợp lệ"});
  return e;
}

bool open_state(const std::string& s) {
  auto st = dossier::parse_state(s);
  return st && (*st == dossier::State::received || *st == dossier::State::in_progress ||
                *st == dossier::State::supplement_requested || *st == dossier::State::awaiting_payment);
}

}  // namespace

Result<KpiDossierPage> KpiService::stock_dossiers(const Resolved& r, StockList kind, Date until, const std::string& cursor,
                                                  int64_t limit) {
  const Date day = r.to;
  const Millis end = local_instant(add_days(day, 1), 0);  // the close of `day`
  // Cursor "agency|at|id|found": the agency being scanned, the last candidate read, and how many
  // of its members were found before it.
  std::string at_agency, after_id;
  Millis after_at = 0;
  int64_t found_before = 0;
  if (!cursor.empty()) {
    if (cursor.size() > 300) return bad_cursor();
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 0; i <= cursor.size(); ++i)
      if (i == cursor.size() || cursor[i] == '|') parts.push_back(cursor.substr(start, i - start)), start = i + 1;
    if (parts.size() != 4 || parts[0].empty()) return bad_cursor();
    char* e1 = nullptr;
    char* e2 = nullptr;
    after_at = std::strtoll(parts[1].c_str(), &e1, 10);
    found_before = std::strtoll(parts[3].c_str(), &e2, 10);
    if (parts[1].empty() || *e1 != '\0' || parts[3].empty() || *e2 != '\0' || after_at <= 0 || found_before < 0)
      return bad_cursor();
    at_agency = parts[0];
    after_id = parts[2];
  }
  std::shared_ptr<const calendar::Calendar> cal =
      calendar_ ? calendar_->current() : std::make_shared<const calendar::Calendar>();

  KpiDossierPage page;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    // The figure: the counters' stock, and each agency's share of it (the scan's stopping point).
    MC_ASSIGN(auto per, store::stock_at(c, r.filter, format_date(day), true));
    std::map<std::string, int64_t> want;
    for (const auto& s : per) {
      if (kind == StockList::near_due) {  // the near-due figure's own read, per agency of the stock
        if (want.count(s.agency_id)) continue;
        store::KpiFilter f = r.filter;
        f.agency_id = s.agency_id;
        MC_ASSIGN(want[s.agency_id], store::near_due_at(c, f, format_date(day), format_date(until)));
        continue;
      }
      want[s.agency_id] += kind == StockList::overdue ? s.overdue
                           : kind == StockList::within ? s.in_progress - s.overdue
                                                       : s.in_progress;
    }
    for (const auto& [ag, n] : want) page.total += n;

    int64_t scanned = 0;
    for (const auto& [ag, n] : want) {
      if (n <= 0) continue;
      if (!at_agency.empty() && ag < at_agency) continue;
      const bool resume = ag == at_agency;
      int64_t found = resume ? found_before : 0;
      store::ReceivedBefore q{ag, r.filter.procedure_id, r.filter.field, end, resume ? after_at : 0,
                              resume ? after_id : std::string(), kChunk};
      while (found < n) {
        if (scanned >= kScanPerPage || int64_t(page.items.size()) == limit) {
          page.next = ag + "|" + std::to_string(q.cursor_at ? q.cursor_at : end) + "|" + q.cursor_id + "|" +
                      std::to_string(found);
          return ok_status();
        }
        q.limit = std::min(kChunk, kScanPerPage - scanned);
        MC_ASSIGN(auto batch, store::received_before(c, q));
        if (batch.empty()) break;  // fewer than counted: kpi-verify names the difference
        for (const auto& d : batch) {
          ++scanned;
          q.cursor_at = d.received_at;
          q.cursor_id = d.id;
          // Decided by the end of the day: out of the stock. Open now: it was in it (a dossier
          // never reopens), and for the figure "in_progress" no replay is needed.
          bool member;
          if (d.resolved_at > 0 && d.resolved_at < end) {
            member = false;
          } else if (open_state(d.state) && kind == StockList::in_progress) {
            member = true;
          } else {
            MC_ASSIGN(auto events, store::list_events(c, d.id));
            kpi::ClockFacts f;
            for (const auto& e : events)
              if (e.at < end) replay_entry(f, e, entry_data(e), *cal);
            auto b = kpi::bucket_of(f);
            member = b && (kind == StockList::in_progress ? true
                           : kind == StockList::overdue ? kpi::overdue_at(*b, day)
                           : kind == StockList::within  ? !kpi::overdue_at(*b, day)
                                                        : b->due && day < *b->due && *b->due <= until);
          }
          if (!member) continue;
          ++found;
          page.items.push_back(store::drill_row(d));
          if (found == n) break;
          if (int64_t(page.items.size()) == limit) {
            page.next = ag + "|" + std::to_string(d.received_at) + "|" + d.id + "|" + std::to_string(found);
            return ok_status();
          }
        }
        if (int64_t(batch.size()) < q.limit && found < n) break;
      }
    }
    return ok_status();
  }));
  return page;
}

}  // namespace motcua::app
