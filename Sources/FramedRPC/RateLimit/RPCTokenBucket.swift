/// One token bucket, as a value: `take(at:)` spends a token or says how long until one is
/// there. Time is in nanoseconds of any monotonic clock; the caller supplies it.
public struct RPCTokenBucket: Sendable, Hashable {
    /// The limit it enforces.
    public let limit: RPCRateLimit
    /// Tokens available at `updated` (fractional while refilling).
    private var tokens: Double
    /// When `tokens` was last brought up to date.
    private var updated: UInt64

    /// A full bucket at time `now`.
    public init(limit: RPCRateLimit, now: UInt64) {
        self.limit = limit
        self.tokens = Double(limit.burst)
        self.updated = now
    }

    /// Spends one token when there is one (returns `nil`), else returns the milliseconds until
    /// one will be there (at least 1). A refused take spends nothing.
    public mutating func take(at now: UInt64) -> Int64? {
        refill(now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        let missing = 1 - tokens
        let ms = (missing * 1000 / Double(limit.callsPerSecond)).rounded(.up)
        return max(1, Int64(ms))
    }

    /// True when the bucket is full at `now`: it is then the same as a fresh one, so a table
    /// of buckets may drop it without changing any answer.
    public func isFull(at now: UInt64) -> Bool {
        var copy = self
        copy.refill(now)
        return copy.tokens >= Double(limit.burst)
    }

    private mutating func refill(_ now: UInt64) {
        guard now > updated else { return }
        let elapsed = Double(now - updated) / 1e9
        tokens = min(Double(limit.burst), tokens + elapsed * Double(limit.callsPerSecond))
        updated = now
    }
}
