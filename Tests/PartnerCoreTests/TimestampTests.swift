import Testing

@testable import PartnerCore

@Suite("Timestamp")
struct TimestampTests {
    @Test(
        "formats RFC 3339 UTC with milliseconds",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000Z"),
            (Int64(951_782_400_000), "2000-02-29T00:00:00.000Z"),
            (Int64(1_772_355_600_123), "2026-03-01T09:00:00.123Z"),
            (Int64(-1), "1969-12-31T23:59:59.999Z"),
            (Int64(253_402_300_799_999), "9999-12-31T23:59:59.999Z"),
            (Int64(86_399_999), "1970-01-01T23:59:59.999Z"),
            (Int64(1_767_225_600_000), "2026-01-01T00:00:00.000Z"),
            (Int64(1_798_761_599_999), "2026-12-31T23:59:59.999Z"),
        ])
    func formats(millis: Int64, text: String) {
        #expect(Timestamp(millisecondsSinceEpoch: millis).rfc3339 == text)
        #expect(Timestamp(rfc3339: text)?.millisecondsSinceEpoch == millis)
    }

    @Test(
        "years outside 0-9999 are written with as many digits as they need, and a sign when negative",
        arguments: [
            (Int64(253_402_300_800_000), "10000-01-01T00:00:00.000Z"),
            (Int64(-62_167_219_200_000), "0000-01-01T00:00:00.000Z"),
            (Int64(-62_198_755_200_001), "-0002-12-31T23:59:59.999Z"),
        ])
    func formatsFarYears(millis: Int64, text: String) {
        #expect(Timestamp(millisecondsSinceEpoch: millis).rfc3339 == text)
    }

    @Test("parses offsets, fractions and lower-case separators")
    func parsesVariants() {
        let base = Timestamp(year: 2026, month: 3, day: 1, hour: 12)
        #expect(Timestamp(rfc3339: "2026-03-01T12:00:00Z") == base)
        #expect(Timestamp(rfc3339: "2026-03-01t12:00:00z") == base)
        #expect(Timestamp(rfc3339: "2026-03-01T14:00:00+02:00") == base)
        #expect(Timestamp(rfc3339: "2026-03-01T07:30:00-04:30") == base)
        #expect(Timestamp(rfc3339: "2026-03-01T12:00:00.5Z") == base.adding(milliseconds: 500))
        #expect(Timestamp(rfc3339: "2026-03-01T12:00:00.123456789Z") == base.adding(milliseconds: 123))
    }

    @Test(
        "refuses malformed or impossible date-times",
        arguments: [
            "", "2026-03-01", "2026-03-01T12:00:00", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-04-31T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T12:60:00Z", "2026-03-01T12:00:00.Z",
            "2026-03-01T12:00:00+0200", "2026-03-01T12:00:00Z ", "26-03-01T12:00:00Z",
        ])
    func refusesMalformed(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("round-trips every day across four centuries through the calendar")
    func calendarRoundTrip() {
        var days = Timestamp.daysSinceEpoch(year: 1900, month: 1, day: 1)
        let end = Timestamp.daysSinceEpoch(year: 2300, month: 1, day: 1)
        var previous = Timestamp.civilDate(daysSinceEpoch: days - 1)
        while days < end {
            let date = Timestamp.civilDate(daysSinceEpoch: days)
            #expect(date > previous)
            #expect(Timestamp.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
            #expect(Timestamp.isValidDate(year: date.year, month: date.month, day: date.day))
            previous = date
            days += 1
        }
    }

    @Test("knows leap years and month lengths")
    func monthLengths() {
        #expect(Timestamp.isLeapYear(2000) && Timestamp.isLeapYear(2024))
        #expect(!Timestamp.isLeapYear(1900) && !Timestamp.isLeapYear(2026))
        #expect(Timestamp.daysInMonth(year: 2024, month: 2) == 29)
        #expect(Timestamp.daysInMonth(year: 2026, month: 2) == 28)
        #expect(Timestamp.daysInMonth(year: 2026, month: 4) == 30)
        #expect(Timestamp.daysInMonth(year: 2026, month: 12) == 31)
        #expect(Timestamp(year: 2024, month: 2, day: 10).daysInMonth == 29)
    }

    @Test("gives year, month, day, start of month and next month in UTC")
    func calendarHelpers() {
        let t = Timestamp(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999)
        #expect((t.year, t.month, t.day) == (2026, 12, 31))
        #expect(t.startOfMonth == Timestamp(year: 2026, month: 12, day: 1))
        #expect(t.startOfNextMonth == Timestamp(year: 2027, month: 1, day: 1))
        #expect(t.startOfDay == Timestamp(year: 2026, month: 12, day: 31))
        #expect(
            Timestamp.startOfMonth(year: 2026, month: 2).adding(days: 28) == Timestamp(year: 2026, month: 3, day: 1))
        let before = Timestamp(millisecondsSinceEpoch: -1)
        #expect((before.year, before.month, before.day) == (1969, 12, 31))
    }

    @Test("orders by time")
    func ordering() {
        #expect(Timestamp(millisecondsSinceEpoch: 1) < Timestamp(millisecondsSinceEpoch: 2))
        #expect(Timestamp.epoch.adding(seconds: 1) == Timestamp(millisecondsSinceEpoch: 1000))
    }

    @Test("a fixed clock moves only when told")
    func fixedClock() {
        let clock = FixedClock(Timestamp(year: 2026, month: 1, day: 1))
        #expect(clock.now() == Timestamp(year: 2026, month: 1, day: 1))
        clock.advance(days: 31)
        #expect(clock.now() == Timestamp(year: 2026, month: 2, day: 1))
        clock.set(.epoch)
        #expect(clock.now() == .epoch)
    }

    @Test("the system clock is after 2024")
    func systemClock() {
        #expect(SystemClock().now() > Timestamp(year: 2024, month: 1, day: 1))
    }
}
