/// Calendar arithmetic in UTC on the proleptic Gregorian calendar, without Foundation.
/// Days are converted with Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms.
extension Timestamp {
    /// A calendar date (UTC).
    public struct CivilDate: Sendable, Hashable, Comparable, Codable {
        /// Year, e.g. 2026 (may be zero or negative: proleptic).
        public var year: Int
        /// Month 1...12.
        public var month: Int
        /// Day of month 1...31.
        public var day: Int

        /// Creates a date; no validation (see `Timestamp.isValidDate`).
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Orders by year, month, day.
        public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of `month` (1...12) in `year`; 0 for a month out of range.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Whether year/month/day names a real calendar day.
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// Days since 1970-01-01 of a civil date.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilDate(daysSinceEpoch days: Int64) -> CivilDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return CivilDate(year: Int(y), month: Int(m), day: Int(d))
    }

    /// Midnight UTC starting the given civil day.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0)
    {
        let days = Timestamp.daysSinceEpoch(year: year, month: month, day: day)
        let ms = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        self.init(millisecondsSinceEpoch: days * Timestamp.millisecondsPerDay + ms)
    }

    /// Whole days since the epoch (floor), UTC.
    public var daysSinceEpoch: Int64 {
        let (q, r) = millisecondsSinceEpoch.quotientAndRemainder(dividingBy: Timestamp.millisecondsPerDay)
        return r < 0 ? q - 1 : q
    }

    /// Milliseconds since the start of this timestamp's UTC day (0 ..< 86 400 000).
    public var millisecondOfDay: Int64 { millisecondsSinceEpoch - daysSinceEpoch * Timestamp.millisecondsPerDay }

    /// The UTC calendar date of this timestamp.
    public var civilDate: CivilDate { Timestamp.civilDate(daysSinceEpoch: daysSinceEpoch) }

    /// The UTC year.
    public var year: Int { civilDate.year }
    /// The UTC month 1...12.
    public var month: Int { civilDate.month }
    /// The UTC day of month 1...31.
    public var day: Int { civilDate.day }

    /// Midnight UTC of this timestamp's day.
    public var startOfDay: Timestamp {
        Timestamp(millisecondsSinceEpoch: daysSinceEpoch * Timestamp.millisecondsPerDay)
    }

    /// Midnight UTC of the first day of this timestamp's month.
    public var startOfMonth: Timestamp {
        let date = civilDate
        return Timestamp(year: date.year, month: date.month, day: 1)
    }

    /// Midnight UTC of the first day of the following month.
    public var startOfNextMonth: Timestamp {
        let date = civilDate
        return date.month == 12
            ? Timestamp(year: date.year + 1, month: 1, day: 1)
            : Timestamp(year: date.year, month: date.month + 1, day: 1)
    }

    /// The number of days in this timestamp's month.
    public var daysInMonth: Int { Timestamp.daysInMonth(year: year, month: month) }

    /// Midnight UTC on the first day of `month` of `year`.
    public static func startOfMonth(year: Int, month: Int) -> Timestamp {
        Timestamp(year: year, month: month, day: 1)
    }
}
