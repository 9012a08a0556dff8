#include "app/kpi/recount.h"

#include <map>

#include <boost/json.hpp>

#include "app/dossier/details.h"
#include "app/integration/population.h"
#include "app/kpi/clock_replay.h"
#include "app/kpi/digitised.h"
#include "app/kpi/steps.h"
#include "app/kpi/rollup.h"
#include "app/kpi/feedback_recount.h"
#include "store/kpi_rollup.h"
#include "app/kpi/synced_recount.h"
#include "domain/dossier/rating.h"
#include "domain/dossier/state.h"
#include "domain/dossier/transitions.h"
#include "domain/kpi/metric.h"
#include "domain/kpi/stock.h"
#include "store/kpi_repo.h"
#include "store/kpi_step_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

using Daily = std::map<store::KpiKey, std::array<int64_t, store::kKpiColumns.size()>>;
using DueKey = std::pair<store::KpiKey, std::string>;
using Due = std::map<DueKey, int64_t>;

store::KpiKey key_of(const store::DossierRec& d, Millis at) {
  return store::KpiKey{d.competent_agency_id, format_date(local_date(at)), d.procedure_id, d.channel};
}

void add(Daily& daily, const store::KpiKey& k, kpi::Metric m, int64_t n = 1) {
  auto col = kpi::column_of(m);
  if (!col || n == 0) return;
  daily[k][size_t(store::kpi_column_index(*col))] += n;
}

std::string describe(const store::KpiKey& k) {
  return "cơ quan " + k.agency_id + ", ngày " + k.day + ", thủ tục " + k.procedure_id + ", kênh " + std::to_string(k.channel);
}

// One dossier's counters and, when its replayed clock ends elsewhere than its row, a difference.
void recount_dossier(const store::DossierRec& d, const std::vector<const store::EventRec*>& events,
                     const calendar::Calendar& cal, Daily& daily, Due& due, std::vector<std::string>& differences) {
  const auto timeliness = calendar::parse_timeliness(d.timeliness);
  const auto channel = dossier::channel_from_code(int(d.channel)).value_or(dossier::Channel::counter);
  auto result = parse_details(d.doc).result;
  const bool electronic = result && !result->document_id.empty();

  kpi::ClockFacts f;
  std::optional<kpi::DueBucket> bucket;
  for (const auto* e : events) {
    const store::KpiKey k = key_of(d, e->at);
    const auto act = dossier::parse_action(e->action);
    if (act)
      for (kpi::Metric m : kpi::moved_by(*act, channel, timeliness, electronic, f.received)) add(daily, k, m);
    replay_entry(f, *e, entry_data(*e), cal);
    auto next = kpi::bucket_of(f);
    for (const auto& flow : kpi::flows_for_change(bucket, next, local_date(e->at)))
      due[{k, flow.bucket.due ? format_date(*flow.bucket.due) : std::string()}] += flow.n;
    bucket = next;
  }
  if (f.received && (f.due_at != d.due_at || f.original_due_at != d.original_due_at || f.paused_at != d.paused_at))
    differences.push_back("Hồ sơ " + d.code + ": lịch sử cho hạn " + std::to_string(f.due_at) + " (hạn đầu " +
                          std::to_string(f.original_due_at) + ", tạm dừng " + std::to_string(f.paused_at) +
                          "), hồ sơ ghi " + std::to_string(d.due_at) + " (" + std::to_string(d.original_due_at) + ", " +
                          std::to_string(d.paused_at) + ").");
}

}  // namespace

Result<KpiCheck> verify_kpi(sql::Database& db, const calendar::Calendar& cal, bool repair) {
  KpiCheck out;
  Daily daily;
  Due due;
  StepCount step_times;
  std::map<std::string, store::DossierRec> marked;  // dossiers with a reuse or rating
  std::vector<store::DossierMark> reuses, ratings;
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(reuses, store::all_reuses(c));
    MC_ASSIGN(ratings, store::all_ratings(c));
    return ok_status();
  }));
  std::map<std::string, std::vector<const store::DossierMark*>> marks;
  for (auto& r : reuses) marks[r.dossier_id].push_back(&r);
  for (auto& r : ratings) marks[r.dossier_id].push_back(&r);

  // Each procedure version's components replaceable by the population database, for
  // population_reused / population_asked (counted at intake from the same stored components).
  std::map<std::string, std::vector<ReplaceableComponent>> replaceable;

  std::string after;
  for (;;) {
    std::vector<store::DossierRec> batch;
    std::vector<store::EventRec> events;
    std::vector<store::StepRec> sheets;
    std::vector<store::DocumentRec> documents;
    MC_TRY(db.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(batch, store::dossiers_after(c, after, 2000));
      if (batch.empty()) return ok_status();
      MC_ASSIGN(events, store::events_of_range(c, batch.front().id, batch.back().id));
      MC_ASSIGN(sheets, store::steps_of_range(c, batch.front().id, batch.back().id));
      MC_ASSIGN(documents, store::documents_of_range(c, batch.front().id, batch.back().id));
      for (const auto& d : batch) {
        if (replaceable.count(d.procedure_id)) continue;
        MC_ASSIGN(auto p, store::get_procedure(c, d.procedure_id));
        replaceable[d.procedure_id] = p ? replaceable_components(p->doc, "csdl_dan_cu") : std::vector<ReplaceableComponent>{};
      }
      return ok_status();
    }));
    if (batch.empty()) break;
    size_t ei = 0, si = 0, di = 0;
    for (const auto& d : batch) {
      std::vector<const store::EventRec*> mine;
      while (ei < events.size() && events[ei].dossier_id < d.id) ++ei;
      while (ei < events.size() && events[ei].dossier_id == d.id) mine.push_back(&events[ei++]);
      recount_dossier(d, mine, cal, daily, due, out.differences);
      std::vector<const store::StepRec*> sheet;
      while (si < sheets.size() && sheets[si].dossier_id < d.id) ++si;
      while (si < sheets.size() && sheets[si].dossier_id == d.id) sheet.push_back(&sheets[si++]);
      recount_steps(cal, d, mine, sheet, step_times);
      // received_digitised: on the reception day, from the components and the files attached.
      std::vector<store::DocumentRec> files;
      while (di < documents.size() && documents[di].dossier_id < d.id) ++di;
      while (di < documents.size() && documents[di].dossier_id == d.id) files.push_back(documents[di++]);
      const auto components = parse_details(d.doc).components;
      if (digitised_at_reception(d.channel, d.received_at, components, files))
        add(daily, key_of(d, d.received_at), kpi::Metric::received_digitised);
      if (const auto& rep = replaceable[d.procedure_id]; !rep.empty()) {
        const PopulationCounts n = population_counts(components, rep);
        add(daily, key_of(d, d.submitted_at), kpi::Metric::population_reused, n.reused);
        add(daily, key_of(d, d.submitted_at), kpi::Metric::population_asked, n.asked);
      }
      if (auto it = marks.find(d.id); it != marks.end())
        for (const auto* m : it->second) {
          const auto score = dossier::parse_score(m->score);
          kpi::Metric metric = m->score.empty() ? kpi::Metric::documents_reused  // a reuse has no score
                               : score == dossier::Score::very_satisfied ? kpi::Metric::rated_very_satisfied
                               : score == dossier::Score::dissatisfied   ? kpi::Metric::rated_dissatisfied
                                                                         : kpi::Metric::rated_satisfied;
          add(daily, key_of(d, m->at), metric);
        }
      ++out.dossiers;
    }
    after = batch.back().id;
  }

  std::vector<store::DailyRow> stored_daily;
  std::vector<store::DueRow> stored_due;
  std::vector<store::StepRow> stored_steps;
  const size_t before_rollups = out.differences.size();
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(stored_daily, store::all_daily(c));
    MC_ASSIGN(stored_due, store::all_due(c));
    MC_ASSIGN(stored_steps, store::all_steps(c));
    return ok_status();
  }));
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto rollups, store::rollup_differences(c));
    for (auto& r : rollups) out.differences.push_back(std::move(r));
    return ok_status();
  }));
  // The closed months' rollups against the stored counters (a repair drops and rebuilds them).
  MC_ASSIGN(auto months, rollup_month_differences(db, stored_daily, stored_due));
  MC_ASSIGN(auto step_months, step_month_differences(db, stored_steps));
  for (auto& m : step_months) months.push_back(std::move(m));
  const bool rollups_differ = !months.empty() || out.differences.size() > before_rollups;
  for (auto& m : months) out.differences.push_back(std::move(m));
  out.daily_rows = int64_t(stored_daily.size());
  out.due_rows = int64_t(stored_due.size());
  out.step_rows = int64_t(stored_steps.size());
  const size_t before = out.differences.size();

  Daily stored;
  for (auto& r : stored_daily) stored[r.k] = r.v;
  auto zero = [](const std::array<int64_t, store::kKpiColumns.size()>& v) {
    for (auto x : v)
      if (x) return false;
    return true;
  };
  for (auto& [k, v] : stored) {
    auto it = daily.find(k);
    for (size_t i = 0; i < v.size(); ++i) {
      int64_t want = it == daily.end() ? 0 : it->second[i];
      if (v[i] != want)
        out.differences.push_back("Bộ đếm " + std::string(store::kKpiColumns[i]) + " (" + describe(k) + "): lưu " +
                                  std::to_string(v[i]) + ", đếm lại từ hồ sơ " + std::to_string(want) + ".");
    }
  }
  for (auto& [k, v] : daily) {
    if (stored.count(k) || zero(v)) continue;
    for (size_t i = 0; i < v.size(); ++i)
      if (v[i])
        out.differences.push_back("Bộ đếm " + std::string(store::kKpiColumns[i]) + " (" + describe(k) +
                                  "): không có dòng lưu, đếm lại từ hồ sơ " + std::to_string(v[i]) + ".");
  }
  Due stored_n;
  for (auto& r : stored_due) stored_n[{r.k, r.due_day}] += r.n;
  auto due_name = [](const std::string& d) { return d.empty() ? std::string("không quá hạn") : "hạn " + d; };
  for (auto& [k, n] : stored_n) {
    auto it = due.find(k);
    int64_t want = it == due.end() ? 0 : it->second;
    if (n != want)
      out.differences.push_back("Tồn theo hạn (" + describe(k.first) + ", " + due_name(k.second) + "): lưu " +
                                std::to_string(n) + ", đếm lại từ hồ sơ " + std::to_string(want) + ".");
  }
  for (auto& [k, n] : due)
    if (n != 0 && !stored_n.count(k))
      out.differences.push_back("Tồn theo hạn (" + describe(k.first) + ", " + due_name(k.second) +
                                "): không có dòng lưu, đếm lại từ hồ sơ " + std::to_string(n) + ".");

  const size_t before_steps = out.differences.size();
  compare_steps(step_times, stored_steps, out.differences);
  if (repair && out.differences.size() > before_steps) {
    MC_TRY(db.write([&](sql::Connection& c) -> Status {
      MC_TRY(store::replace_steps(c, rows_of(step_times)));
      return store::drop_rollups(c);  // kpi_step_month is summed from the rows just replaced
    }));
    out.repaired = true;
  }
  if (repair && (rollups_differ || before_steps > before)) {
    std::vector<store::DailyRow> rows;
    for (auto& [k, v] : daily)
      if (!zero(v)) rows.push_back(store::DailyRow{k, v});
    std::vector<store::DueRow> due_rows;
    for (auto& [k, n] : due)
      if (n != 0) due_rows.push_back(store::DueRow{k.first, k.second, n});
    MC_TRY(db.write([&](sql::Connection& c) -> Status { return store::replace_kpi(c, rows, due_rows); }));
    out.repaired = true;
  }
  MC_ASSIGN(SyncedCheck synced, verify_synced(db, repair));
  out.synced_rows = synced.rows;
  out.progress_rows = synced.progress_rows;
  for (auto& d : synced.differences) out.differences.push_back(std::move(d));
  out.repaired = out.repaired || synced.repaired;
  MC_ASSIGN(FeedbackCheck feedback, verify_feedback_answered(db, repair));
  out.feedback_cases = feedback.cases;
  for (auto& d : feedback.differences) out.differences.push_back(std::move(d));
  out.repaired = out.repaired || feedback.repaired;
  return out;
}

}  // namespace motcua::app
