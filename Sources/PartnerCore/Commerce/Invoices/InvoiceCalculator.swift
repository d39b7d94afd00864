/// The pure part of closing a period: from subscriptions and their histories to invoice lines
/// grouped per customer and currency.
public enum InvoiceCalculator {
    /// One customer's lines in one currency.
    public struct Group: Sendable, Hashable {
        /// The customer.
        public var customerId: String
        /// The currency of every line.
        public var currency: CurrencyCode
        /// Lines in subscription-id order.
        public var lines: [InvoiceLine]
    }

    /// The lines billing `subscription` for `month`: one per plan it was billed on that month
    /// (a renewal onto another SKU, PLAN_CHANGED, bills the days from the change's UTC day on at
    /// the new terms), each omitted when it held no seat; empty when none was held.
    /// - Throws: OUT_OF_RANGE `amount` when a charge overflows (see `Proration`).
    public static func lines(for subscription: Subscription, history: [SubscriptionChange], month: BillingMonth)
        throws -> [InvoiceLine]
    {
        let timeline = SubscriptionChange.timeline(history)
        let changes = history.filter { $0.action == .planChanged }.sorted { $0.sequence < $1.sequence }
        // Each period: the terms and the midnight from which they bill (nil: from the start).
        var periods: [(from: Timestamp?, terms: PlanTerms)] = []
        let current = PlanTerms(subscription)
        periods.append((nil, changes.first?.fromTerms ?? current))
        for (index, change) in changes.enumerated() {
            let next = index + 1 < changes.count ? changes[index + 1].fromTerms ?? current : current
            periods.append((change.time.startOfDay, next))
        }
        var lines: [InvoiceLine] = []
        for (index, period) in periods.enumerated() {
            let until = index + 1 < periods.count ? periods[index + 1].from : nil
            guard let usage = timeline.usage(in: month, from: period.from, until: until) else { continue }
            let amount = try Proration.charge(
                unitPrice: period.terms.unitPrice, seatDays: usage.seatDays, daysInMonth: month.dayCount)
            lines.append(
                InvoiceLine(
                    subscriptionId: subscription.id, skuId: period.terms.skuId,
                    description: period.terms.productName, plan: period.terms.plan,
                    unitPrice: period.terms.unitPrice, seatDays: usage.seatDays, daysInMonth: month.dayCount,
                    firstDay: usage.first, lastDay: usage.last, amount: amount))
        }
        return lines
    }

    /// Whether `subscription` could hold seats in `month` at all (a cheap filter before reading
    /// its history): created before the month ends and not cancelled before it starts.
    public static func mayBill(_ subscription: Subscription, in month: BillingMonth) -> Bool {
        guard subscription.createTime < month.end else { return false }
        if let cancelled = subscription.cancelTime, cancelled < month.start { return false }
        return true
    }

    /// Groups lines per customer and currency, in order of first appearance.
    public static func group(_ lines: [(customerId: String, line: InvoiceLine)]) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for (customerId, line) in lines {
            let key = "\(customerId)|\(line.amount.currency)"
            if let at = index[key] {
                groups[at].lines.append(line)
            } else {
                index[key] = groups.count
                groups.append(Group(customerId: customerId, currency: line.amount.currency, lines: [line]))
            }
        }
        return groups
    }
}
