import FramedJSON

/// WIRE.md §3.4: the server checks a frame in a fixed order and answers the first failure.
enum ValidationOrderCases {
    static let rule = "WIRE.md §3.4: the first failing check is answered"

    static var bigMeta: String { (0..<70).map { "\"k\($0)\":\"v\"" }.joined(separator: ",") }

    static var all: [ConformanceCase] {
        [
            order(
                "envelope-before-params", "\(rule): an unknown member (step 3) before array params (step 4)",
                #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":[1],"extra":1}"#, code: -32600,
                status: "INVALID_ARGUMENT"),
            order(
                "params-before-meta-limits", "\(rule): array params (step 4) before a meta of 70 keys (step 6)",
                #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":[1],"meta":{\#(bigMeta)}}"#,
                code: -32602, status: "INVALID_ARGUMENT"),
            order(
                "control-before-meta",
                "\(rule): control messages are handled at step 5: $/ping with a 70-key meta is still answered {}",
                #"{"jsonrpc":"2.0","id":1,"method":"$/ping","meta":{\#(bigMeta),"timeoutMs":"x"}}"#, code: nil,
                status: nil),
            order(
                "meta-limits-before-meta-types", "\(rule): 70 meta keys (step 6) before a malformed timeoutMs (step 7)",
                #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","meta":{\#(bigMeta),"timeoutMs":"x"}}"#, code: 8,
                status: "RESOURCE_EXHAUSTED"),
            order(
                "meta-types-before-method", "\(rule): a malformed timeoutMs (step 7) before an unknown method (step 8)",
                #"{"jsonrpc":"2.0","id":1,"method":"Nope.Nothing","meta":{"timeoutMs":"x"}}"#, code: -32600,
                status: "INVALID_ARGUMENT"),
            order(
                "method-before-deadline", "\(rule): an unknown method (step 8) before timeoutMs 0 (step 10)",
                #"{"jsonrpc":"2.0","id":1,"method":"Nope.Nothing","meta":{"timeoutMs":0}}"#, code: -32601,
                status: "UNIMPLEMENTED"),
            order(
                "deadline-before-params", "\(rule): timeoutMs 0 (step 10) before invalid params (step 14)",
                #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"delayMs":"x"},"meta":{"timeoutMs":0}}"#,
                code: 4, status: "DEADLINE_EXCEEDED"),
            ConformanceCase(
                "wire.order.deadline-before-token",
                rule: "\(rule): timeoutMs 0 (step 10) before a missing token (step 13)"
            ) { context in
                let connection = try context.connect()
                try connection.send(try context.tokenOnlyMethod(), id: 1, params: [:], meta: ["timeoutMs": 0])
                try context.expectError(try connection.readResponse(id: 1), code: 4, status: "DEADLINE_EXCEEDED")
            },
            ConformanceCase(
                "wire.order.token-before-params",
                rule: "\(rule): a missing token (step 13) before invalid params (step 14)"
            ) { context in
                let connection = try context.connect()
                try connection.send(try context.tokenOnlyMethod(), id: 1, params: ["notAParam": ["x"]])
                try context.expectError(try connection.readResponse(id: 1), code: 16, status: "UNAUTHENTICATED")
            },
            ConformanceCase(
                "wire.order.in-flight-before-token",
                rule: "\(rule): an id already in flight (step 12) before a missing token (step 13)",
                requires: [.conformanceService]
            ) { context in
                let connection = try context.connect()
                try connection.send(WireCheck.echo, id: 5, params: WireCheck.delayed(1000))
                try connection.send(try context.tokenOnlyMethod(), id: 5, params: [:])
                let response = try WireCheck.nextResponse(connection, context)
                try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT")
                try context.expectID(response, 5)
                try context.expectResult(try connection.readResponse(id: 5))
            },
        ]
    }

    static func order(_ name: String, _ rule: String, _ json: String, code: Int64?, status: String?) -> ConformanceCase
    {
        ConformanceCase("wire.order.\(name)", rule: rule, requires: [.conformanceService]) { context in
            let connection = try context.connect()
            try connection.writeFrame(json)
            let response = try connection.readResponse(id: 1)
            if let code, let status {
                try context.expectError(response, code: code, status: status)
            } else {
                let result = try context.expectResult(response)
                try context.expect(result == .object([:]), "expected {}, got \(result)")
            }
        }
    }
}
