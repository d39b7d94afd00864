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

/// Traps unless `frame` is a framed, valid JSON-RPC response (or a batch of them).
private func requireValidAnswer(_ frame: [UInt8], _ what: @autoclosure () -> String) {
    precondition(frame.count > 4, "\(what()): empty frame")
    let length = Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3])
    precondition(length == frame.count - 4, "\(what()): header says \(length), payload is \(frame.count - 4)")
    let value: JSONValue
    do {
        value = try JSONParser(maxDepth: 200).parse(Array(frame.dropFirst(4)))
    } catch {
        fatalError("\(what()): the answer is not JSON: \(error): \(String(decoding: frame.dropFirst(4), as: UTF8.self))")
    }
    if case .array(let members) = value {
        precondition(!members.isEmpty, "\(what()): empty batch answer")
        for member in members { requireValidResponse(member, what()) }
    } else {
        requireValidResponse(value, what())
    }
}

private func requireValidResponse(_ value: JSONValue, _ what: String) {
    guard case .object(let object) = value else { fatalError("\(what): a response must be an object: \(value)") }
    precondition(object["jsonrpc"] == .string("2.0"), "\(what): jsonrpc")
    guard let id = object["id"], RPCID(json: id) != nil else { fatalError("\(what): response id \(String(describing: object["id"]))") }
    let hasResult = object["result"] != nil
    let error = object["error"]
    precondition(hasResult != (error != nil), "\(what): exactly one of result and error")
    if let error {
        guard case .int = error["code"] else { fatalError("\(what): error.code must be an integer: \(error)") }
        guard case .string = error["message"] else { fatalError("\(what): error.message must be a string") }
        guard case .string(let status)? = error["data"]?["status"], RPCError.Code(name: status) != nil else {
            fatalError("\(what): error.data.status must name a status code: \(error)")
        }
    }
    for member in object.members {
        precondition(["jsonrpc", "id", "result", "error"].contains(member.key), "\(what): unknown member \(member.key)")
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
            requireValidAnswer(RPCEnvelopeEncoder.responseFrame(id: id, result: call.params), "echo result")
            requireValidAnswer(RPCEnvelopeEncoder.errorFrame(id: id, error: .methodNotFound(call.method)), "not found")
        }
        let again = RPCEnvelopeEncoder.requestFrame(
            id: call.id, method: call.method, params: call.params, metadata: call.metadata)
        guard case .single(.call(let reread)) = decoder.decode(Array(again.dropFirst(4))) else {
            fatalError("a decoded call does not decode again: \(String(decoding: again.dropFirst(4), as: UTF8.self))")
        }
        precondition(reread.id == call.id && reread.method == call.method, "round trip changed id or method")
        precondition(sameJSON(reread.params, call.params), "round trip changed params")
        precondition(reread.metadata == call.metadata, "round trip changed meta: \(call.metadata) -> \(reread.metadata)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = Array(UnsafeBufferPointer(start: data, count: size))
    switch decoder.decode(payload) {
    case .failure(let error):
        requireValidAnswer(RPCEnvelopeEncoder.errorFrame(id: .null, error: error), "frame failure")
    case .single(let message):
        check(message, inBatch: false)
    case .batch(let messages):
        precondition(!messages.isEmpty && messages.count <= config.maxBatch, "batch size \(messages.count)")
        for message in messages { check(message, inBatch: true) }
    }
    return 0
}
