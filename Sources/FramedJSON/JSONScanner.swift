/// The one reader of JSON text: a strict RFC 8259 pass over UTF-8 bytes (WIRE.md §3.1).
///
/// It rejects invalid UTF-8 inside strings, lone surrogate escapes, leading zeros, numbers
/// beyond a finite Double, trailing commas, and anything after the top-level value other than
/// whitespace; nesting is bounded by `maxDepth`, so a hostile 200,000-deep document fails fast
/// instead of exhausting the stack. Every failure is a `JSONParseError` naming the first
/// problem and its byte offset. What is built from the values it reads is up to a
/// `JSONScanBuilder`: `JSONTreeBuilder` makes the `JSONValue` tree of `JSONParser`,
/// `JSONRangeRecorder` records where the members and elements of the root lie (the raw
/// envelope path of `JSONRawDocument`).
struct JSONScanner {
    /// Where one member of an object lies in the buffer.
    struct MemberRange: Sendable {
        /// The name's bytes between its quotes.
        var key: Range<Int>
        /// True when the name contains an escape (it must be decoded to be compared).
        var keyHasEscape: Bool
        /// The value's bytes, from its first byte to just after its last.
        var value: Range<Int>
    }

    /// A number as read: its value when the scanner had to compute it to check it.
    enum Number {
        /// An integer of at most 18 digits (it fits in `Int64`); its value is not computed.
        case smallInteger
        /// A longer integer that fits in `Int64`.
        case int(Int64)
        /// A fraction, an exponent or an integer beyond `Int64`: a finite Double.
        case double(Double)
    }

    /// What the reading functions throw: the details wait in `failure`, so the success path
    /// carries no error payload.
    private struct Stop: Error {}

    let buffer: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    /// Where reading stops: the end of the buffer, or of the range given.
    let end: Int
    private(set) var index: Int
    private var failure = JSONParseError(reason: "", offset: 0)

    /// A scanner over `range` of `buffer` (all of it by default). Offsets in errors and
    /// ranges are offsets into `buffer`.
    init(buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>? = nil, maxDepth: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
        self.index = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? buffer.count
    }

    /// Reads the whole range as one JSON document: one value with optional whitespace around.
    /// Returns what `builder` made of the value and where the value lies (whitespace excluded).
    mutating func scanDocument<Builder: JSONScanBuilder>(
        into builder: inout Builder
    ) throws(JSONParseError) -> (value: Builder.Value, range: Range<Int>) {
        do throws(Stop) {
            skipWhitespace()
            let start = index
            let value = try scanValue(depth: 0, into: &builder)
            let valueEnd = index
            skipWhitespace()
            if index != end { throw fail("unexpected data after the JSON value") }
            return (value, start..<valueEnd)
        } catch {
            throw failure
        }
    }

    // MARK: Values

    @inline(__always) private mutating func skipWhitespace() {
        while index < end {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func scanValue<Builder: JSONScanBuilder>(
        depth: Int, into builder: inout Builder
    ) throws(Stop) -> Builder.Value {
        guard index < end else { throw fail("unexpected end of input") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try scanObject(depth: depth + 1, into: &builder)
        case UInt8(ascii: "["): return try scanArray(depth: depth + 1, into: &builder)
        case UInt8(ascii: "\""):
            let start = index + 1
            let hasEscape = try scanString()
            return builder.string(content: start..<(index - 1), hasEscape: hasEscape)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return builder.bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return builder.bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return builder.null()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            let number = try scanNumber()
            return builder.number(text: start..<index, number)
        default: throw fail(Self.describeByte(buffer[index]))
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(Stop) {
        let count = word.utf8CodeUnitCount
        guard end - index >= count else { throw fail("unexpected end of input") }
        let start = word.utf8Start
        for offset in 0..<count where buffer[index + offset] != start[offset] { throw fail("invalid literal") }
        index += count
    }

    private mutating func scanObject<Builder: JSONScanBuilder>(
        depth: Int, into builder: inout Builder
    ) throws(Stop) -> Builder.Value {
        guard depth <= maxDepth else { throw depthError() }
        index += 1
        var object = builder.beginObject(depth: depth)
        skipWhitespace()
        if index < end && buffer[index] == UInt8(ascii: "}") {
            index += 1
            return builder.endObject(object)
        }
        while true {
            skipWhitespace()
            guard index < end else { throw fail("unexpected end of input inside an object") }
            guard buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let keyStart = index + 1
            let keyHasEscape = try scanString()
            let keyEnd = index - 1
            skipWhitespace()
            guard index < end, buffer[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            let valueStart = index
            let value = try scanValue(depth: depth, into: &builder)
            builder.member(
                &object, MemberRange(key: keyStart..<keyEnd, keyHasEscape: keyHasEscape, value: valueStart..<index),
                value)
            skipWhitespace()
            guard index < end else { throw fail("unexpected end of input inside an object") }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return builder.endObject(object)
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    private mutating func scanArray<Builder: JSONScanBuilder>(
        depth: Int, into builder: inout Builder
    ) throws(Stop) -> Builder.Value {
        guard depth <= maxDepth else { throw depthError() }
        index += 1
        var array = builder.beginArray(depth: depth)
        skipWhitespace()
        if index < end && buffer[index] == UInt8(ascii: "]") {
            index += 1
            return builder.endArray(array)
        }
        while true {
            skipWhitespace()
            let valueStart = index
            let value = try scanValue(depth: depth, into: &builder)
            builder.element(&array, valueStart..<index, value)
            skipWhitespace()
            guard index < end else { throw fail("unexpected end of input inside an array") }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return builder.endArray(array)
            default: throw fail("expected ',' or ']'")
            }
        }
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func scanNumber() throws(Stop) -> Number {
        let start = index
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, Self.isDigit(buffer[index]) else { throw fail("invalid number", at: start) }
        if buffer[index] == UInt8(ascii: "0"), index + 1 < end, Self.isDigit(buffer[index + 1]) {
            throw fail("leading zeros are not allowed", at: start)
        }
        let digitsStart = index
        while index < end, Self.isDigit(buffer[index]) { index += 1 }
        // Up to 18 digits always fit in Int64; anything else is computed here to be checked.
        var plain = index - digitsStart <= 18
        if index < end, buffer[index] == UInt8(ascii: ".") {
            plain = false
            index += 1
            guard index < end, Self.isDigit(buffer[index]) else { throw fail("invalid number", at: start) }
            while index < end, Self.isDigit(buffer[index]) { index += 1 }
        }
        if index < end, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            plain = false
            index += 1
            if index < end, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < end, Self.isDigit(buffer[index]) else { throw fail("invalid number", at: start) }
            while index < end, Self.isDigit(buffer[index]) { index += 1 }
        }
        if plain { return .smallInteger }
        // Integers beyond 18 digits that fit stay integers; the rest must be a finite Double.
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        if let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { throw fail("number out of range", at: start) }
        return .double(double)
    }

    /// Reads a string from its opening quote to just past its closing one, checking escapes
    /// and UTF-8; returns whether it holds an escape. Plain ASCII is read here, the rest by
    /// `scanStringRest`.
    private mutating func scanString() throws(Stop) -> Bool {
        let open = index
        index += 1
        while true {
            index += Self.plainPrefix(buffer, from: index, end: end)
            guard index < end else { throw fail("unterminated string", at: open) }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return false
            }
            guard byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\\") else {
                return try scanStringRest(open: open)
            }
            index += 1
        }
    }

    /// The rest of a string from its first escape, control character or non-ASCII byte.
    /// Invalid UTF-8 is reported only once the string is otherwise complete (a later control
    /// character or bad escape is named first), at the string's first byte after the quote.
    private mutating func scanStringRest(open: Int) throws(Stop) -> Bool {
        var hasEscape = false
        var badUTF8 = false
        while true {
            index += Self.plainPrefix(buffer, from: index, end: end)
            guard index < end else { throw fail("unterminated string", at: open) }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                if badUTF8 { throw fail("invalid UTF-8 in a string", at: open + 1) }
                return hasEscape
            }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                try scanEscape(open: open)
            } else if byte < 0x20 {
                throw fail("control character in a string must be escaped")
            } else if byte < 0x80 {
                index += 1
            } else if !skipUTF8Sequence() {
                badUTF8 = true
                index += 1
            }
        }
    }

    private mutating func scanEscape(open: Int) throws(Stop) {
        let escapeStart = index
        index += 1
        guard index < end else { throw fail("unterminated string", at: open) }
        let escape = buffer[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let code = try readHex4()
            if code >= 0xD800 && code <= 0xDBFF {
                guard end - index >= 6, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u")
                else { throw fail("unpaired surrogate in \\u escape", at: escapeStart) }
                index += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw fail("unpaired surrogate in \\u escape", at: escapeStart)
                }
            } else if code >= 0xDC00 && code <= 0xDFFF {
                throw fail("unpaired surrogate in \\u escape", at: escapeStart)
            }
        default:
            throw fail("invalid escape sequence", at: escapeStart)
        }
    }

    private mutating func readHex4() throws(Stop) -> UInt32 {
        guard end - index >= 4 else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let nibble = Self.hexValue(buffer[index]) else { throw fail("invalid hex digit in \\u escape") }
            value = value << 4 | nibble
            index += 1
        }
        return value
    }

    /// The value of one hex digit, or `nil`.
    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Skips one well-formed UTF-8 sequence of 2-4 bytes (no overlong forms, no surrogates, at
    /// most U+10FFFF), as `String(validating:)` accepts; false, not moving, when there is none.
    private mutating func skipUTF8Sequence() -> Bool {
        let lead = buffer[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return false
        }
        guard end - index >= length else { return false }
        let second = buffer[index + 1]
        guard second >= low && second <= high else { return false }
        var offset = 2
        while offset < length {
            guard buffer[index + offset] & 0xC0 == 0x80 else { return false }
            offset += 1
        }
        index += length
        return true
    }

    // MARK: Errors (kept out of line: the success path never builds one)

    @inline(never) private mutating func fail(_ reason: String, at offset: Int? = nil) -> Stop {
        failure = JSONParseError(reason: reason, offset: offset ?? index)
        return Stop()
    }

    @inline(never) private mutating func depthError() -> Stop {
        failure = JSONParseError(reason: "nesting deeper than the limit of \(maxDepth)", offset: index, isLimit: true)
        return Stop()
    }

    private static func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "unexpected character '\(Character(Unicode.Scalar(byte)))'" }
        return "unexpected byte 0x\(String(byte, radix: 16))"
    }
}

extension JSONScanner {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// How many bytes from `start` (before `end`) are plain string content, eight at a time:
    /// printable ASCII other than `"` and `\`. Stops at (or a little before) the first other byte.
    @inline(__always)
    static func plainPrefix(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        guard let base = buffer.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
        while end - i >= 8 {
            let v = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = v ^ (ones &* 0x22)
            let backslash = v ^ (ones &* 0x5C)
            let special =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((v &- ones &* 0x20) & ~v) | v
            if special & highs != 0 { break }
            i += 8
        }
        return i - start
    }

    /// How many bytes from `start` hold neither `"` nor `\`, eight at a time (stops at or a
    /// little before the first of them).
    @inline(__always)
    static func quoteFreePrefix(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        guard let base = buffer.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
        while end - i >= 8 {
            let v = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = v ^ (ones &* 0x22)
            let backslash = v ^ (ones &* 0x5C)
            if (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0 { break }
            i += 8
        }
        return i - start
    }
}
