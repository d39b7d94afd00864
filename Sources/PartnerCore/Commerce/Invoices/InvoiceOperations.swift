/// `Invoices.*`: closing a billing month into per-customer invoices, and reading them.
public struct InvoiceOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) {
        self.context = context
    }

    /// `Invoices.CloseBillingPeriod`: issues one invoice per customer (and currency) with seat
    /// usage in `billingMonth` ("YYYY-MM"), lines from seat-days (see `Proration`), numbered
    /// `INV-YYYYMM-NNNNN`. Idempotent: an invoice already issued for a customer and month is
    /// returned as it is, never issued twice (rule `closeIsIdempotent`, backed by the invoice's
    /// unique period key). Each new invoice is audited, emits `invoice.issued` and queues a
    /// notice to the customer's primary admin email. Trials past their end are recorded as
    /// ended (`trialEnds`).
    /// - Throws: PERMISSION_DENIED (admin agents only); INVALID_ARGUMENT `billingMonth` when not
    ///   "YYYY-MM"; FAILED_PRECONDITION `billingMonth` before the month has ended
    ///   (`closeEndedMonthsOnly`).
    public func closeBillingPeriod(_ billingMonth: String, caller: Caller, in tx: any StoreWriting) throws
        -> BillingPeriodClosing
    {
        try Policy.authorize(.invoicesCloseBillingPeriod, caller)
        let month = try Self.month(billingMonth)
        let now = context.now()
        try CommerceRules.requireEnded(month, now: now)

        var billed: [(customerId: String, line: InvoiceLine)] = []
        var cursor: String?
        while true {
            let batch = try tx.list(
                Subscription.self, partnerId: caller.partnerId, lookupKey: nil, after: cursor, limit: 500)
            for stored in batch {
                // A trial past its end is recorded as ended here too (`trialEnds`); trials bill nothing.
                let subscription = try CommerceJournal.recordDueChanges(
                    stored, operation: .invoicesCloseBillingPeriod, caller: caller, context: context, in: tx)
                guard InvoiceCalculator.mayBill(subscription, in: month) else { continue }
                let history = try CommerceLookup.history(of: subscription.id, partnerId: caller.partnerId, in: tx)
                for line in try InvoiceCalculator.lines(for: subscription, history: history, month: month) {
                    billed.append((subscription.customerId, line))
                }
            }
            guard let last = batch.last, batch.count == 500 else { break }
            cursor = last.id
        }

        var invoices: [Invoice] = []
        var issued = 0
        for group in InvoiceCalculator.group(billed) {
            let key = Invoice.periodKey(
                partnerId: caller.partnerId, customerId: group.customerId, month: month, currency: group.currency)
            if let existing = try tx.find(Invoice.self, uniqueKey: key) {
                invoices.append(existing)
                continue
            }
            invoices.append(try issue(group, month: month, caller: caller, now: now, in: tx))
            issued += 1
        }
        return BillingPeriodClosing(
            billingMonth: month, invoices: invoices.sorted { $0.number < $1.number }, issuedCount: issued)
    }

    /// `Invoices.List`: the partner's invoices, oldest first, optionally of one customer and/or
    /// one month.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `customerId` when given and not the partner's;
    ///   INVALID_ARGUMENT `billingMonth`, `pageSize`, `pageToken`.
    public func list(
        _ filter: InvoiceFilter = InvoiceFilter(), page: PageRequest, caller: Caller, in tx: any StoreReading
    ) throws -> Page<Invoice> {
        try Policy.authorize(.invoicesList, caller)
        let month = try filter.billingMonth.flatMap { $0.isEmpty ? nil : $0 }.map(Self.month)
        var lookupKey = month.map { "month:\($0)" }
        if let customerId = filter.customerId, !customerId.isEmpty {
            // Invoices outlive their customer: a deleted customer's invoices stay listable.
            guard let customer = try tx.get(Customer.self, id: customerId), customer.partnerId == caller.partnerId
            else {
                throw DomainError.notFound("customer", customerId, field: "customerId")
            }
            lookupKey = "customer:\(customerId)"
        }
        return try Page.collect(
            Invoice.self, partnerId: caller.partnerId, lookupKey: lookupKey, query: filter, request: page,
            tokens: context.pageTokens, in: tx,
            filter: { month == nil || $0.billingMonth == month }, transform: { $0 })
    }

    /// `Invoices.Get`.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `invoiceId` (also another partner's).
    public func get(_ invoiceId: String, caller: Caller, in tx: any StoreReading) throws -> Invoice {
        try Policy.authorize(.invoicesGet, caller)
        return try CommerceLookup.invoice(invoiceId, of: caller.partnerId, in: tx)
    }

    /// `Invoices.Download`: the invoice rendered as `format` ("PDF" or "CSV").
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `invoiceId`; INVALID_ARGUMENT `format`.
    public func download(_ invoiceId: String, format: String, caller: Caller, in tx: any StoreReading) throws
        -> InvoiceDocument
    {
        try Policy.authorize(.invoicesDownload, caller)
        guard let parsed = InvoiceFormat(rawValue: format.uppercased()) else {
            throw DomainError.invalid(field: "format", reason: "is \(format); it must be PDF or CSV")
        }
        let invoice = try CommerceLookup.invoice(invoiceId, of: caller.partnerId, in: tx)
        return InvoiceDocument(rendering: invoice, as: parsed)
    }

    private func issue(
        _ group: InvoiceCalculator.Group, month: BillingMonth, caller: Caller, now: Timestamp, in tx: any StoreWriting
    ) throws -> Invoice {
        let customer = try tx.get(Customer.self, id: group.customerId)
        let sequence = try tx.nextSequence(InvoiceNumber.sequenceName(partnerId: caller.partnerId, month: month))
        guard let number = InvoiceNumber(month: month, sequence: sequence) else {
            throw DomainError(.failedPrecondition, "invoice sequence produced \(sequence)")
        }
        let invoice = try Invoice(
            id: context.ids.next("inv"), partnerId: caller.partnerId, customerId: group.customerId,
            customerName: customer?.displayName ?? group.customerId, number: number, currency: group.currency,
            lines: group.lines, createTime: now)
        try tx.put(invoice)
        let facts = [
            "customerId": invoice.customerId, "number": invoice.number.description, "billingMonth": month.description,
            "total": invoice.total.description,
        ]
        try Audit.record(
            .invoicesCloseBillingPeriod, target: invoice.id, after: facts, caller: caller, context: context, in: tx)
        try Events.emit(
            "invoice.issued", resourceId: invoice.id, customerId: invoice.customerId, data: facts,
            partnerId: caller.partnerId, context: context, in: tx)
        if let customer {
            try Outbox.send(
                to: [customer.primaryAdminEmail],
                subject: "Invoice \(invoice.number) for \(month)",
                text: """
                    Invoice \(invoice.number) for \(customer.displayName), billing month \(month), is available.
                    Total due: \(invoice.total).
                    """,
                kind: .notice, related: [invoice.id, customer.id], partnerId: caller.partnerId, context: context, in: tx
            )
        }
        return invoice
    }

    /// Parses "YYYY-MM".
    /// - Throws: INVALID_ARGUMENT `billingMonth`.
    static func month(_ text: String) throws -> BillingMonth {
        guard let month = BillingMonth(text) else {
            throw DomainError.invalid(field: "billingMonth", reason: "is \"\(text)\"; expected YYYY-MM")
        }
        return month
    }
}
