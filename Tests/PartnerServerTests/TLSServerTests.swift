import Foundation
import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Synchronization
import Testing

/// `partner-server --tls-cert --tls-key` as a child process, with a certificate made by the
/// `openssl` command for this test.
@Suite("partner-server over TLS")
struct TLSServerTests {
    @Test(
        "--tls-cert/--tls-key: Health.Check answers SERVING to a TLS client; a plaintext client is refused and logged")
    func healthOverTLS() async throws {
        let files = try TLSServerFiles()
        defer { files.remove() }
        let server = try TLSServerChild(
            arguments: ["--tls-cert", files.certificate, "--tls-key", files.key], data: files.data)
        do {
            try await checkServer(server, files: files)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func checkServer(_ server: TLSServerChild, files: TLSServerFiles) async throws {
        let port = try await server.port()
        #expect(server.logText.contains("tls=on"), "\(server.logText)")

        let tls = TLSConfiguration.client(trustedCAPath: files.ca, serverName: "localhost")
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
        try await server.waitForLog("tls.handshake_failed")
    }

    @Test("--tls-cert without --tls-key is a usage error naming the missing flag")
    func certificateWithoutKey() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments = ["--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("--tls-key"), "\(text)")
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

/// A CA and a server certificate for localhost/127.0.0.1, made by `openssl`, and a data folder.
private struct TLSServerFiles {
    let folder: String
    var ca: String { folder + "/ca.pem" }
    var certificate: String { folder + "/server.pem" }
    var key: String { folder + "/server.key" }
    var data: String { folder + "/data" }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
            .write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try Self.openssl(
            ["req", "-x509"] + ec + ["-keyout", folder + "/ca.key", "-out", ca, "-days", "2", "-subj", "/CN=Test CA"])
        try Self.openssl(["req"] + ec + ["-keyout", key, "-out", folder + "/server.csr", "-subj", "/CN=localhost"])
        try Self.openssl([
            "x509", "-req", "-in", folder + "/server.csr", "-CA", ca, "-CAkey", folder + "/ca.key", "-set_serial",
            "4242",
            "-days", "2", "-extfile", folder + "/server.ext", "-out", certificate,
        ])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSServerFailure("openssl \(arguments.joined(separator: " ")) failed: \(text)")
        }
    }
}

/// `partner-server` on 127.0.0.1 port 0 with extra arguments; its log collected. Waits poll
/// with `Task.sleep` under a deadline, never blocking a thread of the shared pool.
private final class TLSServerChild: Sendable {
    private let process: Process
    private let log = ChildLog()

    init(arguments: [String], data: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments = ["--listen", "127.0.0.1:0", "--data", data] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = self.log
        errors.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            log.text.withLock { $0 += chunk }
        }
        try process.run()
    }

    var logText: String { log.text.withLock { $0 } }

    /// The port from the `server.listening` line, waiting for it (60 s at most).
    func port() async throws -> Int {
        try await waitForLog("server.listening")
        let text = logText
        guard let range = text.range(of: "address=127.0.0.1:"),
            let port = Int(text[range.upperBound...].prefix { $0.isNumber })
        else { throw TLSServerFailure("no listening address in the log:\n\(text)") }
        return port
    }

    /// Waits (60 s at most) for `text` to appear in the log.
    func waitForLog(_ text: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !logText.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning else {
                throw TLSServerFailure("'\(text)' not logged (server running: \(process.isRunning)); log:\n\(logText)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// SIGTERM, then SIGKILL if it has not exited within 20 s.
    func stop() async {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// The child's standard error so far, shared with the pipe's reading handler.
private final class ChildLog: Sendable {
    let text = Mutex("")
}

private struct TLSServerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
