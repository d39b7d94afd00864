public import FramedJSON
import Synchronization

/// One incoming call as a handler sees it.
public struct RPCRequest: Sendable {
    /// The request id; `nil` for a notification (its result is discarded).
    public var id: RPCID?
    /// The method name.
    public var method: String
    /// The call's metadata.
    public var metadata: RPCMetadata
    private var storage: ParamsStorage

    /// Where the params are kept: a tree given by the creator, or the validated bytes of the
    /// request frame, parsed on first use.
    private enum ParamsStorage: Sendable {
        case value(JSONValue)
        case raw(LazyParams)
    }

    /// The params object (`{}` when the request omitted it). Decode it with
    /// `MyParams(json: request.params, path: "")`: a thrown `JSONDecodingError` becomes -32602
    /// naming the field. When the request came off the wire, the tree is built on first use
    /// (from `rawParams`) and kept.
    public var params: JSONValue {
        get {
            switch storage {
            case .value(let value): return value
            case .raw(let lazy): return lazy.value
            }
        }
        set { storage = .value(newValue) }
    }

    /// The params object as the validated bytes it arrived in, when the request came off the
    /// wire with a `params` member and `params` has not been replaced since; `nil` otherwise.
    /// Handlers on a hot path can read members from it without building a tree.
    public var rawParams: JSONRawValue? {
        if case .raw(let lazy) = storage { return lazy.raw }
        return nil
    }

    /// Creates a request.
    public init(id: RPCID?, method: String, params: JSONValue, metadata: RPCMetadata) {
        self.id = id
        self.method = method
        self.storage = .value(params)
        self.metadata = metadata
    }

    /// Creates a request whose params are the raw bytes of a validated JSON object.
    init(id: RPCID?, method: String, incoming params: RPCIncomingParams, metadata: RPCMetadata) {
        self.id = id
        self.method = method
        switch params {
        case .value(let value): self.storage = .value(value)
        case .raw(let raw): self.storage = .raw(LazyParams(raw))
        }
        self.metadata = metadata
    }

    /// Decodes the params as `T`.
    /// - Throws: `JSONDecodingError` naming the field (mapped to -32602 by the runtime).
    public func decodeParams<T: JSONDecodable>(_ type: T.Type = T.self) throws(JSONDecodingError) -> T {
        try T(json: params, path: "")
    }

    /// Raw params and the tree parsed from them on first use, shared by copies of a request.
    private final class LazyParams: Sendable {
        let raw: JSONRawValue
        private let parsed = Mutex<JSONValue?>(nil)

        init(_ raw: JSONRawValue) { self.raw = raw }

        var value: JSONValue {
            if let value = parsed.withLock({ $0 }) { return value }
            let value = raw.parse()
            parsed.withLock { $0 = value }
            return value
        }
    }
}

/// The params of a decoded call: a tree (batches, tests) or the validated raw object.
enum RPCIncomingParams: Sendable {
    case value(JSONValue)
    case raw(JSONRawValue)
}

extension RPCIncomingParams: JSONEncodable {
    /// Writes the params object: the tree, or the raw bytes as they arrived.
    func encode(to writer: inout JSONWriter) {
        switch self {
        case .value(let value): writer.value(value)
        case .raw(let raw): writer.raw(raw)
        }
    }
}
