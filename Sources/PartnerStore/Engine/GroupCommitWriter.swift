import Dispatch
import Foundation
import PartnerCore
import Synchronization

/// The single writer: one connection on its own thread that runs every `write` body.
///
/// Group commit: while one COMMIT (and its fsync) runs, new calls queue up; the thread then
/// takes all of them (up to `maxBatchSize`) into one `BEGIN IMMEDIATE` ... `COMMIT`, each body in
/// its own SAVEPOINT, so N concurrent writes cost one fsync instead of N. A body that throws
/// rolls back only its savepoint. Callers are resumed only after COMMIT returned (success), or
/// with `.unavailable` when it failed. Bodies run one after another, so each sees the effects of
/// every body before it and writes never interleave.
final class GroupCommitWriter: Sendable {
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)
    private let connection: SQLiteConnection
    let cache: RecordCache
    private let maxBatchSize: Int
    private let commits = Atomic<Int>(0)
    private let lock: StoreFileLock
    private let checkpointer: WALCheckpointer?
    let onCommit: (@Sendable (_ writes: Int, _ duration: Duration, _ succeeded: Bool) -> Void)?

    /// - Parameters:
    ///   - connection: the migrated writer connection, handed over to the writer thread.
    ///   - lock: kept alive (held) until the thread has closed its connection.
    ///   - checkpointer: the background checkpointer whose hook the connection calls; kept
    ///     alive until the thread has closed its connection.
    init(
        connection: SQLiteConnection, cache: RecordCache, maxBatchSize: Int, lock: StoreFileLock,
        checkpointer: WALCheckpointer? = nil,
        onCommit: (@Sendable (_ writes: Int, _ duration: Duration, _ succeeded: Bool) -> Void)? = nil
    ) {
        self.onCommit = onCommit
        self.connection = connection
        self.cache = cache
        self.maxBatchSize = max(1, maxBatchSize)
        self.lock = lock
        self.checkpointer = checkpointer
    }

    /// Starts the writer thread.
    func start() {
        let thread = Thread { [self] in runLoop() }
        thread.name = "PartnerStore.writer"
        thread.start()
    }

    /// The number of successful COMMITs so far.
    var commitCount: Int { commits.load(ordering: .relaxed) }

    /// The number of calls waiting for the next batch.
    var pendingCount: Int { state.withLock { $0.pendingCount } }

    /// Queues a call; fails it at once when the writer is stopping.
    func submit(_ job: any PendingWrite) {
        switch state.withLock({ $0.enqueue(job) }) {
        case .none: break
        case .wake: wakeup.signal()
        case .reject: job.fail(StoreError.closed(connection.path))
        }
    }

    /// Finishes every queued call, closes the connection and returns once the thread ended.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            switch state.withLock({ $0.stop(waiter) }) {
            case .none: break
            case .wake: wakeup.signal()
            case .resumeNow: waiter.resume()
            }
        }
    }

    /// Asks the thread to finish the queued calls and end, without waiting.
    func requestStop() {
        if case .wake = state.withLock({ $0.stop(nil) }) { wakeup.signal() }
    }

    private func runLoop() {
        let tables = RecordTables(connection: connection)
        let counters = SequenceCounters()
        while true {
            switch state.withLock({ $0.next(maxBatchSize: maxBatchSize) }) {
            case .sleep:
                wakeup.wait()
            case .run(let jobs):
                runBatch(jobs, tables: tables, counters: counters)
            case .exit(let waiters):
                connection.close()
                withExtendedLifetime(lock) {}
                withExtendedLifetime(checkpointer) {}
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }

    /// Counts one successful COMMIT.
    func countCommit() {
        commits.add(1, ordering: .relaxed)
    }
}
