/// Writes compact JSON straight into a byte buffer, with no intermediate tree.
///
/// Commas are placed for you: call `key(_:)` before each member value inside an object, and
/// write values one after another inside an array.
///
/// ```swift
/// var w = JSONWriter()
/// w.beginObject()
/// w.key("id"); w.int(7)
/// w.key("tags"); w.beginArray(); w.string("a"); w.string("b"); w.endArray()
/// w.endObject()
/// // w.bytes == Array(#"{"id":7,"tags":["a","b"]}"#.utf8)
/// ```
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]
    @usableFromInline var needsComma = false

    /// Creates a writer, reserving `capacity` bytes up front.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Creates a writer that appends to existing bytes (e.g. after a reserved frame header).
    public init(appendingTo bytes: [UInt8]) {
        self.bytes = bytes
    }

    @inline(__always) @usableFromInline mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Opens an object: `{`.
    @inlinable public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object: `}`.
    @inlinable public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array: `[`.
    @inlinable public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array: `]`.
    @inlinable public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name and its colon; the next value written is the member's value.
    public mutating func key(_ name: String) {
        separate()
        writeQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a member name known at compile time to need no escaping (the fast path for stubs).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value, escaped as RFC 8259 requires.
    public mutating func string(_ value: String) {
        separate()
        writeQuoted(value)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func int(_ value: Int64) {
        separate()
        writeInteger(value)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func int(_ value: Int) { int(Int64(value)) }

    /// Writes a number; non-finite values (which JSON cannot hold) are written as `null`.
    public mutating func double(_ value: Double) {
        separate()
        if !value.isFinite {
            bytes.append(contentsOf: "null".utf8)
        } else if abs(value) < 1e15, let whole = Int64(exactly: value) {
            writeInteger(whole)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes bytes that are already one valid JSON value (e.g. a cached encoding).
    public mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes bytes that are already one valid JSON value (e.g. a cached encoding).
    public mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Writes any `JSONValue`.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Writes an encodable value.
    public mutating func encode(_ value: some JSONEncodable) {
        value.encode(to: &self)
    }

    /// Writes `"name": value` for an optional value, or nothing when it is `nil`.
    public mutating func member(_ name: StaticString, _ value: (some JSONEncodable)?) {
        guard let value else { return }
        key(name)
        value.encode(to: &self)
    }

    private mutating func writeInteger(_ value: Int64) { Self.appendInteger(value, to: &bytes) }

    private mutating func writeQuoted(_ value: String) { Self.appendQuoted(value, to: &bytes) }

    /// Appends `value` in decimal: the one integer writer of the JSON layer (messages written
    /// byte by byte use it too).
    public static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            var position = raw.count
            while magnitude > 0 {
                position -= 1
                raw[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// Appends `value` as a quoted JSON string, escaped as RFC 8259 requires (`\"`, `\\`,
    /// `\n`, `\r`, `\t`, `\b`, `\f`, other controls as `\u00xx`; everything else as it is):
    /// the one string escaper of the JSON layer.
    public static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            guard let base = utf8.baseAddress else {
                bytes.append(UInt8(ascii: "\""))
                return
            }
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                let byte = base[index]
                // Only controls, the quote and the backslash are escaped: one comparison for
                // the common case of a printable byte other than those two.
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                    index &+= 1
                    continue
                }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index &- runStart))
                }
                appendEscape(byte, to: &bytes)
                index &+= 1
                runStart = index
            }
            if runStart < count {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count &- runStart))
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends the escape of one byte that JSON strings may not hold as it is.
    private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [
                0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)],
            ])
        }
    }
}
