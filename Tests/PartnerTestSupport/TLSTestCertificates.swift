import Foundation

/// Certificates made at test time (for the TLS transport and server tests) by the `openssl` command in a fresh temporary folder: a CA,
/// a server certificate for `localhost` and 127.0.0.1 (subject alternative names) signed by
/// it, a client certificate signed by it, and an unrelated CA with its own client certificate.
/// Made once per test process; EC P-256 keys, so making them takes a fraction of a second.
public struct TLSTestCertificates: Sendable {
    /// The folder holding every file.
    public let folder: String
    /// The CA's certificate (PEM).
    public var caCertificate: String { folder + "/ca.pem" }
    /// The server's certificate for localhost and 127.0.0.1.
    public var serverCertificate: String { folder + "/server.pem" }
    /// The server's private key.
    public var serverKey: String { folder + "/server.key" }
    /// A client certificate signed by the CA.
    public var clientCertificate: String { folder + "/client.pem" }
    /// Its private key.
    public var clientKey: String { folder + "/client.key" }
    /// An unrelated CA's certificate.
    public var otherCACertificate: String { folder + "/other-ca.pem" }
    /// A client certificate signed by the unrelated CA.
    public var otherClientCertificate: String { folder + "/other-client.pem" }
    /// Its private key.
    public var otherClientKey: String { folder + "/other-client.key" }

    /// The process-wide set (made on first use).
    static let shared: Result<TLSTestCertificates, TestFailure> = Result {
        () throws(TestFailure) in
        try TLSTestCertificates()
    }

    /// The shared set, or the failure to make it.
    /// - Throws: `TestFailure` with openssl's message.
    public static func make() throws -> TLSTestCertificates {
        try shared.get()
    }

    private init() throws(TestFailure) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-test-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TestFailure("cannot create \(folder): \(error)")
        }
        try makeCA("ca", name: "PartnerConsole Test CA")
        try makeCA("other-ca", name: "Unrelated Test CA")
        try makeLeaf(
            "server", name: "localhost", ca: "ca",
            extensions: "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        try makeLeaf("client", name: "test-client", ca: "ca", extensions: "extendedKeyUsage=clientAuth\n")
        try makeLeaf("other-client", name: "stranger", ca: "other-ca", extensions: "extendedKeyUsage=clientAuth\n")
    }

    private func makeCA(_ base: String, name: String) throws(TestFailure) {
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(folder)/\(base).key", "-out", "\(folder)/\(base).pem", "-days", "2", "-subj", "/CN=\(name)",
        ])
    }

    private func makeLeaf(_ base: String, name: String, ca: String, extensions: String)
        throws(TestFailure)
    {
        let extFile = "\(folder)/\(base).ext"
        do {
            try ("basicConstraints=CA:FALSE\n" + extensions).write(toFile: extFile, atomically: true, encoding: .utf8)
        } catch {
            throw TestFailure("cannot write \(extFile): \(error)")
        }
        try openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(folder)/\(base).key", "-out", "\(folder)/\(base).csr", "-subj", "/CN=\(name)",
        ])
        try openssl([
            "x509", "-req", "-in", "\(folder)/\(base).csr", "-CA", "\(folder)/\(ca).pem", "-CAkey",
            "\(folder)/\(ca).key",
            "-set_serial", "\(Int.random(in: 1000...1_000_000))", "-days", "2", "-extfile", extFile,
            "-out", "\(folder)/\(base).pem",
        ])
    }

    private func openssl(_ arguments: [String]) throws(TestFailure) {
        let run: CommandRun
        do {
            run = try CommandRun.runBlocking(path: "/usr/bin/env", ["openssl"] + arguments, timeout: 60)
        } catch {
            throw TestFailure("cannot run openssl: \(error)")
        }
        guard run.status == 0 else {
            throw TestFailure("openssl \(arguments.joined(separator: " ")) exited \(run.status): \(run.err)")
        }
    }
}
