/// One charge on an invoice: one subscription's seat-days in the billing month.
public struct InvoiceLine: Sendable, Hashable, Codable {
    /// The subscription billed.
    public var subscriptionId: String
    /// Its SKU.
    public var skuId: String
    /// The SKU's display name at closing time.
    public var description: String
    /// The SKU's plan.
    public var plan: BillingPlan
    /// Price per seat per month.
    public var unitPrice: Money
    /// Seats summed over the billed days (see `SeatTimeline.seatDays(in:)`).
    public var seatDays: Int64
    /// Days in the billing month (the proration divisor).
    public var daysInMonth: Int
    /// First billed day (midnight UTC).
    public var firstDay: Timestamp
    /// Last billed day (midnight UTC), inclusive.
    public var lastDay: Timestamp
    /// `unitPrice × seatDays / daysInMonth`, rounded half up (see `Proration`).
    public var amount: Money

    /// Creates a line.
    public init(
        subscriptionId: String, skuId: String, description: String, plan: BillingPlan, unitPrice: Money,
        seatDays: Int64, daysInMonth: Int, firstDay: Timestamp, lastDay: Timestamp, amount: Money
    ) {
        self.subscriptionId = subscriptionId
        self.skuId = skuId
        self.description = description
        self.plan = plan
        self.unitPrice = unitPrice
        self.seatDays = seatDays
        self.daysInMonth = daysInMonth
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.amount = amount
    }
}
