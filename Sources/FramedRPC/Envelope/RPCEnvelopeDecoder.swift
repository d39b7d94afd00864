import FramedJSON

/// Turns one frame payload into request-side messages, applying every envelope rule of
/// WIRE.md: JSON and depth, the request shape, `meta` and its limits, batches.
struct RPCEnvelopeDecoder: Sendable {
    var maxDepth: Int
    var maxBatch: Int
    var maxMetaBytes: Int
    var maxMetaKeys: Int

    /// Decodes a payload. Never throws: every failure becomes the message or frame error the
    /// server answers with.
    func decode(_ payload: [UInt8]) -> RPCInboundFrame {
        // The common case, one request object, is validated and read without a tree. Batches,
        // other values and invalid JSON take the tree path below, which gives the exact error.
        if case .object(let object) = JSONRawObject.scan(payload, maxDepth: maxDepth) {
            return .single(decodeMessage(object))
        }
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: maxDepth).parse(payload)
        } catch {
            return .failure(.parseError(error.description))
        }
        switch value {
        case .array(let members):
            if members.isEmpty { return .failure(.invalidRequest("empty batch")) }
            if members.count > maxBatch {
                return .failure(.limitExceeded("batch of \(members.count) requests exceeds the limit of \(maxBatch)"))
            }
            return .batch(members.map(decodeMessage))
        default:
            return .single(decodeMessage(value))
        }
    }

    /// Decodes one request or notification object.
    func decodeMessage(_ value: JSONValue) -> RPCInboundMessage {
        guard case .object(let object) = value else {
            return .invalid(id: .null, error: .invalidRequest("a request must be a JSON object, got \(value.typeName)"))
        }
        var id: RPCID? = nil
        var badID = false
        var jsonrpc: JSONValue?
        var method: JSONValue?
        var params: JSONValue?
        var meta: JSONValue?
        var unknown: String?
        for member in object.members {
            switch member.key {
            case "jsonrpc": if jsonrpc == nil { jsonrpc = member.value }
            case "method": if method == nil { method = member.value }
            case "params": if params == nil { params = member.value }
            case "meta": if meta == nil { meta = member.value }
            case "id":
                if id == nil && !badID {
                    if let parsed = RPCID(json: member.value) { id = parsed } else { badID = true }
                }
            default: if unknown == nil { unknown = member.key }
            }
        }
        if badID {
            return .invalid(id: .null, error: .invalidRequest("id must be a string, an integer or null", field: "id"))
        }
        // An object that fails the envelope checks is not a notification, "id" or not: it is
        // answered, with id null when it has none (WIRE.md §3.4 #3, JSON-RPC 2.0 §7).
        let envelopeID: RPCID = id ?? .null
        guard case .string("2.0") = jsonrpc else {
            return .invalid(id: envelopeID, error: .invalidRequest("jsonrpc must be \"2.0\"", field: "jsonrpc"))
        }
        guard case .string(let name) = method else {
            let reason = method == nil ? "method is required" : "method must be a string"
            return .invalid(id: envelopeID, error: .invalidRequest(reason, field: "method"))
        }
        if let unknown {
            return .invalid(id: envelopeID, error: .invalidRequest("unknown member \"\(unknown)\"", field: unknown))
        }
        // From here on a message without an id is a notification: later failures go unanswered.
        let answerID: RPCID? = id
        let paramsValue: JSONValue
        switch params {
        case nil: paramsValue = .object(JSONObject())
        case .object?: paramsValue = params!
        case .array?:
            return .invalid(id: answerID, error: .invalidParams(field: "params", reason: "must be an object"))
        case let other?:
            return .invalid(
                id: envelopeID,
                error: .invalidRequest("params must be an object, got \(other.typeName)", field: "params"))
        }
        if name.utf8.first == UInt8(ascii: "$") {
            return decodeControl(name, id: id, params: paramsValue)
        }
        var metadata = RPCMetadata()
        if let meta {
            do {
                metadata = try RPCMetadata(wire: meta, maxBytes: maxMetaBytes, maxKeys: maxMetaKeys)
            } catch {
                return .invalid(id: answerID, error: error)
            }
        }
        return .call(RPCIncomingCall(id: id, method: name, params: .value(paramsValue), metadata: metadata))
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
}
