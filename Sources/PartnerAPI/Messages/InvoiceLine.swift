public import FramedJSON

/// One subscription's charge for a billing month.
public struct InvoiceLine: Codable, Sendable, Hashable, JSONCodable {
    /// Subscription.
    public var subscriptionId: String
    /// SKU.
    public var sku: String
    /// Text.
    public var description: String
    /// Seat-days billed.
    public var seatDays: Int
    /// Price per seat per month.
    public var unitPrice: Money
    /// Line amount.
    public var amount: Money

    /// Creates the message.
    public init(
        subscriptionId: String, sku: String, description: String, seatDays: Int, unitPrice: Money, amount: Money
    ) {
        self.subscriptionId = subscriptionId
        self.sku = sku
        self.description = description
        self.seatDays = seatDays
        self.unitPrice = unitPrice
        self.amount = amount
    }
}
