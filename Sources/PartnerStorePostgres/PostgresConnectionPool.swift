import Dispatch
import PartnerCore
import Synchronization

/// A fixed set of connections, each with its own serial queue: a job takes a free connection
/// (or waits its turn, first come first served), runs on that connection's queue, so libpq's
/// blocking calls never hold a Swift cooperative thread, and gives the connection back.
final class PostgresConnectionPool: Sendable {
    private struct Slot: @unchecked Sendable {
        let connection: PostgresConnection
        let queue: DispatchQueue
    }

    private let slots: [Slot]
    private let state: Mutex<State>

    /// Takes ownership of `connections`.
    init(connections: [PostgresConnection]) {
        slots = connections.enumerated().map { index, connection in
            Slot(connection: connection, queue: DispatchQueue(label: "partner.postgres.\(index)"))
        }
        state = Mutex(State(idle: Array(slots.indices)))
    }

    /// Runs `job` on a free connection's queue and returns its result. A connection found
    /// broken is re-opened first (after a PostgreSQL restart).
    /// - Throws: what `job` throws; `StoreError(.unavailable)` when the pool is closed or the
    ///   server cannot be reached.
    func run<T: Sendable>(_ job: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let index = try await acquire()
        let slot = slots[index]
        defer { release(index) }
        return try await withCheckedThrowingContinuation { continuation in
            slot.queue.async {
                continuation.resume(
                    with: Result {
                        if !slot.connection.isHealthy {
                            do { try slot.connection.reconnect() } catch let error as PostgresError {
                                throw error.storeError
                            }
                        }
                        return try job(slot.connection)
                    })
            }
        }
    }

    /// Refuses new jobs and closes every connection once the running jobs gave theirs back.
    func close() async {
        let waiters = state.withLock { $0.close() }
        for waiter in waiters {
            waiter.resume(throwing: StoreError(code: .unavailable, message: "the store is closed"))
        }
        for slot in slots {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                slot.queue.async {
                    slot.connection.close()
                    continuation.resume()
                }
            }
        }
    }

    private func acquire() async throws -> Int {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            switch state.withLock({ $0.acquire(continuation) }) {
            case .granted(let index): continuation.resume(returning: index)
            case .queued: break
            case .closed: continuation.resume(throwing: StoreError(code: .unavailable, message: "the store is closed"))
            }
        }
    }

    private func release(_ index: Int) {
        if let waiter = state.withLock({ $0.release(index) }) { waiter.resume(returning: index) }
    }
}

extension PostgresConnectionPool {
    /// Which connections are free and who waits for one. Transitions return what to resume.
    struct State {
        enum Acquired {
            case granted(Int)
            case queued, closed
        }

        var idle: [Int]
        var waiters: [CheckedContinuation<Int, any Error>] = []
        var waiterHead = 0
        var isClosed = false

        mutating func acquire(_ continuation: CheckedContinuation<Int, any Error>) -> Acquired {
            if isClosed { return .closed }
            if let index = idle.popLast() { return .granted(index) }
            waiters.append(continuation)
            return .queued
        }

        /// Gives `index` to the oldest waiter (returned) or puts it back.
        mutating func release(_ index: Int) -> CheckedContinuation<Int, any Error>? {
            if waiterHead < waiters.count {
                let next = waiters[waiterHead]
                waiterHead += 1
                if waiterHead > 64 && waiterHead * 2 > waiters.count {
                    waiters.removeFirst(waiterHead)
                    waiterHead = 0
                }
                return next
            }
            idle.append(index)
            return nil
        }

        mutating func close() -> [CheckedContinuation<Int, any Error>] {
            isClosed = true
            let pending = Array(waiters[waiterHead...])
            waiters = []
            waiterHead = 0
            return pending
        }
    }
}
