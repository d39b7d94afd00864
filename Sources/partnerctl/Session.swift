import Foundation
import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerAPI
import ToolSupport

/// One run of `partnerctl`: the client connected to the target, the global options, and how
/// results are printed.
struct Session: Sendable {
    /// The global options in force.
    let options: GlobalOptions
    /// The runtime client (one connection to the target).
    let rpc: RPCClient
    /// The typed PartnerConsole client over `rpc`.
    let client: PartnerClient

    /// A session for `options`; nothing connects until the first call.
    init(options: GlobalOptions) {
        self.options = options
        var config = RPCClientConfig(authorization: options.token.map { "Bearer \($0)" })
        config.connectAttempts = 3
        let transports = options.endpoints.map { endpoint in
            TCPClientTransport(
                config: .init(host: endpoint.host, port: endpoint.port, connectTimeout: .seconds(5), tls: options.tls))
        }
        rpc = RPCClient(transports: transports, config: config)
        client = PartnerClient(rpc: rpc)
    }

    /// Options for the command's call: the time limit, idempotency key and `-H` metadata given.
    var call: RPCCallOptions {
        var call = RPCCallOptions(timeout: options.timeout, idempotencyKey: options.idempotencyKey)
        for (key, value) in options.headers {
            switch key {
            case "authorization": call.authorization = value
            case "idempotencyKey": call.idempotencyKey = value
            case "traceparent": call.traceparent = value
            case "timeoutMs": call.timeout = Int64(value).map { .milliseconds($0) } ?? call.timeout
            case "streamWindow": call.streamWindow = Int(value) ?? call.streamWindow
            default: call.custom[key] = value
            }
        }
        return call
    }

    /// Prints a result: one field with `--field`, compact JSON with `--json`, else `human`.
    /// - Throws: `CommandLineError` when `--field` names nothing in the result.
    func emit<T: JSONEncodable>(_ result: T, human: (T) -> String) throws(CommandLineError) {
        try emit(json: Self.value(of: result)) { _ in human(result) }
    }

    /// As `emit(_:human:)`, for a raw JSON result.
    func emit(json value: JSONValue, human: (JSONValue) -> String) throws(CommandLineError) {
        if let field = options.field {
            guard let found = JSONPrettyPrinter.lookup(field, in: value) else {
                throw CommandLineError("the result has no field '\(field)'")
            }
            Console.out(JSONPrettyPrinter.plain(found))
        } else if options.json {
            Console.out(value.encodedString)
        } else {
            Console.out(human(value))
        }
    }

    /// A typed message as JSON.
    static func value<T: JSONEncodable>(of message: T) -> JSONValue {
        (try? JSONParser(maxDepth: 512).parse(message.jsonBytes())) ?? .null
    }
}

/// Writing to the terminal.
enum Console {
    /// A line on standard output.
    static func out(_ text: String) {
        print(text)
    }

    /// A line on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `error: STATUS_NAME: message (field: f)`, as printed for a failed call.
    static func describe(_ error: RPCError) -> String {
        var seen: [String] = []
        for detail in error.details {
            if let field = detail["field"]?.stringValue, !seen.contains(field) { seen.append(field) }
        }
        let field = seen.isEmpty ? "" : " (field: \(seen.joined(separator: ", ")))"
        return "error: \(error.code.name): \(error.message)\(field)"
    }
}
