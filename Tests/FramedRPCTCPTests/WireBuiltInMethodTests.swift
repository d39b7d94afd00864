import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// WIRE.md §14: `Health`, `rpc.discover`, `Conformance`.
    @Suite("Built-in methods (WIRE.md §14)")
    struct BuiltInMethods {
        @Test("§14.1: Health.Check answers SERVING for the server and each service, NOT_FOUND with a detail otherwise")
        func healthCheck() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                for service in ["", "Health", "Conformance", "WireTest"] {
                    try await socket.send(
                        frame: #"{"jsonrpc":"2.0","id":1,"method":"Health.Check","params":{"service":"\#(service)"}}"#)
                    #expect(
                        try await socket.readJSON() == ["jsonrpc": "2.0", "id": 1, "result": ["status": "SERVING"]])
                }
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":2,"method":"Health.Check","params":{"service":"Billing"}}"#)
                #expect(
                    try await socket.readJSON() == [
                        "jsonrpc": "2.0", "id": 2,
                        "error": [
                            "code": 5, "message": #"service "Billing" is not known"#,
                            "data": [
                                "status": "NOT_FOUND",
                                "details": [["field": "service", "reason": "is not a known service"]],
                            ],
                        ],
                    ])
            }
        }

        @Test("§14.2, §14.3: rpc.discover lists the Conformance methods exactly when they are served")
        func discoveryListsConformance() async throws {
            let contract = try #require(WireServer.openRPCDocument["methods"]?.arrayValue).count
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"#)
                let methods = try #require(try await socket.readJSON()["result"]?["methods"]?.arrayValue)
                #expect(methods.count == contract + 2)
                let echo = methods.first { $0["name"] == "Conformance.Echo" }
                let stream = methods.first { $0["name"] == "Conformance.Stream" }
                #expect(echo?["x-streaming"] == false)
                #expect(echo?["x-roles"] == ["none"])
                #expect(stream?["x-streaming"] == true)
                #expect(stream?["x-item"]?["required"] == ["index"])
            }
            try await withWireServer(conformance: false) { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"rpc.discover","params":{}}"#)
                let methods = try #require(try await socket.readJSON()["result"]?["methods"]?.arrayValue)
                #expect(methods.count == contract)
                #expect(!methods.contains { $0["name"]?.stringValue?.hasPrefix("Conformance.") == true })
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":2,"method":"Conformance.Echo"}"#)
                #expect(try await socket.readJSON().wireErrorCode == -32601)
            }
        }
    }
}
