// A VFS over SQLite's default one that gathers what SQLite writes to a WAL file and hands it to
// the OS in one write. SQLite writes each WAL frame as two writes (its 24-byte header, then the
// page): two system calls per page, ~3.5 µs on this project's virtual machines, where one
// write of a whole commit costs ~0.8 µs a page. Only WAL files are wrapped; the database file
// and everything else are the default VFS's own files, untouched.
//
// Invariant: frames are held in memory only until SQLite syncs the WAL, which it does at every
// commit when synchronous=FULL and before a commit becomes visible to other connections. With
// synchronous=NORMAL a commit is not synced, so those connections must not use this VFS
// (SqliteConn::open chooses). Anything else SQLite asks of the WAL (read, size, truncate,
// close) first writes out what is held, so the file always answers as if written at once.
#pragma once
#include <cstdint>

namespace motcua::sql::sqlite {

// Registers the VFS on first use (never as the default) and returns its name for
// sqlite3_open_v2; nullptr if it could not be registered (the default VFS then serves).
const char* wal_buffering_vfs();

// Process-wide counts, for tests and the benchmark: WAL writes SQLite asked for, and the
// writes that reached the OS.
struct WalBufferCounts {
  int64_t writes_in = 0;
  int64_t writes_out = 0;
};
WalBufferCounts wal_buffer_counts();

}  // namespace motcua::sql::sqlite
