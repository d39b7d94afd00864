import FramedJSON
import FramedRPC
import FramedRPCConformance
import FramedRPCTCP
import PartnerTestSupport
import Synchronization

/// An `RPCServer` with `Conformance` served over TLS on 127.0.0.1 (port 0), recording the
/// handshake failures the transport reports.
final class TLSTestServer: Sendable {
    let server: RPCServer
    let transport: TCPServerTransport
    let port: Int
    let certificates: TLSTestCertificates
    private let failures = Locked<[String]>([])
    private let serving: Task<Void, any Error>

    /// Starts listening before returning. `mutual`: clients must present a certificate from
    /// the test CA.
    init(mutual: Bool = false) throws {
        certificates = try TLSTestCertificates.make()
        var tls = TLSConfiguration.server(
            certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.serverKey,
            clientCAPath: mutual ? certificates.caCertificate : nil)
        let failures = self.failures
        tls.onHandshakeFailure = { peer, reason in failures.withLock { $0.append("\(peer): \(reason)") } }
        server = RPCServer(services: [ConformanceService()])
        transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 2, tls: tls))
        port = try transport.listen().port
        let server = self.server
        let transport = self.transport
        serving = Task { try await server.serve(on: transport) }
    }

    /// Handshake failures reported so far ("peer: reason").
    var handshakeFailures: [String] { failures.withLock { $0 } }

    /// A client trusting `trustedCA` (default: the test CA), verifying `serverName` (default:
    /// the host), presenting `certificate`/`key` when given. One connect attempt.
    func client(
        host: String = "127.0.0.1", trustedCA: String? = nil, serverName: String? = nil, certificate: String? = nil,
        key: String? = nil
    ) -> RPCClient {
        let tls = TLSConfiguration.client(
            trustedCAPath: trustedCA ?? certificates.caCertificate, serverName: serverName,
            certificateChainPath: certificate, privateKeyPath: key)
        var config = RPCClientConfig()
        config.connectAttempts = 1
        let transport = TCPClientTransport(
            config: .init(host: host, port: port, connectTimeout: .seconds(30), tls: tls))
        return RPCClient(transport: transport, config: config)
    }

    /// Drains and waits for `serve` to return (generous: the test machine may be loaded).
    func stop() async throws {
        server.beginGracefulShutdown()
        server.forceCloseAll()
        let serving = self.serving
        try await within(.seconds(60), "the TLS server to stop") { try await serving.value }
    }
}

/// `Conformance.Echo` params: a message, and optionally padding in the answer.
struct TLSEchoParams: JSONEncodable, Sendable {
    var message: String
    var responseBytes: Int?

    func encode(to w: inout JSONWriter) {
        w.beginObject()
        w.key("message")
        w.string(message)
        if let responseBytes {
            w.key("responseBytes")
            w.int(Int64(responseBytes))
        }
        w.endObject()
    }
}

/// Runs `body` against a fresh TLS server, stopping it afterwards whatever happens.
func withTLSServer(mutual: Bool = false, _ body: (TLSTestServer) async throws -> Void) async throws {
    let server = try TLSTestServer(mutual: mutual)
    do {
        try await body(server)
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
}
