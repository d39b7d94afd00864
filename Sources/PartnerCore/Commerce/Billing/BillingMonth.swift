/// A calendar month in UTC: the billing period of an invoice. Written "YYYY-MM" on the wire and
/// in stored records.
public struct BillingMonth: Sendable, Hashable, Comparable, TextCodable {
    /// The year, 1970...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int

    /// Creates a month, or `nil` when out of range (years 1970...9999, months 1...12).
    public init?(year: Int, month: Int) {
        guard (1970...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses "YYYY-MM", or `nil` when the text is not exactly that.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == 0x2D else { return nil }
        let digits = bytes[0..<4] + bytes[5..<7]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let value = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        self.init(year: value(0..<4), month: value(5..<7))
    }

    /// The month containing `time` (UTC).
    public init(containing time: Timestamp) {
        let date = time.civilDate
        // Years outside 1970...9999 are clamped: no stored time lies there.
        self.year = min(max(date.year, 1970), 9999)
        self.month = date.month
    }

    /// Midnight UTC of the first day.
    public var start: Timestamp { Timestamp.startOfMonth(year: year, month: month) }

    /// Midnight UTC of the first day of the next month (exclusive end).
    public var end: Timestamp { start.startOfNextMonth }

    /// Days in the month (28...31).
    public var dayCount: Int { Timestamp.daysInMonth(year: year, month: month) }

    /// The following month.
    public var next: BillingMonth {
        month == 12
            ? BillingMonth(uncheckedYear: year + 1, month: 1) : BillingMonth(uncheckedYear: year, month: month + 1)
    }

    /// The preceding month.
    public var previous: BillingMonth {
        month == 1
            ? BillingMonth(uncheckedYear: year - 1, month: 12) : BillingMonth(uncheckedYear: year, month: month - 1)
    }

    private init(uncheckedYear: Int, month: Int) {
        self.year = uncheckedYear
        self.month = month
    }

    /// "YYYY-MM".
    public var description: String {
        let y = String(year)
        let m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" + m : m)
    }

    /// Orders chronologically.
    public static func < (lhs: BillingMonth, rhs: BillingMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// How a malformed text is named.
    public static let textForm = "a YYYY-MM month"
}
