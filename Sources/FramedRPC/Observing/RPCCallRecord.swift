/// A finished call, for an access log line and for metrics. Holds no credentials: the token
/// of `meta.authorization` never reaches it; `annotations` hold what interceptors chose to
/// add (the authenticated agent and partner ids).
public struct RPCCallRecord: Sendable {
    /// The method name as sent, at most 128 characters; "" when the request had none.
    public var method: String
    /// True when `method` is served (a metrics label may use it; other names must be folded).
    public var isRegistered: Bool
    /// The request id (`7`, `abc`, `null`; at most 64 characters), or `nil` for a notification.
    public var callID: String?
    /// The status the caller received.
    public var status: RPCError.Code
    /// The error's message, `nil` for OK.
    public var message: String?
    /// From reading the request to handing the answer to the transport.
    public var duration: Duration
    /// Bytes of the frame that carried the call (a batch member: its share of the batch frame).
    public var bytesIn: Int
    /// Bytes of the answer, plus every `$/item` frame of a stream.
    public var bytesOut: Int
    /// `$/item` notifications sent (server streaming).
    public var itemsSent: Int
    /// The peer's address.
    public var peer: String
    /// The connection's id (`RPCConnectionInfo.id`).
    public var connectionID: UInt64
    /// Whether `meta.idempotencyKey` was sent (never its value).
    public var hasIdempotencyKey: Bool
    /// The trace id (32 hex digits) of a well-formed `meta.traceparent`, else `nil`.
    public var traceID: String?
    /// True when a handler ran; false for calls refused before one.
    public var handlerStarted: Bool
    /// Fields interceptors attached (e.g. `agent`, `partner`), in the order added.
    public var annotations: [(key: String, value: String)]

    /// Creates a record (the runtime does; tests of observers may).
    public init(
        method: String, isRegistered: Bool, callID: String?, status: RPCError.Code, message: String?,
        duration: Duration, bytesIn: Int, bytesOut: Int, itemsSent: Int, peer: String, connectionID: UInt64,
        hasIdempotencyKey: Bool, traceID: String?, handlerStarted: Bool, annotations: [(key: String, value: String)]
    ) {
        self.method = method
        self.isRegistered = isRegistered
        self.callID = callID
        self.status = status
        self.message = message
        self.duration = duration
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.itemsSent = itemsSent
        self.peer = peer
        self.connectionID = connectionID
        self.hasIdempotencyKey = hasIdempotencyKey
        self.traceID = traceID
        self.handlerStarted = handlerStarted
        self.annotations = annotations
    }

    /// True for statuses a client must look at: everything but OK.
    public var isError: Bool { status != .ok }
}
