/// Encodes `Encodable` values straight into a `JSONWriter`, with no intermediate tree.
///
/// Containers are written as they are opened and closed when the value that opened them
/// finishes encoding, so output is produced in one pass. `nil` optionals encoded with
/// `encodeIfPresent` (what synthesized conformances do) are omitted.
///
/// ```swift
/// struct Point: Codable { var x: Int; var y: Int }
/// var writer = JSONWriter()
/// try JSONStreamEncoder.encode(Point(x: 1, y: 2), into: &writer)   // {"x":1,"y":2}
/// ```
public enum JSONStreamEncoder {
    /// Appends `value` as JSON to `writer`.
    /// - Throws: what the value's `encode(to:)` throws.
    public static func encode(_ value: some Encodable, into writer: inout JSONWriter) throws {
        let state = EncoderState(writer: writer)
        writer = JSONWriter(capacity: 0)  // keep the buffer uniquely referenced: no copy on append
        defer { writer = state.writer }
        try state.encodeValue(value, depth: 0, codingPath: [])
        state.close(deeperThan: -1)
    }

    /// `value` as compact JSON bytes.
    public static func bytes(of value: some Encodable) throws -> [UInt8] {
        var writer = JSONWriter()
        try encode(value, into: &writer)
        return writer.bytes
    }
}

final class EncoderState {
    var writer: JSONWriter
    private var openDepths: [Int] = []
    private var openClosers: [UInt8] = []

    init(writer: JSONWriter) { self.writer = writer }

    /// Closes every container opened at a depth greater than `depth`, innermost first.
    func close(deeperThan depth: Int) {
        while let last = openDepths.last, last > depth {
            openDepths.removeLast()
            if openClosers.removeLast() == UInt8(ascii: "}") { writer.endObject() } else { writer.endArray() }
        }
    }

    /// Opens an object (or reuses the one already open) for the value being encoded at `depth`.
    func openObject(depth: Int) {
        if openDepths.last == depth, openClosers.last == UInt8(ascii: "}") { return }
        close(deeperThan: depth - 1)
        writer.beginObject()
        openDepths.append(depth)
        openClosers.append(UInt8(ascii: "}"))
    }

    /// Opens an array (or reuses the one already open) for the value being encoded at `depth`.
    func openArray(depth: Int) {
        if openDepths.last == depth, openClosers.last == UInt8(ascii: "]") { return }
        close(deeperThan: depth - 1)
        writer.beginArray()
        openDepths.append(depth)
        openClosers.append(UInt8(ascii: "]"))
    }

    func encodeValue<T: Encodable>(_ value: T, depth: Int, codingPath: [any CodingKey]) throws {
        switch value {
        case let string as String: writer.string(string)
        case let bool as Bool: writer.bool(bool)
        case let int as Int: writer.int(int)
        case let int as Int64: writer.int(int)
        case let int as Int32: writer.int(Int64(int))
        case let double as Double: writer.double(double)
        case let json as JSONValue: writer.value(json)
        default:
            let mark = writer.bytes.count
            try value.encode(to: StreamEncoder(state: self, depth: depth, codingPath: codingPath))
            close(deeperThan: depth - 1)
            if writer.bytes.count == mark {
                // The value wrote nothing at all: write an empty object, as Foundation does.
                writer.beginObject()
                writer.endObject()
            }
        }
    }
}

struct StreamEncoder: Encoder {
    let state: EncoderState
    let depth: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.openObject(depth: depth)
        return KeyedEncodingContainer(StreamKeyedContainer<Key>(state: state, depth: depth, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.openArray(depth: depth)
        return StreamUnkeyedContainer(state: state, depth: depth, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleContainer(state: state, depth: depth, codingPath: codingPath)
    }
}

struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: EncoderState
    let depth: Int
    let codingPath: [any CodingKey]

    private func key(_ key: Key) {
        state.close(deeperThan: depth)
        state.writer.key(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        state.writer.null()
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try state.encodeValue(value, depth: depth + 1, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        self.key(key)
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        state.close(deeperThan: depth)
        state.writer.key("super")
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath + [key])
    }
}

struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let state: EncoderState
    let depth: Int
    let codingPath: [any CodingKey]
    var count = 0

    init(state: EncoderState, depth: Int, codingPath: [any CodingKey]) {
        self.state = state
        self.depth = depth
        self.codingPath = codingPath
    }

    mutating func encodeNil() throws {
        state.close(deeperThan: depth)
        state.writer.null()
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        state.close(deeperThan: depth)
        try state.encodeValue(value, depth: depth + 1, codingPath: codingPath + [IndexKey(count)])
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        state.close(deeperThan: depth)
        count += 1
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        state.close(deeperThan: depth)
        count += 1
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        state.close(deeperThan: depth)
        count += 1
        return StreamEncoder(state: state, depth: depth + 1, codingPath: codingPath)
    }
}

struct StreamSingleContainer: SingleValueEncodingContainer {
    let state: EncoderState
    let depth: Int
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { state.writer.null() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try state.encodeValue(value, depth: depth, codingPath: codingPath)
    }
}

extension JSONEncodable where Self: Encodable {
    /// Encodes through the type's `Encodable` conformance, straight into the writer.
    public func encode(to writer: inout JSONWriter) {
        do {
            try JSONStreamEncoder.encode(self, into: &writer)
        } catch {
            // Synthesized conformances never throw; a hand-written one that does writes null.
            writer.null()
        }
    }
}
