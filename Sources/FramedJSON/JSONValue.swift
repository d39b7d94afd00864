/// A JSON document held in memory.
///
/// Integers that fit in `Int64` keep their exact value (`.int`); every other number is a
/// `.double`. Objects keep member order, so a value re-encodes as it was received.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key` when this is an object, else `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The string payload, or `nil` when this is not a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer payload (also for doubles with no fraction), or `nil`.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// The object payload, or `nil` when this is not an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array payload, or `nil` when this is not an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The JSON type name used in error messages ("string", "object", ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// This value as compact UTF-8 JSON bytes.
    public var encodedBytes: [UInt8] {
        var writer = JSONWriter()
        writer.value(self)
        return writer.bytes
    }

    /// This value as a compact JSON string.
    public var encodedString: String { String(decoding: encodedBytes, as: UTF8.self) }
}

/// A JSON object: members in the order they were written.
///
/// Lookup is linear, which beats hashing for the small objects a protocol carries. When a key
/// appears twice the first occurrence wins on lookup.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONValue
        /// Creates a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in order.
    public var members: [Member]

    /// Creates an object from members in order.
    public init(_ members: [Member] = []) { self.members = members }

    /// Creates an object from a literal; order is kept.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    /// The value of `key`, or `nil`. Setting `nil` removes the member; setting a value replaces
    /// the first member with that key or appends one.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The member names, in order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral
{
    /// `"text"` as a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `42` as a JSON integer.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// `true` / `false` as a JSON boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `[a, b]` as a JSON array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// `["k": v]` as a JSON object, order kept.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
    /// `nil` as JSON null.
    public init(nilLiteral: ()) { self = .null }
    /// `1.5` as a JSON number.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON text.
    public var description: String { encodedString }
}

extension JSONObject: CustomStringConvertible {
    /// The object as compact JSON text.
    public var description: String { JSONValue.object(self).encodedString }
}
