import CSQLite
import PartnerCore

extension StoreError {
    /// Maps a SQLite result code to the store's error, with a message that names the cause in
    /// plain words. Every failure that leaves the file intact but unusable now (disk full,
    /// read-only, I/O error, cannot open, busy) is `.unavailable`; damaged files are `.corrupt`.
    /// In every case SQLite has rolled back the statement (or the transaction), so nothing
    /// half-done is kept.
    static func sqlite(code: Int32, detail: String, path: String) -> StoreError {
        let sqliteText = "SQLite \(code): \(detail)"
        switch code & 0xFF {
        case SQLITE_FULL:
            return StoreError(
                code: .unavailable,
                message: "disk full: the database \(path) cannot grow; the change was not kept (\(sqliteText))"
            )
        case SQLITE_READONLY:
            return StoreError(
                code: .unavailable,
                message:
                    "read-only: the database \(path) or its folder cannot be written; the change was not kept (\(sqliteText))"
            )
        case SQLITE_IOERR:
            return StoreError(
                code: .unavailable,
                message: "I/O error on the database \(path); the change was not kept (\(sqliteText))"
            )
        case SQLITE_CANTOPEN:
            return StoreError(
                code: .unavailable,
                message: "cannot open the database \(path): its folder is missing, read-only or full (\(sqliteText))"
            )
        case SQLITE_PERM, SQLITE_AUTH:
            return StoreError(
                code: .unavailable,
                message: "permission denied on the database \(path) (\(sqliteText))"
            )
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(
                code: .unavailable,
                message: "the database \(path) is locked by another connection; try again (\(sqliteText))"
            )
        case SQLITE_NOMEM:
            return StoreError(
                code: .unavailable, message: "out of memory while using the database \(path) (\(sqliteText))")
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return StoreError(
                code: .corrupt, message: "the database \(path) is damaged or not a database (\(sqliteText))")
        default:
            return StoreError(code: .unavailable, message: "the database \(path) failed (\(sqliteText))")
        }
    }

    /// The store has been closed; nothing more can be read or written through it.
    static func closed(_ path: String) -> StoreError {
        StoreError(code: .unavailable, message: "the store \(path) is closed")
    }
}

extension StoreError {
    /// A transaction view was used after its body returned.
    static func usedAfterBody(_ path: String) -> StoreError {
        StoreError(
            code: .unavailable,
            message: "a transaction of the store \(path) was used after its body returned"
        )
    }
}
