/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It rejects invalid UTF-8 inside strings, lone surrogate escapes, leading zeros, trailing
/// commas, and anything after the top-level value other than whitespace. Nesting is bounded by
/// `maxDepth`, so a hostile 200,000-deep document fails fast instead of exhausting the stack.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted; deeper input fails with `isLimit`.
    public var maxDepth: Int

    /// Creates a parser. `maxDepth` defaults to 64.
    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON document.
    /// - Throws: `JSONParseError` naming the offset of the first problem.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Self.run(buffer, maxDepth: maxDepth)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { Self.run($0, maxDepth: maxDepth) }.get()
    }

    /// Parses one complete JSON document from a string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { Self.run($0, maxDepth: maxDepth) }
        return try result.get()
    }

    private static func run(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var cursor = Cursor(buffer: buffer, maxDepth: maxDepth)
        do throws(JSONParseError) {
            cursor.skipWhitespace()
            let value = try cursor.readValue(depth: 0)
            cursor.skipWhitespace()
            if cursor.index != buffer.count {
                throw JSONParseError(reason: "unexpected data after the JSON value", offset: cursor.index)
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// The parser's position in the input. Kept private to the file: one pass, no backtracking.
private struct Cursor {
    let buffer: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func fail(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(reason: reason, offset: offset ?? index)
    }

    func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "unexpected character '\(Character(Unicode.Scalar(byte)))'" }
        return "unexpected byte 0x\(String(byte, radix: 16))"
    }

    mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < buffer.count else { throw fail("unexpected end of input") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw fail(describeByte(buffer[index]))
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard buffer.count - index >= count else { throw fail("unexpected end of input") }
        let start = word.utf8Start
        for offset in 0..<count where buffer[index + offset] != start[offset] {
            throw fail("invalid literal", at: index)
        }
        index += count
    }

    mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else {
            throw JSONParseError(reason: "nesting deeper than the limit of \(maxDepth)", offset: index, isLimit: true)
        }
        index += 1
        var members: [JSONObject.Member] = []
        // WIRE.md §3.1: a repeated member name keeps its first occurrence. Small objects are
        // searched linearly; past 16 members a set keeps the check linear in the input.
        var seen: Set<String>? = nil
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject(members))
        }
        while true {
            skipWhitespace()
            guard index < buffer.count else { throw fail("unexpected end of input inside an object") }
            guard buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let key = try readString()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try readValue(depth: depth)
            if seen == nil && members.count >= 16 { seen = Set(members.map(\.key)) }
            let repeated: Bool
            if seen != nil {
                repeated = !seen!.insert(key).inserted
            } else {
                repeated = members.contains { $0.key == key }
            }
            if !repeated { members.append(JSONObject.Member(key: key, value: value)) }
            skipWhitespace()
            guard index < buffer.count else { throw fail("unexpected end of input inside an object") }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(JSONObject(members))
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    mutating func readArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else {
            throw JSONParseError(reason: "nesting deeper than the limit of \(maxDepth)", offset: index, isLimit: true)
        }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            guard index < buffer.count else { throw fail("unexpected end of input inside an array") }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw fail("expected ',' or ']'")
            }
        }
    }

    mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var negative = false
        if buffer[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < buffer.count, isDigit(buffer[index]) else { throw fail("invalid number", at: start) }
        if buffer[index] == UInt8(ascii: "0"), index + 1 < buffer.count, isDigit(buffer[index + 1]) {
            throw fail("leading zeros are not allowed", at: start)
        }
        var magnitude: UInt64 = 0
        var overflow = false
        while index < buffer.count, isDigit(buffer[index]) {
            let digit = UInt64(buffer[index] &- UInt8(ascii: "0"))
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            magnitude = m2
            index += 1
        }
        var isInteger = true
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else { throw fail("invalid number", at: start) }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < buffer.count, isDigit(buffer[index]) else { throw fail("invalid number", at: start) }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if isInteger && !overflow {
            if negative {
                if magnitude <= UInt64(Int64.max) + 1 {
                    return .int(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
                }
            } else if magnitude <= UInt64(Int64.max) {
                return .int(Int64(magnitude))
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else { throw fail("number out of range", at: start) }
        return .double(double)
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Reads a string starting at the opening quote. Plain runs are validated and copied in
    /// one step; escapes are decoded into a scratch buffer only when present.
    mutating func readString() throws(JSONParseError) -> String {
        let open = index
        index += 1
        let runStart = index
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: buffer[runStart..<index])
                index += 1
                return try makeString(run, at: runStart)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string must be escaped") }
            index += 1
        }
        guard index < buffer.count else { throw fail("unterminated string", at: open) }
        // Slow path: the string has escapes.
        var scratch: [UInt8] = Array(UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
        while index < buffer.count {
            let byte = buffer[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try scratch.withUnsafeBufferPointer { buffer throws(JSONParseError) in
                    try makeString(buffer, at: runStart)
                }
            case UInt8(ascii: "\\"):
                index += 1
                guard index < buffer.count else { throw fail("unterminated string", at: open) }
                let escape = buffer[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"): try readUnicodeEscape(into: &scratch)
                default: throw fail("invalid escape sequence", at: index - 2)
                }
            default:
                if byte < 0x20 { throw fail("control character in a string must be escaped") }
                scratch.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string", at: open)
    }

    func makeString(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw fail("invalid UTF-8 in a string", at: offset)
        }
        return string
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard buffer.count - index >= 4 else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let nibble: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in \\u escape")
            }
            value = value << 4 | nibble
            index += 1
        }
        return value
    }

    mutating func readUnicodeEscape(into scratch: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = index - 2
        var code = try readHex4()
        if code >= 0xD800 && code <= 0xDBFF {
            guard buffer.count - index >= 6, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u")
            else { throw fail("unpaired surrogate in \\u escape", at: escapeStart) }
            index += 2
            let low = try readHex4()
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw fail("unpaired surrogate in \\u escape", at: escapeStart)
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if code >= 0xDC00 && code <= 0xDFFF {
            throw fail("unpaired surrogate in \\u escape", at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape", at: escapeStart) }
        scratch.append(contentsOf: UTF8.encode(scalar)!)
    }
}
