public import FramedJSON

/// A call's metadata: the request member `meta` (WIRE.md "meta").
///
/// Known keys have typed properties; every other key carries a string and passes through to
/// handlers in `custom`.
public struct RPCMetadata: Sendable, Hashable {
    /// Relative deadline in milliseconds (0...2147483647), from the moment the server reads
    /// the frame.
    public var timeoutMs: Int64?
    /// Credentials, `"Bearer <token>"`.
    public var authorization: String?
    /// 1-128 printable ASCII characters making a mutating call safe to replay.
    public var idempotencyKey: String?
    /// W3C trace context: `00-<32 hex>-<16 hex>-<2 hex>`.
    public var traceparent: String?
    /// The initial item credit of a streaming call (1...10000; the server's default is 16).
    public var streamWindow: Int?
    /// Every other key, each with a string value.
    public var custom: [String: String]

    /// Creates metadata.
    public init(
        timeoutMs: Int64? = nil, authorization: String? = nil, idempotencyKey: String? = nil,
        traceparent: String? = nil, streamWindow: Int? = nil, custom: [String: String] = [:]
    ) {
        self.timeoutMs = timeoutMs
        self.authorization = authorization
        self.idempotencyKey = idempotencyKey
        self.traceparent = traceparent
        self.streamWindow = streamWindow
        self.custom = custom
    }

    /// True when no key is set.
    public var isEmpty: Bool {
        timeoutMs == nil && authorization == nil && idempotencyKey == nil && traceparent == nil
            && streamWindow == nil && custom.isEmpty
    }

    /// The names of the keys with a type of their own; any other key is custom.
    public static let knownKeys: Set<String> = [
        "timeoutMs", "authorization", "idempotencyKey", "traceparent", "streamWindow",
    ]

    /// Writes the metadata as a JSON object (known keys first, custom keys sorted).
    public func encode(to w: inout JSONWriter) {
        w.beginObject()
        if let timeoutMs {
            w.key("timeoutMs")
            w.int(timeoutMs)
        }
        if let authorization {
            w.key("authorization")
            w.string(authorization)
        }
        if let idempotencyKey {
            w.key("idempotencyKey")
            w.string(idempotencyKey)
        }
        if let traceparent {
            w.key("traceparent")
            w.string(traceparent)
        }
        if let streamWindow {
            w.key("streamWindow")
            w.int(streamWindow)
        }
        for key in custom.keys.sorted() {
            w.key(key)
            w.string(custom[key]!)
        }
        w.endObject()
    }
}
