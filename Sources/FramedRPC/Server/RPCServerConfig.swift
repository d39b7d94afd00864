/// The server's limits and timings (WIRE.md "Limits"), all with the documented defaults.
public struct RPCServerConfig: Sendable {
    /// Largest frame payload accepted, in bytes (4 MiB). Transports frame with this.
    public var maxFrameBytes: Int = 4 << 20
    /// Largest compact encoding of `meta`, in bytes.
    public var maxMetaBytes: Int = 8192
    /// Most keys in `meta`.
    public var maxMetaKeys: Int = 64
    /// Deepest JSON nesting accepted.
    public var maxDepth: Int = 64
    /// Most members in a batch.
    public var maxBatch: Int = 100
    /// Running handlers per connection, cancelled ones that have not exited included; at the
    /// limit the server stops reading that connection.
    public var maxConcurrentCallsPerConnection: Int = 128
    /// No bytes either way and no call in flight for this long: the transport closes.
    public var idleTimeout: Duration = .seconds(300)
    /// A started frame must finish arriving within this, else the transport closes.
    public var frameTimeout: Duration = .seconds(30)
    /// Streams pause while a connection has more than this many bytes queued outbound.
    public var outboundHighWaterBytes: Int = 1 << 20
    /// Paused streams resume when the queue drops below this (the transport's low-water mark).
    public var outboundLowWaterBytes: Int = 256 << 10
    /// Past this many queued outbound bytes the transport closes the connection.
    public var maxBufferedOutboundBytes: Int = 64 << 20
    /// While this many bytes wait for a peer, its new calls are held and reading pauses, so a
    /// client that sends calls and never reads cannot make the server produce more answers
    /// (WIRE.md §10.4). Above the high-water mark, so unary calls still flow while streams pause.
    public var holdCallsAboveOutboundBytes: Int = 4 << 20
    /// A peer that reads none of the bytes waiting for it for this long is closed without a
    /// flush (WIRE.md §10.4). The transport enforces it (it sees the socket); servers pass it on.
    public var outboundStallTimeout: Duration = .seconds(20)
    /// In-flight calls get this long to finish after `$/goaway`.
    public var drainGrace: Duration = .seconds(10)
    /// Initial item credit of a stream when `meta.streamWindow` is absent.
    public var defaultStreamWindow: Int = 16
    /// Most credit a stream may hold outstanding.
    public var maxOutstandingCredit: Int = 100_000
    /// The `retryAfterMs` hint sent with UNAVAILABLE while draining.
    public var drainRetryAfterMs: Int64 = 1000
    /// Calls each connection may make per second (token bucket, WIRE.md §15); `nil`, the
    /// default, sets no limit. Over it a call is answered RESOURCE_EXHAUSTED with
    /// `data.retryAfterMs`; `RPCServer` installs `RPCConnectionRateLimitInterceptor` for it.
    public var connectionRateLimit: RPCRateLimit? = nil
    /// Registers `Health.Check` / `Health.Watch` on the server's `health`.
    public var registersHealthService: Bool = true

    /// Told of every connection and every answered call (access log, metrics); `nil`, the
    /// default, costs nothing per call.
    public var observer: (any RPCServerObserver)? = nil

    /// The defaults.
    public init() {}
}
