import FramedJSON
import FramedRPC
import FramedRPCConformance
import FramedRPCInProcess
import Testing

/// The Conformance test service (WIRE.md §14.3) on its own: what Echo answers and fails
/// with, how its params are checked, and that `rpc.discover` lists its methods.
@Suite("Conformance service")
struct ConformanceServiceTests {
    /// A server with the service and discovery, and a client over the in-process transport.
    static func withServer(_ body: (RPCClient) async throws -> Void) async throws {
        let transport = InProcessTransport()
        let server = RPCServer(services: [ConformanceService(), DiscoveryService(document: ["methods": []])])
        let serving = Task { try await server.serve(on: transport.server) }
        let client = RPCClient(transport: transport.client)
        try await body(client)
        await client.close()
        server.beginGracefulShutdown()
        try await serving.value
    }

    @Test("Echo answers the message and the custom meta it received")
    func echo() async throws {
        try await Self.withServer { client in
            let options = RPCCallOptions(custom: ["x-tenant": "t-1"])
            let answer = try await client.unary(
                "Conformance.Echo", params: ["message": ["nested": [1, 2]]] as JSONValue, options: options)
            #expect(answer["message"] == ["nested": [1, 2]])
            #expect(answer["meta"]?["x-tenant"] == "t-1")
        }
    }

    @Test("Echo with a status fails with that status and message, by name or by number")
    func echoStatus() async throws {
        try await Self.withServer { client in
            for status: JSONValue in ["NOT_FOUND", 5] {
                let error = await #expect(throws: RPCError.self) {
                    try await client.unary(
                        "Conformance.Echo", params: ["status": status, "statusMessage": "gone"] as JSONValue)
                }
                #expect(error?.code == .notFound && error?.message == "gone")
            }
        }
    }

    @Test("every bad param is named in one INVALID_ARGUMENT")
    func paramsChecked() async throws {
        try await Self.withServer { client in
            let error = await #expect(throws: RPCError.self) {
                try await client.unary(
                    "Conformance.Echo", params: ["delayMs": -1, "status": "NOPE", "extra": true] as JSONValue)
            }
            #expect(error?.code == .invalidArgument)
            let fields = Set((error?.details ?? []).compactMap { $0["field"]?.stringValue })
            #expect(fields == ["delayMs", "status", "extra"])
        }
    }

    @Test("rpc.discover lists Echo and Stream, which the service describes itself")
    func discovered() async throws {
        try await Self.withServer { client in
            let document = try await client.unary("rpc.discover", params: [:] as JSONValue)
            let names = Set((document["methods"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
            #expect(names.isSuperset(of: ["Conformance.Echo", "Conformance.Stream"]))
        }
    }
}
