// Synthetic dossiers for benchmarks: realistic row sizes spread over agencies, days and states,
// with the history entries their states imply and the KPI counters those entries move.
#include <map>
#include <boost/json.hpp>

#include "app/app.h"
#include "app/dossier/details.h"
#include "app/catalogue_cache.h"
#include "app/integration/population.h"
#include "app/kpi/digitised.h"
#include "app/kpi/steps.h"
#include "app/kpi/rollup.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/calendar/deadline.h"
#include "domain/dossier/applicant.h"
#include "domain/dossier/code.h"
#include "domain/dossier/state.h"
#include "domain/dossier/transitions.h"
#include "domain/kpi/metric.h"
#include "domain/kpi/stock.h"
#include "store/kpi_repo.h"
#include "store/dvcqg_repo.h"
#include "store/kpi_rollup.h"
#include "store/kpi_step_repo.h"
#include "store/repo.h"

namespace motcua::app {

namespace {
constexpr int64_t kBenchPeople = 5000;
std::string bench_person(int64_t k) {
  if (k % kBenchPeople == 0) return "051090001234";
  std::string n = std::to_string(k % kBenchPeople);
  return "0519" + std::string(8 - n.size(), '0') + n;
}
}  // namespace

Status App::bench_fill(int64_t count, int synced_percent) {
  std::vector<std::pair<store::ProcedureRec, std::string>> pairs;  // procedure, handling agency
  std::vector<store::AgencyRec> agencies;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(agencies, store::list_agencies(c));
    MC_ASSIGN(auto procs, store::list_procedures(c, "", "", 1000));
    for (auto& p : procs) {
      MC_ASSIGN(auto ags, store::procedure_agencies(c, p.id));
      for (auto& a : ags) pairs.emplace_back(p, a);
    }
    return ok_status();
  }));
  if (pairs.empty()) return make_error(ErrorKind::invalid, "Chưa có dữ liệu mẫu: chạy `motcua seed` trước.");
  std::map<std::string, std::string> eid;
  for (auto& a : agencies) eid[a.id] = a.eid;
  using dossier::State;
  static const State kStates[] = {State::received, State::in_progress, State::in_progress, State::resolved,
                                  State::returned, State::returned, State::returned, State::supplement_requested,
                                  State::submitted, State::returned};
  using dossier::Channel;
  static const Channel kChannels[] = {Channel::counter, Channel::online, Channel::post};
  const std::string applicant = boost::json::serialize(boost::json::object{
      {"kind", dossier::to_string(dossier::ApplicantKind::citizen)}, {"full_name", "Nguyễn Văn An"}, {"id_number", "051090001234"}, {"phone", "0905123456"},
      {"address", "Thôn 1, xã Minh Long, tỉnh Quảng Ngãi"}});
  const std::string doc = R"({"components":[{"name":"Tờ khai","kind":"original","count":1,"provided":true}],"note":""})";
  const std::vector<ComponentRecord> components = parse_details(doc).components;
  // Components replaceable by the population database, per procedure (population_reused /
  // population_asked are counted at filing from the same stored components).
  std::map<std::string, PopulationCounts> population;
  for (auto& [proc, agency] : pairs)
    population[proc.id] = population_counts(parse_details(doc).components, replaceable_components(proc.doc, "csdl_dan_cu"));
  // The internal process of each procedure: the control sheet's steps, as intake opens them.
  std::map<std::string, std::vector<ProcessStep>> processes;
  for (auto& [proc, agency] : pairs) processes[proc.id] = process_of(proc);
  const auto cal = calendar_.current();
  Millis base = now_ms() - 400 * kDay;
  const int64_t batch = 20000;
  for (int64_t done = 0; done < count;) {
    int64_t n = std::min(batch, count - done);
    MC_TRY(db_->write([&](sql::Connection& c) -> Status {
      // The counters the transactions would have moved (kpi_daily, kpi_due), summed per batch:
      // each history entry replayed as the write path does it (kpi::moved_by on the entry's day,
      // the due-day stock moved by kpi::flows_for_change), so that kpi-verify finds them equal.
      std::map<store::KpiKey, store::DailyRow> daily;
      std::map<std::pair<store::KpiKey, std::string>, int64_t> due;
      // The batch's rows, written by a few multi-row statements after the loop (a statement per
      // row made the fill of 1,000,000 take ~20 min on PostgreSQL).
      std::vector<store::DossierRec> dossiers;
      std::vector<store::EventRec> events;
      std::vector<store::StepRec> sheets;
      StepCount step_times;  // kpi_step, summed per batch
      struct Confirmed {
        std::string id, code;
        int status;
        Millis at, decided_at;
      };
      std::vector<Confirmed> confirmed;
      dossiers.reserve(size_t(n));
      events.reserve(size_t(n) * 5);
      auto bump = [&](const store::KpiKey& k, std::string_view column, int64_t by = 1) {
        if (by == 0) return;
        auto& row = daily[k];
        row.k = k;
        row.v[size_t(store::kpi_column_index(column))] += by;
      };
      for (int64_t i = 0; i < n; ++i) {
        int64_t k = done + i;
        auto& [proc, agency] = pairs[size_t(k % int64_t(pairs.size()))];
        store::DossierRec d;
        d.id = new_id();
        Millis at = base + (k * 400 * kDay) / std::max<int64_t>(count, 1);
        // Sequence numbers are per agency per day; the bench uses a private range (5000+).
        MC_ASSIGN(d.code, dossier::format_dossier_code(eid[agency], local_date(at), int(5000 + (k / int64_t(pairs.size())) % 4999)));
        d.code += "-B" + std::to_string(k);  // keeps bench codes unique and visibly synthetic
        d.procedure_id = proc.id;
        d.receiving_agency_id = d.competent_agency_id = agency;
        d.channel = int64_t(kChannels[k % 3]);
        const State state = kStates[k % 10];
        d.state = dossier::to_string(state);
        // Dossiers belong to kBenchPeople applicants in turn: one in kBenchPeople is the bench
        // citizen's (051090001234: 200 of 1,000,000, "Hồ sơ của tôi" in bench/my_dossiers.py).
        d.owner_personal_id = bench_person(k);
        d.applicant_name = "Nguyễn Văn An";
        d.applicant_name_folded = fold_vi(d.applicant_name);
        d.applicant_id_number = d.owner_personal_id;
        d.applicant_doc = applicant;
        d.submitted_at = at;
        d.created_at = d.updated_at = at;
        d.doc = doc;
        // The history its state implies: submitted; received (due in 5 days); then processing,
        // a supplement asked a day later (the clock paused within time), or a decision 3 days
        // after reception (early) and the result returned an hour later.
        using dossier::Action;
        struct Step {
          Action act;
          Millis at;
          State to;
        };
        std::vector<Step> steps{{Action::submit, at, State::submitted}};
        if (state != State::submitted) {
          d.received_at = at;
          d.due_at = at + 5 * kDay;
          steps.push_back({Action::receive, at, State::received});
          if (state == State::supplement_requested) {
            d.paused_at = at + kDay;
            steps.push_back({Action::request_supplement, d.paused_at, State::supplement_requested});
          } else if (state != State::received) {
            steps.push_back({Action::start_processing, at + kHour, State::in_progress});
          }
          if (state == State::resolved || state == State::returned) {
            d.resolved_at = at + 3 * kDay;
            d.timeliness = calendar::to_string(calendar::Timeliness::early);
            steps.push_back({Action::resolve_granted, d.resolved_at, State::resolved});
          }
          if (state == State::returned) {
            d.returned_at = d.resolved_at + kHour;
            steps.push_back({Action::return_result, d.returned_at, State::returned});
          }
        }
        d.updated_at = steps.back().at;
        // The control sheet as the write path keeps it (app/dossier/support.cc): reception
        // writes step 1 done and opens step 2; a decision closes the open step and opens the
        // next; the return closes that one. A step left is counted in kpi_step (no pause: the
        // dossiers asked for a supplement are not decided here).
        const auto& process = processes[proc.id];
        auto open = [&](size_t index, Millis now, bool finished) {
          if (index < 1 || index > process.size()) return;
          const ProcessStep& ps = process[index - 1];
          store::StepRec r;
          r.dossier_id = d.id;
          r.step = ps.step;
          r.name = ps.name;
          r.role = std::string(org::to_string(ps.role));
          r.agency_id = step_agency(ps, d.receiving_agency_id, d.competent_agency_id);
          r.handed_by = "bench";
          r.started_at = now;
          r.due_at = cal->add_working_minutes(now, ps.hours * 60);
          if (finished) {
            r.finished_at = now;
            r.timeliness = std::string(calendar::to_string(calendar::classify(now, r.due_at)));
          }
          sheets.push_back(std::move(r));
          d.current_step = int64_t(index);
        };
        const size_t first_step = sheets.size();
        auto close_open = [&](Millis now) {
          for (size_t j = first_step; j < sheets.size(); ++j) {
            auto& st = sheets[j];
            if (st.finished_at != 0) continue;
            st.finished_at = now;
            st.timeliness = std::string(calendar::to_string(calendar::classify(now, st.due_at)));
            step_times[step_key(d, st)].add(step_minutes(*cal, st, {}));
          }
        };
        for (const auto& st : steps) {
          if (st.act == Action::receive) {
            open(1, st.at, true);
            open(2, st.at, false);
            d.current_step = std::min<int64_t>(2, int64_t(process.size()));
          } else if (st.act == Action::resolve_granted) {
            close_open(st.at);
            open(size_t(d.current_step) + 1, st.at, false);
          } else if (st.act == Action::return_result) {
            close_open(st.at);
          }
        }
        dossiers.push_back(d);
        const auto channel = dossier::channel_from_code(int(d.channel)).value_or(dossier::Channel::counter);
        kpi::ClockFacts f;
        std::optional<kpi::DueBucket> bucket;
        std::string_view from = "";
        for (const auto& st : steps) {
          const std::string to(dossier::to_string(st.to));
          std::string data;
          if (st.act == Action::receive) data = "{\"due_at\":" + std::to_string(d.due_at) + "}";
          events.push_back(store::EventRec{0, d.id, st.at, "bench", std::string(dossier::to_string(st.act)),
                                          std::string(from), to, "", data});
          from = dossier::to_string(st.to);
          const store::KpiKey key{agency, format_date(local_date(st.at)), proc.id, d.channel};
          for (kpi::Metric m : kpi::moved_by(st.act, channel, calendar::Timeliness::early, false, f.received))
            if (auto col = kpi::column_of(m)) bump(key, *col);
          if (st.act == Action::receive) f.received = true, f.due_at = d.due_at;
          if (st.act == Action::request_supplement) f.paused_at = st.at;
          f.state = st.to;
          auto next = kpi::bucket_of(f);
          for (const auto& flow : kpi::flows_for_change(bucket, next, local_date(st.at)))
            due[{key, flow.bucket.due ? format_date(*flow.bucket.due) : std::string()}] += flow.n;
          bucket = next;
        }
        // Confirmed by the national portal (--synced): written after the batch's dossiers (the
        // sink reads the dossier's agency and reception), as the relay's sink writes them.
        if (k % 100 < synced_percent)
          confirmed.push_back(Confirmed{d.id, d.code, dossier::national_status_code(steps.back().to), d.updated_at,
                                        d.resolved_at});
        const auto& pop = population[proc.id];
        const store::KpiKey filed{agency, format_date(local_date(d.submitted_at)), proc.id, d.channel};
        bump(filed, "population_reused", pop.reused);
        bump(filed, "population_asked", pop.asked);
        // Digitised at reception (app/kpi/digitised.h): the online ones (bench dossiers carry no files).
        if (digitised_at_reception(d.channel, d.received_at, components, {}))
          bump(store::KpiKey{agency, format_date(local_date(d.received_at)), proc.id, d.channel}, "received_digitised");
      }
      MC_TRY(store::insert_dossiers(c, dossiers));
      MC_TRY(store::insert_events(c, events));
      MC_TRY(store::insert_steps(c, sheets));
      MC_TRY(store::add_step_rows(c, rows_of(step_times)));
      std::vector<store::DailyRow> daily_rows;
      for (auto& [k, row] : daily) daily_rows.push_back(row);
      MC_TRY(store::add_daily_rows(c, daily_rows));
      std::vector<store::DueRow> due_rows;
      for (auto& [k, v] : due)
        if (v) due_rows.push_back(store::DueRow{k.first, k.second, v});
      MC_TRY(store::add_due_rows(c, due_rows));
      for (const auto& x : confirmed) MC_TRY(store::record_dvcqg_sync(c, x.id, x.code, x.status, 0, x.at, x.decided_at));
      return ok_status();
    }));
    done += n;
  }
  // Past days' counters changed: the closed months' rollups are built again from them.
  MC_TRY(db_->write([](sql::Connection& c) -> Status { return store::drop_rollups(c); }));
  return ensure_kpi_rollups(*db_, local_date(clock_->now()));
}

}  // namespace motcua::app
