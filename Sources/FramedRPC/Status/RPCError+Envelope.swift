public import FramedJSON

extension RPCError {
    /// -32700 Parse error (INVALID_ARGUMENT): the payload is not valid JSON / UTF-8.
    public static func parseError(_ reason: String) -> RPCError {
        RPCError(code: .invalidArgument, message: "parse error: \(reason)", jsonRPCCode: JSONRPCCode.parseError)
    }

    /// -32600 Invalid Request (INVALID_ARGUMENT), naming the offending member when there is one.
    public static func invalidRequest(_ message: String, field: String? = nil) -> RPCError {
        var details: [JSONValue] = []
        if let field { details.append(["field": .string(field), "reason": .string(message)]) }
        return RPCError(
            code: .invalidArgument, message: "invalid request: \(message)", details: details,
            jsonRPCCode: JSONRPCCode.invalidRequest)
    }

    /// -32601 Method not found (UNIMPLEMENTED).
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: .unimplemented, message: "method \(method) not found", jsonRPCCode: JSONRPCCode.methodNotFound)
    }

    /// RESOURCE_EXHAUSTED (8) for a limit, naming the limit and the actual size.
    public static func limitExceeded(_ message: String, field: String? = nil) -> RPCError {
        var details: [JSONValue] = []
        if let field { details.append(["field": .string(field), "reason": .string(message)]) }
        return RPCError(code: .resourceExhausted, message: message, details: details)
    }

    /// Maps anything a handler threw to what the caller sees, the one place the server does:
    /// `RPCError` as is, `RPCErrorConvertible` through `rpcError` (a domain's errors, converted
    /// by the layer that knows both), `JSONDecodingError` as -32602 naming the field,
    /// `CancellationError` as CANCELLED, and anything else as INTERNAL with a generic message
    /// (the original is kept in `cause`, never sent; WIRE.md §5.1).
    public init(mapping error: any Error) {
        switch error {
        case let e as RPCError: self = e
        case let e as any RPCErrorConvertible: self = e.rpcError
        case let e as JSONDecodingError: self = .invalidParams(field: e.field, reason: e.reason)
        case is CancellationError: self = RPCError(code: .cancelled, message: "the call was cancelled", cause: error)
        default: self = RPCError(code: .internalError, message: "internal error", cause: error)
        }
    }

    /// Reads an error object received on the wire (`{"code":..,"message":..,"data":{..}}`).
    public init(wireError value: JSONValue) {
        let wireCode = value["code"]?.intValue.map { Int($0) } ?? 2
        let message = value["message"]?.stringValue ?? ""
        let data = value["data"]
        let code: Code
        if let name = data?["status"]?.stringValue, let named = Code(name: name) {
            code = named
        } else {
            code = JSONRPCCode.status(of: wireCode) ?? Code(rawValue: wireCode) ?? .unknown
        }
        self.init(
            code: code, message: message, details: data?["details"]?.arrayValue ?? [],
            retryAfterMs: data?["retryAfterMs"]?.intValue, jsonRPCCode: wireCode < 0 ? wireCode : nil)
    }

    /// Writes the JSON-RPC error object: `{"code":N,"message":"..","data":{"status":..,
    /// "details":[..],"retryAfterMs"?:N}}`.
    public func encodeWireError(to w: inout JSONWriter) {
        w.beginObject()
        w.key("code")
        w.int(wireCode)
        w.key("message")
        w.string(message)
        w.key("data")
        w.beginObject()
        w.key("status")
        w.string(code.name)
        w.key("details")
        w.beginArray()
        for detail in details { w.value(detail) }
        w.endArray()
        if let retryAfterMs {
            w.key("retryAfterMs")
            w.int(retryAfterMs)
        }
        w.endObject()
        w.endObject()
    }
}
