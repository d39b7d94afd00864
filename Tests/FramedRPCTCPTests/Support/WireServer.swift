import Foundation
import FramedJSON
import FramedRPC
import FramedRPCConformance
import FramedRPCTCP
import PartnerTestSupport

/// A real server for the wire tests: `RPCServer` with `Health`, `rpc.discover` (the repository's
/// OpenRPC document), `Conformance` and `WireTest`, served by `TCPServerTransport` on
/// 127.0.0.1 (port 0 unless told otherwise).
final class WireServer: Sendable {
    let server: RPCServer
    let transport: TCPServerTransport
    let probe = WireProbe()
    let port: Int
    private let serving: Task<Void, any Error>

    /// `Protocol/partner.openrpc.json`, parsed.
    static let openRPCDocument: JSONValue = {
        let url = repositoryRoot.appendingPathComponent("Protocol/partner.openrpc.json")
        let bytes = (try? Data(contentsOf: url)).map(Array.init) ?? []
        return (try? JSONParser(maxDepth: 512).parse(bytes)) ?? ["methods": []]
    }()

    /// Starts listening before returning, so `port` accepts connections at once.
    /// - Parameter conformance: serve `Conformance` (as `--enable-conformance-service` does).
    /// - Parameter transportConfig: the listener's limits (default: the protocol's, 2 loops).
    init(
        port: Int = 0, config: RPCServerConfig = RPCServerConfig(), conformance: Bool = true,
        transportConfig: TCPServerTransport.Config? = nil
    ) throws {
        let probe = self.probe
        var services: [any RPCService] = [
            DiscoveryService(document: Self.openRPCDocument), WireTestService(probe: probe),
        ]
        if conformance { services.append(ConformanceService()) }
        server = RPCServer(services: services, config: config)
        var listener = transportConfig ?? TCPServerTransport.Config(loopCount: 2)
        listener.host = "127.0.0.1"
        listener.port = port
        transport = TCPServerTransport(config: listener)
        self.port = try transport.listen().port
        let server = self.server
        let transport = self.transport
        serving = Task { try await server.serve(on: transport) }
    }

    /// A raw socket connected to the server.
    func socket(receiveBuffer: Int? = nil) throws -> WireSocket {
        try WireSocket(port: port, receiveBuffer: receiveBuffer)
    }

    /// A runtime client for the server (connects on its first call).
    func client(connectAttempts: Int = 5) -> RPCClient {
        var config = RPCClientConfig()
        config.connectAttempts = connectAttempts
        config.connectBackoffInitial = .milliseconds(20)
        config.connectBackoffMax = .milliseconds(200)
        return RPCClient(transport: TCPClientTransport(host: "127.0.0.1", port: port), config: config)
    }

    /// Waits until `serve(on:)` has returned.
    func waitServed(timeout: Duration = .seconds(15)) async throws {
        let serving = self.serving
        try await within(timeout, "the server to return from serve") { try await serving.value }
    }

    /// Shuts down at once (drain, then cut whatever still runs) and waits for `serve` to return.
    func stop() async throws {
        server.beginGracefulShutdown()
        server.forceCloseAll()
        try await waitServed()
    }
}
