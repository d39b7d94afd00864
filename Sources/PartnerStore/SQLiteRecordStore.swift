import Dispatch
import Foundation
public import PartnerCore
import Synchronization

/// `RecordStore` on one SQLite file: WAL journal, `synchronous=FULL`, foreign keys on,
/// versioned migrations, one writer thread that group-commits concurrent writes, a pool of
/// reader threads, and a cache of decoded records in front of them.
///
/// Promises, beyond `RecordStore`'s:
/// - `write` returns only after its transaction's COMMIT is durable (fsync'd WAL); concurrent
///   writes share one transaction and one fsync, each body isolated in its own SAVEPOINT.
/// - `read` answers from the cache alone when every record the body asks for is cached and no
///   commit happened meanwhile (no SQLite, no thread hop); otherwise it runs on a reader thread
///   against a SQLite snapshot. Swift's cooperative threads never wait on SQLite I/O.
/// - The cache only ever holds committed values (see `RecordCache`).
/// - One process opens a database at a time (an exclusive `flock` on `<path>.lock`).
/// - Failures of the disk (full, read-only, I/O) surface as `StoreError(.unavailable)` with a
///   message naming the cause; SQLite's rollback leaves the file valid.
///
/// Bodies must have no effects outside the transaction they are given: a read body the cache
/// cannot answer runs again on a reader thread, and when SQLite abandons a batch's transaction
/// (disk full or I/O error in one body) the other bodies of the batch run again in a new one.
/// Only the last run's changes and result count.
///
/// ```swift
/// let store = try await SQLiteRecordStore.open(path: "data/partner.sqlite")
/// let number = try await store.write { tx in
///     try tx.put(note)
///     return try tx.nextSequence("notes")
/// }
/// let same = try await store.read { try $0.get(Note.self, id: note.id) }
/// await store.close()
/// ```
public final class SQLiteRecordStore: RecordStore {
    /// The database file's name inside a data folder.
    public static let fileName = "partner.sqlite"

    /// The database file.
    public let path: String
    /// How the store was opened.
    public let config: Config
    /// The schema version the database is at (`Migrations.latestVersion`).
    public let schemaVersion: Int

    private let cache: RecordCache
    private let writer: GroupCommitWriter
    private let readers: ReaderPool
    private let checkpointer: WALCheckpointer?
    private let lock: StoreFileLock
    private let closed = Atomic<Bool>(false)

    /// The database path inside a data folder (`<folder>/partner.sqlite`).
    public static func path(inDataFolder folder: String) -> String {
        (folder as NSString).appendingPathComponent(fileName)
    }

    /// The mode of a data folder that group or others may read, write or enter (e.g. `0755`):
    /// the store's files are 0600 themselves, but such a folder still shows their names and
    /// sizes, and a folder others may write lets them replace files. Nil when it is owner-only.
    public static func exposure(ofDataFolder folder: String) -> String? {
        StoreFileModes.exposure(ofFolder: folder)
    }

    /// Opens the store without blocking a cooperative thread on the file system.
    /// - Throws: see `init(path:config:)`.
    public static func open(path: String, config: Config = Config()) async throws -> SQLiteRecordStore {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try SQLiteRecordStore(path: path, config: config) })
            }
        }
    }

    /// Opens the store at `path`, creating the folder and the file when missing and bringing
    /// the schema to `Migrations.latestVersion`. Blocks while it opens and migrates; prefer
    /// `open(path:config:)` from async code.
    /// - Throws: `StoreError(.incompatibleSchema)` when the file was written by a newer schema
    ///   (the message names both versions); `StoreError(.unavailable)` when the folder or file
    ///   cannot be created or written (read-only, disk full, I/O error) or another process has
    ///   the store open; `StoreError(.corrupt)` when the file is not a valid database.
    public convenience init(path: String, config: Config = Config()) throws {
        try self.init(path: path, config: config, migrations: Migrations.all)
    }

    /// Opens the store with an explicit migration list (tests use it to add versions).
    init(path: String, config: Config, migrations: [Migration]) throws {
        try Self.checkSettings(config)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    code: .unavailable,
                    message:
                        "cannot create the data folder \(folder) (read-only or disk full?): \(error.localizedDescription)"
                )
            }
        }
        let lock = try StoreFileLock(path: path + ".lock", databasePath: path)
        StoreFileModes.restrict(databasePath: path)
        var opened: [SQLiteConnection] = []
        let writerConnection: SQLiteConnection
        var readerConnections: [SQLiteConnection] = []
        var checkpointer: WALCheckpointer?
        do {
            writerConnection = try SQLiteConnection(path: path, requireWritable: true)
            opened.append(writerConnection)
            try Self.configureWriter(writerConnection, config: config)
            schemaVersion = try SchemaMigrator(migrations: migrations).migrate(writerConnection)
            if config.checkpointKiB > 0 {
                let connection = try SQLiteConnection(path: path, requireWritable: true)
                opened.append(connection)
                let pageSize = max(512, Int(try writerConnection.integer("PRAGMA page_size")))
                let background = try WALCheckpointer(
                    connection: connection, thresholdPages: max(1, config.checkpointKiB * 1024 / pageSize))
                try background.install(on: writerConnection)
                checkpointer = background
            }
            for _ in 0..<max(1, config.readerCount) {
                let connection = try SQLiteConnection(path: path, requireWritable: false)
                opened.append(connection)
                try Self.configureReader(connection, config: config)
                readerConnections.append(connection)
            }
        } catch {
            for connection in opened { connection.close() }
            lock.release()
            throw error
        }
        self.path = path
        self.config = config
        self.lock = lock
        cache = RecordCache(capacity: config.cacheCapacity)
        self.checkpointer = checkpointer
        writer = GroupCommitWriter(
            connection: writerConnection, cache: cache, maxBatchSize: config.maxBatchSize, lock: lock,
            checkpointer: checkpointer, onCommit: config.onCommit
        )
        readers = ReaderPool(connections: readerConnections, cache: cache, lock: lock)
        checkpointer?.start()
        writer.start()
        readers.start()
    }

    deinit {
        writer.requestStop()
        checkpointer?.requestStop()
        readers.requestStop()
    }

    /// Runs `body` against committed state: the cache alone when it can answer, else a SQLite
    /// snapshot on a reader thread (see the type's promises).
    /// - Throws: what `body` throws; `StoreError(.unavailable)` when the store is closed or
    ///   cannot be read; `StoreError(.corrupt)` when a stored record does not decode.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        guard !closed.load(ordering: .acquiring) else { throw StoreError.closed(path) }
        if config.cachedReads, let answer = readFromCache(body) {
            return try answer.get()
        }
        return try await withCheckedThrowingContinuation { continuation in
            readers.submit(ReadRequest(body: body, continuation: continuation))
        }
    }

    /// Runs `body` in the writer's next batch, in its own savepoint; returns after COMMIT is
    /// durable. Once queued, the write runs even if the calling task is cancelled, so the
    /// answer always matches the disk.
    /// - Throws: what `body` throws (its changes discarded); `StoreError.duplicateKey` from
    ///   `put`; `StoreError(.unavailable)` when the store is closed or the commit failed (disk
    ///   full, read-only, I/O error; nothing was kept).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        guard !closed.load(ordering: .acquiring) else { throw StoreError.closed(path) }
        return try await withCheckedThrowingContinuation { continuation in
            writer.submit(WriteRequest(body: body, continuation: continuation))
        }
    }

    /// Finishes every queued write and read, closes the connections (checkpointing the WAL)
    /// and releases the lock. Later calls throw `.unavailable`. Calling it again does nothing.
    public func close() async {
        closed.store(true, ordering: .releasing)
        // The writer closes last: as the last connection it checkpoints the WAL and removes it,
        // which a read-only reader cannot do.
        await readers.stop()
        await checkpointer?.stop()
        await writer.stop()
        cache.removeAll()
        lock.release()
    }

    /// The number of successful COMMITs since the store was opened: with group commit, fewer
    /// than the number of writes under concurrency.
    public var commitCount: Int { writer.commitCount }

    /// The number of checkpoints the background checkpointer ran (0 when it is off).
    var backgroundCheckpointCount: Int { checkpointer?.checkpointCount ?? 0 }

    /// The number of writes waiting for the writer's next batch.
    var pendingWriteCount: Int { writer.pendingCount }

    /// Stops the reader threads alone, so a test can prove an answer came from the cache.
    func stopReadersForTesting() async {
        await readers.stop()
    }

    /// The number of decoded records in the cache.
    var cachedRecordCount: Int { cache.count }

    /// Answers when a reader connection can run `SELECT 1` (readiness probes).
    /// - Throws: `StoreError(.unavailable)` when the store is closed or cannot be read.
    public func ping() async throws {
        guard !closed.load(ordering: .acquiring) else { throw StoreError.closed(path) }
        _ = try await withCheckedThrowingContinuation { continuation in
            readers.submit(
                ConnectionRequest(continuation: continuation) { connection in
                    try connection.texts("SELECT 1")
                })
        }
    }

    /// Runs SQLite's `integrity_check` and `foreign_key_check` on a reader connection.
    /// - Returns: the problems found; empty when the database is sound.
    /// - Throws: `StoreError(.unavailable)` when the store is closed or cannot be read.
    public func integrityProblems() async throws -> [String] {
        guard !closed.load(ordering: .acquiring) else { throw StoreError.closed(path) }
        return try await withCheckedThrowingContinuation { continuation in
            readers.submit(
                ConnectionRequest(continuation: continuation) { connection in
                    let integrity = try connection.texts("PRAGMA integrity_check")
                    let foreignKeys = try connection.texts("PRAGMA foreign_key_check")
                    return (integrity == ["ok"] ? [] : integrity)
                        + foreignKeys.map { "foreign key violation in table \($0)" }
                })
        }
    }

    private func readFromCache<T: Sendable>(
        _ body: @Sendable (any StoreReading) throws -> T
    ) -> Result<T, any Error>? {
        let epoch = cache.epoch
        let transaction = CachedReadTransaction(cache: cache)
        let result = Result { try body(transaction) }
        transaction.invalidate()
        guard !transaction.missed, cache.epoch == epoch else { return nil }
        return result
    }
}
