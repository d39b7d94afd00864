import Foundation

/// Certificates made at test time by the `openssl` command in a fresh temporary folder: a CA,
/// a server certificate for `localhost` and 127.0.0.1 (subject alternative names) signed by
/// it, a client certificate signed by it, and an unrelated CA with its own client certificate.
/// Made once per test process; EC P-256 keys, so making them takes a fraction of a second.
struct TLSTestCertificates: Sendable {
    let folder: String
    var caCertificate: String { folder + "/ca.pem" }
    var serverCertificate: String { folder + "/server.pem" }
    var serverKey: String { folder + "/server.key" }
    var clientCertificate: String { folder + "/client.pem" }
    var clientKey: String { folder + "/client.key" }
    var otherCACertificate: String { folder + "/other-ca.pem" }
    var otherClientCertificate: String { folder + "/other-client.pem" }
    var otherClientKey: String { folder + "/other-client.key" }

    /// The process-wide set (made on first use).
    static let shared: Result<TLSTestCertificates, TLSTestCertificateFailure> = Result {
        () throws(TLSTestCertificateFailure) in
        try TLSTestCertificates()
    }

    /// The shared set, or the failure to make it.
    static func make() throws -> TLSTestCertificates {
        try shared.get()
    }

    private init() throws(TLSTestCertificateFailure) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-test-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TLSTestCertificateFailure(description: "cannot create \(folder): \(error)")
        }
        try makeCA("ca", name: "PartnerConsole Test CA")
        try makeCA("other-ca", name: "Unrelated Test CA")
        try makeLeaf(
            "server", name: "localhost", ca: "ca",
            extensions: "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        try makeLeaf("client", name: "test-client", ca: "ca", extensions: "extendedKeyUsage=clientAuth\n")
        try makeLeaf("other-client", name: "stranger", ca: "other-ca", extensions: "extendedKeyUsage=clientAuth\n")
    }

    private func makeCA(_ base: String, name: String) throws(TLSTestCertificateFailure) {
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(folder)/\(base).key", "-out", "\(folder)/\(base).pem", "-days", "2", "-subj", "/CN=\(name)",
        ])
    }

    private func makeLeaf(_ base: String, name: String, ca: String, extensions: String)
        throws(TLSTestCertificateFailure)
    {
        let extFile = "\(folder)/\(base).ext"
        do {
            try ("basicConstraints=CA:FALSE\n" + extensions).write(toFile: extFile, atomically: true, encoding: .utf8)
        } catch {
            throw TLSTestCertificateFailure(description: "cannot write \(extFile): \(error)")
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

    private func openssl(_ arguments: [String]) throws(TLSTestCertificateFailure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TLSTestCertificateFailure(description: "cannot run openssl: \(error)")
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSTestCertificateFailure(
                description: "openssl \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
    }
}

/// The `openssl` command failed while making the test certificates.
struct TLSTestCertificateFailure: Error, CustomStringConvertible {
    var description: String
}
