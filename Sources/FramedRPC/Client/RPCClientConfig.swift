/// How an `RPCClient` connects and what it sends by default.
public struct RPCClientConfig: Sendable {
    /// Credentials sent with every call that does not set its own.
    public var authorization: String?
    /// The wait before the second connection attempt; doubled after each failure.
    public var connectBackoffInitial: Duration = .milliseconds(50)
    /// The longest wait between attempts.
    public var connectBackoffMax: Duration = .seconds(5)
    /// The share of each backoff wait drawn at random on top of it (0...1): with 0.5 a 100 ms
    /// step waits between 100 and 150 ms, so many clients cut off together do not reconnect in
    /// lockstep (and none waits less than the step).
    public var connectBackoffJitter: Double = 0.5
    /// Attempts per connection before calls fail with UNAVAILABLE. With several endpoints one
    /// attempt tries each endpoint once.
    public var connectAttempts: Int = 5
    /// An endpoint whose connection failed, was lost, or said `$/goaway` is skipped for this
    /// long while another endpoint is healthy.
    public var endpointCooldown: Duration = .seconds(5)
    /// Calls allowed to wait for a connection at once; more fail at once with
    /// RESOURCE_EXHAUSTED instead of queueing without bound.
    public var maxWaitingCalls: Int = 16_384
    /// Send `$/ping` when nothing has arrived on a connection for this long (nil: never).
    public var keepaliveInterval: Duration?
    /// A ping unanswered for this long declares the server dead: the connection closes and
    /// its calls fail with UNAVAILABLE.
    public var keepaliveTimeout: Duration = .seconds(10)
    /// Wrap every unary call, outermost first (metrics, logging, extra metadata).
    public var interceptors: [any RPCClientInterceptor] = []
    /// Largest request payload sent; bigger requests fail locally with RESOURCE_EXHAUSTED.
    public var maxFrameBytes: Int = 4 << 20
    /// Deepest nesting accepted in responses.
    public var maxDepth: Int = 512

    /// Creates a configuration.
    public init(authorization: String? = nil) {
        self.authorization = authorization
    }
}
