/// Builds the `JSONValue` tree of a document as `JSONScanner` reads it: what `JSONParser`
/// returns. A repeated member name keeps its first occurrence (WIRE.md §3.1).
///
/// The members of the objects being read (and the elements of the arrays) wait on one stack
/// each, innermost last; a container's own are copied out once, at its end, into an array of
/// exactly their number, instead of each container growing its own array as it goes.
struct JSONTreeBuilder: JSONScanBuilder {
    /// An object being read: where its members start on the stack, a bit per name fingerprint
    /// seen (a name whose bit is clear is new, with no comparison), and past 32 members a set of
    /// their names (so the repeated-name check stays linear in the input).
    struct Object {
        var start: Int
        var fingerprints: UInt128 = 0
        var seen: Set<String>? = nil
    }

    let buffer: UnsafeBufferPointer<UInt8>
    /// The members of the objects being read, innermost last.
    private var members: [JSONObject.Member] = []
    /// The elements of the arrays being read, innermost last.
    private var elements: [JSONValue] = []

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        members.reserveCapacity(32)
    }

    func string(content: Range<Int>, hasEscape: Bool) -> JSONValue {
        .string(Self.decodeString(buffer, content: content, hasEscape: hasEscape))
    }

    func number(text: Range<Int>, _ number: JSONScanner.Number) -> JSONValue {
        switch number {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .smallInteger:
            var i = text.lowerBound
            let negative = buffer[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            var magnitude: Int64 = 0
            while i < text.upperBound {
                magnitude = magnitude &* 10 &+ Int64(buffer[i] &- UInt8(ascii: "0"))
                i += 1
            }
            return .int(negative ? -magnitude : magnitude)
        }
    }

    func bool(_ value: Bool) -> JSONValue { .bool(value) }

    func null() -> JSONValue { .null }

    func beginObject(depth: Int) -> Object { Object(start: members.count) }

    @inline(__always)
    mutating func member(_ object: inout Object, _ range: JSONScanner.MemberRange, _ value: JSONValue) {
        let key = Self.decodeString(buffer, content: range.key, hasEscape: range.keyHasEscape)
        if object.seen == nil && members.count - object.start >= 32 {
            object.seen = Set(members[object.start...].map(\.key))
        }
        let repeated: Bool
        if object.seen != nil {
            repeated = !object.seen!.insert(key).inserted
        } else {
            let bit = Self.fingerprintBit(key)
            repeated = object.fingerprints & bit != 0 && members[object.start...].contains { $0.key == key }
            object.fingerprints |= bit
        }
        if !repeated { members.append(JSONObject.Member(key: key, value: value)) }
    }

    /// One of 128 bits, chosen by a name's length and three of its bytes (first, middle, last
    /// two): equal names always share it, most different names of one object do not. Every
    /// bit for a name whose UTF-8 is not contiguous (not one the builder decodes), which then
    /// is always compared.
    @inline(__always)
    static func fingerprintBit(_ key: String) -> UInt128 {
        let hash = key.utf8.withContiguousStorageIfAvailable { bytes -> UInt64 in
            var hash = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
            if let first = bytes.first, let last = bytes.last {
                hash ^= UInt64(first) | UInt64(last) << 8
                hash ^=
                    UInt64(bytes[bytes.count / 2]) << 16 | UInt64(bytes[bytes.count > 1 ? bytes.count - 2 : 0]) << 24
            }
            return hash &* 0xBF58_476D_1CE4_E5B9
        }
        guard let hash else { return .max }
        return UInt128(1) << (hash >> 57)
    }

    mutating func endObject(_ object: Object) -> JSONValue {
        let own = Swift.Array(members[object.start...])
        members.removeLast(own.count)
        return .object(JSONObject(own))
    }

    /// An array being read: where its elements start on the stack.
    func beginArray(depth: Int) -> Int { elements.count }

    mutating func element(_ array: inout Int, _ range: Range<Int>, _ value: JSONValue) { elements.append(value) }

    mutating func endArray(_ array: Int) -> JSONValue {
        let own = Swift.Array(elements[array...])
        elements.removeLast(own.count)
        return .array(own)
    }

    /// The text of a string the scanner has checked: its bytes as they are, or with its
    /// escapes decoded.
    @inline(__always)
    static func decodeString(_ buffer: UnsafeBufferPointer<UInt8>, content: Range<Int>, hasEscape: Bool) -> String {
        if !hasEscape { return String(decoding: UnsafeBufferPointer(rebasing: buffer[content]), as: UTF8.self) }
        return decodeEscapes(buffer, content: content)
    }

    /// The text of a checked string with escapes.
    @inline(never)
    private static func decodeEscapes(_ buffer: UnsafeBufferPointer<UInt8>, content: Range<Int>) -> String {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(content.count)
        var i = content.lowerBound
        while i < content.upperBound {
            let byte = buffer[i]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                i += 1
                continue
            }
            let escape = buffer[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var code = hex4(buffer, at: i)
                i += 4
                if code >= 0xD800 && code <= 0xDBFF {
                    code = 0x10000 + ((code - 0xD800) << 10) + (hex4(buffer, at: i + 2) - 0xDC00)
                    i += 6
                }
                scratch.append(contentsOf: UTF8.encode(Unicode.Scalar(code)!)!)
            default: scratch.append(escape)  // `"`, `\`, `/`
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    private static func hex4(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (JSONScanner.hexValue(buffer[i + offset]) ?? 0) }
        return value
    }
}
