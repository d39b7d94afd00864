import Dispatch
import Foundation
import PartnerCore
import Synchronization

/// Reader threads, each owning one connection, that run `read` bodies against SQLite
/// snapshots off Swift's cooperative thread pool. In WAL mode readers never wait for the
/// writer nor it for them.
final class ReaderPool: Sendable {
    private let state: Mutex<State>
    private let wakeup = DispatchSemaphore(value: 0)
    private let connections: [SQLiteConnection]
    private let cache: RecordCache
    private let lock: StoreFileLock

    /// - Parameter connections: open reader connections, one per thread, handed over to them.
    init(connections: [SQLiteConnection], cache: RecordCache, lock: StoreFileLock) {
        precondition(!connections.isEmpty, "a reader pool needs a connection")
        self.connections = connections
        self.cache = cache
        self.lock = lock
        self.state = Mutex(State(threads: connections.count))
    }

    /// Starts one thread per connection.
    func start() {
        for (number, connection) in connections.enumerated() {
            let thread = Thread { [self] in runLoop(connection) }
            thread.name = "PartnerStore.reader.\(number)"
            thread.start()
        }
    }

    /// Queues a call; fails it at once when the pool is stopping.
    func submit(_ job: any PendingRead) {
        switch state.withLock({ $0.enqueue(job) }) {
        case .none: break
        case .wakeOne: wakeup.signal()
        case .reject: job.fail(StoreError.closed(connections[0].path))
        }
    }

    /// Finishes the queued calls, closes every connection and returns once all threads ended.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            guard let sleepers = state.withLock({ $0.stop(waiter) }) else {
                waiter.resume()
                return
            }
            for _ in 0..<sleepers { wakeup.signal() }
        }
    }

    /// Asks the threads to finish the queued calls and end, without waiting.
    func requestStop() {
        let sleepers = state.withLock { $0.stop(nil) } ?? 0
        for _ in 0..<sleepers { wakeup.signal() }
    }

    /// How long a reader thread with nothing to read keeps its snapshot for the next read
    /// before it ends it (`ReaderSnapshot`): long enough to span the gaps between the reads of
    /// a busy store, short enough that the checkpoint is never held up for long.
    static let snapshotHold: DispatchTimeInterval = .milliseconds(5)

    private func runLoop(_ connection: SQLiteConnection) {
        let tables = RecordTables(connection: connection)
        let snapshot = ReaderSnapshot(connection: connection)
        while true {
            switch state.withLock({ $0.next() }) {
            case .sleep:
                // Either way the thread takes exactly one wake-up, as `State` counts on.
                if !snapshot.isHeld {
                    wakeup.wait()
                } else if wakeup.wait(timeout: .now() + Self.snapshotHold) == .timedOut {
                    snapshot.end()
                    wakeup.wait()
                }
            case .run(let job):
                job.run(tables: tables, cache: cache, snapshot: snapshot)
            case .exit:
                snapshot.end()
                connection.close()
                let waiters = state.withLock { $0.exited() }
                withExtendedLifetime(lock) {}
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }
}
