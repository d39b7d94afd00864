import FramedJSON
import FramedRPC
import FramedRPCInProcess
import Testing

/// The in-process transport keeps a socket's promises without one: calls cross it as frames,
/// a client waits for a server that has not listened yet, and one that stopped refuses.
@Suite("In-process transport")
struct InProcessTransportTests {
    /// `Greeter.Hello {"name"}` -> `"Hello, <name>"`.
    struct GreeterService: RPCService {
        func registerMethods(with router: inout RPCRouter) {
            router.registerUnary(RPCMethodDescriptor(name: "Greeter.Hello", requiresAuthentication: false)) {
                request, _ in
                let name: String = try JSONFields(request.params, path: "").required("name")
                return "Hello, \(name)"
            }
        }
    }

    @Test("a call crosses the transport and its answer comes back, also when the client connected first")
    func roundTrip() async throws {
        let transport = InProcessTransport()
        let server = RPCServer(services: [GreeterService()])
        let client = RPCClient(transport: transport.client)
        // The call starts before the server listens: the connect waits (Config.startupWait).
        async let answer = client.unary("Greeter.Hello", params: ["name": "Ada"] as JSONValue)
        let serving = Task { try await server.serve(on: transport.server) }
        #expect(try await answer == "Hello, Ada")
        let unknown = await #expect(throws: RPCError.self) {
            try await client.unary("Greeter.Nope", params: [:] as JSONValue)
        }
        #expect(unknown?.code == .unimplemented)
        await client.close()
        server.beginGracefulShutdown()
        try await serving.value
    }

    @Test("after the server has stopped, a new connection is refused UNAVAILABLE at once")
    func refusedAfterShutdown() async throws {
        let transport = InProcessTransport()
        let server = RPCServer(services: [GreeterService()])
        let serving = Task { try await server.serve(on: transport.server) }
        let first = RPCClient(transport: transport.client)
        #expect(try await first.unary("Greeter.Hello", params: ["name": "x"] as JSONValue) == "Hello, x")
        await first.close()
        server.beginGracefulShutdown()
        try await serving.value
        var config = RPCClientConfig()
        config.connectAttempts = 1
        let late = RPCClient(transport: transport.client, config: config)
        let started = ContinuousClock.now
        let refused = await #expect(throws: RPCError.self) {
            try await late.unary("Greeter.Hello", params: ["name": "y"] as JSONValue)
        }
        #expect(refused?.code == .unavailable)
        #expect(started.duration(to: .now) < .seconds(5))
        await late.close()
    }
}
