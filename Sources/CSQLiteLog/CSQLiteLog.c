// The "partner-log" VFS: the default VFS, with the appends to write-ahead log files gathered
// into large writes (CSQLiteLog.h says why and what it keeps). Only files SQLite opens with
// SQLITE_OPEN_WAL get the wrapper; every other file is opened by the default VFS in place and
// keeps its own methods.
#include "CSQLiteLog.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/// A log file: the real file's handle follows this struct in the same allocation.
typedef struct LogFile {
    sqlite3_file base;
    sqlite3_file *real;
    unsigned char *buffer;
    int length;                    // bytes gathered
    sqlite3_int64 offset;          // where buffer[0] goes in the file
} LogFile;

static sqlite3_vfs logVfs;
static sqlite3_vfs *realVfs;
/// The largest write gathered. The unix VFS writes at most 128 KiB - 1 per call (it masks the
/// length with 0x1ffff rather than looping), so a gathered write stays below that; 64 KiB is
/// thirty-odd 2 KiB frames per write instead of two writes for each.
static const int bufferBytes = 64 * 1024;
static int registered = SQLITE_ERROR;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static sqlite3_int64 requestedWrites;
static sqlite3_int64 issuedWrites;

static inline sqlite3_file *real(sqlite3_file *file) { return ((LogFile *)file)->real; }

/// Writes what is gathered, if anything; the buffer is empty afterwards whatever the outcome
/// (a failed write fails the transaction, and SQLite ignores frames it did not commit).
static int flush(LogFile *file) {
    if (file->length == 0) return SQLITE_OK;
    int length = file->length;
    file->length = 0;
    __atomic_add_fetch(&issuedWrites, 1, __ATOMIC_RELAXED);
    return file->real->pMethods->xWrite(file->real, file->buffer, length, file->offset);
}

static int logWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset) {
    LogFile *file = (LogFile *)f;
    __atomic_add_fetch(&requestedWrites, 1, __ATOMIC_RELAXED);
    if (file->length > 0 && offset == file->offset + file->length && file->length + amount <= bufferBytes) {
        memcpy(file->buffer + file->length, data, (size_t)amount);
        file->length += amount;
        return SQLITE_OK;
    }
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    if (amount >= bufferBytes) {
        __atomic_add_fetch(&issuedWrites, 1, __ATOMIC_RELAXED);
        return file->real->pMethods->xWrite(file->real, data, amount, offset);
    }
    if (file->buffer == NULL) {
        file->buffer = sqlite3_malloc(bufferBytes);
        if (file->buffer == NULL) return SQLITE_IOERR_NOMEM;
    }
    memcpy(file->buffer, data, (size_t)amount);
    file->length = amount;
    file->offset = offset;
    return SQLITE_OK;
}

static int logClose(sqlite3_file *f) {
    LogFile *file = (LogFile *)f;
    int rc = flush(file);
    sqlite3_free(file->buffer);
    file->buffer = NULL;
    int closed = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : closed;
}

static int logRead(sqlite3_file *f, void *data, int amount, sqlite3_int64 offset) {
    int rc = flush((LogFile *)f);
    return rc != SQLITE_OK ? rc : real(f)->pMethods->xRead(real(f), data, amount, offset);
}

static int logTruncate(sqlite3_file *f, sqlite3_int64 size) {
    int rc = flush((LogFile *)f);
    return rc != SQLITE_OK ? rc : real(f)->pMethods->xTruncate(real(f), size);
}

static int logSync(sqlite3_file *f, int flags) {
    int rc = flush((LogFile *)f);
    return rc != SQLITE_OK ? rc : real(f)->pMethods->xSync(real(f), flags);
}

static int logFileSize(sqlite3_file *f, sqlite3_int64 *size) {
    int rc = flush((LogFile *)f);
    return rc != SQLITE_OK ? rc : real(f)->pMethods->xFileSize(real(f), size);
}

static int logLock(sqlite3_file *f, int level) { return real(f)->pMethods->xLock(real(f), level); }
static int logUnlock(sqlite3_file *f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
static int logCheckReservedLock(sqlite3_file *f, int *out) {
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}

static int logFileControl(sqlite3_file *f, int op, void *argument) {
    int rc = flush((LogFile *)f);
    return rc != SQLITE_OK ? rc : real(f)->pMethods->xFileControl(real(f), op, argument);
}

static int logSectorSize(sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); }
static int logDeviceCharacteristics(sqlite3_file *f) {
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

// Shared memory belongs to the database file, not the log; forwarded for completeness.
static int logShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out) {
    if (real(f)->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
static int logShmLock(sqlite3_file *f, int offset, int n, int flags) {
    if (real(f)->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
static void logShmBarrier(sqlite3_file *f) {
    if (real(f)->pMethods->iVersion >= 2) real(f)->pMethods->xShmBarrier(real(f));
}
static int logShmUnmap(sqlite3_file *f, int deleteFlag) {
    if (real(f)->pMethods->iVersion < 2) return SQLITE_OK;
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}

// Memory mapping: none where the real file has none (SQLite then reads instead).
static int logFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out) {
    *out = NULL;
    int rc = flush((LogFile *)f);
    if (rc != SQLITE_OK || real(f)->pMethods->iVersion < 3) return rc;
    return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
static int logUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page) {
    if (real(f)->pMethods->iVersion < 3) return SQLITE_OK;
    return real(f)->pMethods->xUnfetch(real(f), offset, page);
}

static const sqlite3_io_methods logMethods = {
    3,
    logClose, logRead, logWrite, logTruncate, logSync, logFileSize,
    logLock, logUnlock, logCheckReservedLock, logFileControl, logSectorSize, logDeviceCharacteristics,
    logShmMap, logShmLock, logShmBarrier, logShmUnmap,
    logFetch, logUnfetch,
};

static int logOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *outFlags) {
    (void)vfs;
    if ((flags & SQLITE_OPEN_WAL) == 0) {
        // Not a log: the real VFS's own file, in the space SQLite gave (it is large enough).
        return realVfs->xOpen(realVfs, name, f, flags, outFlags);
    }
    LogFile *file = (LogFile *)f;
    memset(file, 0, sizeof(LogFile));
    file->real = (sqlite3_file *)(file + 1);
    int rc = realVfs->xOpen(realVfs, name, file->real, flags, outFlags);
    // Without methods SQLite calls no xClose: the real VFS has released what it opened.
    if (rc == SQLITE_OK && file->real->pMethods != NULL) file->base.pMethods = &logMethods;
    return rc;
}

static void registerOnce(void) {
    realVfs = sqlite3_vfs_find(NULL);
    if (realVfs == NULL) return;
    // A copy of the real VFS but for opening files: its other functions (delete, access, full
    // path name, randomness, time, ...) are its own and read only what the copy carries over
    // (pAppData, mxPathname).
    logVfs = *realVfs;
    logVfs.pNext = NULL;
    logVfs.szOsFile = (int)sizeof(LogFile) + realVfs->szOsFile;
    logVfs.zName = "partner-log";
    logVfs.xOpen = logOpen;
    registered = sqlite3_vfs_register(&logVfs, 0);
}

int csqlitelog_register(void) {
    pthread_once(&once, registerOnce);
    return registered;
}

const char *csqlitelog_name(void) { return "partner-log"; }

void csqlitelog_counts(sqlite3_int64 *requested, sqlite3_int64 *issued) {
    *requested = __atomic_load_n(&requestedWrites, __ATOMIC_RELAXED);
    *issued = __atomic_load_n(&issuedWrites, __ATOMIC_RELAXED);
}
