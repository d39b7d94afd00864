import FramedJSON

/// Payload builders and recurring checks shared by the wire cases.
enum WireCheck {
    /// The `Conformance.Echo` method (WIRE.md §14.3).
    static let echo = "Conformance.Echo"
    /// The `Conformance.Stream` method (WIRE.md §14.3).
    static let stream = "Conformance.Stream"

    /// `{"jsonrpc":"2.0","id":1,"method":"$/ping","params":{"x":<value>}}`: a request the
    /// target answers `{}` whatever `x` holds, so only a parse error can stop it.
    static func ping(x value: [UInt8]) -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":1,"method":"$/ping","params":{"x":"#.utf8) + value + Array("}}".utf8)
    }

    /// `ping(x:)` for a value written as text.
    static func ping(x value: String) -> [UInt8] { ping(x: Array(value.utf8)) }

    /// `{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":<message>}}`.
    static func echo(message: String) -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":"#.utf8) + Array(message.utf8)
            + Array("}}".utf8)
    }

    /// The Echo params `{"delayMs": ms}` plus `extra`.
    static func delayed(_ ms: Int64, _ extra: JSONObject = [:]) -> JSONValue {
        var params: JSONObject = ["delayMs": .int(ms)]
        params.members += extra.members
        return .object(params)
    }

    /// True when `a` and `b` are the same JSON, strings compared byte for byte (Swift's `==`
    /// on strings would equate canonically equivalent texts such as `é` and `e` + U+0301).
    static func identical(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return Array(x.utf8) == Array(y.utf8)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count
                && x.members.allSatisfy { member in y[member.key].map { identical(member.value, $0) } ?? false }
        case (.int, .int), (.double, .double), (.null, .null), (.bool, .bool): return a == b
        case (.int(let i), .double(let d)), (.double(let d), .int(let i)): return Int64(exactly: d) == i
        default: return false
        }
    }

    /// The next frame as a single response object.
    static func nextResponse(_ connection: RawConnection, _ context: CaseContext, timeout: Duration? = nil) throws
        -> JSONObject
    {
        let frame = try connection.readFrame(timeout: timeout)
        guard let object = frame.object else { throw context.fail("expected one response object, got \(frame.text)") }
        return object
    }

    /// The next frame as a batch response (an array of response objects).
    static func nextBatch(_ connection: RawConnection, _ context: CaseContext, timeout: Duration? = nil) throws
        -> [JSONObject]
    {
        let frame = try connection.readFrame(timeout: timeout)
        guard let array = frame.array else {
            throw context.fail("expected a batch response (an array), got \(frame.text)")
        }
        return try array.map { member in
            guard let object = member.objectValue else {
                throw context.fail("batch response member is not an object: \(member)")
            }
            try context.expectWellFormed(object)
            return object
        }
    }

    /// Passes when nothing arrives for a moment and the connection then still answers a
    /// `$/ping` with nothing else before it.
    static func expectNothing(_ connection: RawConnection, _ context: CaseContext) throws {
        try connection.expectSilence(for: .milliseconds(300))
        try connection.expectAlive()
        if let extra = connection.held.first {
            throw context.fail("expected no answer, but the target sent \(extra.text)")
        }
    }

    /// A case sending `payload` that must be answered `-32700` with `id: null` on a
    /// connection that stays open (WIRE.md §3.1, §3.4 step 1).
    static func parseError(
        _ name: String, _ rule: String, _ payload: [UInt8], messageContains: [String] = []
    ) -> ConformanceCase {
        ConformanceCase("wire.json.\(name)", rule: "WIRE.md §3.1: \(rule)") { context in
            let connection = try context.connect()
            try connection.writeFrame(payload: payload)
            let error = try context.expectParseError(try nextResponse(connection, context))
            for fragment in messageContains { try context.expectMessage(error, contains: fragment) }
            try connection.expectAlive()
        }
    }

    /// A case sending the Echo request with `message` written as raw JSON text `messageJSON`;
    /// the result's `message` must be `expected`, byte for byte.
    static func echoes(_ name: String, _ rule: String, _ messageJSON: String, _ expected: JSONValue) -> ConformanceCase
    {
        ConformanceCase("wire.json.\(name)", rule: "WIRE.md §3.1: \(rule)", requires: [.conformanceService]) {
            context in
            let connection = try context.connect()
            try connection.writeFrame(payload: echo(message: messageJSON))
            let result = try context.expectResult(try connection.readResponse(id: 1))
            let got = result["message"] ?? .null
            try context.expect(identical(got, expected), "expected message \(expected) back, got \(got)")
        }
    }

    /// A case sending `json` that must be answered `-32600` `INVALID_ARGUMENT` with `id`
    /// (and a detail naming `field` when given), on a connection that stays open.
    static func invalidRequest(
        _ name: String, _ rule: String, _ json: String, id: JSONValue, field: String? = nil,
        requires requirements: Set<CaseRequirement> = []
    ) -> ConformanceCase {
        ConformanceCase(name, rule: rule, requires: requirements) { context in
            let connection = try context.connect()
            try connection.writeFrame(json)
            let response = try nextResponse(connection, context)
            try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT", field: field)
            try context.expectID(response, id)
            try connection.expectAlive()
        }
    }

    /// A case sending the notification `json`, which must get no answer at all.
    static func silent(
        _ name: String, _ rule: String, _ json: String, requires requirements: Set<CaseRequirement> = []
    ) -> ConformanceCase {
        ConformanceCase(name, rule: rule, requires: requirements) { context in
            let connection = try context.connect()
            try connection.writeFrame(json)
            try expectNothing(connection, context)
        }
    }
}
