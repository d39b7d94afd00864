import CSQLite
import CSQLiteLog
import PartnerCore

/// One SQLite connection with its prepared-statement cache.
///
/// Confinement: a connection is used by one thread at a time. The store opens it on the
/// thread that creates the store, hands it over once to the thread that owns it from then on
/// (the writer thread or one reader thread), and only that thread touches it afterwards. That
/// hand-over is why the type is `@unchecked Sendable`; it is opened with
/// `SQLITE_OPEN_NOMUTEX` because SQLite's own locking would add nothing.
final class SQLiteConnection: @unchecked Sendable {
    /// The database file.
    let path: String
    private var database: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    /// Library-wide settings, applied once before the first connection opens: no memory
    /// statistics (see `csqlite_disable_memory_statistics`).
    private static let libraryConfigured: Bool = csqlite_disable_memory_statistics() == SQLITE_OK

    /// The VFS every connection opens with: SQLite's default, with the appends to the
    /// write-ahead log gathered into writes of up to 64 KiB (`CSQLiteLog.h`): a commit reaches
    /// the log file in a few writes instead of two per page, synced as before. nil (the default
    /// VFS as it is) should registering fail. Registered after the library settings above,
    /// which must come before SQLite initializes.
    static let vfsName: String? = {
        _ = libraryConfigured
        return csqlitelog_register() == SQLITE_OK ? String(cString: csqlitelog_name()) : nil
    }()

    /// Writes SQLite asked for on write-ahead logs, and writes the file system received for
    /// them, since the process started.
    static var logWriteCounts: (requested: Int64, issued: Int64) {
        var requested: sqlite3_int64 = 0
        var issued: sqlite3_int64 = 0
        csqlitelog_counts(&requested, &issued)
        return (requested, issued)
    }

    /// Opens (and creates, when missing) the database at `path`.
    /// - Parameter requireWritable: fail with a read-only error when SQLite could only open the
    ///   file for reading (it silently does so when the file is not writable).
    /// - Throws: `StoreError(.unavailable)` when the file cannot be opened.
    init(path: String, requireWritable: Bool) throws {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, Self.vfsName)
        guard rc == SQLITE_OK, let handle else {
            let detail = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError.sqlite(code: rc, detail: detail, path: path)
        }
        self.database = handle
        sqlite3_extended_result_codes(handle, 1)
        if requireWritable && sqlite3_db_readonly(handle, "main") == 1 {
            sqlite3_close_v2(handle)
            self.database = nil
            throw StoreError.sqlite(code: SQLITE_READONLY, detail: "the file is not writable", path: path)
        }
    }

    deinit {
        close()
    }

    /// Whether a transaction is open (SQLite may end one on its own after I/O errors).
    var isInTransaction: Bool {
        guard let database else { return false }
        return sqlite3_get_autocommit(database) == 0
    }

    /// The rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int {
        guard let database else { return 0 }
        return Int(sqlite3_changes(database))
    }

    /// Runs one or more SQL statements that return no rows (schema, pragmas). Not cached.
    /// - Throws: `StoreError` mapped from the SQLite result code.
    func execute(_ sql: String) throws {
        let database = try open()
        var errorText: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(database, sql, nil, nil, &errorText)
        if rc != SQLITE_OK {
            let detail = errorText.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(database))
            sqlite3_free(errorText)
            throw StoreError.sqlite(code: rc, detail: detail, path: path)
        }
    }

    /// The single integer a query (e.g. a pragma) answers; 0 when it answers no row.
    func integer(_ sql: String) throws -> Int64 {
        try withStatement(sql) { statement in try statement.step() ? statement.int64(0) : 0 }
    }

    /// The text rows of the first column a query answers (e.g. `PRAGMA integrity_check`).
    func texts(_ sql: String) throws -> [String] {
        try withStatement(sql) { statement in
            var rows: [String] = []
            while try statement.step() { rows.append(statement.text(0)) }
            return rows
        }
    }

    /// Runs `body` with the cached prepared statement for `sql` (prepared on first use, never
    /// again), then resets it.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement = try prepared(sql)
        defer { statement.reset() }
        return try body(statement)
    }

    /// Runs the cached statement for `sql` to completion, e.g. `BEGIN IMMEDIATE`.
    func run(_ sql: String) throws {
        try withStatement(sql) { try $0.run() }
    }

    /// The number of statements prepared so far (each SQL text once).
    var preparedStatementCount: Int { statements.count }

    /// Finalizes every statement and closes the connection; later use throws `.unavailable`.
    func close() {
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        if let database {
            sqlite3_close_v2(database)
            self.database = nil
        }
    }

    /// Runs `body` with the raw handle, for the few C calls the wrapper does not cover (hooks,
    /// checkpoints). The handle must not escape `body`.
    /// - Throws: `StoreError(.unavailable)` when the connection is closed; what `body` throws.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try body(try open())
    }

    private func open() throws -> OpaquePointer {
        guard let database else { throw StoreError.closed(path) }
        return database
    }

    /// The cached prepared statement for `sql`, prepared on first use. The connection owns it
    /// (finalizes it on close); callers reset it after each use.
    func statement(_ sql: String) throws -> SQLiteStatement {
        try prepared(sql)
    }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        let database = try open()
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            throw StoreError.sqlite(code: rc, detail: String(cString: sqlite3_errmsg(database)), path: path)
        }
        let statement = SQLiteStatement(handle: handle, database: database, path: path)
        statements[sql] = statement
        return statement
    }
}
