/// A value read again and again in the same state (a customer answered by every `get` and
/// `list`), whose encodings `JSONStreamEncoder` remembers in `encodingMemo`: writing a value
/// equal to the one last written under the same `memoKey` copies the bytes written then.
///
/// Conforming costs one line per type and changes nothing on the wire:
///
/// ```swift
/// extension Customer: JSONMemoizedEncodable {
///     public static let encodingMemo = JSONEncodingMemo<Customer>(capacity: 4096)
///     public var memoKey: String { id }
/// }
/// ```
public protocol JSONMemoizedEncodable: Encodable, Equatable, Sendable {
    /// The identity of this value (e.g. its id), the one entry its encodings are remembered
    /// under; an equal value with this identity reuses the bytes remembered for it.
    var memoKey: String { get }
    /// Where the type's encodings are remembered.
    static var encodingMemo: JSONEncodingMemo<Self> { get }
    /// Where this value's storage remembers its memo entry (`nil`, the default, for values
    /// without shared storage: each lookup is then by `memoKey`).
    var memoSlot: JSONEncodingMemoSlot? { get }
    /// The bytes remembered for the value at `value`, if they are still its encoding. Leave it
    /// to the default, which each conforming type compiles for itself, comparing its values
    /// without copying them.
    static func _rememberedEncoding(of value: Self) -> [UInt8]?
    /// Remembers `bytes` as the encoding of the value at `value`. Leave it to the default.
    static func _rememberEncoding(_ bytes: [UInt8], of value: UnsafePointer<Self>)
}

extension JSONMemoizedEncodable {
    /// No slot: lookups go by `memoKey`.
    public var memoSlot: JSONEncodingMemoSlot? { nil }

    /// Looks the value up in `encodingMemo`.
    @inlinable public static func _rememberedEncoding(of value: Self) -> [UInt8]? {
        encodingMemo.bytes(for: value)
    }

    /// Puts the value's bytes in `encodingMemo`.
    @inlinable public static func _rememberEncoding(_ bytes: [UInt8], of value: UnsafePointer<Self>) {
        encodingMemo.remember(value.pointee, bytes: bytes)
    }
}

extension JSONMemoizedEncodable {
    /// Writes `value` (which is of type `Self`: the caller checked) from the memo, or encodes
    /// it and remembers the bytes.
    static func encodeMemoized<T: Encodable>(_ value: T, state: EncoderState, depth: Int) throws {
        try withUnsafePointer(to: value) {
            try $0.withMemoryRebound(to: Self.self, capacity: 1) { try encodeMemoized($0, state: state, depth: depth) }
        }
    }

    /// Writes the value at `value` from the memo, or encodes it and remembers the bytes.
    private static func encodeMemoized(_ value: UnsafePointer<Self>, state: EncoderState, depth: Int) throws {
        state.close(deeperThan: depth - 1)
        if let bytes = _rememberedEncoding(of: value.pointee) {
            state.writer.raw(bytes)
            return
        }
        // Encode in place and remember the bytes from after the separator on.
        state.writer.separate()
        state.writer.needsComma = false
        let mark = state.writer.bytes.count
        try state.encodeThroughConformance(value.pointee, depth: depth)
        _rememberEncoding(Array(state.writer.bytes[mark...]), of: value)
    }

}
