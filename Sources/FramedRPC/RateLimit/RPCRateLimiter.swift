import Synchronization

/// Token buckets by key (a connection's peer, an agent id), safe to share between tasks.
///
/// Memory is bounded by the number of keys active in about the last `burst / callsPerSecond`
/// seconds: a bucket that has refilled completely is dropped on the next sweep, which changes
/// no answer because a full bucket is the same as a new one. Sweeps run when the table has
/// doubled since the last one, so their cost is amortised over the calls that grew it.
///
/// ```swift
/// let limiter = RPCRateLimiter(limit: RPCRateLimit(callsPerSecond: 100), scope: "per agent")
/// if let error = limiter.check(key: caller.agentId) { throw error }   // RESOURCE_EXHAUSTED
/// ```
public final class RPCRateLimiter: Sendable {
    /// The limit every key gets.
    public let limit: RPCRateLimit
    /// Words naming what a key is, used in messages ("per connection", "per agent").
    public let scope: String
    private let state: Mutex<Table>

    private struct Table {
        var buckets: [String: RPCTokenBucket] = [:]
        var sweepAt = 1024
    }

    /// Creates a limiter.
    /// - Parameters:
    ///   - limit: the rate and burst each key gets.
    ///   - scope: what a key stands for, in messages ("per connection").
    public init(limit: RPCRateLimit, scope: String) {
        self.limit = limit
        self.scope = scope
        self.state = Mutex(Table())
    }

    /// Spends one call of `key`'s budget. Returns `nil` when the call may go ahead, else the
    /// milliseconds after which a retry may succeed.
    public func acquire(key: String, now: UInt64 = RPCRateLimiter.monotonicNanos()) -> Int64? {
        let limit = limit
        return state.withLock { table in
            let wait = table.buckets[key, default: RPCTokenBucket(limit: limit, now: now)].take(at: now)
            if table.buckets.count >= table.sweepAt {
                table.buckets = table.buckets.filter { !$0.value.isFull(at: now) }
                table.sweepAt = max(1024, table.buckets.count * 2)
            }
            return wait
        }
    }

    /// `nil` when `key` may make a call now; otherwise the RESOURCE_EXHAUSTED error to answer,
    /// naming the limit and carrying `retryAfterMs` (WIRE.md §15).
    public func check(key: String, now: UInt64 = RPCRateLimiter.monotonicNanos()) -> RPCError? {
        guard let wait = acquire(key: key, now: now) else { return nil }
        return Self.exceeded(limit: limit, scope: scope, retryAfterMs: wait)
    }

    /// The error for a refused call: RESOURCE_EXHAUSTED, message naming the limit, retry hint.
    public static func exceeded(limit: RPCRateLimit, scope: String, retryAfterMs: Int64) -> RPCError {
        RPCError(
            code: .resourceExhausted,
            message: "rate limit of \(limit.callsPerSecond) calls per second \(scope) exceeded "
                + "(burst \(limit.burst)); retry after \(retryAfterMs) ms",
            retryAfterMs: retryAfterMs)
    }

    /// Keys currently holding a bucket (for tests and metrics).
    public var trackedKeys: Int { state.withLock { $0.buckets.count } }

    /// Nanoseconds of a monotonic clock (counted from the first use of a limiter).
    public static func monotonicNanos() -> UInt64 {
        let elapsed = origin.duration(to: .now).components
        return UInt64(max(0, elapsed.seconds)) * 1_000_000_000 + UInt64(max(0, elapsed.attoseconds) / 1_000_000_000)
    }

    private static let origin = ContinuousClock.now
}
