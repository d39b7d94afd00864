/// The `format` checks the validator applies. Unknown formats pass, as JSON Schema says.
public enum JSONSchemaFormats {
    /// True when `string` is valid for `format` (or the format is unknown).
    public static func matches(_ string: String, format: String) -> Bool {
        switch format {
        case "date-time": return isDateTime(string)
        case "date": return isDate(Array(string.utf8)[...])
        case "email": return isEmail(string)
        case "byte": return isBase64(string)
        default: return true
        }
    }

    /// RFC 3339 date-time: `2026-11-23T08:31:00Z`, optional fraction, `Z` or `±hh:mm`.
    public static func isDateTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count >= 20, isDate(bytes[0..<10]), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
        else { return false }
        var index = 11
        guard digits(bytes, &index, 2, max: 23), expect(bytes, &index, ":"), digits(bytes, &index, 2, max: 59),
            expect(bytes, &index, ":"), digits(bytes, &index, 2, max: 60)
        else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        return digits(bytes, &index, 2, max: 23) && expect(bytes, &index, ":") && digits(bytes, &index, 2, max: 59)
            && index == bytes.count
    }

    /// A plausible mailbox: one "@", a non-empty local part without spaces, a dotted domain.
    public static func isEmail(_ string: String) -> Bool {
        let parts = string.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, string.count <= 254 else { return false }
        guard !string.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// Standard base64 with padding.
    public static func isBase64(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count % 4 == 0 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                continue
            case UInt8(ascii: "="):
                if index < bytes.count - 2 { return false }
            default:
                return false
            }
        }
        return true
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes)
        guard b.count == 10 else { return false }
        var index = 0
        guard digits(b, &index, 4, max: 9999), expect(b, &index, "-") else { return false }
        let monthStart = index
        guard digits(b, &index, 2, max: 12), expect(b, &index, "-") else { return false }
        let dayStart = index
        guard digits(b, &index, 2, max: 31) else { return false }
        let month = Int(b[monthStart] - 48) * 10 + Int(b[monthStart + 1] - 48)
        let day = Int(b[dayStart] - 48) * 10 + Int(b[dayStart + 1] - 48)
        return month >= 1 && day >= 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func digits(_ bytes: [UInt8], _ index: inout Int, _ count: Int, max: Int) -> Bool {
        guard index + count <= bytes.count else { return false }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard isDigit(byte) else { return false }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value <= max
    }

    private static func expect(_ bytes: [UInt8], _ index: inout Int, _ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
