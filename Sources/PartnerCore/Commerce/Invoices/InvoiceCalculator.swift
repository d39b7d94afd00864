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

    /// The line billing `subscription` for `month`, or `nil` when it held no seat that month.
    /// - Throws: OUT_OF_RANGE `amount` when the charge overflows (see `Proration`).
    public static func line(for subscription: Subscription, history: [SubscriptionChange], month: BillingMonth) throws
        -> InvoiceLine?
    {
        let timeline = SubscriptionChange.timeline(history)
        let seatDays = timeline.seatDays(in: month)
        guard seatDays > 0, let days = timeline.billedDays(in: month) else { return nil }
        let amount = try Proration.charge(
            unitPrice: subscription.unitPrice, seatDays: seatDays, daysInMonth: month.dayCount)
        return InvoiceLine(
            subscriptionId: subscription.id, skuId: subscription.skuId, description: subscription.productName,
            plan: subscription.plan, unitPrice: subscription.unitPrice, seatDays: seatDays, daysInMonth: month.dayCount,
            firstDay: days.first, lastDay: days.last, amount: amount)
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
