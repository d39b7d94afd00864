import FramedJSON

/// What `partnerctl describe METHOD` shows of the contract's words: each param's description
/// beside its schema, and the method's OpenRPC examples.
enum MethodDocs {
    /// A param's schema as compact JSON without its description (shown in its own column).
    static func schemaText(_ schema: JSONValue?) -> String {
        guard var object = schema?.objectValue else { return schema?.encodedString ?? "" }
        object.members.removeAll { $0.key == "description" }
        return JSONValue.object(object).encodedString
    }

    /// A param's description, or "".
    static func description(_ param: JSONValue) -> String { param["schema"]?["description"]?.stringValue ?? "" }

    /// The method's examples: name, description, params and result, pretty-printed; empty when none.
    static func examples(_ method: JSONValue) -> [String] {
        var lines: [String] = []
        for example in method["examples"]?.arrayValue ?? [] {
            lines.append("")
            lines.append("example: \(example["name"]?.stringValue ?? "")")
            if let text = example["description"]?.stringValue { lines.append("  " + text) }
            var params = JSONObject()
            for param in example["params"]?.arrayValue ?? [] {
                if let name = param["name"]?.stringValue { params[name] = param["value"] ?? .null }
            }
            lines.append("params:")
            lines.append(JSONPrettyPrinter.render(.object(params)))
            if let result = example["result"]?["value"] {
                lines.append("result:")
                lines.append(JSONPrettyPrinter.render(result))
            }
        }
        return lines
    }
}
