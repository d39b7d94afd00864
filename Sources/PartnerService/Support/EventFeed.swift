public import FramedRPC
import Synchronization

/// Wakes `Events.Watch` calls when a write commits, so a watcher reads the store again only
/// when something may have changed — no polling. Knows the server's health registry too, so
/// open watches end normally when the server starts draining instead of holding the drain
/// for its whole grace period.
///
/// The feed does not carry events: it counts commits (`generation`). A watcher notes the
/// generation *before* it reads, reads every event after its last sequence, and then waits for
/// the generation to move past the one it noted. A commit that lands between the read and the
/// wait has already moved it, so the wait returns at once and no event is missed.
///
/// ```swift
/// let seen = feed.generation
/// let events = try await store.read { tx in ... events after `last` ... }
/// // send them ...
/// await feed.waitForChange(after: seen)   // returns on the next commit, or on cancellation
/// ```
public final class EventFeed: Sendable {
    private let state = Mutex(State())
    private let drainSource = Mutex<RPCHealth?>(nil)

    /// Creates a feed at generation 0 with no waiters.
    public init() {}

    /// The number of commits signalled so far.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// The number of tasks waiting now (for tests and metrics).
    public var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Ends open and future watches when `health` starts draining (its watch streams end).
    /// Call once, after the server is built.
    public func endWatches(onDrainOf health: RPCHealth) {
        drainSource.withLock { $0 = health }
    }

    /// The registry whose drain ends watches, when one was given.
    public var drainingHealth: RPCHealth? { drainSource.withLock { $0 } }

    /// Signals that a write committed: advances the generation and wakes every waiter.
    /// Call it after the commit is durable, never inside the transaction.
    public func notify() {
        let woken = state.withLock { $0.advance() }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once the generation is greater than `seen` — at once if it already is — or
    /// when the task is cancelled (check `Task.isCancelled` afterwards).
    public func waitForChange(after seen: UInt64) async {
        let key = state.withLock { $0.makeKey() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock {
                    $0.park(key, continuation, seen: seen, cancelled: Task.isCancelled)
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.unpark(key) }
            waiter?.resume()
        }
    }
}

extension EventFeed {
    /// The feed's state machine: the commit count and the parked waiters. Each transition
    /// returns what to resume; the caller resumes it after the lock is released.
    struct State {
        var generation: UInt64 = 0
        var nextKey: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]

        /// A key for a new waiter.
        mutating func makeKey() -> UInt64 {
            nextKey &+= 1
            return nextKey
        }

        /// A commit: the next generation; every waiter is to be resumed.
        mutating func advance() -> [CheckedContinuation<Void, Never>] {
            generation &+= 1
            let woken = Array(waiters.values)
            waiters.removeAll(keepingCapacity: true)
            return woken
        }

        /// Parks a waiter unless it need not wait: the generation already moved past `seen`,
        /// or its task was cancelled. Returns whether to resume it at once.
        mutating func park(
            _ key: UInt64, _ continuation: CheckedContinuation<Void, Never>, seen: UInt64, cancelled: Bool
        ) -> Bool {
            if generation != seen || cancelled { return true }
            waiters[key] = continuation
            return false
        }

        /// Removes a waiter whose task was cancelled; returns it to resume, if still parked.
        mutating func unpark(_ key: UInt64) -> CheckedContinuation<Void, Never>? {
            waiters.removeValue(forKey: key)
        }
    }
}
