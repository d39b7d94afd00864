/// A rate limit: a token bucket that refills `callsPerSecond` tokens a second and holds at most
/// `burst` (so an idle caller may send `burst` calls at once, then `callsPerSecond` a second).
///
/// ```swift
/// var config = RPCServerConfig()
/// config.connectionRateLimit = RPCRateLimit(callsPerSecond: 1000)     // burst 1000
/// ```
public struct RPCRateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Calls a second allowed in the long run; at least 1.
    public var callsPerSecond: Int
    /// Calls allowed at once after a quiet period; at least 1.
    public var burst: Int

    /// Creates a limit.
    /// - Parameters:
    ///   - callsPerSecond: the sustained rate (values below 1 count as 1).
    ///   - burst: the bucket's size; `nil` = one second's worth (`callsPerSecond`).
    public init(callsPerSecond: Int, burst: Int? = nil) {
        self.callsPerSecond = max(1, callsPerSecond)
        self.burst = max(1, burst ?? callsPerSecond)
    }

    /// "100 calls per second (burst 100)".
    public var description: String { "\(callsPerSecond) calls per second (burst \(burst))" }
}
