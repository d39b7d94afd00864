import FramedJSON

/// WIRE.md §5.1, §12, §13, §14.1: rules about error details and per-call state that no other
/// section's cases check.
enum ErrorObjectCases {
    static var all: [ConformanceCase] { [everyField, detailShape, rpcNotAService, tokenPerCall, keyIgnored] }

    static let everyField = ConformanceCase(
        "wire.errors.every-field-listed",
        rule: "WIRE.md §5.1: a -32602 error lists every field it found at fault, each in its own detail",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: ["delayMs": "soon", "responseBytes": -1, "mesage": "typo"])
        let error = try context.expectError(
            try connection.readResponse(id: 1), code: -32602, status: "INVALID_ARGUMENT")
        let fields = Set((error["data"]?["details"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue })
        try context.expect(
            fields.isSuperset(of: ["delayMs", "responseBytes", "mesage"]),
            "expected details for delayMs, responseBytes and mesage, got \(fields.sorted())")
    }

    static let detailShape = ConformanceCase(
        "wire.errors.field-violation-shape",
        rule:
            "WIRE.md §5.1: a field violation is {\"field\": path, \"reason\": text}, both strings, the reason a short phrase",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": "three"])
        let error = try context.expectError(
            try connection.readResponse(id: 1), code: -32602, status: "INVALID_ARGUMENT", field: "count")
        for detail in error["data"]?["details"]?.arrayValue ?? [] {
            try context.expect(
                detail["field"]?.stringValue != nil && detail["reason"]?.stringValue?.isEmpty == false,
                "a detail lacks a string field or reason: \(detail)")
        }
        try context.expectDetail(error, field: "count", reasonContains: "must be an integer")
    }

    static let rpcNotAService = ConformanceCase(
        "wire.health.rpc-not-a-service",
        rule:
            "WIRE.md §14.1: service names come from rpc.discover's methods, rpc aside: Health.Check of \"rpc\" is NOT_FOUND"
    ) { context in
        let connection = try context.connect()
        try context.expectError(
            try connection.call("Health.Check", params: ["service": "rpc"]), code: 5, status: "NOT_FOUND",
            field: "service")
    }

    static let tokenPerCall = ConformanceCase(
        "wire.auth.no-session-state",
        rule:
            "WIRE.md §2.1, §12: a connection holds no login state: after a call with a valid token, the next call without one is UNAUTHENTICATED",
        requires: [.token]
    ) { context in
        let connection = try context.connect()
        let method = try context.tokenOnlyMethod()
        try context.expectResult(try connection.call(method, params: [:], meta: try context.authMeta()))
        try context.expectError(try connection.call(method, params: [:]), code: 16, status: "UNAUTHENTICATED")
        try context.expectResult(try connection.call(method, params: [:], meta: try context.authMeta()))
    }

    static let keyIgnored = ConformanceCase(
        "wire.idempotency.non-mutating-ignored",
        rule:
            "WIRE.md §13: on methods that do not mutate the idempotency key is validated and otherwise ignored: the same key with other params runs again",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let key = context.unique("key-")
        let first = try context.expectResult(
            try connection.call(WireCheck.echo, params: ["message": "one"], meta: ["idempotencyKey": .string(key)]))
        let second = try context.expectResult(
            try connection.call(WireCheck.echo, params: ["message": "two"], meta: ["idempotencyKey": .string(key)]))
        try context.expect(
            first["message"] == "one" && second["message"] == "two", "the second call did not run: \(second)")
    }
}
