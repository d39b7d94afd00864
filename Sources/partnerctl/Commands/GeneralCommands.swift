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
            "describe", "[METHOD | TYPE]",
            summary: "list the server's methods and types, or show one method or type with its schemas",
            details: """
                  From rpc.discover: roles (x-roles), flags (mutating, idempotent, streaming), params,
                  result, errors; every type referenced ($ref) is printed after, field by field.

                EXAMPLES
                  partnerctl describe Customers.Create
                  partnerctl describe Customer
                """,
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
        let printer = SchemaPrinter(document: document)
        guard let name else {
            try session.emit(json: document) { _ in
                methodTable(methods) + "\n\nTYPES (partnerctl describe TYPE)\n  "
                    + printer.typeNames.joined(separator: ", ")
            }
            return
        }
        if let method = methods.first(where: { $0["name"]?.stringValue == name }) {
            try session.emit(json: method) { methodDetails($0, printer) }
            return
        }
        if let text = printer.describeType(name) {
            try session.emit(json: document["components"]?["schemas"]?[name] ?? .null) { _ in text }
            return
        }
        let names = methods.compactMap { $0["name"]?.stringValue } + printer.typeNames
        var close = Suggestions.closest(to: name, in: names)
        if close.isEmpty { close = names.filter { $0.lowercased().contains(name.lowercased()) } }
        throw CommandLineError(
            "the server has no method or type '\(name)'"
                + (close.isEmpty ? "" : "; did you mean \(close.prefix(5).joined(separator: ", "))?"))
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

    static func methodDetails(_ method: JSONValue, _ printer: SchemaPrinter) -> String {
        var referenced: [String] = []
        var lines = [method["name"]?.stringValue ?? ""]
        if let summary = method["summary"]?.stringValue { lines.append("  " + summary) }
        if let description = method["description"]?.stringValue, description != method["summary"]?.stringValue {
            lines.append("  " + description)
        }
        lines.append("")
        lines.append("roles: \(roles(method))")
        lines.append("flags: \(flags(method).isEmpty ? "-" : flags(method))")
        lines.append("")
        var params = TextTable(columns: ["PARAM", "TYPE", "REQUIRED", "DESCRIPTION"])
        for param in method["params"]?.arrayValue ?? [] {
            let schema = param["schema"] ?? .null
            params.add([
                param["name"]?.stringValue ?? "", printer.typeName(schema, referenced: &referenced),
                param["required"] == .bool(true) ? "yes" : "", MethodDocs.description(param),
            ])
        }
        lines.append(params.rows.isEmpty ? "params: none" : "params:\n" + params.render())
        lines.append("")
        let result = method["result"]?["schema"] ?? .null
        if result["properties"] != nil {
            lines.append("result:\n" + printer.fieldTable(result, referenced: &referenced))
        } else {
            lines.append("result: " + printer.typeName(result, referenced: &referenced))
        }
        if let item = method["x-item"] {
            lines.append("")
            lines.append("stream item: " + printer.typeName(item, referenced: &referenced))
        }
        let errors = (method["errors"]?.arrayValue ?? []).compactMap { $0["data"]?["status"]?.stringValue }
        lines.append("")
        lines.append("errors: \(errors.isEmpty ? "-" : errors.joined(separator: ", "))")
        if !referenced.isEmpty {
            lines.append("")
            lines.append(printer.describeReferenced(referenced))
        }
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
