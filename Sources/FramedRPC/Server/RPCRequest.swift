import FramedJSON

/// One incoming call as a handler sees it.
public struct RPCRequest: Sendable {
    /// The request id; `nil` for a notification (its result is discarded).
    public var id: RPCID?
    /// The method name.
    public var method: String
    /// The params object (`{}` when the request omitted it). Decode it with
    /// `MyParams(json: request.params, path: "")`: a thrown `JSONDecodingError` becomes -32602
    /// naming the field.
    public var params: JSONValue
    /// The call's metadata.
    public var metadata: RPCMetadata

    /// Creates a request.
    public init(id: RPCID?, method: String, params: JSONValue, metadata: RPCMetadata) {
        self.id = id
        self.method = method
        self.params = params
        self.metadata = metadata
    }

    /// Decodes the params as `T`.
    /// - Throws: `JSONDecodingError` naming the field (mapped to -32602 by the runtime).
    public func decodeParams<T: JSONDecodable>(_ type: T.Type = T.self) throws(JSONDecodingError) -> T {
        try T(json: params, path: "")
    }
}
