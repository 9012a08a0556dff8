#include "store/sql/test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace motcua::sql::sqltest {
namespace fs = std::filesystem;
namespace {

const char* kScript = "scripts/pg_test_cluster.sh";

// The source tree: $MOTCUA_SOURCE_DIR, else walk up from this file, else from the executable.
std::optional<fs::path> find_script() {
  std::vector<fs::path> starts;
  if (const char* s = std::getenv("MOTCUA_SOURCE_DIR"); s && *s) starts.emplace_back(s);
  starts.emplace_back(fs::path(__FILE__).parent_path());
  std::error_code ec;
  if (auto exe = fs::read_symlink("/proc/self/exe", ec); !ec) starts.push_back(exe.parent_path());
  for (fs::path p : starts) {
    for (; !p.empty(); p = p.parent_path()) {
      if (fs::exists(p / kScript, ec)) return p / kScript;
      if (p == p.root_path()) break;
    }
  }
  return std::nullopt;
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs a command, returns its stdout and exit status (stderr passes through).
int run(const std::string& cmd, std::string* out) {
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return -1;
  char buf[512];
  while (fgets(buf, sizeof buf, f)) out->append(buf);
  int st = pclose(f);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

struct Cluster {
  std::mutex mu;
  bool tried = false;
  std::optional<std::string> conninfo;
  std::string why;
  fs::path script, dir;

  void start() {
    if (const char* e = std::getenv("MOTCUA_TEST_PG"); e && *e) {
      conninfo = e;
      return;
    }
    auto s = find_script();
    if (!s) {
      why = "MOTCUA_TEST_PG is not set and scripts/pg_test_cluster.sh was not found "
            "(set MOTCUA_SOURCE_DIR)";
      return;
    }
    script = *s;
    char tmpl[] = "/tmp/motcua-sqldb-pg.XXXXXX";
    if (!mkdtemp(tmpl)) {
      why = "mkdtemp failed";
      return;
    }
    dir = tmpl;
    std::string out;
    int rc = run("bash " + quote(script) + " start " + quote(dir), &out);
    std::string line;
    for (size_t pos = 0; pos < out.size();) {
      size_t nl = out.find('\n', pos);
      std::string l = out.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      if (l.find("port=") != std::string::npos) line = l;
      pos = nl == std::string::npos ? out.size() : nl + 1;
    }
    if (rc != 0 || line.empty()) {
      why = "pg_test_cluster.sh start failed (exit " + std::to_string(rc) + ")" +
            (rc == 2 ? ": PostgreSQL is not installed" : "");
      stop();
      return;
    }
    conninfo = line;
    std::fprintf(stderr, "[sqldb tests] started PostgreSQL: %s\n", line.c_str());
  }

  void stop() {
    if (dir.empty()) return;
    std::string out;
    if (run("bash " + quote(script) + " stop " + quote(dir), &out) != 0)
      std::fprintf(stderr, "[sqldb tests] could not stop PostgreSQL in %s\n", dir.c_str());
    dir.clear();
  }
};

Cluster& cluster() {
  static Cluster c;
  return c;
}

class StopCluster : public ::testing::Environment {
 public:
  void TearDown() override {
    std::lock_guard lk(cluster().mu);
    cluster().stop();
  }
};

[[maybe_unused]] auto* const kEnv = ::testing::AddGlobalTestEnvironment(new StopCluster);

}  // namespace

std::optional<std::string> pg_conninfo(std::string* why) {
  Cluster& c = cluster();
  std::lock_guard lk(c.mu);
  if (!c.tried) {
    c.tried = true;
    c.start();
  }
  if (!c.conninfo && why) *why = c.why;
  return c.conninfo;
}

std::string temp_sqlite_path(std::string_view tag) {
  static std::atomic<int> n{0};
  fs::path p = fs::temp_directory_path() /
               ("motcua-sqldb-" + std::string(tag) + "-" + std::to_string(getpid()) + "-" +
                std::to_string(n++) + ".db");
  remove_sqlite(p.string());
  return p.string();
}

void remove_sqlite(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

}  // namespace motcua::sql::sqltest
