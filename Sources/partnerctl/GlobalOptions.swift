import Foundation
import FramedRPC
import FramedRPCTCP
import ToolSupport

/// The options every `partnerctl` command accepts.
struct GlobalOptions: Sendable {
    /// The servers' addresses (`--target a:7420,b:7420`): the client uses the first healthy
    /// one and fails over to the next (pick-first).
    var endpoints: [TCPEndpoint]
    /// The bearer token, when one was found.
    var token: String?
    /// Where the token came from, for the hint on UNAUTHENTICATED.
    var tokenSource: String
    /// The call's time limit; `nil` waits as long as the server takes.
    var timeout: Duration?
    /// True when `--timeout` was given (streams run without a limit otherwise).
    var timeoutGiven: Bool
    /// Print results as compact JSON, as the server sent them.
    var json: Bool
    /// Sent as `meta.idempotencyKey` with the command's call.
    var idempotencyKey: String?
    /// Print only this field of the result (`id`, `subscription.id`, `items[0].id`).
    var field: String?
    /// TLS settings (`--tls-ca`, `--tls-cert`, `--tls-key`); nil speaks plaintext.
    var tls: TLSConfiguration?
    /// `-H key=value` metadata, sent with every call of the command (overrides the options
    /// that set the same key).
    var headers: [String: String] = [:]

    /// The default server address.
    static let defaultTarget = "127.0.0.1:7420"
    /// The token file of a server started in the current folder.
    static let bootstrapTokenFile = "./data/bootstrap-token"
    /// The time limit when `--timeout` is not given.
    static let defaultTimeoutSeconds = 30.0

    /// Reads the global options from `args` and the environment.
    /// - Throws: `CommandLineError` for a malformed target, timeout or key.
    static func read(
        _ args: inout CommandArguments, environment: [String: String], headers: [(key: String, value: String)] = []
    ) throws(CommandLineError) -> GlobalOptions {
        var meta: [String: String] = [:]
        for (key, value) in headers {
            if key == "timeoutMs" || key == "streamWindow", Int64(value) == nil {
                throw CommandLineError("-H \(key) must be a whole number, got '\(value)'")
            }
            meta[key] = value
        }
        let targetText = args.value("target") ?? environment["PARTNER_TARGET"] ?? defaultTarget
        let endpoints: [TCPEndpoint]
        do {
            endpoints = try TCPEndpoint.list(targetText)
        } catch {
            throw CommandLineError("option --target: \(error.message)")
        }
        let timeoutGiven = args.options["timeout"] != nil
        let seconds = try args.seconds("timeout", default: defaultTimeoutSeconds)
        let key = args.value("idempotency-key")
        if let key, key.isEmpty || key.count > 128 || !key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            throw CommandLineError(
                "option --idempotency-key must be 1 to 128 printable ASCII characters without spaces")
        }
        var token: String?
        var source = "none (pass --token, set PARTNER_TOKEN, or run where \(bootstrapTokenFile) exists)"
        if let given = args.value("token") {
            token = given
            source = "--token"
        } else if let fromEnvironment = environment["PARTNER_TOKEN"], !fromEnvironment.isEmpty {
            token = fromEnvironment
            source = "PARTNER_TOKEN"
        } else if let text = try? String(contentsOfFile: bootstrapTokenFile, encoding: .utf8) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                token = trimmed
                source = bootstrapTokenFile
            }
        }
        var tls: TLSConfiguration?
        let tlsCertificate = args.value("tls-cert")
        let tlsKey = args.value("tls-key")
        if let ca = args.value("tls-ca") {
            if (tlsCertificate == nil) != (tlsKey == nil) {
                throw CommandLineError("options --tls-cert and --tls-key go together")
            }
            tls = .client(trustedCAPath: ca, certificateChainPath: tlsCertificate, privateKeyPath: tlsKey)
        } else if tlsCertificate != nil || tlsKey != nil {
            throw CommandLineError("options --tls-cert and --tls-key need --tls-ca")
        }
        return GlobalOptions(
            endpoints: endpoints, token: token, tokenSource: source,
            timeout: seconds == 0 ? nil : .milliseconds(Int64(seconds * 1000)), timeoutGiven: timeoutGiven,
            json: args.flag("json"),
            idempotencyKey: key, field: args.value("field"), tls: tls, headers: meta)
    }
}
