/// The `format` values the suite checks, each written from its RFC: `date-time` and `date`
/// (RFC 3339 §5.6), `email` (an RFC 5321 mailbox: local part, `@`, a host name), `byte`
/// (RFC 4648 base64, padded). Other formats are annotations and always pass.
public enum SchemaFormats {
    /// Formats ``violation(of:format:)`` checks.
    public static let checked: Set<String> = ["date-time", "date", "email", "byte"]

    /// Why `string` is not of `format`, or `nil` when it is (or the format is not checked).
    public static func violation(of string: String, format: String) -> String? {
        switch format {
        case "date-time": return isDateTime(string) ? nil : "must be an RFC 3339 date-time, got \"\(string)\""
        case "date": return isDate(Array(string.utf8)[...]) ? nil : "must be an RFC 3339 full-date, got \"\(string)\""
        case "email": return isEmail(string) ? nil : "must be an email address, got \"\(string)\""
        case "byte":
            return isBase64(string) ? nil : "must be base64 (RFC 4648), got \(string.utf8.count) bytes that are not"
        default: return nil
        }
    }

    /// `2026-11-23T10:15:30Z`, `2026-11-23t10:15:30.123+01:00`: full-date `T` full-time.
    public static func isDateTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        guard isDate(bytes[0..<10]) else { return false }
        var rest = bytes[11...]
        guard let hour = digits(&rest, 2), hour <= 23, take(&rest, ":"), let minute = digits(&rest, 2), minute <= 59,
            take(&rest, ":"), let second = digits(&rest, 2), second <= 60
        else { return false }
        if take(&rest, ".") {
            var count = 0
            while let first = rest.first, isDigit(first) {
                rest = rest.dropFirst()
                count += 1
            }
            guard count > 0 else { return false }
        }
        if take(&rest, "Z") || take(&rest, "z") { return rest.isEmpty }
        guard take(&rest, "+") || take(&rest, "-") else { return false }
        guard let offsetHour = digits(&rest, 2), offsetHour <= 23, take(&rest, ":"),
            let offsetMinute = digits(&rest, 2),
            offsetMinute <= 59
        else { return false }
        return rest.isEmpty
    }

    /// `YYYY-MM-DD` with a day that exists in that month (leap years included).
    static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        guard let year = digits(&rest, 4), take(&rest, "-"), let month = digits(&rest, 2), take(&rest, "-"),
            let day = digits(&rest, 2), rest.isEmpty, (1...12).contains(month), day >= 1
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `local@host`: a local part of 1 to 64 printable characters without spaces, `@` or
    /// control bytes, and a host of dot-separated labels (letters, digits, hyphens, 1 to 63 each,
    /// no hyphen at either end), 254 characters at most in all.
    public static func isEmail(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let host = bytes[(at + 1)...]
        guard (1...64).contains(local.count), local.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "@") })
        else { return false }
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else { return false }
        let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !host.isEmpty
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                    && label.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "-") }
            }
    }

    /// Standard-alphabet base64 with padding: a multiple of 4 characters, `=` only at the end.
    public static func isBase64(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count % 4 == 0 else { return false }
        var padding = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                guard index >= bytes.count - 2 else { return false }
            } else {
                guard padding == 0,
                    isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
                else { return false }
            }
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func digits(_ rest: inout ArraySlice<UInt8>, _ count: Int) -> Int? {
        guard rest.count >= count else { return nil }
        var value = 0
        for byte in rest.prefix(count) {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        rest = rest.dropFirst(count)
        return value
    }

    private static func take(_ rest: inout ArraySlice<UInt8>, _ character: Unicode.Scalar) -> Bool {
        guard rest.first == UInt8(ascii: character) else { return false }
        rest = rest.dropFirst()
        return true
    }
}
