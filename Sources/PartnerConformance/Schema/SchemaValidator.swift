public import FramedJSON

/// A JSON Schema validator of the suite's own, so that the suite never trusts the server's code
/// to judge the server's answers.
///
/// It covers the keywords an OpenRPC document of this protocol uses and the common rest of JSON
/// Schema's validation vocabulary: `$ref` (JSON pointers into the document), `type` (a name or
/// an array of names), `properties`, `required`, `additionalProperties` (boolean or schema),
/// `minProperties`/`maxProperties`, `items`, `minItems`/`maxItems`, `uniqueItems`, `enum`,
/// `const`, `pattern`, `minLength`/`maxLength` (in Unicode code points), `minimum`/`maximum`,
/// `exclusiveMinimum`/`exclusiveMaximum`, `multipleOf`, `format` (`date-time`, `date`, `email`,
/// `byte`; other formats are annotations), `allOf`/`anyOf`/`oneOf`/`not`. Annotation keywords
/// (`description`, `title`, ...) are ignored; ``unsupportedKeywords(in:)`` lists any other
/// keyword so a case can refuse a document the validator would only half check.
public struct SchemaValidator: Sendable {
    /// The document `$ref` pointers resolve against (the OpenRPC document).
    public let document: JSONValue

    /// Keywords that constrain values, all checked by ``validate(_:against:at:)``.
    public static let assertionKeywords: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "minProperties", "maxProperties",
        "items", "minItems", "maxItems", "uniqueItems", "enum", "const", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format", "allOf", "anyOf",
        "oneOf", "not",
    ]

    /// Keywords that only describe and never constrain.
    public static let annotationKeywords: Set<String> = [
        "description", "title", "examples", "example", "default", "deprecated", "readOnly", "writeOnly",
        "$comment", "$id", "$schema", "summary",
    ]

    /// Creates a validator whose `$ref`s resolve in `document`.
    public init(document: JSONValue) { self.document = document }

    /// Creates a validator whose `$ref`s resolve in `document`.
    public init(document: JSONObject) { self.document = .object(document) }

    /// Every way `value` breaks `schema`, each with the path of the offending part below `path`.
    /// Empty when `value` is valid. An unresolvable `$ref` is reported as a violation, not skipped.
    public func validate(_ value: JSONValue, against schema: JSONValue, at path: String = "") -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        check(value, schema, path, depth: 0, into: &violations)
        return violations
    }

    /// True when `value` is valid against `schema`.
    public func isValid(_ value: JSONValue, against schema: JSONValue) -> Bool {
        validate(value, against: schema).isEmpty
    }

    /// The schema a `$ref` such as `#/components/schemas/Customer` points at, or `nil`.
    public func resolve(reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst()
        if pointer.isEmpty { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var node = document
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = String(rawToken).replacing("~1", with: "/").replacing("~0", with: "~")
            switch node {
            case .object(let object):
                guard let next = object[token] else { return nil }
                node = next
            case .array(let array):
                guard let index = Int(token), array.indices.contains(index) else { return nil }
                node = array[index]
            default:
                return nil
            }
        }
        return node
    }

    /// Follows `$ref` chains until a schema without `$ref` (siblings of `$ref` are dropped);
    /// `nil` when a reference does not resolve or loops.
    public func dereference(_ schema: JSONValue) -> JSONValue? {
        var current = schema
        for _ in 0..<32 {
            guard let reference = current["$ref"]?.stringValue else { return current }
            guard let next = resolve(reference: reference) else { return nil }
            current = next
        }
        return nil
    }

    // MARK: checking

    private func check(
        _ value: JSONValue, _ schema: JSONValue, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        if case .bool(let allowed) = schema {
            if !allowed { out.append(.init(field: path, reason: "is not allowed here")) }
            return
        }
        guard let keywords = schema.objectValue else {
            out.append(.init(field: path, reason: "has a schema that is not an object: \(schema)"))
            return
        }
        guard depth < 64 else {
            out.append(.init(field: path, reason: "schema nesting deeper than 64 (a $ref loop?)"))
            return
        }
        if let reference = keywords["$ref"] {
            if let text = reference.stringValue, let target = resolve(reference: text) {
                check(value, target, path, depth: depth + 1, into: &out)
            } else {
                out.append(.init(field: path, reason: "has a schema whose $ref \(reference) does not resolve"))
            }
        }
        if let type = keywords["type"], !checkType(value, type, path, into: &out) { return }
        checkCombinators(value, keywords, path, depth: depth, into: &out)
        if let enumeration = keywords["enum"]?.arrayValue, !enumeration.contains(where: { Self.equal($0, value) }) {
            let listed = enumeration.map(\.encodedString).joined(separator: ", ")
            out.append(.init(field: path, reason: "must be one of \(listed), got \(value.encodedString)"))
        }
        if let constant = keywords["const"], !Self.equal(constant, value) {
            out.append(.init(field: path, reason: "must be \(constant.encodedString), got \(value.encodedString)"))
        }
        switch value {
        case .string(let string): checkString(string, keywords, path, into: &out)
        case .int, .double: checkNumber(value, keywords, path, into: &out)
        case .array(let array): checkArray(array, keywords, path, depth: depth, into: &out)
        case .object(let object): checkObject(object, keywords, path, depth: depth, into: &out)
        case .null, .bool: break
        }
    }

    /// False (after recording the violation) when `value` has none of the named types.
    private func checkType(_ value: JSONValue, _ type: JSONValue, _ path: String, into out: inout [JSONSchemaViolation])
        -> Bool
    {
        let names = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
        if names.contains(where: { Self.has(value, type: $0) }) { return true }
        let expected = names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
        out.append(.init(field: path, reason: "must be \(Self.article(expected)) \(expected), got \(value.typeName)"))
        return false
    }

    /// True when `value` is of the JSON Schema type `name` (an integral double is an integer).
    static func has(_ value: JSONValue, type name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", .int): return true
        case ("integer", .double(let d)): return d.isFinite && d.rounded(.towardZero) == d
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }

    private static func article(_ word: String) -> String {
        word.hasPrefix("one of")
            ? "" : (["a", "e", "i", "o", "u"].contains(word.first.map(String.init) ?? "") ? "an" : "a")
    }

    private func checkCombinators(
        _ value: JSONValue, _ keywords: JSONObject, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        if let all = keywords["allOf"]?.arrayValue {
            for schema in all { check(value, schema, path, depth: depth + 1, into: &out) }
        }
        if let any = keywords["anyOf"]?.arrayValue,
            !any.contains(where: { validate(value, against: $0, at: path).isEmpty })
        {
            out.append(.init(field: path, reason: "matches none of the \(any.count) schemas of anyOf"))
        }
        if let one = keywords["oneOf"]?.arrayValue {
            let matching = one.filter { validate(value, against: $0, at: path).isEmpty }.count
            if matching != 1 {
                out.append(.init(field: path, reason: "must match exactly one schema of oneOf, matches \(matching)"))
            }
        }
        if let not = keywords["not"], validate(value, against: not, at: path).isEmpty {
            out.append(.init(field: path, reason: "must not match the schema of not"))
        }
    }

    private func checkString(
        _ string: String, _ keywords: JSONObject, _ path: String, into out: inout [JSONSchemaViolation]
    ) {
        let length = string.unicodeScalars.count
        if let minimum = keywords["minLength"]?.intValue, length < minimum {
            out.append(.init(field: path, reason: "must be at least \(minimum) characters, got \(length)"))
        }
        if let maximum = keywords["maxLength"]?.intValue, length > maximum {
            out.append(.init(field: path, reason: "must be at most \(maximum) characters, got \(length)"))
        }
        if let pattern = keywords["pattern"]?.stringValue {
            if let regex = try? Regex(pattern) {
                if (try? regex.firstMatch(in: string)) == nil {
                    out.append(.init(field: path, reason: "must match the pattern \(pattern)"))
                }
            } else {
                out.append(.init(field: path, reason: "has a pattern the suite cannot compile: \(pattern)"))
            }
        }
        if let format = keywords["format"]?.stringValue,
            let reason = SchemaFormats.violation(of: string, format: format)
        {
            out.append(.init(field: path, reason: reason))
        }
    }

    private func checkNumber(
        _ value: JSONValue, _ keywords: JSONObject, _ path: String, into out: inout [JSONSchemaViolation]
    ) {
        func below(_ a: JSONValue, _ b: JSONValue) -> Bool {
            if case .int(let x) = a, case .int(let y) = b { return x < y }
            return (Self.double(a) ?? 0) < (Self.double(b) ?? 0)
        }
        if let minimum = keywords["minimum"], Self.double(minimum) != nil, below(value, minimum) {
            out.append(
                .init(field: path, reason: "must be at least \(minimum.encodedString), got \(value.encodedString)"))
        }
        if let maximum = keywords["maximum"], Self.double(maximum) != nil, below(maximum, value) {
            out.append(
                .init(field: path, reason: "must be at most \(maximum.encodedString), got \(value.encodedString)"))
        }
        if let minimum = keywords["exclusiveMinimum"], Self.double(minimum) != nil, !below(minimum, value) {
            out.append(.init(field: path, reason: "must be above \(minimum.encodedString), got \(value.encodedString)"))
        }
        if let maximum = keywords["exclusiveMaximum"], Self.double(maximum) != nil, !below(value, maximum) {
            out.append(.init(field: path, reason: "must be below \(maximum.encodedString), got \(value.encodedString)"))
        }
        if let step = keywords["multipleOf"].flatMap(Self.double), step > 0, let number = Self.double(value) {
            let quotient = number / step
            if quotient.rounded() != quotient {
                out.append(.init(field: path, reason: "must be a multiple of \(step), got \(value.encodedString)"))
            }
        }
    }

    private func checkArray(
        _ array: [JSONValue], _ keywords: JSONObject, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        if let minimum = keywords["minItems"]?.intValue, array.count < minimum {
            out.append(.init(field: path, reason: "must have at least \(minimum) items, got \(array.count)"))
        }
        if let maximum = keywords["maxItems"]?.intValue, array.count > maximum {
            out.append(.init(field: path, reason: "must have at most \(maximum) items, got \(array.count)"))
        }
        if keywords["uniqueItems"] == .bool(true) {
            outer: for i in array.indices {
                for j in array.indices where j > i && Self.equal(array[i], array[j]) {
                    out.append(.init(field: path, reason: "must have unique items, but [\(i)] and [\(j)] are equal"))
                    break outer
                }
            }
        }
        if let items = keywords["items"] {
            if let tuple = items.arrayValue {
                for (index, schema) in tuple.enumerated() where index < array.count {
                    check(array[index], schema, Self.indexPath(path, index), depth: depth + 1, into: &out)
                }
            } else {
                for (index, element) in array.enumerated() {
                    check(element, items, Self.indexPath(path, index), depth: depth + 1, into: &out)
                }
            }
        }
    }

    private func checkObject(
        _ object: JSONObject, _ keywords: JSONObject, _ path: String, depth: Int, into out: inout [JSONSchemaViolation]
    ) {
        for case .string(let name) in keywords["required"]?.arrayValue ?? [] where object[name] == nil {
            out.append(.init(field: Self.memberPath(path, name), reason: "is required"))
        }
        if let minimum = keywords["minProperties"]?.intValue, object.count < minimum {
            out.append(.init(field: path, reason: "must have at least \(minimum) members, got \(object.count)"))
        }
        if let maximum = keywords["maxProperties"]?.intValue, object.count > maximum {
            out.append(.init(field: path, reason: "must have at most \(maximum) members, got \(object.count)"))
        }
        let properties = keywords["properties"]?.objectValue ?? [:]
        var seen = Set<String>()
        for member in object.members where seen.insert(member.key).inserted {
            let memberPath = Self.memberPath(path, member.key)
            if let schema = properties[member.key] {
                check(member.value, schema, memberPath, depth: depth + 1, into: &out)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    out.append(.init(field: memberPath, reason: "is not a known field"))
                } else {
                    check(member.value, additional, memberPath, depth: depth + 1, into: &out)
                }
            }
        }
    }

    // MARK: JSON values

    static func double(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// JSON equality as JSON Schema defines it: numbers by value (`1` equals `1.0`), objects
    /// regardless of member order, arrays element by element.
    public static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.int, .double), (.double, .int), (.double, .double): return double(a) == double(b)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            let xKeys = Set(x.keys)
            return xKeys == Set(y.keys) && xKeys.allSatisfy { key in equal(x[key]!, y[key]!) }
        default: return a == b
        }
    }

    // MARK: the document's keywords

    /// Keywords used by schemas inside `document` (under `params[].schema`, `result.schema`,
    /// `x-item` and `components.schemas`) that this validator neither checks nor ignores as
    /// annotations, each with one place it occurs. Empty when the validator covers the document.
    public static func unsupportedKeywords(in document: JSONObject) -> [String: String] {
        var found: [String: String] = [:]
        func walk(_ schema: JSONValue, _ location: String) {
            guard let object = schema.objectValue else { return }
            for member in object.members {
                let key = member.key
                let here = "\(location)/\(key)"
                if !assertionKeywords.contains(key) && !annotationKeywords.contains(key) && !key.hasPrefix("x-") {
                    if found[key] == nil { found[key] = location }
                    continue
                }
                switch key {
                case "properties":
                    for property in member.value.objectValue?.members ?? [] {
                        walk(property.value, "\(here)/\(property.key)")
                    }
                case "items", "additionalProperties", "not":
                    if let list = member.value.arrayValue {
                        for (i, s) in list.enumerated() { walk(s, "\(here)/\(i)") }
                    } else {
                        walk(member.value, here)
                    }
                case "allOf", "anyOf", "oneOf":
                    for (i, s) in (member.value.arrayValue ?? []).enumerated() { walk(s, "\(here)/\(i)") }
                default: break
                }
            }
        }
        for (i, method) in (document["methods"]?.arrayValue ?? []).enumerated() {
            let name = method["name"]?.stringValue ?? "#\(i)"
            for (j, param) in (method["params"]?.arrayValue ?? []).enumerated() {
                if let schema = param["schema"] { walk(schema, "\(name).params[\(j)]") }
            }
            if let schema = method["result"]?["schema"] { walk(schema, "\(name).result") }
            if let schema = method["x-item"] { walk(schema, "\(name).x-item") }
        }
        for member in document["components"]?["schemas"]?.objectValue?.members ?? [] {
            walk(member.value, "components.schemas.\(member.key)")
        }
        return found
    }

    /// `base.member`, or `member` when `base` is the value itself (paths as WIRE.md §5.1 writes them).
    private static func memberPath(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    /// `base[index]`.
    private static func indexPath(_ base: String, _ index: Int) -> String { "\(base)[\(index)]" }
}
