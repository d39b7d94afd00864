import Foundation
import Testing

@testable import PartnerCore

@Suite("Invoices: closing a billing month, listing and downloading")
struct InvoiceClosingTests {
    /// March 2026 (31 days), worked by hand:
    /// - A: Business Starter Flexible (840/seat/month) 10 seats from 03-01 10:00, +5 on 03-11 15:00,
    ///   set to 5 on 03-20 09:00. Days 1-10: 10 x 10 = 100; day 11: 15; days 12-19: 8 x 15 = 120;
    ///   day 20: 15 (the removal day keeps the higher count); days 21-31: 11 x 5 = 55.
    ///   Seat-days 305. 840 x 305 = 256 200; / 31 = 8264 remainder 16; 32 >= 31 -> 8265.
    /// - A: Cloud Identity Premium (720) 3 seats from 03-16 12:00: days 16-31 = 16 x 3 = 48.
    ///   720 x 48 = 34 560; / 31 = 1114 remainder 26; 52 >= 31 -> 1115.
    ///   A's subtotal: 8265 + 1115 = 9380 (93.80 USD).
    /// - B: Business Standard Flexible (1680) 4 seats from 03-25 08:00, cancelled 03-28 18:00:
    ///   days 25-28 = 4 x 4 = 16. 1680 x 16 = 26 880; / 31 = 867 remainder 3 -> 867.
    /// - C (another partner) and D (orders only in April) get no March invoice from partner A.
    struct March {
        let world = CommerceFixture()
        let a: Customer
        let b: Customer
        let d: Customer
        let starter: Subscription
        let identity: Subscription

        init() throws {
            let world = self.world
            a = try world.customer("Alpha")
            b = try world.customer("Beta")
            d = try world.customer("Delta")
            let c = try world.customer("Gamma", partnerId: "par_b")
            world.clock.set(Timestamp(year: 2026, month: 3, day: 1, hour: 10))
            starter = try world.buy(a, "ws-business-starter-flex", seats: 10)
            try world.buy(c, "ws-business-starter-flex", seats: 50, as: world.otherSales)
            world.clock.set(Timestamp(year: 2026, month: 3, day: 11, hour: 15))
            try world.change(starter, delta: 5)
            world.clock.set(Timestamp(year: 2026, month: 3, day: 16, hour: 12))
            identity = try world.buy(a, "ci-premium-flex", seats: 3)
            world.clock.set(Timestamp(year: 2026, month: 3, day: 20, hour: 9))
            try world.change(starter, seats: 5)
            world.clock.set(Timestamp(year: 2026, month: 3, day: 25, hour: 8))
            let standard = try world.buy(b, "ws-business-standard-flex", seats: 4)
            world.clock.set(Timestamp(year: 2026, month: 3, day: 28, hour: 18))
            _ = try world.store.writeNow { tx in
                try world.subscriptions.cancel(
                    SubscriptionTransition(subscriptionId: standard.id), caller: world.sales, in: tx)
            }
            world.clock.set(Timestamp(year: 2026, month: 4, day: 2, hour: 9))
            try world.buy(d, "ws-business-starter-flex", seats: 2)
        }

        func close(_ month: String, as caller: Caller? = nil) throws -> BillingPeriodClosing {
            try world.store.writeNow { tx in
                try world.invoices.closeBillingPeriod(month, caller: caller ?? world.admin, in: tx)
            }
        }
    }

    @Test("closing March prorates seat-days into per-customer invoices, worked by hand")
    func closeMarch() throws {
        let march = try March()
        let closing = try march.close("2026-03")
        #expect(closing.issuedCount == 2)
        #expect(closing.invoices.map(\.customerId) == [march.a.id, march.b.id])
        let alpha = closing.invoices[0]
        #expect(alpha.number.description == "INV-202603-00001")
        #expect(alpha.customerName == "Alpha")
        #expect(alpha.currency == .usd)
        #expect(alpha.lines.map(\.seatDays) == [305, 48])
        #expect(alpha.lines.map(\.amount.minorUnits) == [8265, 1115])
        #expect(alpha.lines.map(\.subscriptionId) == [march.starter.id, march.identity.id])
        #expect(alpha.lines[1].firstDay == Timestamp(year: 2026, month: 3, day: 16))
        #expect(alpha.lines[1].lastDay == Timestamp(year: 2026, month: 3, day: 31))
        #expect(alpha.subtotal == Money(minorUnits: 9380, currency: .usd))
        #expect(alpha.total == alpha.subtotal)
        let beta = closing.invoices[1]
        #expect(beta.number.description == "INV-202603-00002")
        #expect(beta.lines.map(\.seatDays) == [16])
        #expect(beta.subtotal.minorUnits == 867)
        #expect(beta.lines[0].lastDay == Timestamp(year: 2026, month: 3, day: 28))
        // Journal: one audit entry, one event and one customer notice per invoice.
        #expect(try march.world.audit(target: alpha.id).map(\.method) == ["Invoices.CloseBillingPeriod"])
        #expect(try march.world.events(of: alpha.id).map(\.type) == ["invoice.issued"])
        let notices = try march.world.store.readNow { tx in
            try tx.list(OutboxMessage.self, partnerId: "par_a", lookupKey: "related:\(alpha.id)", after: nil, limit: 10)
        }
        #expect(notices.map(\.recipients) == [[march.a.primaryAdminEmail]])
        #expect(notices.first?.text.contains("93.80 USD") == true)
    }

    @Test("rule closeIsIdempotent: closing twice returns the same invoices and issues none")
    func closeTwice() throws {
        let march = try March()
        let first = try march.close("2026-03")
        let countAfterFirst = march.world.store.count(Invoice.self)
        let second = try march.close("2026-03")
        #expect(second.invoices == first.invoices)
        #expect(second.issuedCount == 0)
        #expect(march.world.store.count(Invoice.self) == countAfterFirst)
        #expect(try march.world.audit(target: first.invoices[0].id).count == 1)
    }

    @Test("the next month bills whole months for steady seats and nothing after a cancellation")
    func closeApril() throws {
        let march = try March()
        march.world.clock.set(Timestamp(year: 2026, month: 5, day: 1))
        let april = try march.close("2026-04")
        // A: 5 x 30 = 150 seat-days -> 840 x 150 / 30 = 4200; 3 x 30 = 90 -> 720 x 90 / 30 = 2160.
        // D: 2 seats from 04-02: days 2-30 = 29 x 2 = 58 -> 840 x 58 / 30 = 1624.
        // B was cancelled in March: no invoice.
        #expect(april.invoices.map(\.customerId) == [march.a.id, march.d.id])
        #expect(april.invoices[0].lines.map(\.amount.minorUnits) == [4200, 2160])
        #expect(april.invoices[1].subtotal.minorUnits == 1624)
        #expect(april.invoices.map(\.number.description) == ["INV-202604-00001", "INV-202604-00002"])
    }

    @Test(
        "rule closeEndedMonthsOnly: a month that has not ended is FAILED_PRECONDITION billingMonth; a malformed month INVALID_ARGUMENT"
    )
    func closeOnlyEndedMonths() throws {
        let march = try March()
        march.world.clock.set(Timestamp(year: 2026, month: 3, day: 31, hour: 23, minute: 59))
        expectDomainError(.failedPrecondition, field: "billingMonth") { try march.close("2026-03") }
        march.world.clock.set(Timestamp(year: 2026, month: 4, day: 1))
        #expect(try march.close("2026-03").issuedCount == 2)
        for bad in ["2026-3", "March", "2026-13", ""] {
            expectDomainError(.invalidArgument, field: "billingMonth") { try march.close(bad) }
        }
    }

    @Test("only admin agents close billing periods")
    func closeNeedsAdmin() throws {
        let march = try March()
        expectDomainError(.permissionDenied, field: nil) { try march.close("2026-03", as: march.world.sales) }
    }

    @Test("each partner numbers its own invoices and sees only them")
    func partnersAreSeparate() throws {
        let march = try March()
        let ours = try march.close("2026-03")
        let theirs = try march.world.store.writeNow { tx in
            try march.world.invoices.closeBillingPeriod("2026-03", caller: march.world.otherBoth, in: tx)
        }
        #expect(theirs.invoices.count == 1)
        #expect(theirs.invoices[0].number.description == "INV-202603-00001")
        #expect(theirs.invoices[0].subtotal.minorUnits == 840 * 50)  // 50 seats all month
        let world = march.world
        expectDomainError(.notFound, field: "invoiceId") {
            try world.store.readNow { tx in try world.invoices.get(theirs.invoices[0].id, caller: world.sales, in: tx) }
        }
        expectDomainError(.notFound, field: "invoiceId") {
            try world.store.readNow { tx in
                try world.invoices.download(ours.invoices[0].id, format: "PDF", caller: world.otherBoth, in: tx)
            }
        }
        expectDomainError(.notFound, field: "customerId") {
            try world.store.readNow { tx in
                try world.invoices.list(
                    InvoiceFilter(customerId: march.a.id), page: PageRequest(), caller: world.otherBoth, in: tx)
            }
        }
        let listed = try world.store.readNow { tx in
            try world.invoices.list(page: PageRequest(), caller: world.otherBoth, in: tx)
        }
        #expect(listed.items.map(\.id) == theirs.invoices.map(\.id))
    }

    @Test("Invoices.List filters by customer and month; Get returns the stored invoice")
    func listAndGet() throws {
        let march = try March()
        let world = march.world
        let closedMarch = try march.close("2026-03")
        world.clock.set(Timestamp(year: 2026, month: 5, day: 1))
        _ = try march.close("2026-04")
        let all = try world.store.readNow { tx in
            try world.invoices.list(page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(all.items.count == 4)
        let ofA = try world.store.readNow { tx in
            try world.invoices.list(
                InvoiceFilter(customerId: march.a.id), page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(ofA.items.map(\.billingMonth.description) == ["2026-03", "2026-04"])
        let ofAInMarch = try world.store.readNow { tx in
            try world.invoices.list(
                InvoiceFilter(customerId: march.a.id, billingMonth: "2026-03"), page: PageRequest(),
                caller: world.sales, in: tx)
        }
        #expect(ofAInMarch.items == [closedMarch.invoices[0]])
        let inMarch = try world.store.readNow { tx in
            try world.invoices.list(
                InvoiceFilter(billingMonth: "2026-03"), page: PageRequest(pageSize: 1), caller: world.sales, in: tx)
        }
        #expect(inMarch.items.count == 1)
        #expect(inMarch.nextPageToken != nil)
        let got = try world.store.readNow { tx in
            try world.invoices.get(closedMarch.invoices[1].id, caller: world.admin, in: tx)
        }
        #expect(got == closedMarch.invoices[1])
        expectDomainError(.invalidArgument, field: "billingMonth") {
            try world.store.readNow { tx in
                try world.invoices.list(
                    InvoiceFilter(billingMonth: "03/2026"), page: PageRequest(), caller: world.sales, in: tx)
            }
        }
    }

    @Test("Download gives PDF and CSV whose totals agree with the invoice; other formats are INVALID_ARGUMENT format")
    func download() throws {
        let march = try March()
        let world = march.world
        let invoice = try march.close("2026-03").invoices[0]
        let pdf = try world.store.readNow { tx in
            try world.invoices.download(invoice.id, format: "PDF", caller: world.sales, in: tx)
        }
        let csv = try world.store.readNow { tx in
            try world.invoices.download(invoice.id, format: "csv", caller: world.admin, in: tx)
        }
        #expect(pdf.fileName == "INV-202603-00001.pdf")
        #expect(pdf.contentType == "application/pdf")
        #expect(csv.fileName == "INV-202603-00001.csv")
        #expect(csv.contentType == "text/csv; charset=utf-8")
        let rows = try CSVReader.parse(String(decoding: csv.bytes, as: UTF8.self))
        let amount = try #require(InvoiceCSV.header.firstIndex(of: "amount"))
        #expect(
            rows.dropFirst().prefix(invoice.lines.count).map { InvoiceRenderingTests.minorUnits($0[amount]) } == [
                8265, 1115,
            ])
        #expect(InvoiceRenderingTests.minorUnits(rows[rows.count - 1][amount]) == 9380)
        try InvoiceRenderingTests.checkXref(pdf.bytes)
        let text = try InvoiceRenderingTests.pdfToText(pdf.bytes)
        #expect(InvoiceRenderingTests.amount(after: "Total due", in: text) == 9380)
        #expect(InvoiceRenderingTests.amount(after: "Subtotal", in: text) == 9380)
        #expect(text.contains("82.65") && text.contains("11.15"))
        #expect(text.contains("INV-202603-00001"))
        expectDomainError(.invalidArgument, field: "format") {
            try world.store.readNow { tx in
                try world.invoices.download(invoice.id, format: "XML", caller: world.sales, in: tx)
            }
        }
    }
}
