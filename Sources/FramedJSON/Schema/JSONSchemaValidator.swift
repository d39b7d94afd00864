/// Validates JSON values against JSON Schema (draft 2020-12 subset used by OpenRPC documents).
///
/// Supported keywords: `type` (string or array, "integer" accepts whole numbers), `enum`,
/// `const`, `properties`, `required`, `additionalProperties` (boolean or schema), `items`,
/// `minItems`, `maxItems`, `uniqueItems`, `minLength`, `maxLength` (in Unicode scalars),
/// `pattern` (a safe subset, see `JSONSchemaPattern`), `minimum`, `maximum`, `format`
/// (`date-time`, `email`, `date`, `byte`), `allOf`, `anyOf`, `oneOf`, `not`, and local `$ref`s
/// ("#/components/schemas/Customer", "#/$defs/X"), resolved against `root`. Unknown keywords are
/// ignored, as the specification says.
///
/// ```swift
/// let validator = JSONSchemaValidator(root: openRPCDocument)
/// let problems = validator.validate(result, against: ["$ref": "#/components/schemas/Customer"])
/// #expect(problems.isEmpty)
/// ```
public struct JSONSchemaValidator: Sendable {
    /// The document local `$ref`s are resolved against.
    public let root: JSONValue
    /// The maximum `$ref` depth followed before reporting a cycle.
    public var maxRefDepth = 64

    /// Creates a validator resolving references against `root`.
    public init(root: JSONValue = .null) {
        self.root = root
    }

    /// Every violation of `schema` by `value` (empty when valid), each path below `path`.
    /// Compiles `schema` for this one call: keep a `CompiledSchema` to validate many values.
    public func validate(_ value: JSONValue, against schema: JSONValue, path: String = "") -> [JSONSchemaViolation] {
        let violations = CompiledSchema(schema, root: root, maxRefDepth: maxRefDepth).validate(value)
        guard !path.isEmpty else { return violations }
        return violations.map { violation in
            var prefixed = violation
            prefixed.field =
                violation.field.isEmpty
                ? path
                : violation.field.hasPrefix("[")
                    ? path + violation.field
                    : jsonPath(path, violation.field)
            return prefixed
        }
    }

    /// Resolves a local reference such as "#/components/schemas/Customer".
    public func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var current = root
        for rawPart in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let part = Self.unescapePointer(String(rawPart))
            switch current {
            case .object(let object):
                guard let next = object[part] else { return nil }
                current = next
            case .array(let array):
                guard let index = Int(part), array.indices.contains(index) else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    /// JSON Pointer unescaping: "~1" is "/", "~0" is "~".
    private static func unescapePointer(_ part: String) -> String {
        guard part.contains("~") else { return part }
        var result = ""
        var iterator = part.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "1": result.append("/")
            case "0": result.append("~")
            case let other?:
                result.append("~")
                result.append(other)
            case nil: result.append("~")
            }
        }
        return result
    }
}
