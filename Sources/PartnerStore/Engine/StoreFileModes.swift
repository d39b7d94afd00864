import Glibc

/// The store's files are the operator's secrets (customer records, token hashes, audit): they
/// are created owner-only, 0600, whatever the process umask and the folder's mode say.
///
/// SQLite creates the `-wal` and `-shm` files with the mode of the database file, so creating
/// the database file 0600 before SQLite opens it covers them; files left by an earlier version
/// with wider modes are narrowed when the store opens.
enum StoreFileModes {
    /// Owner read and write only.
    static let ownerOnly: mode_t = 0o600

    /// Creates the database file 0600 when it does not exist yet, and narrows the database,
    /// its `-wal`, `-shm` and lock files to 0600 when they exist with wider modes. Failures
    /// are left to the open that follows, which reports them with their cause.
    static func restrict(databasePath path: String) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, ownerOnly)
        if fd >= 0 { close(fd) }
        for file in [path, path + "-wal", path + "-shm", path + ".lock"] {
            var info = stat()
            guard stat(file, &info) == 0, info.st_mode & 0o077 != 0, info.st_uid == geteuid() else { continue }
            chmod(file, ownerOnly)
        }
    }

    /// The permission bits of `path` when group or others may read, write or enter it, e.g.
    /// `0755`; nil when it is owner-only or cannot be read.
    static func exposure(ofFolder path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        return "0" + String(info.st_mode & 0o777, radix: 8)
    }
}
