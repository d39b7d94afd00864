import FramedJSON

/// Turns one frame payload into request-side messages, applying every envelope rule of
/// WIRE.md: JSON and depth, the request shape, `meta` and its limits, batches.
///
/// One pass of the JSON scanner validates the payload and locates the members of the request
/// (or of each request of a batch); the members `jsonrpc`, `id`, `method` and `meta` are read
/// where they lie and `params` stays raw until a handler needs it. No tree is built.
struct RPCEnvelopeDecoder: Sendable {
    var maxDepth: Int
    var maxBatch: Int
    var maxMetaBytes: Int
    var maxMetaKeys: Int

    /// Decodes a payload. Never throws: every failure becomes the message or frame error the
    /// server answers with.
    func decode(_ payload: [UInt8]) -> RPCInboundFrame {
        let document: JSONRawDocument
        do {
            document = try JSONRawDocument(scanning: payload, maxDepth: maxDepth)
        } catch {
            return .failure(.parseError(error.description))
        }
        switch document {
        case .object(let object):
            return .single(decodeMessage(object))
        case .array(let batch):
            if batch.count == 0 { return .failure(.invalidRequest("empty batch")) }
            if batch.count > maxBatch {
                return .failure(.limitExceeded("batch of \(batch.count) requests exceeds the limit of \(maxBatch)"))
            }
            return .batch(
                (0..<batch.count).map { i in
                    batch.object(at: i).map(decodeMessage) ?? Self.notAnObject(batch.value(at: i))
                })
        case .scalar(let value):
            return .single(Self.notAnObject(value))
        }
    }

    /// The answer to a message that is not an object.
    private static func notAnObject(_ value: JSONRawValue) -> RPCInboundMessage {
        .invalid(id: .null, error: .invalidRequest("a request must be a JSON object, got \(value.parse().typeName)"))
    }

    /// Decodes one request or notification object.
    func decodeMessage(_ object: JSONRawObject) -> RPCInboundMessage {
        var id: RPCID? = nil
        var badID = false
        var jsonrpc: JSONRawValue?
        var method: JSONRawValue?
        var params: JSONRawValue?
        var meta: JSONRawValue?
        var unknown: Int?
        // A repeated member name counts by its first occurrence (WIRE.md §3.1).
        for i in 0..<object.count {
            if object.keyEquals(i, "jsonrpc") {
                if jsonrpc == nil { jsonrpc = object.value(at: i) }
            } else if object.keyEquals(i, "method") {
                if method == nil { method = object.value(at: i) }
            } else if object.keyEquals(i, "params") {
                if params == nil { params = object.value(at: i) }
            } else if object.keyEquals(i, "id") {
                if id == nil && !badID {
                    if let parsed = Self.readID(object.value(at: i)) { id = parsed } else { badID = true }
                }
            } else if object.keyEquals(i, "meta") {
                if meta == nil { meta = object.value(at: i) }
            } else if unknown == nil {
                unknown = i
            }
        }
        if badID {
            return .invalid(id: .null, error: .invalidRequest("id must be a string, an integer or null", field: "id"))
        }
        // An object that fails the envelope checks is not a notification, "id" or not: it is
        // answered, with id null when it has none (WIRE.md §3.4 #3, JSON-RPC 2.0 §7).
        let envelopeID: RPCID = id ?? .null
        guard let jsonrpc, Self.isVersion(jsonrpc) else {
            return .invalid(id: envelopeID, error: .invalidRequest("jsonrpc must be \"2.0\"", field: "jsonrpc"))
        }
        guard let name = method?.stringValue else {
            let reason = method == nil ? "method is required" : "method must be a string"
            return .invalid(id: envelopeID, error: .invalidRequest(reason, field: "method"))
        }
        if let unknown {
            let key = object.key(at: unknown)
            return .invalid(id: envelopeID, error: .invalidRequest("unknown member \"\(key)\"", field: key))
        }
        // From here on a message without an id is a notification: later failures go unanswered.
        let answerID: RPCID? = id
        var rawParams: JSONRawValue?
        if let params {
            switch params.kind {
            case .object: rawParams = params
            case .array:
                return .invalid(id: answerID, error: .invalidParams(field: "params", reason: "must be an object"))
            default:
                return .invalid(
                    id: envelopeID,
                    error: .invalidRequest("params must be an object, got \(params.parse().typeName)", field: "params"))
            }
        }
        if name.utf8.first == UInt8(ascii: "$") {
            return decodeControl(name, id: id, params: rawParams?.parse() ?? .object(JSONObject()))
        }
        var metadata = RPCMetadata()
        if let meta {
            do {
                metadata = try RPCMetadata(wire: meta, maxBytes: maxMetaBytes, maxKeys: maxMetaKeys)
            } catch {
                return .invalid(id: answerID, error: error)
            }
        }
        let incoming: RPCIncomingParams = rawParams.map { .raw($0) } ?? .value(.object(JSONObject()))
        return .call(RPCIncomingCall(id: id, method: name, params: incoming, metadata: metadata))
    }

    func decodeControl(_ name: String, id: RPCID?, params: JSONValue) -> RPCInboundMessage {
        switch name {
        case "$/ping":
            return .ping(id)
        case "$/cancel":
            guard let target = params["id"].flatMap(RPCID.init(json:)) else {
                return .invalid(id: id, error: .invalidParams(field: "id", reason: "is required (string or integer)"))
            }
            return .cancel(target, answerID: id)
        case "$/credit":
            guard let target = params["id"].flatMap(RPCID.init(json:)) else {
                return .invalid(id: id, error: .invalidParams(field: "id", reason: "is required (string or integer)"))
            }
            guard let items = params["items"]?.intValue, items >= 1, items <= 10_000 else {
                return .invalid(
                    id: id, error: .invalidParams(field: "items", reason: "must be an integer in 1...10000"))
            }
            return .credit(target, items: Int(items), answerID: id)
        default:
            if let id { return .invalid(id: id, error: .methodNotFound(name)) }
            return .ignored
        }
    }

    /// `"2.0"`, also when written with escapes.
    private static func isVersion(_ value: JSONRawValue) -> Bool {
        guard value.kind == .string else { return false }
        if value.byteCount == 5 {
            return value.withUnsafeBytes { $0[1] == 0x32 && $0[2] == 0x2E && $0[3] == 0x30 && $0[4] == 0x22 }
        }
        return value.stringValue == "2.0"
    }

    /// An id read from its bytes (WIRE.md §3.2): small integers and strings directly, other
    /// numbers through `RPCID(json:)` (`7.0` is 7, a fraction is refused).
    private static func readID(_ value: JSONRawValue) -> RPCID? {
        switch value.kind {
        case .number:
            let small: Int64? = value.withUnsafeBytes { bytes in
                guard bytes.count <= 18 else { return nil }
                var n: Int64 = 0
                for byte in bytes {
                    guard byte >= 0x30 && byte <= 0x39 else { return nil }
                    n = n * 10 + Int64(byte - 0x30)
                }
                return n
            }
            if let small { return .int(small) }
            return RPCID(json: value.parse())
        case .string:
            return value.stringValue.map { .string($0) }
        case .null:
            return .null
        default:
            return nil
        }
    }
}
