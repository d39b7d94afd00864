import FramedJSON
import ToolSupport

/// JSON Schemas from `rpc.discover`, printed for people: one table of fields per type, `$ref`s
/// named by their type and then printed themselves, each once.
struct SchemaPrinter {
    /// `components.schemas` of the document.
    let components: JSONObject

    init(document: JSONValue) {
        components = document["components"]?["schemas"]?.objectValue ?? [:]
    }

    /// The named types of the document.
    var typeNames: [String] { components.keys.sorted() }

    /// `Customer`, `array of Role`, `string: DOMAIN|TEAM`, `integer 1...200`.
    func typeName(_ schema: JSONValue, referenced: inout [String]) -> String {
        if let ref = schema["$ref"]?.stringValue {
            let name = String(ref.split(separator: "/").last ?? Substring(ref))
            if !referenced.contains(name) { referenced.append(name) }
            return name
        }
        for combinator in ["oneOf", "anyOf"] {
            if let options = schema[combinator]?.arrayValue {
                return options.map { typeName($0, referenced: &referenced) }.joined(separator: " | ")
            }
        }
        if let values = schema["enum"]?.arrayValue {
            return "one of " + values.map { $0.stringValue ?? $0.encodedString }.joined(separator: "|")
        }
        let type: String
        switch schema["type"] {
        case .string(let text)?: type = text
        case .array(let types)?: type = types.compactMap(\.stringValue).joined(separator: " or ")
        default: type = schema["properties"] != nil ? "object" : "any"
        }
        switch type {
        case "array":
            return "array of " + typeName(schema["items"] ?? .null, referenced: &referenced)
        case "integer", "number":
            let low = schema["minimum"]?.encodedString
            let high = schema["maximum"]?.encodedString
            if low != nil || high != nil { return "\(type) \(low ?? "")...\(high ?? "")" }
            return type
        case "string":
            if let format = schema["format"]?.stringValue { return "string (\(format))" }
            if let pattern = schema["pattern"]?.stringValue { return "string matching \(pattern)" }
            return "string"
        default:
            return type
        }
    }

    /// The fields of an object schema as a table (inline objects flattened as `a.b`).
    func fieldTable(_ schema: JSONValue, referenced: inout [String]) -> String {
        var table = TextTable(columns: ["FIELD", "TYPE", "REQUIRED", "DESCRIPTION"])
        addFields(schema, prefix: "", to: &table, referenced: &referenced)
        return table.rows.isEmpty ? "  (no fields)" : table.render()
    }

    private func addFields(_ schema: JSONValue, prefix: String, to table: inout TextTable, referenced: inout [String]) {
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        for member in schema["properties"]?.objectValue?.members ?? [] {
            let (name, property) = (member.key, member.value)
            let inline = property["properties"] != nil && property["$ref"] == nil
            table.add([
                prefix + name, inline ? "object" : typeName(property, referenced: &referenced),
                required.contains(name) ? "yes" : "", description(property),
            ])
            if inline { addFields(property, prefix: prefix + name + ".", to: &table, referenced: &referenced) }
        }
    }

    private func description(_ schema: JSONValue) -> String {
        schema["description"]?.stringValue ?? ""
    }

    /// One type and every type it refers to, each once, in the order they are met.
    /// - Returns: nil when the document has no type `name`.
    func describeType(_ name: String) -> String? {
        guard components[name] != nil else { return nil }
        return describeReferenced([name])
    }

    /// The types of `start` and every type they refer to, each once, in the order first met:
    /// what follows a method's params and result, or a type and its references.
    func describeReferenced(_ start: [String]) -> String {
        var referenced = start
        var blocks: [String] = []
        var index = 0
        while index < referenced.count {
            let current = referenced[index]
            index += 1
            guard let schema = components[current] else { continue }
            blocks.append(block(current, schema, referenced: &referenced))
        }
        return blocks.joined(separator: "\n\n")
    }

    private func block(_ name: String, _ schema: JSONValue, referenced: inout [String]) -> String {
        var head = "type \(name)"
        if schema["properties"] == nil { head += ": " + typeName(schema, referenced: &referenced) }
        var lines = [head]
        let text = description(schema)
        if !text.isEmpty { lines.append("  " + text) }
        if schema["properties"] != nil {
            lines.append(fieldTable(schema, referenced: &referenced))
        }
        return lines.joined(separator: "\n")
    }
}
