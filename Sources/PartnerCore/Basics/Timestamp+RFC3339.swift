/// RFC 3339 formatting and parsing, written by hand (no Foundation).
extension Timestamp {
    /// The RFC 3339 UTC form with milliseconds: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    /// Years outside 0...9999 are written with as many digits as needed and a sign if negative.
    public var rfc3339: String {
        let date = civilDate
        let msOfDay = Int(millisecondOfDay)
        var yearDigits = 4
        var rest = abs(date.year) / 10_000
        while rest > 0 {
            yearDigits += 1
            rest /= 10
        }
        let sign = date.year < 0 ? 1 : 0
        // One string of its final size, written in place: every answer carries timestamps.
        return String(unsafeUninitializedCapacity: sign + yearDigits + 20) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0")
                    value /= 10
                }
            }
            if sign == 1 { buffer[0] = UInt8(ascii: "-") }
            put(abs(date.year), yearDigits, at: sign)
            let at = sign + yearDigits
            buffer[at] = UInt8(ascii: "-")
            put(date.month, 2, at: at + 1)
            buffer[at + 3] = UInt8(ascii: "-")
            put(date.day, 2, at: at + 4)
            buffer[at + 6] = UInt8(ascii: "T")
            put(msOfDay / 3_600_000, 2, at: at + 7)
            buffer[at + 9] = UInt8(ascii: ":")
            put(msOfDay / 60_000 % 60, 2, at: at + 10)
            buffer[at + 12] = UInt8(ascii: ":")
            put(msOfDay / 1000 % 60, 2, at: at + 13)
            buffer[at + 15] = UInt8(ascii: ".")
            put(msOfDay % 1000, 3, at: at + 16)
            buffer[at + 19] = UInt8(ascii: "Z")
            return at + 20
        }
    }

    /// Parses an RFC 3339 date-time (`2026-03-01T12:00:00Z`, `...T12:00:00.5+02:00`, lower-case
    /// `t`/`z` accepted). Fractions beyond milliseconds are truncated. Returns `nil` when the text
    /// is not a valid date-time (including impossible dates such as February 30 or hour 24).
    /// A leap second (`:60`) is accepted and folded into the next second.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
                i += 1
            }
            return value
        }
        func expect(_ chars: UInt8...) -> Bool {
            guard i < b.count, chars.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
            expect(84, 116), let hour = digits(2), expect(58), let minute = digits(2), expect(58),
            let second = digits(2)
        else { return nil }
        guard Timestamp.isValidDate(year: year, month: month, day: day),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        var millis = 0
        if i < b.count, b[i] == 46 {  // "."
            i += 1
            var count = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if count < 3 { millis = millis * 10 + Int(b[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            if count < 3 { for _ in count..<3 { millis *= 10 } }
        }
        var offsetMinutes = 0
        if expect(90, 122) {  // Z z
        } else if i < b.count, b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(58), let om = digits(2), oh < 24, om < 60 else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let base = Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millis)
        self = base.adding(milliseconds: -Int64(offsetMinutes) * 60_000)
    }
}
