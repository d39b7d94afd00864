/// The byte-level pieces the messages' `encode(to:)` write with: member names with their
/// punctuation as one literal, then strings and integers through `JSONWriter`'s own escaper and
/// integer writer (one implementation of each), booleans.
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

    /// Appends `value` as a quoted, escaped JSON string (`JSONWriter`'s escaper).
    @inline(__always)
    static func string(_ value: String, into out: inout [UInt8]) { JSONWriter.appendQuoted(value, to: &out) }

    /// Appends a decimal integer (`JSONWriter`'s writer).
    @inline(__always)
    static func int(_ value: Int64, into out: inout [UInt8]) { JSONWriter.appendInteger(value, to: &out) }

    /// Appends a decimal integer.
    @inline(__always)
    static func int(_ value: Int, into out: inout [UInt8]) { int(Int64(value), into: &out) }

    /// Appends `true` or `false`.
    @inline(__always)
    static func bool(_ value: Bool, into out: inout [UInt8]) {
        if value { literal("true", into: &out) } else { literal("false", into: &out) }
    }
}
