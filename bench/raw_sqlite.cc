// raw_sqlite: the fixed yardstick for `make bench` (the "anchor").
//
// Measures what a bare SQLite can do on this machine for an intake-shaped write: one
// transaction per dossier inserting one `dossier` row (~10 columns, ~2 KB text payload) and
// one `event` row, through prepared statements, WAL, synchronous=NORMAL, single-threaded.
// The schema here is deliberately fixed and independent of MotCua's own migrations, so the
// figure only moves when the machine (or SQLite) does.
//
// Usage: raw_sqlite [seconds=5]
// Prints one JSON line: {"tx_per_s":..., "p50_ms":..., "p99_ms":..., ...}
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "raw_sqlite: %s: %s\n", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    std::exit(1);
  }
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "raw_sqlite: %s: %s\n", sql, err ? err : "?");
    std::exit(1);
  }
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr), db, sql);
  return st;
}

void step_reset(sqlite3* db, sqlite3_stmt* st, const char* what) {
  int rc = sqlite3_step(st);
  if (rc != SQLITE_DONE) check(rc, db, what);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}

// A UUIDv7-like opaque id (time-ordered prefix + random tail), as text.
std::string make_id(std::mt19937_64& rng, int64_t now_ms) {
  char buf[40];
  uint64_t r1 = rng(), r2 = rng();
  std::snprintf(buf, sizeof buf, "%012llx-%04x-%016llx", (unsigned long long)now_ms,
                (unsigned)(r1 & 0xffff), (unsigned long long)r2);
  return buf;
}

double pct(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  if (seconds <= 0) seconds = 5.0;

  char tmpl[] = "/tmp/raw_sqlite.XXXXXX";
  const char* dir = mkdtemp(tmpl);
  if (!dir) { std::perror("mkdtemp"); return 1; }
  std::string path = std::string(dir) + "/anchor.db";

  sqlite3* db = nullptr;
  check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, nullptr), db, "open");
  exec(db, "PRAGMA journal_mode=WAL");
  exec(db, "PRAGMA synchronous=NORMAL");
  exec(db, "PRAGMA foreign_keys=ON");
  exec(db,
       "CREATE TABLE dossier ("
       " id TEXT PRIMARY KEY,"
       " code TEXT NOT NULL UNIQUE,"
       " procedure_id TEXT NOT NULL,"
       " agency_id TEXT NOT NULL,"
       " status INTEGER NOT NULL,"
       " channel INTEGER NOT NULL,"
       " applicant_name TEXT NOT NULL,"
       " applicant_id_number TEXT NOT NULL,"
       " received_at INTEGER NOT NULL,"
       " due_at INTEGER NOT NULL,"
       " payload TEXT NOT NULL)");
  exec(db, "CREATE INDEX dossier_queue ON dossier(agency_id, status, received_at)");
  exec(db,
       "CREATE TABLE event ("
       " id INTEGER PRIMARY KEY,"
       " dossier_id TEXT NOT NULL REFERENCES dossier(id),"
       " at INTEGER NOT NULL,"
       " kind TEXT NOT NULL,"
       " actor TEXT NOT NULL,"
       " detail TEXT NOT NULL)");
  exec(db, "CREATE INDEX event_dossier ON event(dossier_id, at)");

  sqlite3_stmt* begin = prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* commit = prepare(db, "COMMIT");
  sqlite3_stmt* ins_d = prepare(db,
      "INSERT INTO dossier(id,code,procedure_id,agency_id,status,channel,applicant_name,"
      "applicant_id_number,received_at,due_at,payload) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  sqlite3_stmt* ins_e = prepare(db,
      "INSERT INTO event(dossier_id,at,kind,actor,detail) VALUES(?,?,?,?,?)");

  // ~2 KB JSON-ish payload with Vietnamese text (UTF-8), varied per row by a counter prefix.
  std::string payload_base = "{\"applicant\":{\"kind\":\"citizen\",\"full_name\":\"Nguyễn Văn An\","
                             "\"id_number\":\"051090001234\",\"phone\":\"0905123456\","
                             "\"address\":\"Thôn 1, xã Hòa Phước\"},\"form\":{";
  while (payload_base.size() < 2000) payload_base += "\"truong\":\"Giá trị trường biểu mẫu\",";
  payload_base += "\"end\":1}}";

  std::mt19937_64 rng(42);
  std::vector<double> lat;
  lat.reserve(1 << 16);
  using clk = std::chrono::steady_clock;
  const auto t0 = clk::now();
  const auto deadline = t0 + std::chrono::duration_cast<clk::duration>(
                                 std::chrono::duration<double>(seconds));
  int64_t n = 0;
  char code[48];
  auto now = clk::now();
  while (now < deadline) {
    const auto s = now;
    int64_t wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch()).count();
    std::string id = make_id(rng, wall_ms);
    std::snprintf(code, sizeof code, "000.00.01.H56-%06lld", (long long)n);
    std::string payload = std::to_string(n) + payload_base;

    step_reset(db, begin, "begin");
    sqlite3_bind_text(ins_d, 1, id.data(), (int)id.size(), SQLITE_STATIC);
    sqlite3_bind_text(ins_d, 2, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_d, 3, "proc-0001", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_d, 4, "agency-ttphcc", -1, SQLITE_STATIC);
    sqlite3_bind_int(ins_d, 5, 2);
    sqlite3_bind_int(ins_d, 6, 1);
    sqlite3_bind_text(ins_d, 7, "Nguyễn Văn An", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_d, 8, "051090001234", -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins_d, 9, wall_ms);
    sqlite3_bind_int64(ins_d, 10, wall_ms + 5LL * 24 * 3600 * 1000);
    sqlite3_bind_text(ins_d, 11, payload.data(), (int)payload.size(), SQLITE_STATIC);
    step_reset(db, ins_d, "insert dossier");
    sqlite3_bind_text(ins_e, 1, id.data(), (int)id.size(), SQLITE_STATIC);
    sqlite3_bind_int64(ins_e, 2, wall_ms);
    sqlite3_bind_text(ins_e, 3, "received", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_e, 4, "tiepnhan.ttphcc", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_e, 5, "{\"channel\":1}", -1, SQLITE_STATIC);
    step_reset(db, ins_e, "insert event");
    step_reset(db, commit, "commit");

    now = clk::now();
    lat.push_back(std::chrono::duration<double, std::milli>(now - s).count());
    ++n;
  }
  const double elapsed = std::chrono::duration<double>(now - t0).count();

  for (auto* st : {begin, commit, ins_d, ins_e}) sqlite3_finalize(st);
  sqlite3_close(db);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);

  double mean = 0;
  for (double x : lat) mean += x;
  mean = lat.empty() ? 0 : mean / lat.size();
  double p50 = pct(lat, 0.50), p99 = pct(lat, 0.99);
  double mx = lat.empty() ? 0 : *std::max_element(lat.begin(), lat.end());
  std::printf("{\"tx_per_s\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"mean_ms\":%.3f,"
              "\"max_ms\":%.3f,\"tx\":%lld,\"seconds\":%.3f,\"sqlite\":\"%s\"}\n",
              n / elapsed, p50, p99, mean, mx, (long long)n, elapsed, sqlite3_libversion());
  return 0;
}
