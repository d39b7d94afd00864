import Foundation
import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Testing

/// `partner-server --tls-cert --tls-key` as a child process, with the test certificates made
/// by the `openssl` command (`TLSTestCertificates`).
@Suite("partner-server over TLS")
struct TLSServerTests {
    @Test(
        "--tls-cert/--tls-key: Health.Check answers SERVING to a TLS client; a plaintext client is refused and logged")
    func healthOverTLS() async throws {
        let certificates = try TLSTestCertificates.make()
        let server = try await ServerProcess.start(
            options: [], timeout: 60,
            ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey])
        defer { server.remove() }
        do {
            try await checkServer(server, certificates: certificates)
        } catch {
            await server.terminate()
            throw error
        }
        await server.terminate()
    }

    private func checkServer(_ server: ServerProcess, certificates: TLSTestCertificates) async throws {
        let port = server.port
        #expect(server.log().contains("tls=on"), "\(server.log())")

        let tls = TLSConfiguration.client(trustedCAPath: certificates.caCertificate, serverName: "localhost")
        var config = RPCClientConfig()
        config.connectAttempts = 1
        let client = RPCClient(
            transport: TCPClientTransport(
                config: .init(host: "127.0.0.1", port: port, connectTimeout: .seconds(30), tls: tls)), config: config)
        let answer = try await client.unary(
            "Health.Check", params: JSONValue.object(["service": .string("")]),
            options: RPCCallOptions(timeout: .seconds(60)))
        #expect(answer["status"]?.stringValue == "SERVING")
        await client.close()

        let plain = RPCClient(transport: TCPClientTransport(host: "127.0.0.1", port: port), config: config)
        let outcome = await plainCall(plain)
        #expect(
            outcome == .unavailable || outcome == .deadlineExceeded,
            "a plaintext client got \(String(describing: outcome))")
        await plain.close()
        guard await eventually(60, { server.log().contains("tls.handshake_failed") }) else {
            throw TestFailure("'tls.handshake_failed' not logged; log:\n\(server.log())")
        }
    }

    @Test("--tls-cert without --tls-key is a usage error naming the missing flag")
    func certificateWithoutKey() async throws {
        let run = try await CommandRun.run(
            "partner-server", ["--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem"])
        #expect(run.status != 0)
        #expect(run.err.contains("--tls-key"), "\(run.err)")
    }
}

/// The status a plaintext `Health.Check` ends with (nil: it was answered).
private func plainCall(_ client: RPCClient) async -> RPCError.Code? {
    do {
        _ = try await client.unary(
            "Health.Check", params: JSONValue.object(["service": .string("")]),
            options: RPCCallOptions(timeout: .seconds(60)))
        return nil
    } catch {
        return error.code
    }
}
