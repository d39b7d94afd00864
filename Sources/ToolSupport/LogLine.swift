/// One log line being built in its logger's format, from `LogfmtLogger.line(_:_:)`: each field
/// is appended to the line's bytes as it is given, numbers as digits, so a line costs no
/// intermediate strings; `LogfmtLogger.write(_:)` ends and writes it.
///
/// In logfmt a value with spaces, quotes, `=`, backslashes or control characters is quoted and
/// escaped. In JSON a value that is a plain decimal number (`12`, `0.210`: at most 15 digits
/// before the point and 9 after, no leading zero) is written as a number, every other value as
/// a string; integer and `thousandths` fields follow the same rule, so a field reads the same
/// whether it was given as text or as a number.
///
/// ```swift
/// if var line = logger.line(.info, "call") {
///     line.field("method", "Customers.Get")
///     line.field("bytes_in", 182)
///     line.field("ms", thousandths: 210)   // ms=0.210
///     logger.write(line)
/// }
/// ```
public struct LogLine: Sendable {
    /// The line's format.
    public let format: LogfmtLogger.Format
    /// The bytes so far: the time, the level, the event and the fields appended.
    public private(set) var bytes: [UInt8]

    /// A line starting with `prefix` (the time, the level and the event, already in `format`).
    init(format: LogfmtLogger.Format, prefix: [UInt8]) {
        self.format = format
        self.bytes = prefix
    }

    /// Appends `key=value` (`,"key":"value"` in JSON).
    public mutating func field(_ key: String, _ value: String) {
        appendKey(key)
        switch format {
        case .logfmt: Self.appendLogfmtValue(value, to: &bytes)
        case .json where Self.isPlainNumber(value): Self.appendUTF8(value, to: &bytes)
        case .json: Self.appendJSONString(value, to: &bytes)
        }
    }

    /// Appends an integer field, written in decimal digits (a JSON number when it has at most
    /// 15 digits, as a text field holding the same digits would be).
    public mutating func field(_ key: String, _ value: Int) {
        appendKey(key)
        appendNumber(UInt64(value.magnitude), negative: value < 0, thousandths: nil)
    }

    /// Appends an unsigned integer field, as `field(_:_:)` does a signed one.
    public mutating func field(_ key: String, _ value: UInt64) {
        appendKey(key)
        appendNumber(value, negative: false, thousandths: nil)
    }

    /// Appends `value / 1000` with three decimals (`thousandths: 210` is `0.210`, `12345` is
    /// `12.345`): a duration in milliseconds or seconds.
    public mutating func field(_ key: String, thousandths value: Int64) {
        appendKey(key)
        let magnitude = value.magnitude
        appendNumber(magnitude / 1000, negative: value < 0, thousandths: Int(magnitude % 1000))
    }

    /// The line's end: `}` in JSON, and the newline.
    mutating func end() {
        if format == .json { bytes.append(UInt8(ascii: "}")) }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func appendKey(_ key: String) {
        switch format {
        case .logfmt:
            bytes.append(UInt8(ascii: " "))
            Self.appendUTF8(key, to: &bytes)
            bytes.append(UInt8(ascii: "="))
        case .json:
            bytes.append(UInt8(ascii: ","))
            Self.appendJSONString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Writes `[-]whole[.ttt]` in place; in JSON quoted when `whole` has more than 15 digits
    /// (not a plain number).
    private mutating func appendNumber(_ whole: UInt64, negative: Bool, thousandths: Int?) {
        // Written backwards into a small buffer (20 digits, a sign, a point, three decimals and
        // two quotes at most), then appended in one copy.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 28) { buffer in
            var index = buffer.count
            func put(_ byte: UInt8) {
                index -= 1
                buffer[index] = byte
            }
            let quoted = format == .json && whole >= 1_000_000_000_000_000  // more than 15 digits
            if quoted { put(UInt8(ascii: "\"")) }
            if let thousandths {
                put(UInt8(ascii: "0") + UInt8(thousandths % 10))
                put(UInt8(ascii: "0") + UInt8(thousandths / 10 % 10))
                put(UInt8(ascii: "0") + UInt8(thousandths / 100))
                put(UInt8(ascii: "."))
            }
            var rest = whole
            repeat {
                put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
                rest /= 10
            } while rest != 0
            if negative { put(UInt8(ascii: "-")) }
            if quoted { put(UInt8(ascii: "\"")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// Appends `text`'s UTF-8 bytes (one copy from a native string's storage).
    static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out += text.utf8
        }
    }

    // MARK: Escaping

    /// True for `-?[0-9]{1,15}(\.[0-9]{1,9})?` without a leading zero: written as a JSON number.
    static func isPlainNumber(_ value: String) -> Bool {
        var digits = 0
        var fraction = -1
        var firstDigit: UInt8 = 0
        for (index, byte) in value.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if fraction >= 0 {
                    fraction += 1
                } else {
                    if digits == 0 { firstDigit = byte }
                    digits += 1
                }
            case UInt8(ascii: ".") where fraction < 0 && digits > 0: fraction = 0
            default: return false
            }
        }
        return digits > 0 && digits <= 15 && fraction != 0 && fraction <= 9
            && !(digits > 1 && firstDigit == UInt8(ascii: "0"))
    }

    /// Appends `value`, quoted and escaped when logfmt needs it.
    static func appendLogfmtValue(_ value: String, to out: inout [UInt8]) {
        // A native string is scanned and copied from its storage in one pass.
        let plain: Bool? = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.isEmpty, !bytes.contains(where: needsQuotes) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        switch plain {
        case true?: return
        case nil where !value.isEmpty && !value.utf8.contains(where: needsQuotes):
            out += value.utf8
            return
        default:
            out.append(UInt8(ascii: "\""))
            appendEscaped(value, to: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Whether a logfmt value holding `byte` must be quoted: spaces, quotes, `=`, backslashes,
    /// control characters.
    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\\")
            || byte == 0x7F
    }

    /// Appends `value` as a JSON string literal.
    static func appendJSONString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(value, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, other control characters as `\u00XX`; the rest as is.
    private static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                out += Self.unicodeEscape
                out.append(Self.hexDigits[Int(byte >> 4)])
                out.append(Self.hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }

    private static let unicodeEscape = Array(#"\u00"#.utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
