import Dispatch
import Foundation
public import PartnerCore
import PartnerStore
import Synchronization

/// `RecordStore` on PostgreSQL through libpq, for several partner-server replicas sharing one
/// database.
///
/// Promises, beyond `RecordStore`'s:
/// - `write` returns only after COMMIT with `synchronous_commit = on`: the change is in
///   PostgreSQL's fsync'd WAL (and on synchronous standbys, when configured) before the answer.
/// - Writes made by any number of processes never lose an update: a write body runs in a READ
///   COMMITTED transaction that locks every record it reads (see `PostgresWriteTransaction`),
///   so concurrent read-modify-writes of one record run one after the other. Concurrent writes
///   of one replica share a transaction and its WAL flush, each in its own savepoint
///   (`PostgresGroupWriter`, on `Config.writerConnections` connections side by side). A body
///   may run more than once (deadlock, serialization failure);
///   only the last run counts.
/// - `read` runs against one `REPEATABLE READ` snapshot. Every read goes to PostgreSQL, so a
///   read after a write through any replica sees the write; only the decoding of a record whose
///   stored text did not change is skipped (`PostgresDecodedRecords`).
/// - Schema migrations run once under an advisory lock, however many replicas start together.
/// - Other replicas' commits are announced through LISTEN/NOTIFY (`CommitObserving`), so
///   in-memory state derived from the store (token cache, `Events.Watch`) follows within
///   milliseconds.
///
/// ```swift
/// let store = try await PostgresRecordStore.open(url: "postgresql://partner@127.0.0.1:5432/partner")
/// try await store.write { try $0.put(note) }
/// await store.close()
/// ```
public final class PostgresRecordStore: RecordStore, CommitObserving {
    /// The connection URL, password removed.
    public let displayURL: String
    /// How the store was opened.
    public let config: Config
    /// The schema version the database is at.
    public let schemaVersion: Int

    private let pool: PostgresConnectionPool
    private let records: PostgresDecodedRecords
    private let writer: PostgresGroupWriter
    private let notifier: PostgresCommitNotifier?
    private let listener: PostgresCommitListener?
    private let closed = Atomic<Bool>(false)

    /// Opens the store without blocking a cooperative thread.
    /// - Throws: see `init(url:config:)`.
    public static func open(url: String, config: Config = Config()) async throws -> PostgresRecordStore {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try PostgresRecordStore(url: url, config: config) })
            }
        }
    }

    /// Connects to `url` (a `postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE` URL or libpq
    /// keywords), brings the schema to the newest version and opens the connections. Blocks.
    /// - Throws: `StoreError(.unavailable)` naming PostgreSQL's reason when the server cannot
    ///   be reached or refuses; `StoreError(.incompatibleSchema)` when the database was written
    ///   by a newer schema.
    public init(url: String, config: Config = Config()) throws {
        displayURL = PostgresConnection.redacted(url)
        self.config = config
        var connections: [PostgresConnection] = []
        let writerConnection: PostgresConnection
        var writers: [PostgresConnection] = []
        var announcer: PostgresCommitNotifier?
        do {
            writerConnection = try PostgresConnection(url: url, applicationName: "partner-server writer")
            for _ in 1..<max(1, config.writerConnections) {
                writers.append(try PostgresConnection(url: url, applicationName: "partner-server writer"))
            }
            for _ in 0..<max(1, config.connectionCount) { connections.append(try PostgresConnection(url: url)) }
            schemaVersion = try PostgresMigrator(steps: PostgresMigrations.all).migrate(writerConnection)
            if config.notifications {
                let notifierConnection = try PostgresConnection(url: url, applicationName: "partner-server notifier")
                let listenConnection = try PostgresCommitListener.listen(url: url)
                let notifier = PostgresCommitNotifier(connection: notifierConnection)
                let listener = PostgresCommitListener(
                    url: url, tick: config.staleTick, ownPIDs: [notifierConnection.backendPID])
                listener.start(connection: listenConnection)
                self.notifier = notifier
                self.listener = listener
                announcer = notifier
            } else {
                notifier = nil
                listener = nil
            }
        } catch let error as PostgresError {
            throw error.storeError
        }
        pool = PostgresConnectionPool(connections: connections)
        let records = PostgresDecodedRecords(capacity: config.decodedRecords)
        self.records = records
        writer = PostgresGroupWriter(
            connections: [writerConnection] + writers, records: records, maxBatch: config.maxBatchSize,
            maxAttempts: config.maxWriteAttempts,
            committed: { [announcer] kinds in announcer?.committed(kinds: kinds) })
    }

    /// Runs `body` in a `REPEATABLE READ READ ONLY` transaction.
    /// - Throws: what `body` throws; `StoreError(.unavailable)` when the store is closed or
    ///   PostgreSQL fails; `StoreError(.corrupt)` when a stored record does not decode.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try checkOpen()
        let records = records
        return try await pool.run { connection in
            do {
                try Self.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", on: connection)
            } catch let error as PostgresError {
                throw error.storeError
            }
            let transaction = PostgresReadTransaction(
                tables: PostgresRecordTables(connection: connection, records: records))
            let result = Result { try body(transaction) }
            transaction.invalidate()
            _ = try? connection.execute("ROLLBACK")  // read only: nothing to keep
            return try result.get()
        }
    }

    /// Runs `body` in the group writer's next batch, in its own savepoint, and returns after
    /// the batch's durable COMMIT (see `PostgresGroupWriter`). Once queued, the write runs even
    /// if the calling task is cancelled, so the answer always matches the database.
    /// - Throws: what `body` throws (its changes discarded); `StoreError.duplicateKey` from
    ///   `put`; `StoreError(.unavailable)` when the store is closed, PostgreSQL fails or the
    ///   attempts ran out (nothing kept). A connection lost during COMMIT is reported as
    ///   `.unavailable` too, though the change may have been kept: use idempotency keys.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try checkOpen()
        return try await withCheckedThrowingContinuation { continuation in
            writer.submit(WriteRequest(body: body, continuation: continuation))
        }
    }

    /// Starts a transaction. A connection broken since its last use (the server restarted)
    /// only says so when it is used: then it is opened again once, as nothing was sent yet.
    private static func begin(_ sql: String, on connection: PostgresConnection) throws {
        do {
            try connection.execute(sql)
        } catch let original as PostgresError where !connection.isHealthy {
            do { try connection.reconnect() } catch { throw original }
            try connection.execute(sql)
        }
    }

    /// Adds a handler called after other replicas' commits (see `CommitObserving`).
    public func observeCommits(_ handler: @escaping @Sendable (RemoteCommit) -> Void) {
        listener?.observe(handler)
    }

    /// How many times a batch of writes ran again after a conflict since the store was opened.
    public var retryCount: Int { writer.retryCount }

    /// The number of successful COMMITs of writes: with group commit, fewer than the writes.
    public var commitCount: Int { writer.commitCount }

    /// Finishes running work and closes every connection. Later calls throw `.unavailable`.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await writer.close()
        await pool.close()
        await listener?.stop()
        notifier?.close()
    }

    private func checkOpen() throws {
        guard !closed.load(ordering: .acquiring) else {
            throw StoreError(code: .unavailable, message: "the store on \(displayURL) is closed")
        }
    }
}
