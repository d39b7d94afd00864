import CSQLite
import Foundation
import PartnerCore

/// A prepared statement owned by one `SQLiteConnection` and used only on that connection's
/// thread. The connection caches it for its whole life and finalizes it on close; callers
/// reset it after every use (`SQLiteConnection.withStatement` does).
final class SQLiteStatement {
    /// The statement handle.
    let handle: OpaquePointer
    private let database: OpaquePointer
    private let path: String

    init(handle: OpaquePointer, database: OpaquePointer, path: String) {
        self.handle = handle
        self.database = database
        self.path = path
    }

    /// Binds text to the 1-based parameter `index`.
    func bind(_ value: String, at index: Int32) throws {
        try check(sqlite3_bind_text(handle, index, value, -1, csqlite_transient()))
    }

    /// Binds an integer to the 1-based parameter `index`.
    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds bytes to the 1-based parameter `index` (an empty blob, never NULL, for no bytes).
    func bind(_ value: some ContiguousBytes, at index: Int32) throws {
        let rc = value.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return sqlite3_bind_blob(handle, index, base, Int32(bytes.count), csqlite_transient())
        }
        try check(rc)
    }

    /// Advances the statement: `true` when a row is ready, `false` when done.
    /// - Throws: `StoreError` mapped from the SQLite result code.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure(rc)
        }
    }

    /// Steps until the statement is done, ignoring rows.
    func run() throws {
        while try step() {}
    }

    /// Column `index` of the current row as text.
    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as an integer.
    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Runs `body` with column `index` of the current row as bytes, read in place: valid only
    /// inside `body`, until the statement steps or resets.
    func withBytes<T, E: Error>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> T) throws(E) -> T {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let bytes = sqlite3_column_blob(handle, index) else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: count))
    }

    /// Resets the statement and clears its bindings so it can be used again.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Finalizes the statement; called once by the owning connection when it closes.
    func finalize() {
        sqlite3_finalize(handle)
    }

    private func check(_ rc: Int32) throws {
        if rc != SQLITE_OK { throw failure(rc) }
    }

    private func failure(_ rc: Int32) -> StoreError {
        StoreError.sqlite(code: rc, detail: String(cString: sqlite3_errmsg(database)), path: path)
    }
}
