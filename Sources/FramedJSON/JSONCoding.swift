/// A value that writes itself as JSON through a `JSONWriter`, with no intermediate tree.
///
/// ```swift
/// struct Point: JSONEncodable {
///     var x: Int64, y: Int64
///     func encode(to w: inout JSONWriter) {
///         w.beginObject(); w.key("x"); w.int(x); w.key("y"); w.int(y); w.endObject()
///     }
/// }
/// ```
public protocol JSONEncodable {
    /// Writes exactly one JSON value.
    func encode(to writer: inout JSONWriter)
}

/// A value that reads itself from a parsed `JSONValue`, reporting the exact field at fault.
///
/// ```swift
/// struct Point: JSONDecodable {
///     var x: Int64, y: Int64
///     init(json: JSONValue, path: String) throws(JSONDecodingError) {
///         let f = try JSONFields(json, path: path, allowed: ["x", "y"])
///         x = try f.required("x"); y = try f.required("y")
///     }
/// }
/// ```
public protocol JSONDecodable {
    /// Reads the value from `json`, found at `path` ("" for the root, "address.postalCode").
    /// - Throws: `JSONDecodingError` naming the field path and what was wrong.
    init(json: JSONValue, path: String) throws(JSONDecodingError)
}

/// Both directions.
public typealias JSONCodable = JSONDecodable & JSONEncodable

/// A field that could not be decoded: its dotted path and the reason.
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path of the offending field: "name", "address.postalCode", "items[2].sku"; "" is the
    /// whole value.
    public var field: String
    /// What was wrong ("is required", "must be a string, got integer").
    public var reason: String

    /// Creates an error.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// "<field>: <reason>", or the reason alone for the root.
    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }

    /// The standard "must be a <type>, got <type>" error.
    public static func typeMismatch(_ path: String, expected: String, got value: JSONValue) -> JSONDecodingError {
        JSONDecodingError(field: path, reason: "must be \(expected), got \(value.typeName)")
    }
}

/// Joins a parent path and a member name: `("", "a") -> "a"`, `("a", "b") -> "a.b"`.
@inlinable public func jsonPath(_ parent: String, _ key: String) -> String {
    parent.isEmpty ? key : parent + "." + key
}

/// Reads the members of one JSON object field by field, each error naming its full path.
///
/// A member whose value is `null` reads as absent.
public struct JSONFields: Sendable {
    /// The object being read.
    public let object: JSONObject
    /// Where the object sits in the document ("" for the root).
    public let path: String

    /// Opens `value` as an object.
    /// - Parameter allowed: when given, any other member name is rejected as unknown.
    /// - Throws: when `value` is not an object, or has a member outside `allowed`.
    public init(_ value: JSONValue, path: String, allowed: [String]? = nil) throws(JSONDecodingError) {
        guard case .object(let object) = value else {
            throw .typeMismatch(path, expected: "an object", got: value)
        }
        if let allowed {
            for member in object.members where !allowed.contains(member.key) {
                throw JSONDecodingError(field: jsonPath(path, member.key), reason: "is not a known field")
            }
        }
        self.object = object
        self.path = path
    }

    /// The full path of member `key`.
    public func path(_ key: String) -> String { jsonPath(path, key) }

    /// True when `key` is present and not `null`.
    public func has(_ key: String) -> Bool {
        if let value = object[key], value != .null { return true }
        return false
    }

    /// Reads a required member.
    /// - Throws: "is required" when absent or `null`, or the member's own decoding error.
    public func required<T: JSONDecodable>(_ key: String, as type: T.Type = T.self) throws(JSONDecodingError) -> T {
        guard let value = object[key], value != .null else {
            throw JSONDecodingError(field: path(key), reason: "is required")
        }
        return try T(json: value, path: path(key))
    }

    /// Reads an optional member; absent or `null` gives `nil`.
    public func optional<T: JSONDecodable>(_ key: String, as type: T.Type = T.self) throws(JSONDecodingError) -> T? {
        guard let value = object[key], value != .null else { return nil }
        return try T(json: value, path: path(key))
    }
}

extension String: JSONCodable {
    /// Reads a JSON string.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard case .string(let s) = json else { throw .typeMismatch(path, expected: "a string", got: json) }
        self = s
    }
    /// Writes a JSON string.
    public func encode(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int64: JSONCodable {
    /// Reads a JSON integer (a number with a zero fraction is accepted).
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard let i = json.intValue else { throw .typeMismatch(path, expected: "an integer", got: json) }
        self = i
    }
    /// Writes a JSON integer.
    public func encode(to writer: inout JSONWriter) { writer.int(self) }
}

extension Int: JSONCodable {
    /// Reads a JSON integer (a number with a zero fraction is accepted).
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard let i = json.intValue, let v = Int(exactly: i) else {
            throw .typeMismatch(path, expected: "an integer", got: json)
        }
        self = v
    }
    /// Writes a JSON integer.
    public func encode(to writer: inout JSONWriter) { writer.int(Int64(self)) }
}

extension Double: JSONCodable {
    /// Reads any JSON number.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        switch json {
        case .int(let i): self = Double(i)
        case .double(let d): self = d
        default: throw .typeMismatch(path, expected: "a number", got: json)
        }
    }
    /// Writes a JSON number.
    public func encode(to writer: inout JSONWriter) { writer.double(self) }
}

extension Bool: JSONCodable {
    /// Reads `true` or `false`.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard case .bool(let b) = json else { throw .typeMismatch(path, expected: "a boolean", got: json) }
        self = b
    }
    /// Writes `true` or `false`.
    public func encode(to writer: inout JSONWriter) { writer.bool(self) }
}

extension JSONValue: JSONCodable {
    /// Takes any JSON value as it is.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) { self = json }
    /// Writes the value as it is.
    public func encode(to writer: inout JSONWriter) { writer.value(self) }
}

extension JSONObject: JSONCodable {
    /// Reads a JSON object.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard case .object(let o) = json else { throw .typeMismatch(path, expected: "an object", got: json) }
        self = o
    }
    /// Writes the object.
    public func encode(to writer: inout JSONWriter) { writer.value(.object(self)) }
}

extension Array: JSONDecodable where Element: JSONDecodable {
    /// Reads a JSON array; an element's error names its index (`items[2].sku`).
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard case .array(let elements) = json else { throw .typeMismatch(path, expected: "an array", got: json) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try Element(json: element, path: "\(path)[\(index)]"))
        }
        self = result
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    /// Writes a JSON array.
    public func encode(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.encode(to: &writer) }
        writer.endArray()
    }
}

extension Optional: JSONEncodable where Wrapped: JSONEncodable {
    /// Writes the value, or `null`.
    public func encode(to writer: inout JSONWriter) {
        switch self {
        case .some(let value): value.encode(to: &writer)
        case .none: writer.null()
        }
    }
}

extension JSONDecodable {
    /// Parses `bytes` and decodes the root value.
    /// - Throws: `JSONParseError` for malformed JSON, `JSONDecodingError` for a wrong shape.
    public static func decode(from bytes: some Collection<UInt8>, maxDepth: Int = 64) throws -> Self {
        let value = try JSONParser(maxDepth: maxDepth).parse(bytes)
        return try Self(json: value, path: "")
    }
}

extension JSONEncodable {
    /// The value as compact JSON bytes.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter()
        encode(to: &writer)
        return writer.bytes
    }
}
