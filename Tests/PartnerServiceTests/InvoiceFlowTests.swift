import Foundation
import FramedRPC
import PartnerAPI
import PartnerCore
import Testing

/// The invoice seed flow: a month with seat changes is closed, its invoice listed and
/// downloaded; the PDF and the CSV agree with the invoice.
@Suite("Invoice flow")
struct InvoiceFlowTests {
    @Test(
        "a closed month's invoice downloads as a PDF showing the total and a CSV whose totals agree",
        arguments: TransportMode.allCases)
    func closeAndDownload(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { server, client in
            let (customer, subscription) = try await Fixtures.customerWithSubscription(
                client, domain: "ferrari-ottica.it")
            server.clock.advance(days: 14)
            _ = try await client.subscriptions.changeSeats(.init(subscriptionId: subscription.id, delta: 3))

            let early = await expectFailure(.failedPrecondition, "closing a month that has not ended") {
                try await client.invoices.closeBillingPeriod(.init(billingMonth: "2026-03"))
            }
            #expect(early?.fields == ["billingMonth"])

            server.clock.set(Timestamp(year: 2026, month: 4, day: 1))
            let closing = try await client.invoices.closeBillingPeriod(.init(billingMonth: "2026-03"))
            #expect(closing.billingMonth == "2026-03")
            let invoice = try #require(closing.invoices.first { $0.customerId == customer.id })
            #expect(closing.invoices.count == 1)
            #expect(invoice.lines.map(\.subscriptionId) == [subscription.id])
            #expect(invoice.subtotal.minorUnits > 0)
            #expect(invoice.lines.reduce(0) { $0 + $1.amount.minorUnits } == invoice.subtotal.minorUnits)
            let seatDays = invoice.lines.reduce(0) { $0 + $1.seatDays }
            #expect(seatDays == 5 * 30 + 3 * 16, "5 seats from 2 March, 3 more from 16 March, to 31 March")

            let again = try await client.invoices.closeBillingPeriod(.init(billingMonth: "2026-03"))
            #expect(again.invoices.map(\.id) == closing.invoices.map(\.id), "closing twice issues nothing new")
            #expect(try await client.invoices.list(.init(customerId: customer.id)).items.map(\.id) == [invoice.id])
            #expect(try await client.invoices.get(.init(invoiceId: invoice.id)) == invoice)

            let total = Self.formatted(invoice.subtotal)
            let pdf = try await client.invoices.download(.init(invoiceId: invoice.id, format: "PDF"))
            #expect(pdf.contentType == "application/pdf")
            let pdfBytes = try #require(Data(base64Encoded: pdf.data), "PDF data is base64")
            let pdfText = String(decoding: pdfBytes, as: UTF8.self)
            #expect(pdfText.hasPrefix("%PDF-"))
            #expect(pdfText.contains("(\(total) \(invoice.subtotal.currency))"), "the PDF shows the total \(total)")
            #expect(pdfText.contains(invoice.number))

            let csv = try await client.invoices.download(.init(invoiceId: invoice.id, format: "CSV"))
            #expect(csv.contentType.hasPrefix("text/csv"))
            let csvBytes = try #require(Data(base64Encoded: csv.data), "CSV data is base64")
            let rows = CSVTable.parse(String(decoding: csvBytes, as: UTF8.self))
            let header = try #require(rows.first)
            let amount = try #require(header.firstIndex(of: "amount"))
            let description = try #require(header.firstIndex(of: "description"))
            let subscriptionColumn = try #require(header.firstIndex(of: "subscription_id"))
            let lineRows = rows.dropFirst().filter { !$0[subscriptionColumn].isEmpty }
            #expect(lineRows.count == invoice.lines.count)
            let lineSum = lineRows.reduce(Int64(0)) { $0 + (Self.minorUnits($1[amount]) ?? -1_000_000) }
            #expect(lineSum == invoice.subtotal.minorUnits, "the CSV's lines add up to the invoice subtotal")
            let subtotalRow = try #require(rows.first { $0[description] == "SUBTOTAL" })
            let totalRow = try #require(rows.first { $0[description] == "TOTAL" })
            #expect(Self.minorUnits(subtotalRow[amount]) == invoice.subtotal.minorUnits)
            #expect(totalRow[amount] == total, "the CSV total is the total the PDF shows")

            await expectFailure(.invalidArgument, "an unknown format") {
                try await client.invoices.download(.init(invoiceId: invoice.id, format: "XLSX"))
            }
        }
    }

    /// "123.45" for 12345 minor units (every catalogue currency has two minor digits).
    static func formatted(_ money: PartnerAPI.Money) -> String {
        let cents = money.minorUnits % 100
        return "\(money.minorUnits / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Minor units of "123.45".
    static func minorUnits(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let major = Int64(parts[0]), let minor = Int64(parts[1]) else {
            return nil
        }
        return major * 100 + minor
    }
}

/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF row ends.
enum CSVTable {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append(characters.removeFirst())
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r": continue
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}
