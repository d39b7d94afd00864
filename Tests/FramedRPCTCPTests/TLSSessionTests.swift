import FramedRPCTCP
import PartnerTestSupport
import Testing

/// The TLS engine alone: two sessions handing ciphertext to each other in memory, no sockets.
@Suite("TLS sessions over memory buffers")
struct TLSSessionTests {
    /// A client and a server session whose output is pumped into each other until quiet.
    final class Pair {
        let client: TLSSession
        let server: TLSSession
        var toClient: [UInt8] = []
        var toServer: [UInt8] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

        init(serverName: String = "localhost", clientCA: String? = nil, clientCertificate: (String, String)? = nil)
            throws
        {
            let certificates = try TLSTestCertificates.make()
            let server = try TLSContext(
                configuration: .server(
                    certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.serverKey,
                    clientCAPath: clientCA))
            let client = try TLSContext(
                configuration: .client(
                    trustedCAPath: certificates.caCertificate, certificateChainPath: clientCertificate?.0,
                    privateKeyPath: clientCertificate?.1))
            self.server = try server.makeSession()
            self.client = try client.makeSession(serverName: serverName)
        }

        deinit { scratch.deallocate() }

        /// Moves bytes both ways until neither side has anything to send; returns what each
        /// side decrypted.
        func pump() throws -> (atClient: [UInt8], atServer: [UInt8]) {
            var atClient: [UInt8] = []
            var atServer: [UInt8] = []
            for _ in 0..<20 {
                let fromClient = try client.takeCiphertext(scratch: scratch).ciphertext
                let fromServer = try server.takeCiphertext(scratch: scratch).ciphertext
                if fromClient.isEmpty && fromServer.isEmpty { break }
                if !fromClient.isEmpty {
                    _ = try fromClient.withUnsafeBytes { bytes in
                        try server.receive(ciphertext: bytes, scratch: scratch) { atServer.append(contentsOf: $0) }
                    }
                }
                if !fromServer.isEmpty {
                    _ = try fromServer.withUnsafeBytes { bytes in
                        try client.receive(ciphertext: bytes, scratch: scratch) { atClient.append(contentsOf: $0) }
                    }
                }
            }
            return (atClient, atServer)
        }
    }

    @Test("plaintext queued before the handshake is held, then crosses intact both ways, in order")
    func roundTrip() throws {
        let pair = try Pair()
        try pair.client.startHandshake()
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        pair.client.send(Array("hello ".utf8))
        pair.client.send(big)
        #expect(pair.client.pendingPlaintextBytes == 6 + big.count)
        let first = try pair.pump()
        #expect(pair.client.isHandshakeComplete && pair.server.isHandshakeComplete)
        #expect(first.atServer == Array("hello ".utf8) + big)
        #expect(pair.client.pendingPlaintextBytes == 0)
        pair.server.send(Array("answer".utf8))
        let second = try pair.pump()
        #expect(second.atClient == Array("answer".utf8))
    }

    @Test("a name the certificate does not carry fails the handshake on the client, naming the mismatch")
    func nameMismatch() throws {
        let pair = try Pair(serverName: "partner.example")
        try pair.client.startHandshake()
        #expect {
            _ = try pair.pump()
        } throws: { error in
            guard let error = error as? TLSError else { return false }
            return error.code == .handshake && error.message.contains("hostname mismatch")
        }
        #expect(!pair.client.isHandshakeComplete)
    }

    @Test("a client configuration with a key but no certificate is rejected, naming the field")
    func keyWithoutCertificate() throws {
        let certificates = try TLSTestCertificates.make()
        #expect {
            _ = try TLSContext(configuration: .client(trustedCAPath: nil, privateKeyPath: certificates.clientKey))
        } throws: { error in
            (error as? TLSError)?.field == "certificateChainPath"
        }
    }

    @Test("a server configuration with an unreadable key file is rejected, naming the file and the field")
    func missingKey() throws {
        let certificates = try TLSTestCertificates.make()
        #expect {
            _ = try TLSContext(
                configuration: .server(
                    certificateChainPath: certificates.serverCertificate, privateKeyPath: "/nonexistent/server.key"))
        } throws: { error in
            guard let error = error as? TLSError else { return false }
            return error.field == "privateKeyPath" && error.message.contains("/nonexistent/server.key")
        }
    }
}
