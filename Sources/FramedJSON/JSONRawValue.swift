/// One JSON value kept as the bytes it arrived in, already validated: a slice of a larger
/// buffer (a request frame, say) that is parsed only if and when someone needs the tree.
///
/// ```swift
/// let document = try JSONRawValue(validating: Array(#"{"message":"hi","n":1}"#.utf8))
/// let message = document.member("message")          // "hi", still as bytes
/// var w = JSONWriter()
/// w.raw(message!)                                    // copied, not re-escaped
/// let tree = document.parse()                        // the JSONValue, when needed
/// ```
public struct JSONRawValue: Sendable {
    /// The buffer holding the value (shared, not copied).
    public let storage: [UInt8]
    /// Where the value lies in `storage`.
    public let range: Range<Int>
    /// Where an object's members lie, when the scan that validated it recorded them.
    let recordedMembers: ArraySlice<JSONScanner.MemberRange>?

    /// Wraps bytes already known to be one valid JSON value (and, for an object, where its
    /// members lie when that is known).
    init(unchecked storage: [UInt8], range: Range<Int>, members: ArraySlice<JSONScanner.MemberRange>? = nil) {
        self.storage = storage
        self.range = range
        self.recordedMembers = members
    }

    /// Validates `bytes` as one complete JSON document (the rules of `JSONParser`) and keeps
    /// them without building a tree.
    /// - Throws: `JSONParseError`, exactly as `JSONParser(maxDepth:).parse` would.
    public init(validating bytes: [UInt8], maxDepth: Int = 64) throws(JSONParseError) {
        self = try JSONRawDocument(scanning: bytes, maxDepth: maxDepth).root
    }

    /// The JSON type of the value, read from its first byte.
    public enum Kind: Sendable, Hashable {
        case object, array, string, number, bool, null
    }

    /// The value's JSON type.
    public var kind: Kind {
        switch storage[range.lowerBound] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// The value's size in bytes, as it arrived.
    public var byteCount: Int { range.count }

    /// The value as a tree. The bytes were validated, so this cannot fail.
    public func parse() -> JSONValue {
        (try? JSONParser(maxDepth: .max).parse(storage[range])) ?? .null
    }

    /// Calls `body` with the value's bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// True when this is a string with no escape sequence: its bytes between the quotes are
    /// its UTF-8 text, and re-encoding it would give the same bytes.
    public var isPlainString: Bool {
        guard kind == .string else { return false }
        return withUnsafeBytes { bytes in
            let clean = JSONScanner.quoteFreePrefix(bytes, from: 1, end: bytes.count - 1)
            return !bytes[(1 + clean)..<(bytes.count - 1)].contains(UInt8(ascii: "\\"))
        }
    }

    /// The string's value, or `nil` when this is not a string.
    public var stringValue: String? {
        guard kind == .string else { return nil }
        let content = (range.lowerBound + 1)..<(range.upperBound - 1)
        let hasEscape = !isPlainString
        return storage.withUnsafeBufferPointer {
            JSONTreeBuilder.decodeString($0, content: content, hasEscape: hasEscape)
        }
    }

    /// One member of an object: its name and its value, still as bytes.
    public struct Member: Sendable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONRawValue
    }

    /// The members of an object in order (empty for other kinds). Names are decoded; values
    /// stay raw.
    public var members: [Member] {
        memberRanges.map { member in
            Member(key: Self.key(of: member, in: storage), value: JSONRawValue(unchecked: storage, range: member.value))
        }
    }

    /// The value of the first member named `key`, or `nil` (also when this is not an object).
    public func member(_ key: String) -> JSONRawValue? {
        for member in memberRanges where Self.key(of: member, in: storage) == key {
            return JSONRawValue(unchecked: storage, range: member.value)
        }
        return nil
    }

    /// Where an object's members lie: as recorded by the scan that validated the document, or
    /// read again by the scanner (the bytes are valid: it cannot fail). Empty for other kinds.
    private var memberRanges: ArraySlice<JSONScanner.MemberRange> {
        guard kind == .object else { return [] }
        if let recordedMembers { return recordedMembers }
        return storage.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer: buffer, in: range, maxDepth: .max)
            var recorder = JSONRangeRecorder()
            _ = try? scanner.scanDocument(into: &recorder)
            return recorder.members[...]
        }
    }

    /// The decoded name of `member`, a member of an object in `storage`.
    static func key(of member: JSONScanner.MemberRange, in storage: [UInt8]) -> String {
        storage.withUnsafeBufferPointer { buffer in
            JSONTreeBuilder.decodeString(buffer, content: member.key, hasEscape: member.keyHasEscape)
        }
    }
}

extension JSONWriter {
    /// Writes a raw JSON value as it arrived (already validated: no re-escaping).
    public mutating func raw(_ value: JSONRawValue) {
        value.withUnsafeBytes { raw($0) }
    }
}
