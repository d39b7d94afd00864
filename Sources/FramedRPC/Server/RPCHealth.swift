import Synchronization

/// The serving status of a server and of each of its services (gRPC health semantics;
/// WIRE.md "Health"). The empty name `""` is the server as a whole.
///
/// ```swift
/// server.health.setStatus(.notServing, for: "Partner.Customers")
/// ```
public final class RPCHealth: Sendable {
    /// A service's status as `Health.Check` / `Health.Watch` report it.
    public enum Status: String, Sendable, Hashable {
        /// Ready to serve.
        case serving = "SERVING"
        /// Known, but not serving now.
        case notServing = "NOT_SERVING"
        /// Not a known service (only ever sent by `Health.Watch`).
        case serviceUnknown = "SERVICE_UNKNOWN"
    }

    private struct State {
        var statuses: [String: Status] = ["": .serving]
        var draining = false
        var nextWatcher: UInt64 = 0
        var watchers: [UInt64: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
    }

    private let state = Mutex(State())

    /// Creates a registry where only the whole server (`""`) is known, SERVING.
    public init() {}

    /// Sets the status of `service` (`""` for the whole server), adding it when unknown, and
    /// tells its watchers. During a drain every status stays NOT_SERVING.
    public func setStatus(_ status: Status, for service: String) {
        let (effective, notify) = state.withLock { s -> (Status, [AsyncStream<Status>.Continuation]) in
            let effective: Status = s.draining ? .notServing : status
            guard s.statuses[service] != effective else { return (effective, []) }
            s.statuses[service] = effective
            return (effective, s.watchers.values.filter { $0.service == service }.map(\.continuation))
        }
        for c in notify { c.yield(effective) }
    }

    /// The status of `service`, or `nil` when it is not known.
    public func status(of service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// The status of `service` now, then one element per change (SERVICE_UNKNOWN while it is
    /// not known). Ends after the server starts draining.
    public func watch(_ service: String) -> AsyncStream<Status> {
        let (stream, continuation) = AsyncStream.makeStream(of: Status.self, bufferingPolicy: .bufferingNewest(8))
        let key: UInt64? = state.withLock { s in
            continuation.yield(s.statuses[service] ?? .serviceUnknown)
            if s.draining {
                continuation.finish()
                return nil
            }
            s.nextWatcher += 1
            s.watchers[s.nextWatcher] = (service, continuation)
            return s.nextWatcher
        }
        if let key {
            continuation.onTermination = { [weak self] _ in
                _ = self?.state.withLock { $0.watchers.removeValue(forKey: key) }
            }
        }
        return stream
    }

    /// Marks every known service NOT_SERVING, tells the watchers and ends their streams.
    func beginDrain() {
        let watchers = state.withLock { s in
            s.draining = true
            for key in s.statuses.keys { s.statuses[key] = .notServing }
            let all = Array(s.watchers.values)
            s.watchers.removeAll()
            return all
        }
        for watcher in watchers {
            let known = status(of: watcher.service) != nil
            watcher.continuation.yield(known ? .notServing : .serviceUnknown)
            watcher.continuation.finish()
        }
    }
}
