/// How an `RPCClient` connects and what it sends by default.
public struct RPCClientConfig: Sendable {
    /// Credentials sent with every call that does not set its own.
    public var authorization: String?
    /// The wait before the second connection attempt; doubled after each failure.
    public var connectBackoffInitial: Duration = .milliseconds(50)
    /// The longest wait between attempts.
    public var connectBackoffMax: Duration = .seconds(5)
    /// Attempts per connection before calls fail with UNAVAILABLE.
    public var connectAttempts: Int = 5
    /// Largest request payload sent; bigger requests fail locally with RESOURCE_EXHAUSTED.
    public var maxFrameBytes: Int = 4 << 20
    /// Deepest nesting accepted in responses.
    public var maxDepth: Int = 512

    /// Creates a configuration.
    public init(authorization: String? = nil) {
        self.authorization = authorization
    }
}
