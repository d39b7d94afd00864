import Dispatch
import Foundation
import PartnerCore
import PartnerStore
import Synchronization

/// The write path of one replica: writer connections ("lanes", each on its own queue) that
/// commit the writes waiting for them together, each body in its own savepoint, one COMMIT (one
/// WAL flush) per batch. A lane that finished a batch takes the next writes waiting; with more
/// than one lane, one batch runs its bodies while another commits.
///
/// Why: a write that appends an event takes its partner's event counter row until COMMIT, so
/// writes of one partner commit one after the other, and one WAL flush each would cap them at
/// the disk's flushes per second. Batched, they share the flush, as on SQLite.
///
/// - A body that throws is rolled back to its savepoint and answered with its error at once;
///   the others go on.
/// - A deadlock, a serialization failure or a row that appeared concurrently rolls the whole
///   batch back and runs it again (a body may so run several times; only the last run counts),
///   up to `maxAttempts` per body.
/// - After the last body, the batch's numbered records (feed events, `putNumbered`) take their
///   values from their counters and are queued to travel with COMMIT (`PostgresBatchSequences`).
/// - After COMMIT every kept body is answered and the kinds they touched are announced.
final class PostgresGroupWriter: Sendable {
    /// One writer connection and the queue its batches run on.
    private struct Lane: Sendable {
        let connection: PostgresConnection
        let queue: DispatchQueue
    }

    private let lanes: [Lane]
    private let records: PostgresDecodedRecords
    private let state: Mutex<State>
    private let maxBatch: Int
    private let maxAttempts: Int
    private let committed: @Sendable (Set<String>) -> Void
    private let retries = Atomic<Int>(0)
    private let commits = Atomic<Int>(0)

    /// The queued writes and which lanes are running batches.
    private struct State {
        var pending: [any PendingWrite] = []
        var busy: [Bool]
        var closed = false

        /// A write arrives: refused when closed; otherwise queued, and an idle lane (if any)
        /// is woken to run it.
        mutating func submit(_ write: any PendingWrite) -> SubmitAction {
            if closed { return .refuse }
            pending.append(write)
            guard let lane = busy.firstIndex(of: false) else { return .none }
            busy[lane] = true
            return .start(lane)
        }

        /// The next batch for `lane`, at most `limit` writes; empty (and the lane idle) when
        /// nothing waits.
        mutating func nextBatch(lane: Int, limit: Int) -> [any PendingWrite] {
            let taken = Array(pending.prefix(limit))
            pending.removeFirst(taken.count)
            if taken.isEmpty { busy[lane] = false }
            return taken
        }
    }

    private enum SubmitAction {
        case refuse, none
        case start(Int)
    }

    /// - Parameters:
    ///   - connections: one per lane; a batch runs on one lane, lanes run batches side by side
    ///     (their commits share the event counter's lock, held for the commit alone).
    ///   - maxBatch: bodies per transaction at most (each takes a subtransaction id; PostgreSQL
    ///     keeps 64 per backend cached, so stay below).
    ///   - committed: called with the kinds touched after each successful COMMIT.
    init(
        connections: [PostgresConnection], records: PostgresDecodedRecords, maxBatch: Int, maxAttempts: Int,
        committed: @escaping @Sendable (Set<String>) -> Void
    ) {
        precondition(!connections.isEmpty, "a group writer needs a connection")
        self.lanes = connections.enumerated().map { index, connection in
            Lane(connection: connection, queue: DispatchQueue(label: "partner.postgres.writer.\(index)"))
        }
        self.state = Mutex(State(busy: Array(repeating: false, count: connections.count)))
        self.records = records
        self.maxBatch = max(1, min(maxBatch, 60))
        self.maxAttempts = max(1, maxAttempts)
        self.committed = committed
    }

    /// Conflicts that made a batch run again.
    var retryCount: Int { retries.load(ordering: .relaxed) }
    /// Successful COMMITs.
    var commitCount: Int { commits.load(ordering: .relaxed) }

    /// Queues a write; its continuation is resumed after its batch committed (or failed).
    func submit(_ write: any PendingWrite) {
        switch state.withLock({ $0.submit(write) }) {
        case .refuse: write.fail(StoreError(code: .unavailable, message: "the store is closed"))
        case .start(let index): lanes[index].queue.async { self.drain(index) }
        case .none: break
        }
    }

    /// Refuses new writes, lets the queued ones finish, closes the connections.
    func close() async {
        state.withLock { $0.closed = true }
        for (index, lane) in lanes.enumerated() {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lane.queue.async {
                    // Runs after any drain in progress on this lane (same serial queue); writes
                    // queued before `closed` was set are drained here.
                    self.drain(index)
                    lane.connection.close()
                    continuation.resume()
                }
            }
        }
    }

    private func drain(_ index: Int) {
        let connection = lanes[index].connection
        while true {
            let batch = state.withLock { $0.nextBatch(lane: index, limit: maxBatch) }
            if batch.isEmpty { return }
            run(batch, on: connection)
        }
    }

    private func run(_ batch: [any PendingWrite], on connection: PostgresConnection) {
        var remaining = batch
        var deferWrites = true
        while !remaining.isEmpty {
            switch attempt(remaining, deferWrites: deferWrites, on: connection) {
            case .done:
                return
            case .retry(let left, let reason):
                retries.add(1, ordering: .relaxed)
                remaining = []
                for write in left {
                    if write.attempts >= maxAttempts {
                        write.fail(
                            StoreError(
                                code: .unavailable,
                                message: "the write ran \(write.attempts) times and still conflicted: \(reason)"))
                    } else {
                        remaining.append(write)
                    }
                }
                // Again without deferred writes: a deferred insert that met an existing row
                // then takes the checked path.
                deferWrites = false
                usleep(UInt32.random(in: 0...500))
            }
        }
    }

    private enum Attempt {
        case done
        case retry([any PendingWrite], String)
    }

    private func attempt(
        _ batch: [any PendingWrite], deferWrites: Bool, on connection: PostgresConnection
    ) -> Attempt {
        do {
            try begin(on: connection)
        } catch {
            for write in batch { write.fail(error.storeErrorOrSelf) }
            return .done
        }
        let tables = PostgresRecordTables(connection: connection, records: records)
        let sequences = PostgresBatchSequences()
        var kept: [any PendingWrite] = []
        var kinds: Set<String> = []
        for write in batch {
            do {
                // The savepoint travels with the body's first statement.
                let mark = Mark(queued: connection.deferredCount, roundTrips: connection.roundTrips)
                let counters = sequences.mark
                if batch.count > 1 { try connection.deferStatement("SAVEPOINT body") }
                let transaction = PostgresWriteTransaction(
                    tables: tables, sequences: sequences, deferWrites: deferWrites)
                let returned = write.run(transaction)
                transaction.invalidate()
                if let reason = transaction.retryReason {
                    rollback(on: connection)
                    return .retry(kept + batch.drop(while: { $0 !== write }), reason)
                }
                if let failure = transaction.failure {
                    try undo(batch: batch, mark: mark, on: connection)
                    sequences.restore(counters)
                    write.fail(failure.storeError)
                } else if !returned {
                    try undo(batch: batch, mark: mark, on: connection)
                    sequences.restore(counters)
                    write.complete()  // with the body's own error
                } else {
                    kept.append(write)
                    kinds.formUnion(transaction.touchedKinds)
                }
            } catch let error as PostgresError where error.isRetryable {
                rollback(on: connection)
                return .retry(kept + batch.drop(while: { $0 !== write }), error.description)
            } catch {
                // The connection broke: nothing of the batch is kept.
                rollback(on: connection)
                let failure = error.storeErrorOrSelf
                for other in kept + batch.drop(while: { $0 !== write }) { other.fail(failure) }
                return .done
            }
        }
        guard !kept.isEmpty else {
            rollback(on: connection)
            return .done
        }
        // The numbered records (feed events) take their values now: the feed's counter is held
        // from here to COMMIT only.
        let closing = PostgresWriteTransaction(tables: tables, sequences: sequences, deferWrites: deferWrites)
        do {
            try sequences.numberPending(in: closing, tables: tables)
            closing.invalidate()
            kinds.formUnion(closing.touchedKinds)
            try sequences.flush(on: connection)
            try connection.execute("COMMIT")
        } catch {
            rollback(on: connection)
            if let reason = closing.retryReason { return .retry(kept, reason) }
            if let error = error as? PostgresError, error.isRetryable { return .retry(kept, error.description) }
            for write in kept { write.fail(error.storeErrorOrSelf) }
            return .done
        }
        commits.add(1, ordering: .relaxed)
        if !kinds.isEmpty { committed(kinds) }
        for write in kept { write.complete() }
        return .done
    }

    /// Where a body started: how many statements were queued before its savepoint, and how
    /// many round trips the connection had made.
    private struct Mark {
        var queued: Int
        var roundTrips: Int
    }

    /// Undoes one body's changes: back to its savepoint, or the whole transaction when it is
    /// the batch's only body. When nothing was sent since `mark`, the savepoint and the body's
    /// statements are still in the queue and are simply dropped (the earlier bodies' stay
    /// queued); otherwise the queue (all of it the body's own) is dropped and the savepoint
    /// rolled back to.
    private func undo(batch: [any PendingWrite], mark: Mark, on connection: PostgresConnection) throws {
        guard batch.count > 1 else {
            rollback(on: connection)
            return
        }
        if connection.roundTrips == mark.roundTrips {
            connection.dropDeferred(keeping: mark.queued)
        } else {
            connection.dropDeferred(keeping: 0)
            try connection.execute("ROLLBACK TO SAVEPOINT body")
        }
    }

    private func begin(on connection: PostgresConnection) throws {
        connection.dropDeferred(keeping: 0)
        do {
            try connection.execute("BEGIN")
        } catch let original as PostgresError where !connection.isHealthy {
            do { try connection.reconnect() } catch { throw original }
            try connection.execute("BEGIN")
        }
    }

    /// Rolls the whole transaction back, dropping what was queued for it.
    private func rollback(on connection: PostgresConnection) {
        connection.dropDeferred(keeping: 0)
        _ = try? connection.execute("ROLLBACK")
    }
}

extension Error {
    /// `PostgresError` as the store's error; anything else unchanged.
    var storeErrorOrSelf: any Error {
        (self as? PostgresError)?.storeError ?? self
    }
}
