/// RFC 3339 formatting and parsing, written by hand (no Foundation).
extension Timestamp {
    /// The RFC 3339 UTC form with milliseconds: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    /// Years outside 0...9999 are written with as many digits as needed and a sign if negative.
    public var rfc3339: String {
        let date = civilDate
        let msOfDay = millisecondOfDay
        let hour = Int(msOfDay / 3_600_000)
        let minute = Int(msOfDay / 60_000 % 60)
        let second = Int(msOfDay / 1000 % 60)
        let milli = Int(msOfDay % 1000)
        var out = ""
        out.reserveCapacity(24)
        if date.year < 0 { out += "-" }
        out += Self.pad(abs(date.year), 4)
        out += "-" + Self.pad(date.month, 2) + "-" + Self.pad(date.day, 2)
        out += "T" + Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
        out += "." + Self.pad(milli, 3) + "Z"
        return out
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

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
