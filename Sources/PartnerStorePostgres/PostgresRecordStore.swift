import Dispatch
import Foundation
import PartnerCore
import Synchronization

/// `RecordStore` on PostgreSQL through libpq, for several partner-server replicas sharing one
/// database.
///
/// Promises, beyond `RecordStore`'s:
/// - `write` returns only after COMMIT with `synchronous_commit = on`: the change is in
///   PostgreSQL's fsync'd WAL (and on synchronous standbys, when configured) before the answer.
/// - Writes made by any number of processes never lose an update: a write body runs in a READ
///   COMMITTED transaction that locks every record it reads (see `PostgresWriteTransaction`),
///   so concurrent read-modify-writes of one record run one after the other. A body may run
///   more than once (deadlock, serialization failure); only the last run counts.
/// - `read` runs against one `REPEATABLE READ` snapshot. There is no record cache: every read
///   goes to PostgreSQL, so a read after a write through any replica sees the write.
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
    private let notifier: PostgresCommitNotifier?
    private let listener: PostgresCommitListener?
    private let closed = Atomic<Bool>(false)
    private let retries = Atomic<Int>(0)

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
        do {
            for _ in 0..<max(1, config.connectionCount) { connections.append(try PostgresConnection(url: url)) }
            schemaVersion = try PostgresMigrator(steps: PostgresMigrations.all).migrate(connections[0])
            if config.notifications {
                let notifierConnection = try PostgresConnection(url: url, applicationName: "partner-server notifier")
                let listenConnection = try PostgresCommitListener.listen(url: url)
                let notifier = PostgresCommitNotifier(connection: notifierConnection)
                let listener = PostgresCommitListener(
                    url: url, tick: config.staleTick, ownPIDs: [notifierConnection.backendPID])
                listener.start(connection: listenConnection)
                self.notifier = notifier
                self.listener = listener
            } else {
                notifier = nil
                listener = nil
            }
        } catch let error as PostgresError {
            throw error.storeError
        }
        pool = PostgresConnectionPool(connections: connections)
    }

    /// Runs `body` in a `REPEATABLE READ READ ONLY` transaction.
    /// - Throws: what `body` throws; `StoreError(.unavailable)` when the store is closed or
    ///   PostgreSQL fails; `StoreError(.corrupt)` when a stored record does not decode.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try checkOpen()
        return try await pool.run { connection in
            do {
                try Self.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", on: connection)
            } catch let error as PostgresError {
                throw error.storeError
            }
            let transaction = PostgresReadTransaction(tables: PostgresRecordTables(connection: connection))
            let result = Result { try body(transaction) }
            transaction.invalidate()
            _ = try? connection.execute(result.isSuccess ? "COMMIT" : "ROLLBACK")
            return try result.get()
        }
    }

    /// Runs `body` in one transaction and returns after its durable COMMIT; runs it again when
    /// PostgreSQL reports a deadlock or serialization failure (up to `maxWriteAttempts`).
    /// - Throws: what `body` throws (its changes discarded); `StoreError.duplicateKey` from
    ///   `put`; `StoreError(.unavailable)` when the store is closed, PostgreSQL fails or the
    ///   attempts ran out (nothing kept). A connection lost during COMMIT is reported as
    ///   `.unavailable` too, though the change may have been kept: use idempotency keys.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try checkOpen()
        let attempts = max(1, config.maxWriteAttempts)
        for attempt in 1...attempts {
            let outcome: WriteOutcome<T> = try await pool.run { connection in
                Self.attempt(body, on: connection)
            }
            switch outcome {
            case .committed(let value, let kinds):
                if !kinds.isEmpty { notifier?.committed(kinds: kinds) }
                return value
            case .failed(let error):
                throw error
            case .retry(let reason):
                retries.add(1, ordering: .relaxed)
                if attempt == attempts {
                    throw StoreError(
                        code: .unavailable, message: "the write was retried \(attempts) times and still conflicted: \(reason)")
                }
                // Back off a little, more for each conflict, with jitter so racers spread out.
                let micros = Int.random(in: 0...(200 * min(attempt, 20)))
                try? await Task.sleep(for: .microseconds(micros))
            }
        }
        throw StoreError(code: .unavailable, message: "unreachable")
    }

    private static func attempt<T>(_ body: (any StoreWriting) throws -> T, on connection: PostgresConnection) -> WriteOutcome<T> {
        do {
            try begin("BEGIN", on: connection)
        } catch let error as PostgresError {
            return .failed(error.storeError)
        } catch {
            return .failed(error)
        }
        let transaction = PostgresWriteTransaction(tables: PostgresRecordTables(connection: connection))
        let result = Result { try body(transaction) }
        transaction.invalidate()
        if let reason = transaction.retryReason {
            _ = try? connection.execute("ROLLBACK")
            return .retry(reason)
        }
        if let failure = transaction.failure {
            _ = try? connection.execute("ROLLBACK")
            if case .failure(let error) = result, !(error is StoreError) { return .failed(error) }
            return .failed(failure.storeError)
        }
        switch result {
        case .failure(let error):
            _ = try? connection.execute("ROLLBACK")
            return .failed(error)
        case .success(let value):
            do {
                try connection.execute("COMMIT")
                return .committed(value, transaction.touchedKinds)
            } catch let error as PostgresError {
                _ = try? connection.execute("ROLLBACK")
                return error.isRetryable ? .retry(error.description) : .failed(error.storeError)
            } catch {
                return .failed(error)
            }
        }
    }

    /// Starts a transaction. A connection broken since its last use (the server restarted)
    /// only says so when it is used: then it is opened again once, as nothing was sent yet.
    private static func begin(_ sql: String, on connection: PostgresConnection) throws {
        do {
            try connection.execute(sql)
        } catch let error as PostgresError where !connection.isHealthy {
            do { try connection.reconnect() } catch { throw error }
            try connection.execute(sql)
        }
    }

    /// Adds a handler called after other replicas' commits (see `CommitObserving`).
    public func observeCommits(_ handler: @escaping @Sendable (RemoteCommit) -> Void) {
        listener?.observe(handler)
    }

    /// How many write attempts ran again after a conflict since the store was opened.
    public var retryCount: Int { retries.load(ordering: .relaxed) }

    /// Finishes running work and closes every connection. Later calls throw `.unavailable`.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
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
