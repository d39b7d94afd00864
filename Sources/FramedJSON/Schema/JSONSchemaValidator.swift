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

    /// Every violation of `schema` by `value` (empty when valid).
    public func validate(_ value: JSONValue, against schema: JSONValue, path: String = "") -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        check(value, schema, path, depth: 0, into: &violations)
        return violations
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

    private func check(
        _ value: JSONValue, _ schema: JSONValue, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        switch schema {
        case .bool(true): return
        case .bool(false):
            out.append(JSONSchemaViolation(path: path, reason: "is not allowed"))
            return
        case .object: break
        default: return
        }
        if let reference = schema["$ref"]?.stringValue {
            guard depth < maxRefDepth else {
                out.append(JSONSchemaViolation(path: path, reason: "schema reference chain too deep at \(reference)"))
                return
            }
            guard let target = resolve(reference) else {
                out.append(JSONSchemaViolation(path: path, reason: "unresolvable schema reference \(reference)"))
                return
            }
            check(value, target, path, depth: depth + 1, into: &out)
        }
        if let types = schema["type"], !matchesType(value, types) {
            out.append(
                JSONSchemaViolation(path: path, reason: "must be \(describeTypes(types)), got \(value.typeName)"))
            return
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(where: { equal($0, value) }) {
            let list = options.map(\.encodedString).joined(separator: ", ")
            out.append(JSONSchemaViolation(path: path, reason: "must be one of [\(list)]"))
        }
        if let constant = schema["const"], !equal(constant, value) {
            out.append(JSONSchemaViolation(path: path, reason: "must be \(constant.encodedString)"))
        }
        checkCombinators(value, schema, path, depth: depth, into: &out)
        switch value {
        case .object(let object): checkObject(object, schema, path, depth: depth, into: &out)
        case .array(let array): checkArray(array, schema, path, depth: depth, into: &out)
        case .string(let string): checkString(string, schema, path, into: &out)
        case .int, .double: checkNumber(value, schema, path, into: &out)
        default: break
        }
    }

    private func checkCombinators(
        _ value: JSONValue, _ schema: JSONValue, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        if let all = schema["allOf"]?.arrayValue {
            for sub in all { check(value, sub, path, depth: depth + 1, into: &out) }
        }
        if let any = schema["anyOf"]?.arrayValue,
            !any.contains(where: { validate(value, against: $0, path: path).isEmpty })
        {
            out.append(JSONSchemaViolation(path: path, reason: "matches none of the allowed shapes (anyOf)"))
        }
        if let one = schema["oneOf"]?.arrayValue {
            let matches = one.filter { validate(value, against: $0, path: path).isEmpty }.count
            if matches != 1 {
                out.append(
                    JSONSchemaViolation(path: path, reason: "must match exactly one shape (oneOf), matched \(matches)"))
            }
        }
        if let not = schema["not"], validate(value, against: not, path: path).isEmpty {
            out.append(JSONSchemaViolation(path: path, reason: "matches a forbidden shape (not)"))
        }
    }

    private func checkObject(
        _ object: JSONObject, _ schema: JSONValue, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        let properties = schema["properties"]?.objectValue
        for name in schema["required"]?.arrayValue ?? [] {
            guard let key = name.stringValue else { continue }
            if object[key] == nil { out.append(JSONSchemaViolation(path: jsonPath(path, key), reason: "is required")) }
        }
        for member in object.members {
            let memberPath = jsonPath(path, member.key)
            if let propertySchema = properties?[member.key] {
                check(member.value, propertySchema, memberPath, depth: depth, into: &out)
            } else if let additional = schema["additionalProperties"] {
                if case .bool(false) = additional {
                    out.append(JSONSchemaViolation(path: memberPath, reason: "is not a known field"))
                } else {
                    check(member.value, additional, memberPath, depth: depth, into: &out)
                }
            }
        }
    }

    private func checkArray(
        _ array: [JSONValue], _ schema: JSONValue, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        if let min = schema["minItems"]?.intValue, array.count < min {
            out.append(JSONSchemaViolation(path: path, reason: "must have at least \(min) items, has \(array.count)"))
        }
        if let max = schema["maxItems"]?.intValue, array.count > max {
            out.append(JSONSchemaViolation(path: path, reason: "must have at most \(max) items, has \(array.count)"))
        }
        if case .bool(true) = schema["uniqueItems"] ?? .null {
            for (index, element) in array.enumerated() where array[..<index].contains(where: { equal($0, element) }) {
                out.append(JSONSchemaViolation(path: "\(path)[\(index)]", reason: "duplicates an earlier item"))
            }
        }
        if let items = schema["items"] {
            for (index, element) in array.enumerated() {
                check(element, items, "\(path)[\(index)]", depth: depth, into: &out)
            }
        }
    }

    private func checkString(
        _ string: String, _ schema: JSONValue, _ path: String, into out: inout [JSONSchemaViolation]
    ) {
        let length = string.unicodeScalars.count
        if let min = schema["minLength"]?.intValue, length < min {
            out.append(JSONSchemaViolation(path: path, reason: "must be at least \(min) characters, is \(length)"))
        }
        if let max = schema["maxLength"]?.intValue, length > max {
            out.append(JSONSchemaViolation(path: path, reason: "must be at most \(max) characters, is \(length)"))
        }
        if let pattern = schema["pattern"]?.stringValue {
            if let compiled = JSONSchemaPattern(pattern) {
                if !compiled.matches(string) {
                    out.append(JSONSchemaViolation(path: path, reason: "must match the pattern \(pattern)"))
                }
            } else {
                out.append(JSONSchemaViolation(path: path, reason: "schema pattern \(pattern) is not supported"))
            }
        }
        if let format = schema["format"]?.stringValue, !JSONSchemaFormats.matches(string, format: format) {
            out.append(JSONSchemaViolation(path: path, reason: "must be a valid \(format)"))
        }
    }

    private func checkNumber(
        _ value: JSONValue, _ schema: JSONValue, _ path: String, into out: inout [JSONSchemaViolation]
    ) {
        let number: Double
        switch value {
        case .int(let i): number = Double(i)
        case .double(let d): number = d
        default: return
        }
        if let min = schema["minimum"], let bound = numeric(min), number < bound {
            out.append(JSONSchemaViolation(path: path, reason: "must be at least \(min.encodedString)"))
        }
        if let max = schema["maximum"], let bound = numeric(max), number > bound {
            out.append(JSONSchemaViolation(path: path, reason: "must be at most \(max.encodedString)"))
        }
    }

    private func numeric(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    private func matchesType(_ value: JSONValue, _ types: JSONValue) -> Bool {
        switch types {
        case .string(let name): return matchesType(value, name)
        case .array(let names): return names.contains { $0.stringValue.map { matchesType(value, $0) } ?? false }
        default: return true
        }
    }

    private func matchesType(_ value: JSONValue, _ name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", .int): return true
        case ("integer", .double(let d)): return d.isFinite && (Int64(exactly: d) != nil || abs(d) >= 9.0e18)
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }

    private func describeTypes(_ types: JSONValue) -> String {
        switch types {
        case .string(let name): return "of type \(name)"
        case .array(let names): return "of type " + names.compactMap(\.stringValue).joined(separator: " or ")
        default: return "of the declared type"
        }
    }

    /// JSON equality where 1 and 1.0 are the same number.
    private func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        default: return a == b
        }
    }
}
