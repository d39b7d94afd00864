import FramedJSON

extension DomainCases {
    /// Billing periods and invoices.
    static var invoices: [ConformanceCase] {
        [
            flow(
                "invoices.open-month-refused",
                "Invoices.CloseBillingPeriod: a month that has not ended is 9 FAILED_PRECONDITION naming billingMonth"
            ) { s in
                try s.refused(
                    "Invoices.CloseBillingPeriod", ["billingMonth": "2999-12"], code: 9, status: "FAILED_PRECONDITION",
                    field: "billingMonth")
            },
            flow(
                "invoices.close-twice-issues-nothing-new",
                "Invoices.CloseBillingPeriod is idempotent: closing an ended month twice returns the same invoices"
            ) { s in
                let first = try s.call("Invoices.CloseBillingPeriod", ["billingMonth": "2001-01"])
                let second = try s.call("Invoices.CloseBillingPeriod", ["billingMonth": "2001-01"])
                try s.context.expect(
                    first["billingMonth"] == "2001-01", "billingMonth \(first["billingMonth"] ?? .null)")
                let ids = { (value: JSONValue) in value["invoices"]?.arrayValue?.compactMap { $0["id"] } ?? [] }
                try s.context.expect(ids(first) == ids(second), "closing twice issued other invoices")
            },
            flow(
                "invoices.month-format-checked",
                "Invoices.CloseBillingPeriod: a billingMonth not YYYY-MM is -32602 naming billingMonth"
            ) { s in
                for bad in ["2026-13", "26-01", "2026/01"] {
                    try s.invalidParam(
                        "Invoices.CloseBillingPeriod", ["billingMonth": .string(bad)], field: "billingMonth")
                }
            },
            flow(
                "invoices.existing-invoices-download",
                "Invoices.Get and Invoices.Download: every listed invoice is gettable; its lines add up to its subtotal; it downloads as base64 PDF (%PDF-, showing the number and the total) and CSV whose TOTAL row is the total"
            ) { s in
                let listed = try s.call("Invoices.List", ["pageSize": 3])["items"]?.arrayValue ?? []
                s.context.note(
                    "\(listed.count) invoices on this target (a fresh server has none: only ended months are billed)")
                for invoice in listed {
                    let id = invoice["id"]!
                    let fetched = try s.call("Invoices.Get", ["invoiceId": id])
                    try s.context.expect(
                        SchemaValidator.equal(fetched, invoice), "Invoices.Get differs from Invoices.List")
                    let subtotal = invoice["subtotal"]?["minorUnits"]?.intValue ?? -1
                    let lines = invoice["lines"]?.arrayValue?.compactMap { $0["amount"]?["minorUnits"]?.intValue } ?? []
                    try s.context.expect(
                        lines.reduce(0, +) == subtotal, "lines add up to \(lines.reduce(0, +)), subtotal is \(subtotal)"
                    )
                    let total = DomainSupport.formatted(minorUnits: subtotal)

                    let pdf = try s.call("Invoices.Download", ["invoiceId": id, "format": "PDF"])
                    try s.context.expect(
                        pdf["contentType"] == "application/pdf", "PDF content type \(pdf["contentType"] ?? .null)")
                    guard let pdfBytes = DomainSupport.base64Decoded(pdf["data"]?.stringValue ?? "") else {
                        throw s.context.fail("the PDF data is not base64")
                    }
                    let pdfText = String(decoding: pdfBytes, as: UTF8.self)
                    try s.context.expect(pdfText.hasPrefix("%PDF-"), "the PDF does not start with %PDF-")
                    try s.context.expect(
                        pdfText.contains(try s.string(invoice, "number")), "the PDF does not show the invoice number")
                    try s.context.expect(pdfText.contains(total), "the PDF does not show the total \(total)")

                    let csv = try s.call("Invoices.Download", ["invoiceId": id, "format": "CSV"])
                    try s.context.expect(
                        csv["contentType"]?.stringValue?.hasPrefix("text/csv") == true, "CSV content type")
                    guard let csvBytes = DomainSupport.base64Decoded(csv["data"]?.stringValue ?? ""),
                        let csvText = String(validating: csvBytes, as: UTF8.self)
                    else { throw s.context.fail("the CSV data is not base64 UTF-8 text") }
                    let rows = csvText.split(whereSeparator: \.isNewline).map {
                        $0.split(separator: ",", omittingEmptySubsequences: false)
                    }
                    guard
                        let totalRow = rows.first(where: { $0.contains { $0.trimmingCharacters(in: "\"") == "TOTAL" } })
                    else {
                        throw s.context.fail("the CSV has no TOTAL row")
                    }
                    try s.context.expect(
                        totalRow.contains { $0.trimmingCharacters(in: "\"") == total },
                        "the CSV TOTAL row \(totalRow) does not show \(total)")
                }
                try s.refused(
                    "Invoices.Get", ["invoiceId": .string(s.context.unique("ivc_missing_"))], code: 5,
                    status: "NOT_FOUND")
                try s.invalidParam(
                    "Invoices.Download", ["invoiceId": "ivc_x", "format": "XLSX"], field: "format")
            },
        ]
    }
}
