/// A validating pass over JSON bytes that builds nothing: it checks the same rules as
/// `JSONParser` (strict grammar, UTF-8 in strings, paired surrogates, finite numbers, depth)
/// and, for a top-level object, records where each member's name and value lie.
///
/// It only answers "valid or not". When it says no, callers run `JSONParser` on the same
/// bytes for the exact reason and offset, so both always report the same error.
struct JSONScanner {
    /// Where one member of the top-level object lies in the buffer.
    struct MemberRange: Sendable {
        /// The name's bytes between its quotes.
        var key: Range<Int>
        /// True when the name contains an escape (it must be decoded to be compared).
        var keyHasEscape: Bool
        /// The value's bytes, from its first byte to just after its last.
        var value: Range<Int>
    }

    private struct Invalid: Error {}

    let buffer: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    private(set) var index = 0
    private var lastStringHadEscape = false

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
    }

    /// Validates the whole buffer as one JSON document. When it is an object, `members`
    /// receives its members in order. Returns false for anything `JSONParser` would reject.
    mutating func scanDocument(members: inout [MemberRange]) -> Bool {
        do throws(Invalid) {
            skipWhitespace()
            guard index < buffer.count else { return false }
            if buffer[index] == UInt8(ascii: "{") {
                var record: [MemberRange]? = members
                members = []
                try scanObject(depth: 1, record: &record)
                members = record ?? []
            } else {
                try skipValue(depth: 0)
            }
            skipWhitespace()
            return index == buffer.count
        } catch {
            return false
        }
    }

    // MARK: Values

    @inline(__always) private mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func skipValue(depth: Int) throws(Invalid) {
        guard index < buffer.count else { throw Invalid() }
        switch buffer[index] {
        case UInt8(ascii: "{"):
            var none: [MemberRange]? = nil
            try scanObject(depth: depth + 1, record: &none)
        case UInt8(ascii: "["): try skipArray(depth: depth + 1)
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw Invalid()
        }
    }

    private mutating func expect(_ word: StaticString) throws(Invalid) {
        let count = word.utf8CodeUnitCount
        guard buffer.count - index >= count else { throw Invalid() }
        let start = word.utf8Start
        for offset in 0..<count where buffer[index + offset] != start[offset] { throw Invalid() }
        index += count
    }

    private mutating func scanObject(depth: Int, record: inout [MemberRange]?) throws(Invalid) {
        guard depth <= maxDepth else { throw Invalid() }
        index += 1
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { throw Invalid() }
            let keyStart = index + 1
            try skipString()
            let keyEnd = index - 1
            let keyHasEscape = lastStringHadEscape
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw Invalid() }
            index += 1
            skipWhitespace()
            let valueStart = index
            try skipValue(depth: depth)
            if record != nil {
                record!.append(
                    MemberRange(key: keyStart..<keyEnd, keyHasEscape: keyHasEscape, value: valueStart..<index))
            }
            skipWhitespace()
            guard index < buffer.count else { throw Invalid() }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default: throw Invalid()
            }
        }
    }

    private mutating func skipArray(depth: Int) throws(Invalid) {
        guard depth <= maxDepth else { throw Invalid() }
        index += 1
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try skipValue(depth: depth)
            skipWhitespace()
            guard index < buffer.count else { throw Invalid() }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return
            default: throw Invalid()
            }
        }
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipNumber() throws(Invalid) {
        let start = index
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < buffer.count, isDigit(buffer[index]) else { throw Invalid() }
        if buffer[index] == UInt8(ascii: "0"), index + 1 < buffer.count, isDigit(buffer[index + 1]) { throw Invalid() }
        let digitsStart = index
        while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        // Up to 18 digits always fit in Int64; longer integers are checked like the parser does.
        var plain = index - digitsStart <= 18
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            plain = false
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else { throw Invalid() }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            plain = false
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < buffer.count, isDigit(buffer[index]) else { throw Invalid() }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if !plain {
            // Integers beyond Int64 and every fraction or exponent become a Double: it must be finite.
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
            if Int64(text) == nil {
                guard let double = Double(text), double.isFinite else { throw Invalid() }
            }
        }
    }

    /// Skips a string from its opening quote, validating escapes and UTF-8.
    private mutating func skipString() throws(Invalid) {
        index += 1
        lastStringHadEscape = false
        while index < buffer.count {
            index += Self.plainPrefix(buffer, from: index)
            guard index < buffer.count else { break }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                lastStringHadEscape = true
                try skipEscape()
            } else if byte < 0x20 {
                throw Invalid()
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw Invalid()
    }

    private mutating func skipEscape() throws(Invalid) {
        index += 1
        guard index < buffer.count else { throw Invalid() }
        let escape = buffer[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let code = try readHex4()
            if code >= 0xD800 && code <= 0xDBFF {
                guard buffer.count - index >= 6, buffer[index] == UInt8(ascii: "\\"),
                    buffer[index + 1] == UInt8(ascii: "u")
                else { throw Invalid() }
                index += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else { throw Invalid() }
            } else if code >= 0xDC00 && code <= 0xDFFF {
                throw Invalid()
            }
        default:
            throw Invalid()
        }
    }

    private mutating func readHex4() throws(Invalid) -> UInt32 {
        guard buffer.count - index >= 4 else { throw Invalid() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let nibble: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw Invalid()
            }
            value = value << 4 | nibble
            index += 1
        }
        return value
    }

    /// One well-formed UTF-8 sequence of 2-4 bytes (no overlong forms, no surrogates, at most
    /// U+10FFFF), as `String(validating:)` accepts.
    private mutating func skipUTF8Sequence() throws(Invalid) {
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
        default: throw Invalid()
        }
        guard buffer.count - index >= length else { throw Invalid() }
        let second = buffer[index + 1]
        guard second >= low && second <= high else { throw Invalid() }
        var offset = 2
        while offset < length {
            guard buffer[index + offset] & 0xC0 == 0x80 else { throw Invalid() }
            offset += 1
        }
        index += length
    }
}

extension JSONScanner {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// How many bytes from `start` are plain string content, eight at a time: printable
    /// ASCII other than `"` and `\`. Stops at (or a little before) the first other byte.
    @inline(__always)
    static func plainPrefix(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let base = UnsafeRawPointer(buffer.baseAddress!)
        while buffer.count - i >= 8 {
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
        let base = UnsafeRawPointer(buffer.baseAddress!)
        while end - i >= 8 {
            let v = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = v ^ (ones &* 0x22)
            let backslash = v ^ (ones &* 0x5C)
            if (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0 { break }
            i += 8
        }
        return i - start
    }

    /// The members of an object known to be valid JSON (`range` starts at its `{`): a quick
    /// structural pass that only tracks strings and nesting.
    static func members(ofValidObject buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> [MemberRange] {
        var members: [MemberRange] = []
        var i = range.lowerBound + 1
        let end = range.upperBound
        @inline(__always) func skipSpace() {
            while i < end, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
        }
        // Skips a string from its opening quote; returns whether it had an escape.
        @inline(__always) func skipString() -> Bool {
            i += 1
            var escaped = false
            while i < end {
                i += quoteFreePrefix(buffer, from: i, end: end)
                guard i < end else { break }
                let byte = buffer[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    return escaped
                }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    i += 2
                } else {
                    i += 1
                }
            }
            return escaped
        }
        while i < end {
            skipSpace()
            guard i < end, buffer[i] == UInt8(ascii: "\"") else { break }
            let keyStart = i + 1
            let escaped = skipString()
            let keyEnd = i - 1
            skipSpace()
            i += 1  // ':'
            skipSpace()
            let valueStart = i
            var depth = 0
            while i < end {
                let byte = buffer[i]
                if byte == UInt8(ascii: "\"") {
                    _ = skipString()
                    if depth == 0 { break }
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    if depth == 0 { break }
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        break
                    }
                } else if depth == 0
                    && (byte == UInt8(ascii: ",") || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09)
                {
                    break
                }
                i += 1
            }
            members.append(MemberRange(key: keyStart..<keyEnd, keyHasEscape: escaped, value: valueStart..<i))
            skipSpace()
            guard i < end, buffer[i] == UInt8(ascii: ",") else { break }
            i += 1
        }
        return members
    }
}
