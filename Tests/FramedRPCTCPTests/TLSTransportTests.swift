import CEpoll
import FramedJSON
import FramedRPC
import FramedRPCConformance
import FramedRPCTCP
import Glibc
import PartnerTestSupport
import Synchronization
import Testing

/// TLS on the TCP transports (WIRE.md §2.1): the same frames inside TLS, on the same event
/// loops, with certificates made by `openssl` when the tests start.
@Suite("TLS on the TCP transports")
struct TLSTransportTests {
    @Test(
        "a call over TLS succeeds, verifying the server by IP address or by DNS name",
        arguments: ["127.0.0.1", "localhost"])
    func callSucceeds(host: String) async throws {
        try await withTLSServer { s in
            let client = s.client(host: host)
            let answer = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "over TLS"))
            #expect(answer["message"]?.stringValue == "over TLS")
            let again = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "second"))
            #expect(again["message"]?.stringValue == "second")
            await client.close()
            #expect(s.handshakeFailures.isEmpty, "\(s.handshakeFailures)")
        }
    }

    @Test("a client trusting another CA refuses the server: UNAVAILABLE naming the certificate problem")
    func untrustedServer() async throws {
        try await withTLSServer { s in
            let client = s.client(trustedCA: s.certificates.otherCACertificate)
            let error = try await expectUnavailable(client)
            #expect(error.message.contains("certificate verify failed"), "\(error.message)")
            await client.close()
            // The server hears the client's alert and reports the failed handshake.
            try await waitFor("the server to report the refused handshake", timeout: .seconds(60)) {
                s.handshakeFailures.contains { $0.contains("unknown ca") || $0.contains("TLS handshake") }
            }
        }
    }

    @Test("a client expecting another server name refuses the certificate")
    func wrongServerName() async throws {
        try await withTLSServer { s in
            let client = s.client(serverName: "partner.example")
            let error = try await expectUnavailable(client)
            #expect(error.message.contains("certificate verify failed"), "\(error.message)")
            #expect(error.message.contains("mismatch"), "\(error.message)")
            await client.close()
        }
    }

    @Test("a plaintext client is closed and the failure logged, while TLS clients keep being served")
    func plaintextClientClosed() async throws {
        try await withTLSServer { s in
            let client = s.client()
            _ = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "before"))
            let plain = try WireSocket(port: s.port)
            try await plain.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{}}"#)
            let (received, closed) = try await readRawUntilClosed(plain, within: .seconds(60))
            #expect(closed, "the server kept the plaintext connection open")
            #expect(!received.starts(with: [0, 0]), "the server answered in plaintext: \(received.prefix(16))")
            try await waitFor("the failed handshake to be reported", timeout: .seconds(60)) {
                s.handshakeFailures.contains { $0.contains("does not speak TLS") }
            }
            let answer = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "after"))
            #expect(answer["message"]?.stringValue == "after")
            let fresh = s.client()
            let other = try await fresh.unary("Conformance.Echo", params: TLSEchoParams(message: "new"))
            #expect(other["message"]?.stringValue == "new")
            await client.close()
            await fresh.close()
        }
    }

    @Test("a client that connects and never speaks TLS is closed by the handshake timeout")
    func silentClientTimesOut() async throws {
        let certificates = try TLSTestCertificates.make()
        var tls = TLSConfiguration.server(
            certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.serverKey)
        tls.handshakeTimeout = .milliseconds(300)
        let reasons = Locked<[String]>([])
        tls.onHandshakeFailure = { _, reason in reasons.withLock { $0.append(reason) } }
        let server = RPCServer(services: [ConformanceService()])
        let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 1, tls: tls))
        let port = try transport.listen().port
        let serving = Task { try await server.serve(on: transport) }
        let silent = try WireSocket(port: port)
        let (_, closed) = try await readRawUntilClosed(silent, within: .seconds(60))
        #expect(closed)
        #expect(
            reasons.withLock { $0 }.contains { $0.contains("timed out after 300 ms") }, "\(reasons.withLock { $0 })")
        server.beginGracefulShutdown()
        server.forceCloseAll()
        try await within(.seconds(60), "the server to stop") { try await serving.value }
    }

    @Test("mutual TLS: a client without a certificate is refused")
    func mutualWithoutCertificate() async throws {
        try await withTLSServer(mutual: true) { s in
            let client = s.client()
            // TLS 1.3 clients finish their side before the server checks their certificate: the
            // refusal arrives as an alert that ends the connection, before or after the call.
            let error = try await expectUnavailable(client)
            #expect(
                error.message.contains("certificate") || error.message.contains("connection lost"), "\(error.message)")
            await client.close()
            try await waitFor("the server to report the refused client", timeout: .seconds(60)) {
                s.handshakeFailures.contains { $0.contains("certificate") }
            }
        }
    }

    @Test("mutual TLS: a client certificate from another CA is refused")
    func mutualForeignCertificate() async throws {
        try await withTLSServer(mutual: true) { s in
            let client = s.client(
                certificate: s.certificates.otherClientCertificate, key: s.certificates.otherClientKey)
            _ = try await expectUnavailable(client)
            await client.close()
        }
    }

    @Test("mutual TLS: a client certificate from the server's client CA is accepted")
    func mutualAccepted() async throws {
        try await withTLSServer(mutual: true) { s in
            let client = s.client(certificate: s.certificates.clientCertificate, key: s.certificates.clientKey)
            let answer = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "mutual"))
            #expect(answer["message"]?.stringValue == "mutual")
            await client.close()
            #expect(s.handshakeFailures.isEmpty, "\(s.handshakeFailures)")
        }
    }

    @Test("3 MiB frames both ways over TLS arrive intact")
    func largeFrames() async throws {
        try await withTLSServer { s in
            let client = s.client()
            let message = String(
                repeating: "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01", count: 3 << 14)
            let echoed = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: message))
            #expect(echoed["message"]?.stringValue == message)
            let padded = try await client.unary(
                "Conformance.Echo", params: TLSEchoParams(message: "pad", responseBytes: 3 << 20))
            #expect(padded["padding"]?.stringValue?.utf8.count == 3 << 20)
            await client.close()
        }
    }

    @Test("1,000 pipelined calls on one TLS connection all get their own answers")
    func pipelinedCalls() async throws {
        try await withTLSServer { s in
            let client = s.client()
            _ = try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "warm-up"))
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for i in 0..<1000 {
                    group.addTask {
                        let answer = try await client.unary(
                            "Conformance.Echo", params: TLSEchoParams(message: "call \(i)"))
                        return (i, answer["message"]?.stringValue)
                    }
                }
                var answers: [Int: String] = [:]
                for try await (i, message) in group { answers[i] = message }
                return answers
            }
            #expect(answers.count == 1000)
            #expect(answers.allSatisfy { $0.value == "call \($0.key)" })
            await client.close()
        }
    }

    @Test("a server whose certificate or key cannot be loaded fails listen(), naming the file")
    func badServerFiles() throws {
        let certificates = try TLSTestCertificates.make()
        let missing = TCPServerTransport(
            config: .init(
                tls: .server(
                    certificateChainPath: certificates.folder + "/nope.pem", privateKeyPath: certificates.serverKey)))
        #expect(throws: TCPTransportError.self) { try missing.listen() }
        do {
            try missing.listen()
        } catch {
            #expect("\(error)".contains("certificateChainPath"), "\(error)")
            #expect("\(error)".contains("nope.pem"), "\(error)")
        }
        let mismatched = TCPServerTransport(
            config: .init(
                tls: .server(
                    certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.clientKey)))
        do {
            try mismatched.listen()
            Issue.record("a key not matching the certificate was accepted")
        } catch {
            #expect("\(error)".contains("does not match"), "\(error)")
        }
    }
}

/// Makes one call that must fail to connect or be cut; returns the UNAVAILABLE error.
private func expectUnavailable(_ client: RPCClient) async throws -> RPCError {
    do {
        let answer = try await within(.seconds(90), "the refused call to end") {
            try await client.unary("Conformance.Echo", params: TLSEchoParams(message: "refused?"))
        }
        Issue.record("the call succeeded: \(answer)")
        throw TestFailure("expected the TLS handshake to be refused")
    } catch let error as RPCError {
        #expect(error.code == .unavailable, "\(error)")
        return error
    }
}

/// Reads whatever arrives until the peer closes or `timeout` passes; `closed` says which.
private func readRawUntilClosed(_ socket: WireSocket, within timeout: Duration) async throws -> (
    bytes: [UInt8], closed: Bool
) {
    let fd = socket.fd
    let deadline = cepoll_monotonic_ns() &+ UInt64(timeout.components.seconds) * 1_000_000_000
    return try await onThread {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let now = cepoll_monotonic_ns()
            guard now < deadline else { return (received, false) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min((deadline - now) / 1_000_000, 1000)))
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return (received, true) }
            received.append(contentsOf: buffer[0..<count])
        }
    }
}
