import FramedRPC
import FramedRPCTCP
import Testing

/// Every rule of Protocol/WIRE.md checked against a real `RPCServer` over loopback TCP, one
/// test per rule. The nested suites live in the other `Wire*.swift` files. They run one at a
/// time: several of them measure the process's memory or latency, which tests running beside
/// them would disturb.
@Suite("WIRE.md over loopback TCP", .serialized, .timeLimit(.minutes(1)))
struct WireTests {}

/// Runs `body` against a fresh server and always shuts the server down afterwards.
func withWireServer<T: Sendable>(
    config: RPCServerConfig = RPCServerConfig(), conformance: Bool = true,
    transportConfig: TCPServerTransport.Config? = nil, _ body: (WireServer) async throws -> T
) async throws -> T {
    let server = try WireServer(config: config, conformance: conformance, transportConfig: transportConfig)
    let result: T
    do {
        result = try await body(server)
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
    return result
}
