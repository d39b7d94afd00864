/// The byte-level pieces the messages' `encode(to:)` write with: member names with their
/// punctuation as one literal, strings escaped exactly as `JSONWriter` escapes them (RFC 8259:
/// `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other controls as `\u00xx`), integers, booleans.
/// A message writes `{`, its members, `}` straight into the writer's bytes, so the writer's
/// comma bookkeeping is touched once per message, not once per member.
enum WireBytes {
    /// Appends a literal known at compile time, e.g. `,"displayName":`.
    @inline(__always)
    static func literal(_ text: StaticString, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `"name":`, preceded by a comma unless `first`; clears `first`.
    @inline(__always)
    static func key(_ quotedWithColon: StaticString, first: inout Bool, into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        literal(quotedWithColon, into: &out)
    }

    /// Appends `value` as a quoted, escaped JSON string.
    static func string(_ value: String, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var clean = true
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                clean = false
                break
            }
            if clean {
                out.append(contentsOf: utf8)
            } else {
                escaped(utf8, into: &out)
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    private static func escaped(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        for byte in utf8 {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            case ..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }

    /// Appends a decimal integer.
    static func int(_ value: Int64, into out: inout [UInt8]) {
        if value == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            var position = raw.count
            while magnitude > 0 {
                position -= 1
                raw[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                magnitude /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// Appends a decimal integer.
    @inline(__always)
    static func int(_ value: Int, into out: inout [UInt8]) { int(Int64(value), into: &out) }

    /// Appends `true` or `false`.
    @inline(__always)
    static func bool(_ value: Bool, into out: inout [UInt8]) {
        if value { literal("true", into: &out) } else { literal("false", into: &out) }
    }
}
