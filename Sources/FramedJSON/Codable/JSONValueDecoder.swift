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
            return try T(from: ValueDecoder(value: value, codingPath: []))
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

struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
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

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let whole = value.intValue else { throw mismatch("an integer") }
        guard let result = T(exactly: whole) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "is out of range for \(T.self)"))
        }
        return result
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch("a string") }
            return s as! T
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch("a boolean") }
            return b as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is Int64.Type: return try decodeInteger(Int64.self) as! T
        case is Int32.Type: return try decodeInteger(Int32.self) as! T
        case is UInt64.Type: return try decodeInteger(UInt64.self) as! T
        case is Double.Type:
            switch value {
            case .int(let i): return Double(i) as! T
            case .double(let d): return d as! T
            default: throw mismatch("a number")
            }
        case is JSONValue.Type: return value as! T
        default: return try T(from: self)
        }
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    func child(_ key: Key) throws -> ValueDecoder {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is required"))
        }
        return ValueDecoder(value: value, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { (object[key.stringValue] ?? .null) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let decoder = try child(key)
        if decoder.value == .null, !(T.self is JSONValue.Type) {
            throw DecodingError.valueNotFound(
                T.self, .init(codingPath: decoder.codingPath, debugDescription: "is required"))
        }
        return try decoder.decodeValue(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try ValueDecoder(value: value, codingPath: codingPath + [key]).decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(object), codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

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
        return ValueDecoder(value: array[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, array[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}

extension JSONDecodable where Self: Decodable {
    /// Decodes through the type's `Decodable` conformance, reporting the failing field's path.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        self = try JSONValueDecoder().decode(Self.self, from: json, path: path)
    }
}
