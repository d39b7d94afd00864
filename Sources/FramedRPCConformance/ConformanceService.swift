import FramedJSON
public import FramedRPC

/// A test service mirroring gRPC's interop TestService, so any client or server can be held
/// to WIRE.md. Off unless the server is started with it; no credentials needed.
///
/// - `Conformance.Echo {"message"?: any, "delayMs"?: 0...60000, "status"?: "NOT_FOUND"|5,
///   "statusMessage"?: String, "responseBytes"?: 0...3145728}` -> `{"message": <as sent>,
///   "meta": {<custom meta keys received>}, "padding"?: "xxx.."}`; with a non-OK `status` it
///   fails with that status and `statusMessage`, byte for byte.
/// - `Conformance.Stream {"count"?: 0...100000, "intervalMs"?: 0...60000, "itemBytes"?:
///   0...1048576}` -> items `{"index": i, "padding"?: "xxx.."}` in order, then `{"count": n}`.
public struct ConformanceService: RPCService {
    /// Bounds the params are checked against.
    public static let maxDelayMs: Int64 = 60_000
    /// The most padding bytes `Conformance.Echo` adds.
    public static let maxResponseBytes: Int64 = 3 << 20
    /// The most items `Conformance.Stream` sends.
    public static let maxCount: Int64 = 100_000
    /// The most padding bytes per item.
    public static let maxItemBytes: Int64 = 1 << 20

    /// `Conformance.Echo`.
    public static let echo = RPCMethodDescriptor(
        name: "Conformance.Echo", requiresAuthentication: false, tags: ["conformance"])
    /// `Conformance.Stream`.
    public static let stream = RPCMethodDescriptor(
        name: "Conformance.Stream", kind: .serverStreaming, requiresAuthentication: false, tags: ["conformance"])

    /// `Conformance.Echo`'s params.
    static let echoParams: [(String, RPCParamCheck.ParamRule)] = [
        ("message", .any), ("delayMs", .count(limit: maxDelayMs)), ("status", .status),
        ("statusMessage", .string), ("responseBytes", .count(limit: maxResponseBytes)),
    ]

    /// `Conformance.Stream`'s params.
    static let streamParams: [(String, RPCParamCheck.ParamRule)] = [
        ("count", .count(limit: maxCount)), ("intervalMs", .count(limit: maxDelayMs)),
        ("itemBytes", .count(limit: maxItemBytes)),
    ]

    /// Creates the service.
    public init() {}

    /// Registers both methods.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerUnary(Self.echo) { request, _ in
            if let raw = request.rawParams, let result = Self.plainEcho(raw, meta: request.metadata.custom) {
                return result
            }
            try RPCParamCheck.check(request.params, Self.echoParams)
            let f = try JSONFields(
                request.params, path: "", allowed: ["message", "delayMs", "status", "statusMessage", "responseBytes"])
            let delayMs = try Self.bounded(f, "delayMs", Self.maxDelayMs)
            let responseBytes = try Self.bounded(f, "responseBytes", Self.maxResponseBytes)
            let statusMessage = try f.optional("statusMessage", as: String.self) ?? ""
            var status: RPCError.Code = .ok
            if let raw = f.object["status"], raw != .null {
                if let name = raw.stringValue, let code = RPCError.Code(name: name) {
                    status = code
                } else if let number = raw.intValue, let code = RPCError.Code(rawValue: Int(number)) {
                    status = code
                } else {
                    throw RPCError.invalidParams(field: "status", reason: "must be a status name or number 0...16")
                }
            }
            if delayMs > 0 { try await Task.sleep(for: .milliseconds(delayMs)) }
            if status != .ok { throw RPCError(code: status, message: statusMessage) }
            return EchoResult(
                message: f.object["message"] ?? .null, meta: request.metadata.custom, padding: Int(responseBytes))
        }
        router.registerServerStreaming(Self.stream) { request, _, writer in
            try RPCParamCheck.check(request.params, Self.streamParams)
            let f = try JSONFields(request.params, path: "", allowed: ["count", "intervalMs", "itemBytes"])
            let count = try Self.bounded(f, "count", Self.maxCount)
            let intervalMs = try Self.bounded(f, "intervalMs", Self.maxDelayMs)
            let itemBytes = Int(try Self.bounded(f, "itemBytes", Self.maxItemBytes))
            let padding = itemBytes > 0 ? String(repeating: "x", count: itemBytes) : nil
            for index in 0..<count {
                if intervalMs > 0 && index > 0 { try await Task.sleep(for: .milliseconds(intervalMs)) }
                try await writer.send(StreamItem(index: index, padding: padding))
            }
            return CountResult(count: count)
        }
    }

    private static func bounded(_ f: JSONFields, _ key: String, _ limit: Int64) throws -> Int64 {
        guard let value = try f.optional(key, as: Int64.self) else { return 0 }
        guard value >= 0 && value <= limit else {
            throw RPCError.invalidParams(field: key, reason: "must be in 0...\(limit), got \(value)")
        }
        return value
    }

    /// The answer to an Echo whose params are `{}` or just a `message` string with no escape:
    /// the message is copied as it arrived (the same bytes a re-encoding would give), without
    /// a tree or a `String`. `nil` for every other params object, which takes the full path.
    static func plainEcho(_ params: JSONRawValue, meta: [String: String]) -> RawEchoResult? {
        let members = params.members
        if members.isEmpty { return RawEchoResult(message: nil, meta: meta) }
        guard members.count == 1, members[0].key == "message", members[0].value.isPlainString else { return nil }
        return RawEchoResult(message: members[0].value, meta: meta)
    }

    struct RawEchoResult: JSONEncodable, Sendable {
        var message: JSONRawValue?
        var meta: [String: String]
        func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.key("message" as StaticString)
            if let message { w.raw(message) } else { w.null() }
            w.key("meta" as StaticString)
            w.beginObject()
            if !meta.isEmpty {
                for key in meta.keys.sorted() {
                    w.key(key)
                    w.string(meta[key]!)
                }
            }
            w.endObject()
            w.endObject()
        }
    }

    struct EchoResult: JSONEncodable, Sendable {
        var message: JSONValue
        var meta: [String: String]
        var padding: Int
        func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.key("message")
            w.value(message)
            w.key("meta")
            w.beginObject()
            for key in meta.keys.sorted() {
                w.key(key)
                w.string(meta[key]!)
            }
            w.endObject()
            if padding > 0 {
                w.key("padding")
                w.string(String(repeating: "x", count: padding))
            }
            w.endObject()
        }
    }

    struct StreamItem: JSONEncodable, Sendable {
        var index: Int64
        var padding: String?
        func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.key("index")
            w.int(index)
            w.member("padding", padding)
            w.endObject()
        }
    }

    struct CountResult: JSONEncodable, Sendable {
        var count: Int64
        func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.key("count")
            w.int(count)
            w.endObject()
        }
    }
}
