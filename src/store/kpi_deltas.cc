#include "store/kpi_deltas.h"

#include <cstdlib>
#include <tuple>

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status KpiDeltas::add_daily(const KpiKey& k, std::string_view column, int64_t n) {
  int i = kpi_column_index(column);
  if (i < 0) return make_error(ErrorKind::internal, "Bộ đếm không có cột " + std::string(column));
  daily_[k][size_t(i)] += n;
  return ok_status();
}

void KpiDeltas::add_due(const KpiKey& k, const std::string& due_day, int64_t n) { due_[{k, due_day}] += n; }

Status KpiDeltas::add_step(const StepKey& k, int64_t minutes, size_t bucket) {
  if (bucket >= kStepHistColumns) return make_error(ErrorKind::internal, "Không có cột tần suất h" + std::to_string(bucket));
  StepCounts& t = steps_[k];
  t.n += 1;
  t.minutes += minutes;
  t.hist[bucket] += 1;
  return ok_status();
}

std::vector<KpiDeltas::Row> KpiDeltas::rows() const {
  using Vals = std::array<int64_t, kKpiColumns.size()>;
  auto nonzero = [](const Vals& v) {
    for (auto x : v)
      if (x) return true;
    return false;
  };
  std::vector<Row> out;
  // std::map iterates in key order: that order is the lock order.
  std::map<std::tuple<std::string, std::string, int64_t>, Vals> agency_daily;
  for (const auto& [k, v] : daily_) {
    if (!nonzero(v)) continue;
    out.push_back(Row{Table::daily, k, "", v, 0, {}, {}});
    Vals& a = agency_daily[{k.agency_id, k.day, k.channel}];
    for (size_t i = 0; i < v.size(); ++i) a[i] += v[i];
  }
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> agency_due;
  for (const auto& [kd, n] : due_) {
    if (n == 0) continue;
    out.push_back(Row{Table::due, kd.first, kd.second, {}, n, {}, {}});
    agency_due[{kd.first.agency_id, kd.first.day, kd.second}] += n;
  }
  for (const auto& [k, t] : steps_)
    if (t.n) out.push_back(Row{Table::step, {}, "", {}, 0, k, t});
  for (const auto& [a, v] : agency_daily)
    if (nonzero(v))
      out.push_back(Row{Table::agency_daily, KpiKey{std::get<0>(a), std::get<1>(a), "", std::get<2>(a)}, "", v, 0, {}, {}});
  for (const auto& [a, n] : agency_due)
    if (n != 0)
      out.push_back(Row{Table::agency_due, KpiKey{std::get<0>(a), std::get<1>(a), "", 0}, std::get<2>(a), {}, n, {}, {}});
  return out;
}

namespace {

// One upsert adding the row's nonzero columns (the SQL text depends only on which: a few per
// action, so the statement cache stays small).
Status upsert_daily(sql::Connection& c, const KpiSlot& slot, const KpiDeltas::Row& r, bool rollup) {
  const std::string table = rollup ? "kpi_agency_daily" : "kpi_daily";
  std::string cols = slot.col(), qs = slot.q(), sets;
  Params p{txt(r.k.agency_id), txt(r.k.day)};
  if (!rollup) p.push_back(txt(r.k.procedure_id));
  p.push_back(num(r.k.channel));
  slot.push(p);
  for (size_t i = 0; i < kKpiColumns.size(); ++i) {
    if (!r.v[i]) continue;
    const std::string col(kKpiColumns[i]);
    cols += ", " + col;
    qs += ",?";
    sets += (sets.empty() ? "" : ", ") + col + " = " + table + "." + col + " + excluded." + col;
    p.push_back(num(r.v[i]));
  }
  std::string sql = rollup ? "INSERT INTO kpi_agency_daily (agency_id, day, channel" + cols + ") VALUES (?,?,?" + qs +
                                 ") ON CONFLICT (day, agency_id, channel" + slot.col() + ") DO UPDATE SET " + sets
                           : "INSERT INTO kpi_daily (agency_id, day, procedure_id, channel" + cols + ") VALUES (?,?,?,?" +
                                 qs + ") ON CONFLICT (agency_id, day, procedure_id, channel" + slot.col() +
                                 ") DO UPDATE SET " + sets;
  MC_TRY(c.exec(sql, p));
  return ok_status();
}

Status upsert_due(sql::Connection& c, const KpiSlot& slot, const KpiDeltas::Row& r, bool rollup) {
  if (rollup) {
    Params q{txt(r.k.agency_id), txt(r.k.day), txt(r.due_day), num(r.n)};
    slot.push(q);
    MC_TRY(c.exec("INSERT INTO kpi_agency_due (agency_id, day, due_day, n" + slot.col() + ") VALUES (?,?,?,?" + slot.q() +
                      ") ON CONFLICT (agency_id, day, due_day" + slot.col() +
                      ") DO UPDATE SET n = kpi_agency_due.n + excluded.n",
                  q));
    return ok_status();
  }
  Params p{txt(r.k.agency_id), txt(r.k.day), txt(r.k.procedure_id), num(r.k.channel), txt(r.due_day), num(r.n)};
  slot.push(p);
  MC_TRY(c.exec("INSERT INTO kpi_due (agency_id, day, procedure_id, channel, due_day, n" + slot.col() +
                    ") VALUES (?,?,?,?,?,?" + slot.q() + ") ON CONFLICT (agency_id, day, procedure_id, channel, due_day" +
                    slot.col() + ") DO UPDATE SET n = kpi_due.n + excluded.n",
                p));
  return ok_status();
}

}  // namespace

Status KpiDeltas::flush(sql::Connection& c) { return flush(c, kpi_slot(c)); }

Status KpiDeltas::flush(sql::Connection& c, const KpiSlot& slot) {
  for (const Row& r : rows()) {
    switch (r.table) {
      case Table::daily: MC_TRY(upsert_daily(c, slot, r, false)); break;
      case Table::due: MC_TRY(upsert_due(c, slot, r, false)); break;
      case Table::step: MC_TRY(add_steps(c, slot, r.sk, r.st)); break;
      case Table::agency_daily: MC_TRY(upsert_daily(c, slot, r, true)); break;
      case Table::agency_due: MC_TRY(upsert_due(c, slot, r, true)); break;
    }
  }
  daily_.clear();
  due_.clear();
  steps_.clear();
  return ok_status();
}

namespace {

// The job running on this thread and its deltas. A job runs on one thread from start to end
// (the SQLite writer thread, or the PostgreSQL caller's), so a thread-local binding is exact.
struct Binding {
  const sql::Connection* conn = nullptr;
  KpiDeltas* deltas = nullptr;
};
thread_local Binding current;

class Bound {
 public:
  Bound(const sql::Connection& c, KpiDeltas& d) : saved_(current) { current = Binding{&c, &d}; }
  ~Bound() { current = saved_; }
  Bound(const Bound&) = delete;
  Bound& operator=(const Bound&) = delete;

 private:
  Binding saved_;
};

sql::Database::Job gathering(sql::Database::Job job, int slots) {
  return [job = std::move(job), slots](sql::Connection& c) -> Status {
    KpiDeltas deltas;  // fresh on every run: a job run again starts from nothing
    {
      Bound b(c, deltas);
      MC_TRY(job(c));
    }
    return deltas.flush(c, kpi_slot(c, slots));
  };
}

class DeferringDatabase final : public sql::Database {
 public:
  DeferringDatabase(std::unique_ptr<sql::Database> db, int slots) : db_(std::move(db)), slots_(slots) {}
  Status write(const Job& job) override { return db_->write(gathering(job, slots_)); }
  void write_async(Job job, std::function<void(Status)> done) override {
    db_->write_async(gathering(std::move(job), slots_), std::move(done));
  }
  bool writes_async() const override { return db_->writes_async(); }
  Status write_bulk(const Job& job) override { return db_->write_bulk(gathering(job, slots_)); }
  Status read(const Job& job) override { return db_->read(job); }
  sql::Engine engine() const override { return db_->engine(); }
  sql::WriteStats stats() const override { return db_->stats(); }
  void close() override { db_->close(); }

 private:
  std::unique_ptr<sql::Database> db_;
  int slots_;
};

}  // namespace

KpiDeltas* kpi_deltas_of(const sql::Connection& c) { return current.conn == &c ? current.deltas : nullptr; }

std::unique_ptr<sql::Database> defer_kpi_writes(std::unique_ptr<sql::Database> db, int slots) {
  if (!db) return db;
  return std::make_unique<DeferringDatabase>(std::move(db), slots);
}

int configured_kpi_slots() {
  static const int n = [] {
    const char* v = std::getenv("MOTCUA_KPI_SLOTS");
    const int x = v && *v ? std::atoi(v) : kKpiSlots;
    return x >= 1 && x <= kKpiSlots ? x : kKpiSlots;
  }();
  return n;
}

}  // namespace motcua::store
