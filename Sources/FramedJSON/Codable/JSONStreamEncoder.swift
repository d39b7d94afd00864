/// Encodes `Encodable` values straight into a `JSONWriter`, with no intermediate tree: the one
/// JSON coding mechanism of every message (their synthesized `Codable` conformances).
///
/// Containers are written as they are opened and closed when the value that opened them
/// finishes encoding, so output is produced in one pass. `nil` optionals encoded with
/// `encodeIfPresent` (what synthesized conformances do; the standard library skips a `nil` and
/// encodes the rest through `encode`) are omitted. Strings, booleans, integers,
/// doubles and `JSONValue` are written directly (no dynamic casts, no per-member allocation);
/// each nested object or array costs one container box. The encoder keeps no coding path
/// (`codingPath` is always empty): nothing it writes can fail.
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
        try state.encodeElement(value, depth: 0)
        state.close(deeperThan: -1)
    }

    /// `value` as compact JSON bytes.
    public static func bytes(of value: some Encodable) throws -> [UInt8] {
        var writer = JSONWriter()
        try encode(value, into: &writer)
        return writer.bytes
    }
}

/// The writer and the containers open in it, shared by every container of one `encode` call.
final class EncoderState {
    @exclusivity(unchecked) var writer: JSONWriter
    /// The open containers, innermost last: `depth << 1 | 1` for an object, `depth << 1` for an
    /// array.
    @exclusivity(unchecked) private var open: [Int] = []

    init(writer: JSONWriter) { self.writer = writer }

    /// Closes every container opened at a depth greater than `depth`, innermost first.
    @inline(__always)
    func close(deeperThan depth: Int) {
        while let last = open.last, last >> 1 > depth {
            open.removeLast()
            if last & 1 == 1 { writer.endObject() } else { writer.endArray() }
        }
    }

    /// Opens an object (or reuses the one already open) for the value being encoded at `depth`.
    func openObject(depth: Int) {
        if open.last == depth << 1 | 1 { return }
        close(deeperThan: depth - 1)
        writer.beginObject()
        open.append(depth << 1 | 1)
    }

    /// Opens an array (or reuses the one already open) for the value being encoded at `depth`.
    func openArray(depth: Int) {
        if open.last == depth << 1 { return }
        close(deeperThan: depth - 1)
        writer.beginArray()
        open.append(depth << 1)
    }

    /// Writes a whole answer or an array's element: from its type's memo when it is
    /// `JSONMemoizedEncodable` (the places a customer or a subscription is written as a whole:
    /// a `get`'s answer, a page's items), otherwise as `encodeValue` does. Members are not
    /// looked up, so the check costs one cast per answer and per element, not per member.
    func encodeElement<T: Encodable>(_ value: T, depth: Int) throws {
        if let memoized = T.self as? any JSONMemoizedEncodable.Type {
            try memoized.encodeMemoized(value, state: self, depth: depth)
        } else {
            try encodeValue(value, depth: depth)
        }
    }

    /// Writes one value: the JSON primitives directly, anything else through its `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == String.self {
            writer.string(unsafeBitCast(value, to: String.self))
        } else if T.self == Bool.self {
            writer.bool(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Int.self {
            writer.int(unsafeBitCast(value, to: Int.self))
        } else if T.self == Int64.self {
            writer.int(unsafeBitCast(value, to: Int64.self))
        } else if T.self == Double.self {
            writer.double(unsafeBitCast(value, to: Double.self))
        } else if T.self == JSONValue.self {
            writer.value(value as! JSONValue)
        } else {
            try encodeThroughConformance(value, depth: depth)
        }
    }

    /// Writes one value through its `encode(to:)`, closing what it opened.
    func encodeThroughConformance<T: Encodable>(_ value: T, depth: Int) throws {
        let mark = writer.bytes.count
        try value.encode(to: StreamEncoder(state: self, depth: depth))
        close(deeperThan: depth - 1)
        if writer.bytes.count == mark {
            // The value wrote nothing at all: write an empty object, as Foundation does.
            writer.beginObject()
            writer.endObject()
        }
    }
}

/// The `Encoder` handed to a value's `encode(to:)`.
struct StreamEncoder: Encoder {
    let state: EncoderState
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.openObject(depth: depth)
        return KeyedEncodingContainer(StreamKeyedContainer<Key>(state: state, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.openArray(depth: depth)
        return StreamUnkeyedContainer(state: state, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleContainer(state: state, depth: depth)
    }
}

/// An object's members, written in the order they are encoded.
struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: EncoderState
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    @inline(__always)
    private func key(_ key: Key) {
        state.close(deeperThan: depth)
        state.writer.key(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        state.writer.null()
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        state.writer.string(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        state.writer.bool(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        self.key(key)
        state.writer.int(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        self.key(key)
        state.writer.int(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key)
        state.writer.double(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try state.encodeValue(value, depth: depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        self.key(key)
        return StreamEncoder(state: state, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return StreamEncoder(state: state, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        state.close(deeperThan: depth)
        state.writer.key("super")
        return StreamEncoder(state: state, depth: depth + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        return StreamEncoder(state: state, depth: depth + 1)
    }
}

/// An array's elements, written in order.
struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let state: EncoderState
    let depth: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    init(state: EncoderState, depth: Int) {
        self.state = state
        self.depth = depth
    }

    mutating func encodeNil() throws {
        state.close(deeperThan: depth)
        state.writer.null()
        count += 1
    }

    mutating func encode(_ value: String) throws {
        state.close(deeperThan: depth)
        state.writer.string(value)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        state.close(deeperThan: depth)
        try state.encodeElement(value, depth: depth + 1)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        state.close(deeperThan: depth)
        count += 1
        return StreamEncoder(state: state, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        state.close(deeperThan: depth)
        count += 1
        return StreamEncoder(state: state, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        state.close(deeperThan: depth)
        count += 1
        return StreamEncoder(state: state, depth: depth + 1)
    }
}

/// A single value (what a `RawRepresentable` enum or a wrapper writes).
struct StreamSingleContainer: SingleValueEncodingContainer {
    let state: EncoderState
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { state.writer.null() }

    mutating func encode(_ value: String) throws { state.writer.string(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try state.encodeValue(value, depth: depth)
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
