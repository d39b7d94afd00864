// libFuzzer target: the envelope decoder (WIRE.md §3-§4, §6) on one frame payload.
//
// The input is one frame's payload. The server's own decoder (RPCEnvelopeDecoder, with the
// server's default limits) must turn it into a request, a notification, a control message, a
// batch or a protocol error without trapping, and every answer the server would write for it
// must be a valid JSON-RPC response envelope. A decoded call must also survive a round trip:
// re-encoded as a request frame and decoded again, it is the same call.
import FramedJSON

@testable import FramedRPC

private let config = RPCServerConfig()
private let decoder = RPCEnvelopeDecoder(
    maxDepth: config.maxDepth, maxBatch: config.maxBatch, maxMetaBytes: config.maxMetaBytes,
    maxMetaKeys: config.maxMetaKeys)

#if FRAMEDRPC_RAW_PARAMS
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
            return "invalid \(String(describing: id)) \(error.code) \(error.jsonRPCCode ?? 0) \(error.message) \(error.details)"
        case .cancel(let id, let answer): return "cancel \(id) \(String(describing: answer))"
        case .credit(let id, let items, let answer): return "credit \(id) \(items) \(String(describing: answer))"
        case .ping(let id): return "ping \(String(describing: id))"
        case .ignored: return "ignored"
        }
    }

    /// The fast path (raw bytes, no tree) and the tree path must decode a payload the same way.
    private func checkFastPath(_ payload: [UInt8], _ decoded: RPCInboundFrame) {
        guard let value = try? JSONParser(maxDepth: config.maxDepth).parse(payload) else {
            guard case .failure = decoded else { fatalError("the fast path decoded a payload the parser refuses") }
            return
        }
        guard case .object = value else { return }
        guard case .single(let fast) = decoded else { fatalError("an object did not decode as a single message") }
        let slow = decoder.decodeMessage(value)
        let (a, b) = (summary(fast), summary(slow))
        require(a == b, "fast and tree paths differ:\n\(a)\n\(b)")
        if case .call(let x) = fast, case .call(let y) = slow {
            require(x.metadata == y.metadata, "fast and tree paths read meta differently: \(x.metadata) vs \(y.metadata)")
        }
    }
#else
    private func tree(_ params: JSONValue) -> JSONValue { params }
    private func checkFastPath(_ payload: [UInt8], _ decoded: RPCInboundFrame) {}
#endif

/// Traps unless `frame` is a framed, valid JSON-RPC response (or a batch of them).
private func requireValidAnswer(_ frame: [UInt8], _ what: @autoclosure () -> String) {
    require(frame.count > 4, "\(what()): empty frame")
    let length = Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3])
    require(length == frame.count - 4, "\(what()): header says \(length), payload is \(frame.count - 4)")
    let value: JSONValue
    do {
        value = try JSONParser(maxDepth: 200).parse(Array(frame.dropFirst(4)))
    } catch {
        fatalError("\(what()): the answer is not JSON: \(error): \(String(decoding: frame.dropFirst(4), as: UTF8.self))")
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
    guard let id = object["id"], RPCID(json: id) != nil else { fatalError("\(what): response id \(String(describing: object["id"]))") }
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
    checkFastPath(payload, decoded)
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
