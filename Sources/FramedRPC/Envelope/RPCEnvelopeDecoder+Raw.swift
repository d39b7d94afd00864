import FramedJSON

extension RPCEnvelopeDecoder {
    /// Decodes one request object from its validated bytes without building a tree: the
    /// members `jsonrpc`, `id`, `method` and `meta` are read where they lie, `params` stays raw
    /// until a handler needs it. Applies exactly the rules of `decodeMessage(_: JSONValue)`.
    func decodeMessage(_ object: JSONRawObject) -> RPCInboundMessage {
        var id: RPCID? = nil
        var badID = false
        var jsonrpc: JSONRawValue?
        var method: JSONRawValue?
        var params: JSONRawValue?
        var meta: JSONRawValue?
        var unknown: Int?
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
                metadata = try RPCMetadata(rawWire: meta, maxBytes: maxMetaBytes, maxKeys: maxMetaKeys)
            } catch {
                return .invalid(id: answerID, error: error)
            }
        }
        let incoming: RPCIncomingParams = rawParams.map { .raw($0) } ?? .value(.object(JSONObject()))
        return .call(RPCIncomingCall(id: id, method: name, params: incoming, metadata: metadata))
    }

    /// `"2.0"`, also when written with escapes.
    private static func isVersion(_ value: JSONRawValue) -> Bool {
        guard value.kind == .string else { return false }
        if value.byteCount == 5 {
            return value.withUnsafeBytes { $0[1] == 0x32 && $0[2] == 0x2E && $0[3] == 0x30 && $0[4] == 0x22 }
        }
        return value.stringValue == "2.0"
    }

    /// An id read from its bytes: small integers and plain strings directly, the rest
    /// through the parser, with the rules of `RPCID(json:)`.
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
