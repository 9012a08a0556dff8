// Synthetic dossiers for benchmarks: realistic row sizes spread over agencies, days and states.
#include <map>
#include <boost/json.hpp>

#include "app/app.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/code.h"
#include "store/kpi_repo.h"
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

Status App::bench_fill(int64_t count) {
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
  static const char* kStates[] = {"received", "in_progress", "in_progress", "resolved", "returned", "returned",
                                  "returned", "supplement_requested", "submitted", "returned"};
  const std::string applicant = boost::json::serialize(boost::json::object{
      {"kind", "citizen"}, {"full_name", "Nguyễn Văn An"}, {"id_number", "051090001234"}, {"phone", "0905123456"},
      {"address", "Thôn 1, xã Minh Long, tỉnh Quảng Ngãi"}});
  const std::string doc = R"({"components":[{"name":"Tờ khai","kind":"original","count":1,"provided":true}],"note":""})";
  Millis base = now_ms() - 400 * kDay;
  const int64_t batch = 20000;
  for (int64_t done = 0; done < count;) {
    int64_t n = std::min(batch, count - done);
    MC_TRY(db_->write([&](sql::Connection& c) -> Status {
      // The counters the transactions would have moved (kpi_daily, kpi_due), summed per batch.
      std::map<store::KpiKey, store::DailyRow> daily;
      std::map<std::pair<store::KpiKey, std::string>, int64_t> due;
      auto bump = [&](const store::KpiKey& k, std::string_view column) {
        auto& row = daily[k];
        row.k = k;
        row.v[size_t(store::kpi_column_index(column))] += 1;
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
        d.channel = 1 + k % 3;
        d.state = kStates[k % 10];
        // Dossiers belong to kBenchPeople applicants in turn: one in kBenchPeople is the bench
        // citizen's (051090001234: 200 of 1,000,000, "Hồ sơ của tôi" in bench/my_dossiers.py).
        d.owner_personal_id = bench_person(k);
        d.applicant_name = "Nguyễn Văn An";
        d.applicant_name_folded = fold_vi(d.applicant_name);
        d.applicant_id_number = d.owner_personal_id;
        d.applicant_doc = applicant;
        d.submitted_at = d.received_at = at;
        d.due_at = at + 5 * kDay;
        d.created_at = d.updated_at = at;
        d.doc = doc;
        const bool received = d.state != "submitted";
        const bool decided = d.state == "resolved" || d.state == "returned";
        if (decided) {
          d.resolved_at = at + 3 * kDay;
          d.timeliness = "early";
          if (d.state == "returned") d.returned_at = d.resolved_at;
        }
        MC_TRY(store::insert_dossier(c, d));
        if (!received) continue;
        const store::KpiKey in{agency, format_date(local_date(at)), proc.id, d.channel};
        const std::string due_day = format_date(local_date(d.due_at));
        bump(in, "received");
        due[{in, due_day}] += 1;
        if (decided) {
          const store::KpiKey out{agency, format_date(local_date(d.resolved_at)), proc.id, d.channel};
          bump(out, "resolved");
          bump(out, "resolved_early");
          if (d.returned_at) bump(out, "returned");
          due[{out, due_day}] -= 1;
        }
      }
      for (auto& [k, row] : daily) MC_TRY(store::add_daily(c, row));
      for (auto& [k, v] : due)
        if (v) MC_TRY(store::add_due(c, k.first, k.second, v));
      return ok_status();
    }));
    done += n;
  }
  return ok_status();
}

}  // namespace motcua::app
