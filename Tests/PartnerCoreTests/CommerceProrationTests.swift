import Testing

@testable import PartnerCore

@Suite("Proration: seat-days and integer money")
struct CommerceProrationTests {
    let march = BillingMonth(year: 2026, month: 3)!  // 31 days
    let usd840 = Money(minorUnits: 840, currency: .usd)

    @Test("a full month at a constant count bills the monthly price exactly")
    func fullMonth() throws {
        // 10 seats all March: 10 x 31 = 310 seat-days; 840 x 310 / 31 = 8400 (84.00 USD).
        let timeline = SeatTimeline([.init(at: Timestamp(year: 2026, month: 2, day: 10), seats: 10)])
        #expect(timeline.seatDays(in: march) == 310)
        #expect(try Proration.charge(unitPrice: usd840, seatDays: 310, daysInMonth: 31).minorUnits == 8400)
    }

    @Test("adding seats mid-day bills the higher count for that whole day")
    func increaseMidMonth() throws {
        // 10 seats from March 1; 15 from March 11 15:00.
        // Days 1-10: 10 x 10 = 100; day 11: max(10, 15) = 15; days 12-31: 20 x 15 = 300.
        // Seat-days 100 + 15 + 300 = 415. 840 x 415 = 348 600; / 31 = 11 245 remainder 5;
        // 5 x 2 = 10 < 31, so half up rounds down to 11 245 (112.45 USD).
        let timeline = SeatTimeline([
            .init(at: Timestamp(year: 2026, month: 3, day: 1), seats: 10),
            .init(at: Timestamp(year: 2026, month: 3, day: 11, hour: 15), seats: 15),
        ])
        #expect(timeline.billedSeats(forDayStarting: Timestamp(year: 2026, month: 3, day: 10)) == 10)
        #expect(timeline.billedSeats(forDayStarting: Timestamp(year: 2026, month: 3, day: 11)) == 15)
        #expect(timeline.seatDays(in: march) == 415)
        #expect(try Proration.charge(unitPrice: usd840, seatDays: 415, daysInMonth: 31).minorUnits == 11245)
    }

    @Test("removing seats bills the old count through the day of the change")
    func decreaseMidMonth() {
        // 15 seats until March 20 09:00, then 5. Days 1-20: 20 x 15 = 300 (day 20 keeps 15);
        // days 21-31: 11 x 5 = 55. Total 355.
        let timeline = SeatTimeline([
            .init(at: Timestamp(year: 2026, month: 1, day: 1), seats: 15),
            .init(at: Timestamp(year: 2026, month: 3, day: 20, hour: 9), seats: 5),
        ])
        #expect(timeline.seatDays(in: march) == 355)
    }

    @Test("a change exactly at midnight takes effect from that day")
    func changeAtMidnight() throws {
        // 15 seats, 5 from March 20 00:00: days 1-19 = 19 x 15 = 285, days 20-31 = 12 x 5 = 60.
        // Total 345 (a removal at 09:00 the same day gives 355, see above).
        // 840 x 345 = 289 800; / 31 = 9348 remainder 12; 24 < 31 -> 9348.
        let timeline = SeatTimeline([
            .init(at: Timestamp(year: 2026, month: 3, day: 1), seats: 15),
            .init(at: Timestamp(year: 2026, month: 3, day: 20), seats: 5),
        ])
        #expect(timeline.seatDays(in: march) == 345)
        #expect(try Proration.charge(unitPrice: usd840, seatDays: 345, daysInMonth: 31).minorUnits == 9348)
    }

    @Test("a round-up example: 7 seats for 16 days of a 31-day month")
    func roundUpExample() throws {
        // 7 seats from March 16 10:00: days 16-31 = 16 days x 7 = 112 seat-days.
        // 840 x 112 = 94 080; / 31 = 3034 remainder 26; 52 >= 31 -> 3035 (30.35 USD).
        let timeline = SeatTimeline([.init(at: Timestamp(year: 2026, month: 3, day: 16, hour: 10), seats: 7)])
        #expect(timeline.seatDays(in: march) == 112)
        #expect(try Proration.charge(unitPrice: usd840, seatDays: 112, daysInMonth: 31).minorUnits == 3035)
    }

    @Test("a purchase mid-month bills from its day; 30-day month divides by 30")
    func purchaseMidMonth() throws {
        // 3 seats bought April 16 14:30: days 16-30 = 15 days x 3 = 45 seat-days;
        // 840 x 45 / 30 = 1260 exactly (12.60 USD).
        let april = BillingMonth(year: 2026, month: 4)!
        let timeline = SeatTimeline([
            .init(at: Timestamp(year: 2026, month: 4, day: 16, hour: 14, minute: 30), seats: 3)
        ])
        #expect(timeline.seatDays(in: april) == 45)
        let days = try #require(timeline.billedDays(in: april))
        #expect(days.first == Timestamp(year: 2026, month: 4, day: 16))
        #expect(days.last == Timestamp(year: 2026, month: 4, day: 30))
        #expect(try Proration.charge(unitPrice: usd840, seatDays: 45, daysInMonth: 30).minorUnits == 1260)
    }

    @Test("cancellation ends billing after the day it happens; February has 28 days")
    func cancellation() throws {
        // 4 seats since January, cancelled February 10 12:00 2026: days 1-10 x 4 = 40;
        // 700 x 40 / 28 = 1000 exactly. Nothing in March.
        let timeline = SeatTimeline([
            .init(at: Timestamp(year: 2026, month: 1, day: 5), seats: 4),
            .init(at: Timestamp(year: 2026, month: 2, day: 10, hour: 12), seats: 0),
        ])
        let february = BillingMonth(year: 2026, month: 2)!
        #expect(february.dayCount == 28)
        #expect(timeline.seatDays(in: february) == 40)
        #expect(timeline.seatDays(in: march) == 0)
        #expect(timeline.billedDays(in: march) == nil)
        #expect(
            try Proration.charge(unitPrice: Money(minorUnits: 700, currency: .usd), seatDays: 40, daysInMonth: 28)
                .minorUnits == 1000)
    }

    @Test("leap February has 29 days")
    func leapFebruary() {
        #expect(BillingMonth(year: 2028, month: 2)!.dayCount == 29)
        let timeline = SeatTimeline([.init(at: Timestamp(year: 2028, month: 1, day: 1), seats: 2)])
        #expect(timeline.seatDays(in: BillingMonth(year: 2028, month: 2)!) == 58)
    }

    @Test(
        "rounding is half up on the final amount",
        arguments: [
            // (price, seat-days, days, expected): exact value in the comment.
            (1, 1, 2, 1),  // 0.5 -> 1
            (1, 1, 3, 0),  // 0.333 -> 0
            (2, 1, 3, 1),  // 0.667 -> 1
            (5, 3, 30, 1),  // 0.5 -> 1
            (999, 7, 31, 226),  // 225.58 -> 226
            (1000, 15, 30, 500),  // exact
            (0, 310, 31, 0),  // free SKU
        ])
    func halfUp(_ price: Int64, _ seatDays: Int64, _ days: Int, _ expected: Int64) throws {
        let charge = try Proration.charge(
            unitPrice: Money(minorUnits: price, currency: .usd), seatDays: seatDays, daysInMonth: days)
        #expect(charge.minorUnits == expected)
    }

    @Test("an amount that does not fit in 64 bits is OUT_OF_RANGE, not a crash")
    func overflow() {
        #expect(throws: DomainError.self) {
            try Proration.charge(unitPrice: Money(minorUnits: .max / 2, currency: .usd), seatDays: 3, daysInMonth: 31)
        }
        do {
            _ = try Proration.charge(
                unitPrice: Money(minorUnits: .max / 2, currency: .usd), seatDays: 3, daysInMonth: 31)
        } catch let error as DomainError {
            #expect(error.code == .outOfRange)
            #expect(error.field == "amount")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("billing months parse, print and step")
    func billingMonths() throws {
        let month = try #require(BillingMonth("2026-12"))
        #expect(month.description == "2026-12")
        #expect(month.next.description == "2027-01")
        #expect(month.previous.description == "2026-11")
        #expect(month.start == Timestamp(year: 2026, month: 12, day: 1))
        #expect(month.end == Timestamp(year: 2027, month: 1, day: 1))
        for bad in ["2026-13", "2026-00", "26-01", "2026/01", "2026-1", "1969-12", "2026-011"] {
            #expect(BillingMonth(bad) == nil, "\(bad)")
        }
        #expect(BillingMonth(containing: Timestamp(year: 2026, month: 5, day: 31, hour: 23)).description == "2026-05")
    }

    @Test("invoice numbers are INV-YYYYMM-NNNNN and round-trip")
    func invoiceNumbers() throws {
        let number = try #require(InvoiceNumber(month: march, sequence: 7))
        #expect(number.description == "INV-202603-00007")
        #expect(InvoiceNumber("INV-202603-00007") == number)
        #expect(InvoiceNumber(month: march, sequence: 123_456)?.description == "INV-202603-123456")
        #expect(InvoiceNumber("INV-202603-7") == nil)
        #expect(InvoiceNumber("INV-202613-00001") == nil)
        #expect(InvoiceNumber(month: march, sequence: 0) == nil)
        #expect(try #require(InvoiceNumber(month: march, sequence: 2)) < number)
    }
}
