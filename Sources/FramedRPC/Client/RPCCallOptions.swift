/// Per-call settings of a client call; each becomes a `meta` key (WIRE.md "meta").
public struct RPCCallOptions: Sendable {
    /// The call's own time limit. The deadline sent is the earlier of this and the deadline
    /// inherited from the call being served (`RPCCallContext.deadline`).
    public var timeout: Duration?
    /// Credentials (`"Bearer <token>"`); overrides the client's default.
    public var authorization: String?
    /// Makes a mutating call safe to replay (1-128 printable ASCII).
    public var idempotencyKey: String?
    /// W3C trace context to send.
    public var traceparent: String?
    /// Other metadata keys, passed through to handlers.
    public var custom: [String: String]
    /// Initial item credit of a streaming call (1...10000); the server's default (16) when `nil`.
    public var streamWindow: Int?

    /// Creates options; everything defaults to unset.
    public init(
        timeout: Duration? = nil, authorization: String? = nil, idempotencyKey: String? = nil,
        traceparent: String? = nil, custom: [String: String] = [:], streamWindow: Int? = nil
    ) {
        self.timeout = timeout
        self.authorization = authorization
        self.idempotencyKey = idempotencyKey
        self.traceparent = traceparent
        self.custom = custom
        self.streamWindow = streamWindow
    }
}
