import Glibc
import PartnerCore
import Synchronization

/// An exclusive `flock` on a lock file beside the database, so two processes (or two stores in
/// one process) never open the same database. The kernel drops the lock when the process dies,
/// so a killed server never leaves a stale lock behind.
final class StoreFileLock: Sendable {
    /// The lock file.
    let path: String
    private let descriptor: Mutex<Int32?>

    /// Creates (when missing) and locks `path`.
    /// - Throws: `StoreError(.unavailable)` saying the store is already open elsewhere, or why
    ///   the lock file cannot be created (read-only folder, disk full).
    init(path: String, databasePath: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, StoreFileModes.ownerOnly)
        guard fd >= 0 else {
            let code = errno
            let reason: String
            switch code {
            case EROFS, EACCES, EPERM: reason = "read-only: the data folder cannot be written"
            case ENOSPC, EDQUOT: reason = "disk full"
            default: reason = "I/O error"
            }
            throw StoreError(
                code: .unavailable,
                message: "\(reason): cannot create the lock file \(path) (\(String(cString: strerror(code))))"
            )
        }
        guard Self.lock(fd) else {
            let code = errno
            close(fd)
            let message =
                code == EWOULDBLOCK
                ? "the store \(databasePath) is already open in another process (lock file \(path) is held); "
                    + "stop that process or use another data folder"
                : "cannot lock \(path): \(String(cString: strerror(code)))"
            throw StoreError(code: .unavailable, message: message)
        }
        descriptor = Mutex(fd)
    }

    /// Takes the lock, retrying for a moment: a process forking a child (any `Process` launch)
    /// lends the child its descriptors until the child's `exec`, so a lock just released may
    /// look held for a few microseconds. A real holder keeps it far longer than the retries.
    private static func lock(_ fd: Int32) -> Bool {
        for attempt in 0..<100 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK, attempt < 99 else { return false }
            usleep(5_000)
        }
        return false
    }

    deinit {
        release()
    }

    /// Unlocks and closes the lock file; later calls do nothing.
    func release() {
        let fd = descriptor.withLock { fd -> Int32? in
            defer { fd = nil }
            return fd
        }
        if let fd { close(fd) }
    }
}
