#ifndef CSQLITELOG_H
#define CSQLITELOG_H
// A SQLite VFS that gathers the writes to a write-ahead log into large writes.
//
// SQLite appends a commit to its log one frame at a time, each frame as two writes (a 24-byte
// header, then the page), and syncs the log once at the end. Every write(2) pays the
// system call and the file system's per-call work whatever its size, so a commit of a few
// hundred pages costs several hundred calls. This VFS keeps the appends of a log file in one
// buffer and hands them to the file in one write when the buffer is full and, always, before
// anything that could observe the file: a sync, a read, a truncate, a size query, a close or a
// write elsewhere in the file. A commit is durable when SQLite's sync of the log returns, and
// the buffer is written before that sync, so durability and crash behaviour are the real
// VFS's: frames that never reached the file were never synced, and SQLite never answered
// their commit. Every other file (the database, the shared-memory index) is the real VFS's
// own, untouched.
#include <sqlite3.h>

/// Registers the VFS named "partner-log" over the default VFS (not as the default), gathering
/// up to 64 KiB per write. Safe to call more than once and from several threads; answers
/// SQLITE_OK once it is registered.
int csqlitelog_register(void);

/// The VFS's name, for sqlite3_open_v2.
const char *csqlitelog_name(void);

/// Counters since the process started: writes SQLite asked for on log files, and writes the
/// file system received for them.
void csqlitelog_counts(sqlite3_int64 *requested, sqlite3_int64 *issued);
#endif
