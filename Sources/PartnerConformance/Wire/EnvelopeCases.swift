import FramedJSON

/// WIRE.md §3.2 and §3.4: the request envelope, its ids, and the order of validation.
enum EnvelopeCases {
    static var all: [ConformanceCase] {
        invalid + ids + [
            paramsArray, paramsOmitted, unknownMethod, caseSensitive, unknownRPC, unknownControl, metaNotObject,
        ]
    }

    static let rule32 = "WIRE.md §3.2, §3.4 step 3"

    static var invalid: [ConformanceCase] {
        [
            WireCheck.invalidRequest(
                "wire.envelope.missing-jsonrpc",
                "\(rule32): jsonrpc is required: -32600 naming it, the valid id echoed",
                #"{"id":1,"method":"$/ping"}"#, id: 1, field: "jsonrpc"),
            WireCheck.invalidRequest(
                "wire.envelope.jsonrpc-1.0", "\(rule32): jsonrpc must be the string \"2.0\": \"1.0\" is -32600",
                #"{"jsonrpc":"1.0","id":1,"method":"$/ping"}"#, id: 1, field: "jsonrpc"),
            WireCheck.invalidRequest(
                "wire.envelope.jsonrpc-number",
                "\(rule32): jsonrpc must be the string \"2.0\": the number 2.0 is -32600",
                #"{"jsonrpc":2.0,"id":1,"method":"$/ping"}"#, id: 1, field: "jsonrpc"),
            WireCheck.invalidRequest(
                "wire.envelope.missing-method", "\(rule32): method is required: -32600 naming it",
                #"{"jsonrpc":"2.0","id":1}"#, id: 1, field: "method"),
            WireCheck.invalidRequest(
                "wire.envelope.method-number", "\(rule32): method must be a string: 5 is -32600",
                #"{"jsonrpc":"2.0","id":1,"method":5}"#, id: 1, field: "method"),
            WireCheck.invalidRequest(
                "wire.envelope.method-null", "\(rule32): method must be a string: null is -32600",
                #"{"jsonrpc":"2.0","id":1,"method":null}"#, id: 1, field: "method"),
            WireCheck.invalidRequest(
                "wire.envelope.unknown-member",
                "\(rule32), §18: no member but jsonrpc, id, method, params, meta: \"foo\" is -32600 naming it",
                #"{"jsonrpc":"2.0","id":1,"method":"$/ping","foo":1}"#, id: 1, field: "foo"),
            WireCheck.invalidRequest(
                "wire.envelope.params-string",
                "\(rule32): params, if present, is an object or an array: a string is -32600",
                #"{"jsonrpc":"2.0","id":1,"method":"$/ping","params":"x"}"#, id: 1, field: "params"),
            WireCheck.invalidRequest(
                "wire.envelope.params-null", "\(rule32): params, if present, is an object or an array: null is -32600",
                #"{"jsonrpc":"2.0","id":1,"method":"$/ping","params":null}"#, id: 1, field: "params"),
            WireCheck.invalidRequest(
                "wire.envelope.top-level-number",
                "WIRE.md §3.4 step 2: a top level that is neither object nor array is -32600 with id null",
                "42", id: .null),
            WireCheck.invalidRequest(
                "wire.envelope.top-level-string", "WIRE.md §3.4 step 2: a top-level string is -32600 with id null",
                #""$/ping""#, id: .null),
            WireCheck.invalidRequest(
                "wire.envelope.top-level-null", "WIRE.md §3.4 step 2: a top-level null is -32600 with id null",
                "null", id: .null),
            WireCheck.invalidRequest(
                "wire.envelope.invalid-without-id-answered",
                "\(rule32): an invalid object without id is not a notification: {\"foo\":\"boo\"} is answered -32600 with id null",
                #"{"foo":"boo"}"#, id: .null),
            WireCheck.invalidRequest(
                "wire.envelope.bad-method-without-id-answered",
                "\(rule32): step 3 applies whether or not id is present: a numeric method without id is answered -32600",
                #"{"jsonrpc":"2.0","method":1}"#, id: .null),
            WireCheck.invalidRequest(
                "wire.envelope.invalid-id-not-echoed",
                "\(rule32): a request whose id is invalid is answered with id null",
                #"{"jsonrpc":"2.0","id":{"a":1},"method":"$/ping"}"#, id: .null, field: "id"),
        ]
    }

    static var ids: [ConformanceCase] {
        [
            WireCheck.invalidRequest(
                "wire.envelope.id-array",
                "WIRE.md §3.2: an id is a string, an integer or null: an array is -32600 with id null",
                #"{"jsonrpc":"2.0","id":[1],"method":"$/ping"}"#, id: .null, field: "id"),
            WireCheck.invalidRequest(
                "wire.envelope.id-bool",
                "WIRE.md §3.2: an id is a string, an integer or null: true is -32600 with id null",
                #"{"jsonrpc":"2.0","id":true,"method":"$/ping"}"#, id: .null, field: "id"),
            WireCheck.invalidRequest(
                "wire.envelope.id-fraction",
                "WIRE.md §3.2, §18: a number with a non-zero fraction (1.5) is not a valid id",
                #"{"jsonrpc":"2.0","id":1.5,"method":"$/ping"}"#, id: .null, field: "id"),
            WireCheck.invalidRequest(
                "wire.envelope.id-beyond-int64",
                "WIRE.md §3.2: an integer id outside the signed 64-bit range is not valid",
                #"{"jsonrpc":"2.0","id":9223372036854775808,"method":"$/ping"}"#, id: .null, field: "id"),
            echoedID("integer-one-point-zero", "1.0 is read, and echoed, as 1", "1.0", 1),
            echoedID(
                "int64-max", "an integer id in the signed 64-bit range is echoed exactly", "9223372036854775807",
                .int(.max)),
            echoedID(
                "int64-min", "an integer id in the signed 64-bit range is echoed exactly", "-9223372036854775808",
                .int(.min)),
            echoedID("negative", "negative integer ids are valid", "-7", -7),
            echoedID("zero", "0 is a valid id", "0", 0),
            echoedID("empty-string", "a string id of any length is valid, the empty one too", #""""#, ""),
            echoedID(
                "string-escapes", "the server echoes a string id as it read it, escapes and non-ASCII included",
                #""c-\u00e9\n\"😀""#, .string("c-é\n\"😀")),
            echoedID("null", "id null is permitted: a request answered with id null", "null", .null),
            ConformanceCase(
                "wire.envelope.id-types-distinct",
                rule:
                    "WIRE.md §3.2: 1 and \"1\" are different ids: both in flight at once, each answered under its own id",
                requires: [.conformanceService]
            ) { context in
                let connection = try context.connect()
                try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(300, ["message": "int"]))
                try connection.send(WireCheck.echo, id: "1", params: WireCheck.delayed(300, ["message": "string"]))
                let int = try context.expectResult(try connection.readResponse(id: 1))
                let string = try context.expectResult(try connection.readResponse(id: "1"))
                try context.expect(
                    int["message"] == "int" && string["message"] == "string", "the two calls' answers were mixed up")
            },
        ]
    }

    static func echoedID(_ name: String, _ rule: String, _ idJSON: String, _ expected: JSONValue) -> ConformanceCase {
        ConformanceCase("wire.envelope.id-\(name)", rule: "WIRE.md §3.2: \(rule)") { context in
            let connection = try context.connect()
            try connection.writeFrame(#"{"jsonrpc":"2.0","id":\#(idJSON),"method":"$/ping"}"#)
            let response = try WireCheck.nextResponse(connection, context)
            try context.expectResult(response)
            let got = response["id"] ?? .null
            try context.expect(
                WireCheck.identical(got, expected) && got.typeName == expected.typeName,
                "expected the id echoed as \(expected) (\(expected.typeName)), got \(got) (\(got.typeName))")
        }
    }

    static let paramsArray = ConformanceCase(
        "wire.envelope.params-array",
        rule:
            "WIRE.md §3.2, §3.4 step 4: array (positional) params are -32602 invalid params: params must be an object",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":3,"method":"Conformance.Echo","params":["x"]}"#)
        let response = try WireCheck.nextResponse(connection, context)
        let error = try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT")
        try context.expectID(response, 3)
        try context.expectMessage(error, contains: "params must be an object")
    }

    static let paramsOmitted = ConformanceCase(
        "wire.envelope.params-omitted",
        rule: "WIRE.md §3.2: params omitted means {}: Echo without params echoes message null",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo"}"#)
        let result = try context.expectResult(try connection.readResponse(id: 1))
        try context.expect(
            result["message"] == .null, "expected message null, got \(result["message"].map(\.description) ?? "none")")
    }

    static func notFound(_ name: String, _ rule: String, method: String) -> ConformanceCase {
        ConformanceCase(name, rule: rule) { context in
            let connection = try context.connect()
            try connection.send(method, id: "m", params: [:])
            let response = try WireCheck.nextResponse(connection, context)
            try context.expectError(response, code: -32601, status: "UNIMPLEMENTED")
            try context.expectID(response, "m")
        }
    }

    static let unknownMethod = notFound(
        "wire.envelope.unknown-method",
        "WIRE.md §3.4 step 8, §5.3: an unknown method is -32601 UNIMPLEMENTED with the id echoed",
        method: "Nope.Nothing")
    static let caseSensitive = notFound(
        "wire.envelope.method-case-sensitive",
        "WIRE.md §1: method names are case-sensitive: health.check is not Health.Check",
        method: "health.check")
    static let unknownRPC = notFound(
        "wire.envelope.unknown-rpc-method",
        "WIRE.md §1: rpc. names are reserved; the only one defined is rpc.discover: rpc.nothing is -32601",
        method: "rpc.nothing")
    static let unknownControl = notFound(
        "wire.envelope.unknown-control-request", "WIRE.md §3.4 step 5: an unknown $/ name sent as a request is -32601",
        method: "$/nothing")

    static let metaNotObject = ConformanceCase(
        "wire.envelope.meta-not-object",
        rule:
            "WIRE.md §3.2, §3.4 step 6: meta must be an object: a string meta is refused with INVALID_ARGUMENT naming meta",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","meta":"x"}"#)
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT", field: "meta")
        try context.expectID(response, 1)
    }
}
