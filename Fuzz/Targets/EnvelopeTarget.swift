// libFuzzer target: the envelope decoder (WIRE.md §3-§4, §6) on one frame payload.
//
// The input is one frame's payload. The server's own decoder (RPCEnvelopeDecoder, with the
// server's default limits) must turn it into a request, a notification, a control message, a
// batch or a protocol error without trapping, and every answer the server would write for it
// must be a valid JSON-RPC response envelope. A decoded call must also survive a round trip:
// re-encoded as a request frame and decoded again, it is the same call.
//
// The oracle for the envelope rules is `Reference` below: WIRE.md §3.4, §4 and §6 read plainly
// over the parsed tree (the meta size by encoding it, no shortcut), written apart from the
// server's decoder, which reads the raw bytes. Every message (single, or each of a batch) must
// decode to what the reference says, error code, message and field included.
import FramedJSON

@testable import FramedRPC

private let config = RPCServerConfig()
private let decoder = RPCEnvelopeDecoder(
    maxDepth: config.maxDepth, maxBatch: config.maxBatch, maxMetaBytes: config.maxMetaBytes,
    maxMetaKeys: config.maxMetaKeys)

/// The params as a tree, whichever way the decoder kept them.
private func tree(_ params: RPCIncomingParams) -> JSONValue {
    switch params {
    case .value(let value): return value
    case .raw(let raw): return raw.parse()
    }
}

/// A decoded message as comparable text.
private func summary(_ message: RPCInboundMessage) -> String {
    switch message {
    case .call(let call):
        // meta's custom keys are a dictionary: compared with ==, not by description.
        return "call \(String(describing: call.id)) \(call.method) \(tree(call.params))"
    case .invalid(let id, let error):
        return
            "invalid \(String(describing: id)) \(error.code) \(error.jsonRPCCode ?? 0) \(error.message) \(error.details)"
    case .cancel(let id, let answer): return "cancel \(id) \(String(describing: answer))"
    case .credit(let id, let items, let answer): return "credit \(id) \(items) \(String(describing: answer))"
    case .ping(let id): return "ping \(String(describing: id))"
    case .ignored: return "ignored"
    }
}

/// The decoder and the plain reading of the spec must agree on every message of the payload.
private func checkAgainstReference(_ payload: [UInt8], _ decoded: RPCInboundFrame) {
    let expected = Reference.decode(payload)
    switch (decoded, expected) {
    case (.failure(let a), .failure(let b)):
        require(a.code == b.code && a.message == b.message, "frame errors differ: \(a) vs \(b)")
    case (.single(let message), .messages(let reference)) where reference.count == 1 && !Reference.isBatch(payload):
        compare(message, reference[0])
    case (.batch(let messages), .messages(let reference)) where Reference.isBatch(payload):
        require(messages.count == reference.count, "batch sizes differ: \(messages.count) vs \(reference.count)")
        for (message, expected) in zip(messages, reference) { compare(message, expected) }
    default:
        fatalError("decoder and reference disagree on the frame: \(decoded) vs \(expected)")
    }
}

private func compare(_ message: RPCInboundMessage, _ expected: Reference.Message) {
    let actual = summary(message)
    require(actual == expected.summary, "decoder and reference differ:\n\(actual)\n\(expected.summary)")
    if case .call(let call) = message {
        require(call.metadata == expected.metadata, "meta differs: \(call.metadata) vs \(expected.metadata)")
    }
}

/// WIRE.md §3.4 (a request's checks, in order), §4 (`meta`) and §6 (batches), read over the
/// tree `JSONParser` gives.
private enum Reference {
    struct Message {
        var summary: String
        var metadata = RPCMetadata()
    }
    enum Frame {
        case failure(RPCError)
        case messages([Message])
    }

    static func isBatch(_ payload: [UInt8]) -> Bool {
        payload.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } == UInt8(ascii: "[")
    }

    static func decode(_ payload: [UInt8]) -> Frame {
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: config.maxDepth).parse(payload)
        } catch {
            return .failure(.parseError(error.description))
        }
        guard case .array(let members) = value else { return .messages([message(value)]) }
        if members.isEmpty { return .failure(.invalidRequest("empty batch")) }
        if members.count > config.maxBatch {
            return .failure(
                .limitExceeded("batch of \(members.count) requests exceeds the limit of \(config.maxBatch)"))
        }
        return .messages(members.map(message))
    }

    static func invalid(_ id: RPCID?, _ error: RPCError) -> Message {
        Message(
            summary:
                "invalid \(String(describing: id)) \(error.code) \(error.jsonRPCCode ?? 0) \(error.message) \(error.details)"
        )
    }

    static func message(_ value: JSONValue) -> Message {
        guard case .object(let object) = value else {
            return invalid(.null, .invalidRequest("a request must be a JSON object, got \(value.typeName)"))
        }
        // The parser keeps the first of repeated names (§3.1).
        var id: RPCID?
        if let raw = object["id"] {
            guard let parsed = RPCID(json: raw) else {
                return invalid(.null, .invalidRequest("id must be a string, an integer or null", field: "id"))
            }
            id = parsed
        }
        guard object["jsonrpc"] == .string("2.0") else {
            return invalid(id ?? .null, .invalidRequest("jsonrpc must be \"2.0\"", field: "jsonrpc"))
        }
        guard case .string(let method)? = object["method"] else {
            let reason = object["method"] == nil ? "method is required" : "method must be a string"
            return invalid(id ?? .null, .invalidRequest(reason, field: "method"))
        }
        if let unknown = object.members.first(where: {
            !["jsonrpc", "id", "method", "params", "meta"].contains($0.key)
        }) {
            return invalid(id ?? .null, .invalidRequest("unknown member \"\(unknown.key)\"", field: unknown.key))
        }
        let params = object["params"] ?? .object(JSONObject())
        switch params {
        case .object: break
        case .array: return invalid(id, .invalidParams(field: "params", reason: "must be an object"))
        default:
            return invalid(
                id ?? .null, .invalidRequest("params must be an object, got \(params.typeName)", field: "params"))
        }
        if method.hasPrefix("$") { return control(method, id: id, params: params) }
        var metadata = RPCMetadata()
        if let meta = object["meta"] {
            do {
                metadata = try readMeta(meta)
            } catch {
                return invalid(id, error)
            }
        }
        return Message(summary: "call \(String(describing: id)) \(method) \(params)", metadata: metadata)
    }

    static func control(_ method: String, id: RPCID?, params: JSONValue) -> Message {
        func target() -> RPCID? { params["id"].flatMap(RPCID.init(json:)) }
        switch method {
        case "$/ping": return Message(summary: "ping \(String(describing: id))")
        case "$/cancel":
            guard let target = target() else {
                return invalid(id, .invalidParams(field: "id", reason: "is required (string or integer)"))
            }
            return Message(summary: "cancel \(target) \(String(describing: id))")
        case "$/credit":
            guard let target = target() else {
                return invalid(id, .invalidParams(field: "id", reason: "is required (string or integer)"))
            }
            guard let items = params["items"]?.intValue, (1...10_000).contains(items) else {
                return invalid(id, .invalidParams(field: "items", reason: "must be an integer in 1...10000"))
            }
            return Message(summary: "credit \(target) \(items) \(String(describing: id))")
        default:
            if let id { return invalid(id, .methodNotFound(method)) }
            return Message(summary: "ignored")
        }
    }

    /// §4: an object; at most maxMetaKeys keys; at most maxMetaBytes as compact JSON; then
    /// each key's type and form.
    static func readMeta(_ meta: JSONValue) throws(RPCError) -> RPCMetadata {
        guard case .object(let object) = meta else {
            throw .invalidRequest("meta must be an object, got \(meta.typeName)", field: "meta")
        }
        if object.count > config.maxMetaKeys {
            throw .limitExceeded(
                "meta has \(object.count) keys, above the limit of \(config.maxMetaKeys)", field: "meta")
        }
        let size = meta.encodedBytes.count
        if size > config.maxMetaBytes {
            throw .limitExceeded(
                "meta is \(size) bytes, above the limit of \(config.maxMetaBytes) bytes", field: "meta")
        }
        var result = RPCMetadata()
        for member in object.members {
            let field = "meta." + member.key
            let text = member.value.stringValue
            switch member.key {
            case "timeoutMs":
                guard let ms = member.value.intValue, (0...2_147_483_647).contains(ms) else {
                    throw .invalidRequest("\(field) must be an integer in 0...2147483647", field: field)
                }
                result.timeoutMs = ms
            case "streamWindow":
                guard let n = member.value.intValue, (1...10_000).contains(n) else {
                    throw .invalidRequest("\(field) must be an integer in 1...10000", field: field)
                }
                result.streamWindow = Int(n)
            case "authorization":
                guard let text else { throw .invalidRequest("\(field) must be a string", field: field) }
                result.authorization = text
            case "idempotencyKey":
                guard let text, (1...128).contains(text.utf8.count),
                    text.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
                else { throw .invalidRequest("\(field) must be 1-128 printable ASCII characters", field: field) }
                result.idempotencyKey = text
            case "traceparent":
                guard let text, isTraceparent(text) else {
                    throw .invalidRequest("\(field) must be 00-<32 hex>-<16 hex>-<2 hex>", field: field)
                }
                result.traceparent = text
            default:
                guard let text else {
                    throw .invalidRequest("\(field) must be a string, got \(member.value.typeName)", field: field)
                }
                result.custom[member.key] = text
            }
        }
        return result
    }

    /// W3C trace context version 00: `00-<32 lowercase hex>-<16 lowercase hex>-<2 lowercase hex>`.
    static func isTraceparent(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let hex = Set("0123456789abcdef")
        return parts.count == 4 && parts[0] == "00" && parts[1].count == 32 && parts[2].count == 16
            && parts[3].count == 2 && parts.dropFirst().allSatisfy { $0.allSatisfy(hex.contains) }
            && text.utf8.count == 55
    }
}

/// Traps unless `frame` is a framed, valid JSON-RPC response (or a batch of them).
private func requireValidAnswer(_ frame: [UInt8], _ what: @autoclosure () -> String) {
    require(frame.count > 4, "\(what()): empty frame")
    let length = Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3])
    require(length == frame.count - 4, "\(what()): header says \(length), payload is \(frame.count - 4)")
    let value: JSONValue
    do {
        value = try JSONParser(maxDepth: 200).parse(Array(frame.dropFirst(4)))
    } catch {
        fatalError(
            "\(what()): the answer is not JSON: \(error): \(String(decoding: frame.dropFirst(4), as: UTF8.self))")
    }
    if case .array(let members) = value {
        require(!members.isEmpty, "\(what()): empty batch answer")
        for member in members { requireValidResponse(member, what()) }
    } else {
        requireValidResponse(value, what())
    }
}

private func requireValidResponse(_ value: JSONValue, _ what: String) {
    guard case .object(let object) = value else { fatalError("\(what): a response must be an object: \(value)") }
    require(object["jsonrpc"] == .string("2.0"), "\(what): jsonrpc")
    guard let id = object["id"], RPCID(json: id) != nil else {
        fatalError("\(what): response id \(String(describing: object["id"]))")
    }
    let hasResult = object["result"] != nil
    let error = object["error"]
    require(hasResult != (error != nil), "\(what): exactly one of result and error")
    if let error {
        guard case .int = error["code"] else { fatalError("\(what): error.code must be an integer: \(error)") }
        guard case .string = error["message"] else { fatalError("\(what): error.message must be a string") }
        guard case .string(let status)? = error["data"]?["status"], RPCError.Code(name: status) != nil else {
            fatalError("\(what): error.data.status must name a status code: \(error)")
        }
    }
    for member in object.members {
        require(["jsonrpc", "id", "result", "error"].contains(member.key), "\(what): unknown member \(member.key)")
    }
}

/// Numbers compare by value: a double written without a fraction reads back as an integer.
private func sameJSON(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(sameJSON)
    case (.object(let x), .object(let y)):
        return x.members.count == y.members.count
            && zip(x.members, y.members).allSatisfy { $0.key == $1.key && sameJSON($0.value, $1.value) }
    default: return a == b
    }
}

/// The answers the server writes for one decoded message, checked; calls are round-tripped.
private func check(_ message: RPCInboundMessage, inBatch: Bool) {
    switch message {
    case .invalid(let id, let error):
        if let id { requireValidAnswer(RPCEnvelopeEncoder.errorFrame(id: id, error: error), "invalid message") }
    case .ping(let id), .cancel(_, let id), .credit(_, _, let id):
        if let id { requireValidAnswer(RPCEnvelopeEncoder.responseFrame(id: id, result: RPCEmptyResult()), "control") }
    case .ignored:
        break
    case .call(let call):
        if let id = call.id {
            requireValidAnswer(RPCEnvelopeEncoder.responseFrame(id: id, result: tree(call.params)), "echo result")
            requireValidAnswer(RPCEnvelopeEncoder.errorFrame(id: id, error: .methodNotFound(call.method)), "not found")
        }
        let again = RPCEnvelopeEncoder.requestFrame(
            id: call.id, method: call.method, params: tree(call.params), metadata: call.metadata)
        guard case .single(.call(let reread)) = decoder.decode(Array(again.dropFirst(4))) else {
            fatalError("a decoded call does not decode again: \(String(decoding: again.dropFirst(4), as: UTF8.self))")
        }
        require(reread.id == call.id && reread.method == call.method, "round trip changed id or method")
        require(sameJSON(tree(reread.params), tree(call.params)), "round trip changed params")
        require(reread.metadata == call.metadata, "round trip changed meta: \(call.metadata) -> \(reread.metadata)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = Array(UnsafeBufferPointer(start: data, count: size))
    let decoded = decoder.decode(payload)
    checkAgainstReference(payload, decoded)
    switch decoded {
    case .failure(let error):
        requireValidAnswer(RPCEnvelopeEncoder.errorFrame(id: .null, error: error), "frame failure")
    case .single(let message):
        check(message, inBatch: false)
    case .batch(let messages):
        require(!messages.isEmpty && messages.count <= config.maxBatch, "batch size \(messages.count)")
        for message in messages { check(message, inBatch: true) }
    }
    return 0
}

/// `precondition` that prints its message in optimized builds too (the fuzz targets are -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
