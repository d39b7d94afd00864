import FramedJSON

/// WIRE.md §14: `Health`, `rpc.discover` and the `Conformance` service's own contract.
enum BuiltinCases {
    static var all: [ConformanceCase] {
        [
            healthServer, healthNoParams, healthServices, healthUnknown, healthTooLong, healthUnknownField,
            healthWrongType,
            watch, watchUnknown, discover, discoverEmptyParams, echoAnyJSON, echoPadding, echoUnknownField,
        ] + echoRanges
    }

    static let healthServer = ConformanceCase(
        "wire.health.check-server",
        rule: "WIRE.md §14.1: Health.Check with service \"\" (the server as a whole) is {\"status\":\"SERVING\"}"
    ) { context in
        let connection = try context.connect()
        let result = try context.expectResult(try connection.call("Health.Check", params: ["service": ""]))
        try context.expect(result == ["status": "SERVING"], "expected SERVING, got \(result)")
    }

    static let healthNoParams = ConformanceCase(
        "wire.health.check-default-service",
        rule: "WIRE.md §14.1: service is optional and defaults to \"\""
    ) { context in
        let connection = try context.connect()
        let result = try context.expectResult(try connection.call("Health.Check"))
        try context.expect(result == ["status": "SERVING"], "expected SERVING, got \(result)")
    }

    static let healthServices = ConformanceCase(
        "wire.health.check-each-service",
        rule:
            "WIRE.md §14.1: every service named by rpc.discover's methods (the part before the dot, rpc aside) is known to Health.Check"
    ) { context in
        guard let methods = context.discovery?["methods"]?.arrayValue else {
            throw CaseSkip("no rpc.discover document")
        }
        let services = Set(methods.compactMap { $0["name"]?.stringValue?.split(separator: ".").first.map(String.init) })
            .subtracting(["rpc"])
        try context.expect(!services.isEmpty, "rpc.discover lists no service")
        let connection = try context.connect()
        for service in services.sorted() {
            let result = try context.expectResult(
                try connection.call("Health.Check", params: ["service": .string(service)]))
            try context.expect(result == ["status": "SERVING"], "expected \(service) SERVING, got \(result)")
        }
    }

    static let healthUnknown = ConformanceCase(
        "wire.health.check-unknown-service",
        rule:
            "WIRE.md §14.1, §16.2: an unknown service is 5 NOT_FOUND with the detail {field: service, reason: is not a known service}"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":2,"method":"Health.Check","params":{"service":"Billing"}}"#)
        let response = try connection.readResponse(id: 2)
        let error = try context.expectError(response, code: 5, status: "NOT_FOUND")
        try context.expectDetail(error, field: "service", reasonContains: "is not a known service")
    }

    static let healthTooLong = ConformanceCase(
        "wire.health.check-service-too-long",
        rule: "WIRE.md §14.1: service is at most 200 characters: 201 is -32602 naming service (200 is merely unknown)"
    ) { context in
        let connection = try context.connect()
        let long = try connection.call("Health.Check", params: ["service": .string(String(repeating: "é", count: 201))])
        try context.expectError(long, code: -32602, status: "INVALID_ARGUMENT", field: "service")
        let limit = try connection.call(
            "Health.Check", params: ["service": .string(String(repeating: "é", count: 200))])
        try context.expectError(limit, code: 5, status: "NOT_FOUND", field: "service")
    }

    static let healthUnknownField = ConformanceCase(
        "wire.health.check-unknown-param",
        rule: "WIRE.md §14.1: unknown members in params are -32602 is not a known field"
    ) { context in
        let connection = try context.connect()
        let error = try context.expectError(
            try connection.call("Health.Check", params: ["service": "", "verbose": true]), code: -32602,
            status: "INVALID_ARGUMENT")
        try context.expectDetail(error, field: "verbose", reasonContains: "is not a known field")
    }

    static let healthWrongType = ConformanceCase(
        "wire.health.check-service-type",
        rule: "WIRE.md §14.1, §5.1: service must be a string: 5 is -32602 naming service"
    ) { context in
        let connection = try context.connect()
        try context.expectError(
            try connection.call("Health.Check", params: ["service": 5]), code: -32602, status: "INVALID_ARGUMENT",
            field: "service")
    }

    static let watch = ConformanceCase(
        "wire.health.watch",
        rule:
            "WIRE.md §14.1: Health.Watch streams the current status first and never completes by itself; $/cancel ends it CANCELLED"
    ) { context in
        let connection = try context.connect()
        try connection.send("Health.Watch", id: "w", params: ["service": ""])
        let first = try connection.readItems(id: "w", count: 1)
        try context.expect(first == [["status": "SERVING"]], "expected the item {\"status\":\"SERVING\"}, got \(first)")
        try connection.expectSilence(for: .milliseconds(400))
        try connection.send("$/cancel", id: nil, params: ["id": "w"])
        try context.expectError(try connection.readResponse(id: "w"), code: 1, status: "CANCELLED")
    }

    static let watchUnknown = ConformanceCase(
        "wire.health.watch-unknown-service",
        rule: "WIRE.md §14.1: Health.Watch of an unknown service sends {\"status\":\"SERVICE_UNKNOWN\"} and stays open"
    ) { context in
        let connection = try context.connect()
        try connection.send("Health.Watch", id: "w", params: ["service": "Billing"])
        let first = try connection.readItems(id: "w", count: 1)
        try context.expect(first == [["status": "SERVICE_UNKNOWN"]], "expected SERVICE_UNKNOWN, got \(first)")
        try connection.expectSilence(for: .milliseconds(400))
        try connection.send("$/cancel", id: nil, params: ["id": "w"])
        try context.expectError(try connection.readResponse(id: "w"), code: 1, status: "CANCELLED")
    }

    static let discover = ConformanceCase(
        "wire.discover.document",
        rule:
            "WIRE.md §14.2, §1: rpc.discover returns an OpenRPC 1.3 document whose method names are Service.Method (no $/), with the streaming methods marked x-streaming"
    ) { context in
        let connection = try context.connect()
        let document = try context.expectResult(try connection.call("rpc.discover"))
        try context.expect(
            document["openrpc"]?.stringValue?.hasPrefix("1.3") == true,
            "openrpc is not 1.3.x: \(document["openrpc"] ?? .null)")
        try context.expect(document["info"]?.objectValue != nil, "the document has no info object")
        let methods = document["methods"]?.arrayValue ?? []
        let names = methods.compactMap { $0["name"]?.stringValue }
        try context.expect(!names.isEmpty && names.count == methods.count, "methods must be named objects")
        for name in names {
            try context.expect(
                !name.hasPrefix("$/")
                    && (name == "rpc.discover" || (!name.hasPrefix("rpc.") && name.split(separator: ".").count == 2)),
                "method name \(name) is not Service.Method")
        }
        for name in ["Health.Check", "Health.Watch", "rpc.discover"] {
            try context.expect(names.contains(name), "\(name) is missing from rpc.discover")
        }
        let watch = methods.first { $0["name"] == "Health.Watch" }
        try context.expect(watch?["x-streaming"] == .bool(true), "Health.Watch is not marked x-streaming")
    }

    static let discoverEmptyParams = ConformanceCase(
        "wire.discover.conformance-listed",
        rule:
            "WIRE.md §14.2, §14.3: with the Conformance service on, rpc.discover (params {}) lists Conformance.Echo and Conformance.Stream (x-streaming)",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let document = try context.expectResult(try connection.call("rpc.discover", params: [:]))
        let methods = document["methods"]?.arrayValue ?? []
        try context.expect(methods.contains { $0["name"] == "Conformance.Echo" }, "Conformance.Echo is not listed")
        let stream = methods.first { $0["name"] == "Conformance.Stream" }
        try context.expect(
            stream?["x-streaming"] == .bool(true), "Conformance.Stream is missing or not marked x-streaming")
    }

    static let echoAnyJSON = ConformanceCase(
        "wire.conformance.echo-any-json",
        rule: "WIRE.md §14.3: Echo returns {message, meta} with message unchanged, any JSON",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let message: JSONValue = [
            "s": "é😀", "n": [1, -2, 3.25, true, false, nil], "o": ["deep": [["x": "y"]]], "e": [:],
        ]
        let result = try context.expectResult(try connection.call(WireCheck.echo, params: ["message": message]))
        try context.expect(
            Set(result.objectValue?.keys ?? []) == ["message", "meta"],
            "expected exactly message and meta, got \(result)")
        try context.expect(
            WireCheck.identical(result["message"] ?? .null, message), "message changed: \(result["message"] ?? .null)")
        try context.expect(result["meta"] == .object([:]), "expected meta {}, got \(result["meta"] ?? .null)")
    }

    static let echoPadding = ConformanceCase(
        "wire.conformance.echo-padding",
        rule: "WIRE.md §14.3: responseBytes adds result.padding of exactly that many x",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let result = try context.expectResult(try connection.call(WireCheck.echo, params: ["responseBytes": 12345]))
        try context.expect(result["padding"] == .string(String(repeating: "x", count: 12345)), "padding is not 12345 x")
    }

    static let echoUnknownField = ConformanceCase(
        "wire.conformance.unknown-param",
        rule: "WIRE.md §14.3: the Conformance service's unknown params are -32602 is not a known field",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let error = try context.expectError(
            try connection.call(WireCheck.echo, params: ["mesage": "typo"]), code: -32602, status: "INVALID_ARGUMENT")
        try context.expectDetail(error, field: "mesage", reasonContains: "is not a known field")
    }

    static func outOfRange(_ method: String, _ field: String, _ value: JSONValue, _ why: String) -> ConformanceCase {
        ConformanceCase(
            "wire.conformance.\(method.split(separator: ".").last!.lowercased())-\(field)-\(value.typeName == "integer" ? "out-of-range" : "type")",
            rule: "WIRE.md §14.3: \(method) \(field) \(why): \(value) is -32602 naming \(field)",
            requires: [.conformanceService]
        ) { context in
            let connection = try context.connect()
            try connection.send(method, id: 1, params: [field: value])
            try context.expectError(
                try connection.readResponse(id: 1), code: -32602, status: "INVALID_ARGUMENT", field: field)
        }
    }

    static var echoRanges: [ConformanceCase] {
        [
            outOfRange(WireCheck.echo, "delayMs", 60001, "is in 0...60000"),
            outOfRange(WireCheck.echo, "responseBytes", 3_145_729, "is in 0...3145728"),
            outOfRange(WireCheck.echo, "statusMessage", 5, "must be a string"),
            outOfRange(WireCheck.stream, "count", 100_001, "is in 0...100000"),
            outOfRange(WireCheck.stream, "intervalMs", 60001, "is in 0...60000"),
            outOfRange(WireCheck.stream, "itemBytes", 1_048_577, "is in 0...1048576"),
        ]
    }
}
