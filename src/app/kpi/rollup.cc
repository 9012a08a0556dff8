#include "app/kpi/rollup.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "store/kpi_rollup.h"

namespace motcua::app {

Status ensure_kpi_rollups(sql::Database& db, Date today) {
  if (!store::rollups_enabled()) return ok_status();
  const std::string target = store::prev_month(format_date(add_days(today, -1)).substr(0, 7));
  // One month a round; a round that finds the months moved by another build reads them again.
  for (int round = 0; round < 2000; ++round) {
    store::RollupState state;
    store::MonthRollup m;
    bool done = false;
    MC_TRY(db.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(state, store::rollup_state(c));
      std::string next;
      if (!state.through.empty()) {
        next = store::next_month(state.through);
      } else {
        MC_ASSIGN(next, store::first_counter_month(c));
      }
      if (next.empty() || next > target) {
        done = true;
        return ok_status();
      }
      MC_ASSIGN(m, store::read_month_rollup(c, next));
      return ok_status();
    }));
    if (done) return ok_status();
    MC_TRY(db.write([&](sql::Connection& c) -> Status {
      MC_TRY(store::write_month_rollup(c, m, state));  // false: another build moved first; read again
      return ok_status();
    }));
  }
  return ok_status();
}

namespace {

using Cols = std::array<int64_t, store::kKpiColumns.size()>;
using MonthKey = std::tuple<std::string, std::string, std::string, int64_t>;  // month, agency, procedure, channel
using StockKey = std::tuple<std::string, std::string, std::string, std::string>;  // month, agency, procedure, due

void note(std::vector<std::string>& out, std::string s) {
  if (out.size() < 100) out.push_back(std::move(s));
}

// Stored against expected month sums; a missing row counts as zeros.
void compare_months(const std::map<MonthKey, Cols>& want, const std::map<MonthKey, Cols>& stored, const char* what,
                    std::vector<std::string>& out) {
  auto describe = [&](const MonthKey& k, size_t i, int64_t have, int64_t expect) {
    return std::string(what) + " tháng " + std::get<0>(k) + " (cơ quan " + std::get<1>(k) +
           (std::get<2>(k).empty() ? "" : ", thủ tục " + std::get<2>(k)) + ", kênh " + std::to_string(std::get<3>(k)) +
           "): " + std::string(store::kKpiColumns[i]) + " lưu " + std::to_string(have) + ", cộng từ bộ đếm ngày " +
           std::to_string(expect) + ".";
  };
  for (const auto& [k, v] : stored) {
    auto it = want.find(k);
    for (size_t i = 0; i < v.size(); ++i)
      if (int64_t w = it == want.end() ? 0 : it->second[i]; v[i] != w) note(out, describe(k, i, v[i], w));
  }
  for (const auto& [k, v] : want)
    if (!stored.count(k))
      for (size_t i = 0; i < v.size(); ++i)
        if (v[i]) note(out, describe(k, i, 0, v[i]));
}

void compare_stock(const std::map<StockKey, int64_t>& want, const std::map<StockKey, int64_t>& stored, const char* what,
                   std::vector<std::string>& out) {
  auto describe = [&](const StockKey& k, int64_t have, int64_t expect) {
    return std::string(what) + " cuối tháng " + std::get<0>(k) + " (cơ quan " + std::get<1>(k) +
           (std::get<2>(k).empty() ? "" : ", thủ tục " + std::get<2>(k)) + ", " +
           (std::get<3>(k).empty() ? std::string("không quá hạn") : "hạn " + std::get<3>(k)) + "): lưu " +
           std::to_string(have) + ", cộng từ tồn theo ngày " + std::to_string(expect) + ".";
  };
  for (const auto& [k, n] : stored) {
    auto it = want.find(k);
    if (int64_t w = it == want.end() ? 0 : it->second; n != w) note(out, describe(k, n, w));
  }
  for (const auto& [k, n] : want)
    if (!stored.count(k)) note(out, describe(k, 0, n));
}

}  // namespace

Result<std::vector<std::string>> rollup_month_differences(sql::Database& db, const std::vector<store::DailyRow>& daily,
                                                          const std::vector<store::DueRow>& due) {
  std::string through;
  std::vector<store::DailyRow> fine, agency;
  std::vector<store::DueRow> stock, agency_stock;
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(through, store::rollup_through(c));
    MC_ASSIGN(fine, store::all_month(c, false));
    MC_ASSIGN(agency, store::all_month(c, true));
    MC_ASSIGN(stock, store::all_month_stock(c, false));
    MC_ASSIGN(agency_stock, store::all_month_stock(c, true));
    return ok_status();
  }));
  std::vector<std::string> out;
  if (!store::rollups_enabled()) return out;

  // Month sums: the daily rows of every built month.
  std::map<MonthKey, Cols> want_fine, want_agency, have_fine, have_agency;
  for (const auto& r : daily) {
    const std::string month = r.k.day.substr(0, 7);
    if (through.empty() || month > through) continue;
    auto& f = want_fine[{month, r.k.agency_id, r.k.procedure_id, r.k.channel}];
    auto& a = want_agency[{month, r.k.agency_id, "", r.k.channel}];
    for (size_t i = 0; i < f.size(); ++i) f[i] += r.v[i], a[i] += r.v[i];
  }
  for (const auto& r : fine) have_fine[{r.k.day, r.k.agency_id, r.k.procedure_id, r.k.channel}] = r.v;
  for (const auto& r : agency) have_agency[{r.k.day, r.k.agency_id, "", r.k.channel}] = r.v;
  compare_months(want_fine, have_fine, "Tổng hợp", out);
  compare_months(want_agency, have_agency, "Tổng hợp theo cơ quan", out);

  // Snapshots: the flows replayed month by month, due days up to each month's end folded into it.
  std::map<StockKey, int64_t> want_stock, want_agency_stock, have_stock, have_agency_stock;
  for (const auto& s : stock) have_stock[{s.k.day, s.k.agency_id, s.k.procedure_id, s.due_day}] = s.n;
  for (const auto& s : agency_stock) have_agency_stock[{s.k.day, s.k.agency_id, "", s.due_day}] = s.n;
  std::vector<const store::DueRow*> flows;
  for (const auto& r : due) flows.push_back(&r);
  std::sort(flows.begin(), flows.end(), [](auto* a, auto* b) { return a->k.day < b->k.day; });
  std::string month;
  if (!flows.empty()) month = flows.front()->k.day.substr(0, 7);
  if (!have_stock.empty()) month = month.empty() ? std::get<0>(have_stock.begin()->first)
                                                 : std::min(month, std::get<0>(have_stock.begin()->first));
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> open;  // agency, procedure, bucket
  size_t at = 0;
  for (; !through.empty() && !month.empty() && month <= through; month = store::next_month(month)) {
    const std::string last = store::month_last_day(month);
    for (; at < flows.size() && flows[at]->k.day <= last; ++at) {
      const auto* f = flows[at];
      open[{f->k.agency_id, f->k.procedure_id, f->due_day}] += f->n;
    }
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> folded;
    for (const auto& [k, n] : open) {
      const std::string& b = std::get<2>(k);
      folded[{std::get<0>(k), std::get<1>(k), !b.empty() && b <= last ? last : b}] += n;
    }
    open.clear();
    for (const auto& [k, n] : folded)
      if (n != 0) {
        open[k] = n;
        want_stock[{month, std::get<0>(k), std::get<1>(k), std::get<2>(k)}] = n;
        want_agency_stock[{month, std::get<0>(k), "", std::get<2>(k)}] += n;
      }
  }
  std::erase_if(want_agency_stock, [](const auto& e) { return e.second == 0; });
  compare_stock(want_stock, have_stock, "Tồn tổng hợp", out);
  compare_stock(want_agency_stock, have_agency_stock, "Tồn tổng hợp theo cơ quan", out);
  return out;
}

Result<std::vector<std::string>> step_month_differences(sql::Database& db, const std::vector<store::StepRow>& steps) {
  std::string through;
  std::vector<store::StepRow> stored;
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(through, store::rollup_through(c));
    MC_ASSIGN(stored, store::all_step_month(c));
    return ok_status();
  }));
  std::vector<std::string> out;
  if (!store::rollups_enabled()) return out;
  using Key = std::tuple<std::string, std::string, std::string, int64_t, std::string, std::string>;
  using Sums = std::array<int64_t, 2 + store::kStepHistColumns>;
  auto sums = [](const store::StepCounts& t) {
    Sums v{t.n, t.minutes};
    for (size_t i = 0; i < store::kStepHistColumns; ++i) v[2 + i] = t.hist[i];
    return v;
  };
  std::map<Key, Sums> want, have;
  for (const auto& r : steps) {
    const std::string month = r.k.day.substr(0, 7);
    if (through.empty() || month > through) continue;
    auto& w = want[{month, r.k.agency_id, r.k.procedure_id, r.k.step, r.k.role, r.k.at_agency_id}];
    const Sums v = sums(r.t);
    for (size_t i = 0; i < v.size(); ++i) w[i] += v[i];
  }
  for (const auto& r : stored) have[{r.k.day, r.k.agency_id, r.k.procedure_id, r.k.step, r.k.role, r.k.at_agency_id}] = sums(r.t);
  auto describe = [](const Key& k, const Sums& h, const Sums& w) {
    return "Thời gian theo bước tháng " + std::get<0>(k) + " (cơ quan " + std::get<1>(k) + ", thủ tục " + std::get<2>(k) +
           ", bước " + std::to_string(std::get<3>(k)) + " (" + std::get<4>(k) + ") tại " + std::get<5>(k) + "): lưu " +
           std::to_string(h[0]) + " bước, " + std::to_string(h[1]) + " phút; cộng từ bộ đếm ngày " + std::to_string(w[0]) +
           " bước, " + std::to_string(w[1]) + " phút.";
  };
  const Sums none{};
  for (const auto& [k, v] : have) {
    auto it = want.find(k);
    if (v != (it == want.end() ? none : it->second)) note(out, describe(k, v, it == want.end() ? none : it->second));
  }
  for (const auto& [k, v] : want)
    if (!have.count(k) && v != none) note(out, describe(k, none, v));
  return out;
}

}  // namespace motcua::app
