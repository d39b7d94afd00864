import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Synchronization

/// A TCP server transport on 127.0.0.1 port 0 whose connections get `TestInbound`s.
final class TestServer: Sendable {
    let transport: TCPServerTransport
    let port: Int
    let inbounds = Locked<[TestInbound]>([])
    private let serveTask: Task<Void, any Error>

    init(
        config: TCPServerTransport.Config = .init(loopCount: 2),
        makeInbound: @escaping @Sendable (any RPCConnectionOutbound) -> TestInbound = {
            TestInbound(mode: .echo, outbound: $0)
        }
    ) async throws {
        var config = config
        config.host = "127.0.0.1"
        config.port = 0
        let transport = TCPServerTransport(config: config)
        self.transport = transport
        port = try transport.listen().port
        let inbounds = self.inbounds
        serveTask = Task {
            try await transport.serve { outbound, _ in
                let inbound = makeInbound(outbound)
                inbounds.withLock { $0.append(inbound) }
                return inbound
            }
        }
        let bound = try await withTimeout(30) { try await transport.boundAddress().port }
        precondition(bound == port)
    }

    /// The inbound of the `index`-th accepted connection, once it exists.
    func inbound(_ index: Int, within seconds: Double = 30) async -> TestInbound? {
        _ = await eventually(within: seconds) { inbounds.withLock { $0.count > index } }
        return inbounds.withLock { $0.count > index ? $0[index] : nil }
    }

    /// Stops listening, closes every connection, and waits for `serve` to return.
    func stop() async throws {
        transport.stopListening()
        transport.closeAllConnections()
        let task = serveTask
        try await withTimeout(30) { try await task.value }
    }
}
