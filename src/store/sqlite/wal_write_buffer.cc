#include "store/sqlite/wal_write_buffer.h"

#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <vector>

namespace motcua::sql::sqlite {
namespace {

// At most this much is held, then written out: the default VFS's write keeps only the low 17
// bits of a length (os_unix.c, seekAndWriteFd), so one write must stay under 128 KiB. A commit
// of a batch of intakes (~70 frames, ~290 KB) thus reaches the OS in three writes, not ~140.
constexpr size_t kMaxHeld = 120 * 1024;

std::atomic<int64_t> g_writes_in{0}, g_writes_out{0};
sqlite3_vfs* g_base = nullptr;  // the default VFS, set once before registration

// SQLite allocates vfs.szOsFile bytes for every file: this struct, then the default VFS's own
// file (`real`) in the bytes after it.
struct WalFile {
  sqlite3_file base;
  sqlite3_file* real;
  std::vector<char>* held;  // bytes not yet written, starting at offset `held_at`
  sqlite3_int64 held_at;
};
constexpr size_t kRealOffset = (sizeof(WalFile) + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);

WalFile* wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
const sqlite3_io_methods* real_methods(WalFile* w) { return w->real->pMethods; }

int write_out(WalFile* w) {
  if (w->held->empty()) return SQLITE_OK;
  int rc = real_methods(w)->xWrite(w->real, w->held->data(), int(w->held->size()), w->held_at);
  w->held->clear();
  g_writes_out.fetch_add(1, std::memory_order_relaxed);
  return rc;
}

int wal_close(sqlite3_file* f) {
  WalFile* w = wal(f);
  int rc = write_out(w);
  int rc2 = real_methods(w)->xClose(w->real);
  delete w->held;
  w->held = nullptr;
  return rc != SQLITE_OK ? rc : rc2;
}

int wal_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  WalFile* w = wal(f);
  g_writes_in.fetch_add(1, std::memory_order_relaxed);
  std::vector<char>& h = *w->held;
  const auto* bytes = static_cast<const char*>(p);
  if (!h.empty() && off == w->held_at + sqlite3_int64(h.size()) && h.size() + size_t(n) <= kMaxHeld) {
    h.insert(h.end(), bytes, bytes + n);
    return SQLITE_OK;
  }
  // Not the next bytes (a frame rewritten in place, a log restarted), or too many held.
  if (int rc = write_out(w); rc != SQLITE_OK) return rc;
  if (size_t(n) > kMaxHeld) {
    g_writes_out.fetch_add(1, std::memory_order_relaxed);
    return real_methods(w)->xWrite(w->real, p, n, off);
  }
  w->held_at = off;
  h.assign(bytes, bytes + n);
  return SQLITE_OK;
}

int wal_read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
  WalFile* w = wal(f);
  if (int rc = write_out(w); rc != SQLITE_OK) return rc;
  return real_methods(w)->xRead(w->real, p, n, off);
}

int wal_truncate(sqlite3_file* f, sqlite3_int64 size) {
  WalFile* w = wal(f);
  if (int rc = write_out(w); rc != SQLITE_OK) return rc;
  return real_methods(w)->xTruncate(w->real, size);
}

int wal_sync(sqlite3_file* f, int flags) {
  WalFile* w = wal(f);
  if (int rc = write_out(w); rc != SQLITE_OK) return rc;
  return real_methods(w)->xSync(w->real, flags);
}

int wal_file_size(sqlite3_file* f, sqlite3_int64* size) {
  WalFile* w = wal(f);
  if (int rc = write_out(w); rc != SQLITE_OK) return rc;
  return real_methods(w)->xFileSize(w->real, size);
}

// The rest is the default file's, unchanged.
int wal_lock(sqlite3_file* f, int level) { return real_methods(wal(f))->xLock(wal(f)->real, level); }
int wal_unlock(sqlite3_file* f, int level) { return real_methods(wal(f))->xUnlock(wal(f)->real, level); }
int wal_check_reserved(sqlite3_file* f, int* out) {
  return real_methods(wal(f))->xCheckReservedLock(wal(f)->real, out);
}
int wal_file_control(sqlite3_file* f, int op, void* arg) {
  return real_methods(wal(f))->xFileControl(wal(f)->real, op, arg);
}
int wal_sector_size(sqlite3_file* f) { return real_methods(wal(f))->xSectorSize(wal(f)->real); }
int wal_device_characteristics(sqlite3_file* f) {
  return real_methods(wal(f))->xDeviceCharacteristics(wal(f)->real);
}

// Version 1: SQLite never maps or shares memory through a WAL file (that is the database's).
const sqlite3_io_methods kWalMethods = {
    1, wal_close, wal_read, wal_write, wal_truncate, wal_sync, wal_file_size, wal_lock, wal_unlock,
    wal_check_reserved, wal_file_control, wal_sector_size, wal_device_characteristics,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};

int vfs_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  // Everything but a WAL is the default VFS's file, opened in place in SQLite's allocation.
  if (!(flags & SQLITE_OPEN_WAL)) return g_base->xOpen(g_base, name, f, flags, out_flags);
  WalFile* w = wal(f);
  w->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + kRealOffset);
  w->held = nullptr;
  w->held_at = 0;
  int rc = g_base->xOpen(g_base, name, w->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    f->pMethods = nullptr;  // SQLite closes only files that opened
    return rc;
  }
  w->held = new std::vector<char>();
  f->pMethods = &kWalMethods;
  return SQLITE_OK;
}

sqlite3_vfs g_vfs;

}  // namespace

const char* wal_buffering_vfs() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    g_base = sqlite3_vfs_find(nullptr);
    if (!g_base) return;
    g_vfs = *g_base;  // every other method is the default VFS's
    g_vfs.pNext = nullptr;
    g_vfs.zName = "motcua-wal-buffer";
    g_vfs.szOsFile = int(kRealOffset) + g_base->szOsFile;
    g_vfs.xOpen = vfs_open;
    ok = sqlite3_vfs_register(&g_vfs, /*makeDflt=*/0) == SQLITE_OK;
  });
  return ok ? g_vfs.zName : nullptr;
}

WalBufferCounts wal_buffer_counts() {
  return {g_writes_in.load(std::memory_order_relaxed), g_writes_out.load(std::memory_order_relaxed)};
}

}  // namespace motcua::sql::sqlite
