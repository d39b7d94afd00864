import FramedJSON

/// WIRE.md §11.1: `$/ping`. (`$/goaway` and the drain of §11.2 need the server to shut down,
/// which a suite cannot ask of the server under test; the client-side serve mode covers them.)
enum KeepaliveCases {
    static var all: [ConformanceCase] { [example, withParams, paramsArray, noTokenNeeded, invalidMetaIgnored] }

    static let example = ConformanceCase(
        "wire.ping.example",
        rule:
            "WIRE.md §11.1, §16.6: {\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"$/ping\"} is answered {\"jsonrpc\":\"2.0\",\"id\":10,\"result\":{}}"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: [0, 0, 0, 0x2B] + Array(#"{"jsonrpc":"2.0","id":10,"method":"$/ping"}"#.utf8))
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectID(response, 10)
        try context.expect(try context.expectResult(response) == .object([:]), "expected result {}")
    }

    static let withParams = ConformanceCase(
        "wire.ping.params-ignored",
        rule: "WIRE.md §11.1: $/ping params, if present, must be an object and are ignored"
    ) { context in
        let connection = try context.connect()
        try connection.send("$/ping", id: 1, params: ["anything": [1, 2, 3], "nested": ["a": "b"]])
        try context.expect(
            try context.expectResult(try connection.readResponse(id: 1)) == .object([:]), "expected result {}")
    }

    static let paramsArray = ConformanceCase(
        "wire.ping.params-array",
        rule: "WIRE.md §11.1, §3.4 step 4: $/ping params must be an object: an array is -32602"
    ) { context in
        let connection = try context.connect()
        try connection.send("$/ping", id: 1, params: [1])
        try context.expectError(try connection.readResponse(id: 1), code: -32602, status: "INVALID_ARGUMENT")
    }

    static let noTokenNeeded = ConformanceCase(
        "wire.ping.no-token",
        rule: "WIRE.md §11.1, §12: $/ping needs no token; an invalid one is ignored"
    ) { context in
        let connection = try context.connect()
        try connection.send("$/ping", id: 1, meta: ["authorization": "Bearer not-a-token"])
        try context.expect(
            try context.expectResult(try connection.readResponse(id: 1)) == .object([:]), "expected result {}")
    }

    static let invalidMetaIgnored = ConformanceCase(
        "wire.ping.before-meta-checks",
        rule: "WIRE.md §3.4 step 5: control messages skip the meta checks: $/ping with timeoutMs 0 is still answered {}"
    ) { context in
        let connection = try context.connect()
        try connection.send("$/ping", id: 1, meta: ["timeoutMs": 0])
        try context.expect(
            try context.expectResult(try connection.readResponse(id: 1)) == .object([:]), "expected result {}")
    }
}
