import FramedJSON

extension DomainCases {
    /// `meta.idempotencyKey` (WIRE.md §13).
    static var idempotency: [ConformanceCase] {
        [
            flow(
                "idempotency.replay-returns-first-answer",
                "WIRE.md §13: a mutating call repeated with the same key and params returns the recorded answer and runs once"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("create-"))
                let marker = s.context.unique("Idem")
                let params = s.domainCustomer(s.domain("idem"), organisation: "\(marker) S.r.l.")
                let first = try s.call("Customers.Create", params, meta: meta)
                let second = try s.call("Customers.Create", params, meta: meta)
                try s.context.expect(SchemaValidator.equal(first, second), "the replay differs from the first answer")
                // Member order does not matter to the comparison of params.
                let reordered = JSONObject(params.members.reversed())
                let third = try s.call("Customers.Create", reordered, meta: meta)
                try s.context.expect(SchemaValidator.equal(first, third), "a replay with reordered params differs")
                let listed = try s.call("Customers.List", ["text": .string(marker)])["items"]?.arrayValue ?? []
                try s.context.expect(listed.count == 1, "\(listed.count) customers made by one key")
            },
            flow(
                "idempotency.order-replayed-once",
                "WIRE.md §13: an order placed twice with one key is one order"
            ) { s in
                let customer = try s.createCustomer("idemorder")
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("order-"))
                let params: JSONObject = ["customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku), "seats": 2]
                let first = try s.call("Orders.Place", params, meta: meta)
                let second = try s.call("Orders.Place", params, meta: meta)
                try s.context.expect(SchemaValidator.equal(first, second), "the replayed order differs")
                let orders = try s.call("Orders.List", ["customerId": customer["id"]!])["items"]?.arrayValue ?? []
                try s.context.expect(orders.count == 1, "\(orders.count) orders for one key")
            },
            flow(
                "idempotency.key-reused-with-other-params",
                "WIRE.md §13: the same key with other params is error.code 3 INVALID_ARGUMENT naming meta.idempotencyKey (not -32602)"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("reused-"))
                try s.call("Customers.Create", s.domainCustomer(s.domain("reuse")), meta: meta)
                let response = try s.connection.call(
                    "Customers.Create", params: .object(s.domainCustomer(s.domain("reuse2"))), meta: meta)
                try s.context.expectError(response, code: 3, status: "INVALID_ARGUMENT", field: "meta.idempotencyKey")
            },
            flow(
                "idempotency.key-reused-with-other-method",
                "WIRE.md §13: the same key on another method is error.code 3 INVALID_ARGUMENT naming meta.idempotencyKey"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("method-"))
                let customer = try s.call("Customers.Create", s.domainCustomer(s.domain("reusemethod")), meta: meta)
                let response = try s.connection.call(
                    "Orders.Place",
                    params: ["customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku), "seats": 1], meta: meta)
                try s.context.expectError(response, code: 3, status: "INVALID_ARGUMENT", field: "meta.idempotencyKey")
            },
            flow(
                "idempotency.failed-call-records-nothing",
                "WIRE.md §13: a call that committed nothing records nothing; the same key then runs a corrected call"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("retry-"))
                let domain = s.domain("fixed")
                var wrong = s.domainCustomer(domain)
                wrong["alternateEmail"] = .string("backup@\(domain)")
                try s.refused("Customers.Create", wrong, code: -32602, status: "INVALID_ARGUMENT", field: "alternateEmail", meta: meta)
                let created = try s.call("Customers.Create", s.domainCustomer(domain), meta: meta)
                try s.context.expect(created["primaryDomain"] == .string(domain), "the corrected call did not run")
            },
            flow(
                "idempotency.keys-scoped-to-method-params-on-public-methods",
                "WIRE.md §13: on Invitations.Accept (no token) a replay with the same key and code returns the recorded answer"
            ) { s in
                let (customerId, _, _) = try s.invite("idemaccept")
                let code = try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId)
                let meta: JSONObject = ["idempotencyKey": .string(s.context.unique("accept-"))]
                let first = try s.call("Invitations.Accept", ["token": .string(code)], meta: meta)
                let second = try s.call("Invitations.Accept", ["token": .string(code)], meta: meta)
                try s.context.expect(SchemaValidator.equal(first, second), "the replayed accept differs")
            },
        ]
    }

    /// Billing periods and invoices.
    static var invoices: [ConformanceCase] {
        [
            flow(
                "invoices.open-month-refused",
                "Invoices.CloseBillingPeriod: a month that has not ended is 9 FAILED_PRECONDITION naming billingMonth"
            ) { s in
                try s.refused("Invoices.CloseBillingPeriod", ["billingMonth": "2999-12"], code: 9, status: "FAILED_PRECONDITION", field: "billingMonth")
            },
            flow(
                "invoices.close-twice-issues-nothing-new",
                "Invoices.CloseBillingPeriod is idempotent: closing an ended month twice returns the same invoices"
            ) { s in
                let first = try s.call("Invoices.CloseBillingPeriod", ["billingMonth": "2001-01"])
                let second = try s.call("Invoices.CloseBillingPeriod", ["billingMonth": "2001-01"])
                try s.context.expect(first["billingMonth"] == "2001-01", "billingMonth \(first["billingMonth"] ?? .null)")
                let ids = { (value: JSONValue) in value["invoices"]?.arrayValue?.compactMap { $0["id"] } ?? [] }
                try s.context.expect(ids(first) == ids(second), "closing twice issued other invoices")
            },
            flow(
                "invoices.month-format-checked",
                "Invoices.CloseBillingPeriod: a billingMonth not YYYY-MM is -32602 naming billingMonth"
            ) { s in
                for bad in ["2026-13", "26-01", "2026/01"] {
                    try s.refused("Invoices.CloseBillingPeriod", ["billingMonth": .string(bad)], code: -32602, status: "INVALID_ARGUMENT", field: "billingMonth")
                }
            },
            flow(
                "invoices.existing-invoices-download",
                "Invoices.Get and Invoices.Download: every listed invoice is gettable; its lines add up to its subtotal; it downloads as base64 PDF (%PDF-, showing the number and the total) and CSV whose TOTAL row is the total"
            ) { s in
                let listed = try s.call("Invoices.List", ["pageSize": 3])["items"]?.arrayValue ?? []
                s.context.note("\(listed.count) invoices on this target (a fresh server has none: only ended months are billed)")
                for invoice in listed {
                    let id = invoice["id"]!
                    let fetched = try s.call("Invoices.Get", ["invoiceId": id])
                    try s.context.expect(SchemaValidator.equal(fetched, invoice), "Invoices.Get differs from Invoices.List")
                    let subtotal = invoice["subtotal"]?["minorUnits"]?.intValue ?? -1
                    let lines = invoice["lines"]?.arrayValue?.compactMap { $0["amount"]?["minorUnits"]?.intValue } ?? []
                    try s.context.expect(lines.reduce(0, +) == subtotal, "lines add up to \(lines.reduce(0, +)), subtotal is \(subtotal)")
                    let total = DomainSupport.formatted(minorUnits: subtotal)

                    let pdf = try s.call("Invoices.Download", ["invoiceId": id, "format": "PDF"])
                    try s.context.expect(pdf["contentType"] == "application/pdf", "PDF content type \(pdf["contentType"] ?? .null)")
                    guard let pdfBytes = DomainSupport.base64Decoded(pdf["data"]?.stringValue ?? "") else {
                        throw s.context.fail("the PDF data is not base64")
                    }
                    let pdfText = String(decoding: pdfBytes, as: UTF8.self)
                    try s.context.expect(pdfText.hasPrefix("%PDF-"), "the PDF does not start with %PDF-")
                    try s.context.expect(pdfText.contains(try s.string(invoice, "number")), "the PDF does not show the invoice number")
                    try s.context.expect(pdfText.contains(total), "the PDF does not show the total \(total)")

                    let csv = try s.call("Invoices.Download", ["invoiceId": id, "format": "CSV"])
                    try s.context.expect(csv["contentType"]?.stringValue?.hasPrefix("text/csv") == true, "CSV content type")
                    guard let csvBytes = DomainSupport.base64Decoded(csv["data"]?.stringValue ?? ""),
                        let csvText = String(validating: csvBytes, as: UTF8.self)
                    else { throw s.context.fail("the CSV data is not base64 UTF-8 text") }
                    let rows = csvText.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                    guard let totalRow = rows.first(where: { $0.contains { $0.trimmingCharacters(in: "\"") == "TOTAL" } }) else {
                        throw s.context.fail("the CSV has no TOTAL row")
                    }
                    try s.context.expect(
                        totalRow.contains { $0.trimmingCharacters(in: "\"") == total }, "the CSV TOTAL row \(totalRow) does not show \(total)")
                }
                try s.refused(
                    "Invoices.Get", ["invoiceId": .string(s.context.unique("ivc_missing_"))], code: 5, status: "NOT_FOUND")
                try s.refused(
                    "Invoices.Download", ["invoiceId": "ivc_x", "format": "XLSX"], code: -32602, status: "INVALID_ARGUMENT", field: "format")
            },
        ]
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var result = self
        while result.first == character { result = result.dropFirst() }
        while result.last == character { result = result.dropLast() }
        return result
    }
}
