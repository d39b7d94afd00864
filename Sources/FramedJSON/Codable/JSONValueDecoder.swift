/// Decodes `Decodable` values from a parsed `JSONValue`, reporting failures as
/// `JSONDecodingError` with the dotted path of the field ("address.postalCode", "lines[2].sku").
///
/// Absent members and `null` both decode as `nil` for optionals. Unknown members are ignored
/// (check them against a schema first when strictness matters).
///
/// ```swift
/// struct Point: Codable { var x: Int; var y: Int }
/// let p = try JSONValueDecoder().decode(Point.self, from: ["x": 1, "y": 2])
/// ```
public struct JSONValueDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes `type` from `value`, found at `path` in a larger document ("" for the root).
    /// - Throws: `JSONDecodingError` naming the field and the reason.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: String = "") throws(JSONDecodingError)
        -> T
    {
        do {
            return try ValueDecoder(value: value, parentPath: [], key: nil).decodeValue(T.self)
        } catch let error as DecodingError {
            throw Self.convert(error, root: path)
        } catch let error as JSONDecodingError {
            throw error
        } catch {
            throw JSONDecodingError(field: path, reason: "\(error)")
        }
    }

    static func pathString(_ codingPath: [any CodingKey], root: String) -> String {
        var path = root
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                path += "[\(index)]"
            } else {
                path = jsonPath(path, key.stringValue)
            }
        }
        return path
    }

    static func convert(_ error: DecodingError, root: String) -> JSONDecodingError {
        switch error {
        case .keyNotFound(let key, let context):
            return JSONDecodingError(field: pathString(context.codingPath + [key], root: root), reason: "is required")
        case .valueNotFound(_, let context):
            return JSONDecodingError(field: pathString(context.codingPath, root: root), reason: "is required")
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            return JSONDecodingError(
                field: pathString(context.codingPath, root: root), reason: context.debugDescription)
        @unknown default:
            return JSONDecodingError(field: root, reason: "\(error)")
        }
    }
}

struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

/// The `Decoder` handed to a value's `init(from:)`. Its coding path is built only when asked
/// for (a nested container or an error), not for every member read.
struct ValueDecoder: Decoder {
    let value: JSONValue
    /// The path of the container this value is a member or element of.
    let parentPath: [any CodingKey]
    /// This value's key in that container; `nil` for the root.
    let key: (any CodingKey)?

    init(value: JSONValue, parentPath: [any CodingKey], key: (any CodingKey)?) {
        self.value = value
        self.parentPath = parentPath
        self.key = key
    }

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(
            Any.self, .init(codingPath: codingPath, debugDescription: "must be \(expected), got \(value.typeName)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch("an object") }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else { throw mismatch("an array") }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(decoder: self) }

    func decodeString() throws -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    func decodeBool() throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch("a boolean") }
        return b
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let whole = value.intValue else { throw mismatch("an integer") }
        guard let result = T(exactly: whole) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "is out of range for \(T.self)"))
        }
        return result
    }

    func decodeDouble() throws -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw mismatch("a number")
        }
    }

    /// Reads one value: the JSON primitives directly (a metatype comparison, no dynamic cast of
    /// the value), anything else through its `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return unsafeBitCast(try decodeString(), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try decodeBool(), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try decodeInteger(Int.self), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(try decodeInteger(Int64.self), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try decodeDouble(), to: T.self) }
        if T.self == JSONValue.self { return value as! T }
        if T.self == Int32.self { return try decodeInteger(Int32.self) as! T }
        if T.self == UInt64.self { return try decodeInteger(UInt64.self) as! T }
        return try T(from: self)
    }
}

/// An object's members, looked up by name. A member that is `null` reads as absent for
/// `decodeIfPresent`.
///
/// Members are usually read in the order they were written (a type reads its own encoding
/// back), so the member after the last one found is tried first, then that one again: a
/// whole object costs one
/// comparison per member instead of a scan per member; otherwise the scan starts at the first
/// member. Objects parsed from JSON never repeat a name (`JSONParser` keeps the first); of an
/// object built in code that repeats one, either occurrence may be read.
final class KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]
    /// Where the next lookup starts: just after the member found last.
    private var next = 0

    init(object: JSONObject, codingPath: [any CodingKey]) {
        self.object = object
        self.codingPath = codingPath
    }

    var allKeys: [Key] { object.members.compactMap { Key(stringValue: $0.key) } }

    /// The value of the member named `key`, `null` included, or nil when absent.
    @inline(__always)
    private func find(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        let members = object.members
        if next < members.count, members[next].key == name {
            next += 1
            return members[next - 1].value
        }
        // The same member again (`contains` or `decodeNil` before `decode`).
        if next > 0, members[next - 1].key == name { return members[next - 1].value }
        for index in members.indices where members[index].key == name {
            next = index + 1
            return members[index].value
        }
        return nil
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    /// The member's value, or "is required" when it is absent or `null`.
    @inline(__always)
    private func required(_ key: Key) throws -> JSONValue {
        guard let value = find(key), value != .null else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
        }
        return value
    }

    @inline(__always)
    private func present(_ key: Key) -> JSONValue? {
        guard let value = find(key), value != .null else { return nil }
        return value
    }

    @inline(__always)
    private func child(_ value: JSONValue, _ key: Key) -> ValueDecoder {
        ValueDecoder(value: value, parentPath: codingPath, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { (find(key) ?? .null) == .null }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let value = try required(key)
        guard case .string(let s) = value else { throw child(value, key).mismatch("a string") }
        return s
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let value = try required(key)
        guard case .bool(let b) = value else { throw child(value, key).mismatch("a boolean") }
        return b
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try child(try required(key), key).decodeInteger(Int.self)
    }

    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try child(try required(key), key).decodeInteger(Int64.self)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let s) = value else { throw child(value, key).mismatch("a string") }
        return s
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let b) = value else { throw child(value, key).mismatch("a boolean") }
        return b
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = present(key) else { return nil }
        return try child(value, key).decodeInteger(Int.self)
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let value = present(key) else { return nil }
        return try child(value, key).decodeInteger(Int64.self)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if T.self == JSONValue.self {
            guard let value = find(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
            }
            return value as! T
        }
        return try child(try required(key), key).decodeValue(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try child(value, key).decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(try member(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(try member(key), key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), parentPath: codingPath, key: nil)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { child(try member(key), key) }

    /// The member's value, `null` included; "is required" only when absent.
    private func member(_ key: Key) throws -> JSONValue {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
        }
        return value
    }
}

/// An array's elements, in order.
struct UnkeyedContainer: UnkeyedDecodingContainer {
    let array: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(array: [JSONValue], codingPath: [any CodingKey]) {
        self.array = array
        self.codingPath = codingPath
    }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "has too few items"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: array[currentIndex], parentPath: codingPath, key: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, array[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String { try next().decodeString() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

/// A single value (what a `RawRepresentable` enum or a wrapper reads).
struct SingleContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.value == .null }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}

extension JSONDecodable where Self: Decodable {
    /// Decodes through the type's `Decodable` conformance, reporting the failing field's path.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        self = try JSONValueDecoder().decode(Self.self, from: json, path: path)
    }
}
