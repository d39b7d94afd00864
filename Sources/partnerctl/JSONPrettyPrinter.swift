import Foundation
import FramedJSON

/// Indented JSON for people: two spaces per level, one member per line.
enum JSONPrettyPrinter {
    /// `value` as indented JSON text (no trailing newline).
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let object) where object.count > 0:
            out += "{\n"
            for (index, member) in object.members.enumerated() {
                out += pad + JSONValue.string(member.key).encodedString + ": "
                write(member.value, indent: indent + 1, into: &out)
                out += index == object.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        default:
            out += value.encodedString
        }
    }

    /// The member at `path` (`subscription.id`, `items[0].id`, `items.0.id`), or `nil`.
    static func lookup(_ path: String, in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        let steps = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
            .split(separator: ".", omittingEmptySubsequences: true)
        for step in steps {
            guard let here = current else { return nil }
            if let index = Int(step), let items = here.arrayValue {
                current = items.indices.contains(index) ? items[index] : nil
            } else {
                current = here[String(step)]
            }
        }
        return current
    }

    /// A field's value as a shell script wants it: strings bare, everything else as JSON.
    static func plain(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.encodedString
    }
}
