import Foundation
import FramedJSON
import FramedRPC
import PartnerAPI
import ToolSupport

/// `call`, `describe`, `health`: the protocol-level commands.
enum GeneralCommands {
    static let all: [Command] = [
        Command(
            "call", "METHOD [PARAMS_JSON | -]", summary: "call any method with JSON params; prints the result",
            details: """
                  PARAMS_JSON defaults to {}; '-' reads it from standard input. A streaming method
                  (Events.Watch, Health.Watch) prints one item per line until it ends or --timeout.

                EXAMPLES
                  partnerctl call Customers.List '{"pageSize":5}'
                  partnerctl call Customers.Get '{"customerId":"cus_..."}' --json
                """, run: call),
        Command(
            "describe", "[METHOD]", summary: "list the server's methods, or one method's params and result",
            details: "  From rpc.discover: roles (x-roles), flags (mutating, idempotent, streaming), schemas.",
            run: describe),
        Command("health", "[SERVICE]", summary: "Health.Check of the server or one service", run: health),
    ]

    static func call(_ args: inout CommandArguments, _ session: Session) async throws {
        let method = try args.positional("METHOD")
        var text = args.nextPositional() ?? "{}"
        try args.done()
        if text == "-" { text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        let params: JSONValue
        do {
            params = try JSONParser(maxDepth: 64).parse(text)
        } catch {
            throw CommandLineError("PARAMS_JSON is not valid JSON: \(error)")
        }
        if PartnerSchema.methodsByName[method]?.isStreaming == true {
            try await stream(method, params, session)
            return
        }
        let result = try await session.client.call(method, params: params, options: session.call)
        try session.emit(json: result) { JSONPrettyPrinter.render($0) }
    }

    /// Prints each item of a server stream as one compact line, then the closing result.
    static func stream(_ method: String, _ params: JSONValue, _ session: Session) async throws {
        var options = session.call
        if !session.options.timeoutGiven { options.timeout = nil }
        let stream = session.rpc.serverStream(method, params: params, options: options)
        for try await item in stream {
            Console.out(item.encodedString)
        }
        let result = try await stream.result()
        try session.emit(json: result) { $0.encodedString }
    }

    static func describe(_ args: inout CommandArguments, _ session: Session) async throws {
        let name = args.nextPositional()
        try args.done()
        let document = try await session.client.discover(options: session.call)
        let methods = document["methods"]?.arrayValue ?? []
        guard let name else {
            try session.emit(json: document) { _ in methodTable(methods) }
            return
        }
        guard let method = methods.first(where: { $0["name"]?.stringValue == name }) else {
            let close = methods.compactMap { $0["name"]?.stringValue }.filter {
                $0.lowercased().contains(name.lowercased())
            }
            throw CommandLineError(
                "the server has no method '\(name)'"
                    + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: ", "))?"))
        }
        try session.emit(json: method) { methodDetails($0) }
    }

    static func methodTable(_ methods: [JSONValue]) -> String {
        var table = TextTable(columns: ["METHOD", "ROLES", "FLAGS", "SUMMARY"])
        for method in methods {
            table.add([
                method["name"]?.stringValue ?? "", roles(method), flags(method), method["summary"]?.stringValue ?? "",
            ])
        }
        return table.render()
    }

    static func methodDetails(_ method: JSONValue) -> String {
        var lines = [method["name"]?.stringValue ?? ""]
        if let summary = method["summary"]?.stringValue { lines.append("  " + summary) }
        if let description = method["description"]?.stringValue, description != method["summary"]?.stringValue {
            lines.append("  " + description)
        }
        lines.append("")
        lines.append("roles: \(roles(method))")
        lines.append("flags: \(flags(method).isEmpty ? "-" : flags(method))")
        lines.append("")
        var params = TextTable(columns: ["PARAM", "REQUIRED", "SCHEMA", "DESCRIPTION"])
        for param in method["params"]?.arrayValue ?? [] {
            params.add([
                param["name"]?.stringValue ?? "", param["required"] == .bool(true) ? "yes" : "no",
                MethodDocs.schemaText(param["schema"]), MethodDocs.description(param),
            ])
        }
        lines.append(params.rows.isEmpty ? "params: none" : params.render())
        lines.append("")
        lines.append("result:")
        lines.append(JSONPrettyPrinter.render(method["result"]?["schema"] ?? .null))
        if let item = method["x-item"] {
            lines.append("")
            lines.append("stream item:")
            lines.append(JSONPrettyPrinter.render(item))
        }
        let errors = (method["errors"]?.arrayValue ?? []).compactMap { $0["data"]?["status"]?.stringValue }
        lines.append("")
        lines.append("errors: \(errors.isEmpty ? "-" : errors.joined(separator: ", "))")
        lines += MethodDocs.examples(method)
        return lines.joined(separator: "\n")
    }

    static func roles(_ method: JSONValue) -> String {
        (method["x-roles"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
    }

    static func flags(_ method: JSONValue) -> String {
        [("x-mutating", "mutating"), ("x-idempotent", "idempotent"), ("x-streaming", "streaming")]
            .filter { method[$0.0] == .bool(true) }.map(\.1).joined(separator: ",")
    }

    static func health(_ args: inout CommandArguments, _ session: Session) async throws {
        let service = args.nextPositional() ?? ""
        try args.done()
        let status = try await session.client.healthCheck(service: service, options: session.call)
        try session.emit(json: ["status": .string(status)]) { _ in status }
        if status != "SERVING" { throw LocalFailure("\(service.isEmpty ? "the server" : service) is \(status)") }
    }
}
