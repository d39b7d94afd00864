/// `Orders.Place` input: buy `seats` seats of `sku` for `customerId`.
public struct NewOrder: Sendable, Hashable, Codable {
    /// The customer to buy for (must be ACTIVE).
    public var customerId: String
    /// The SKU to buy (wire field `sku`).
    public var sku: String
    /// Seats to buy: 1...the SKU's maximum.
    public var seats: Int
    /// Why, for the subscription's history (optional, up to 500 characters).
    public var reason: String?

    /// Creates an order request.
    public init(customerId: String, sku: String, seats: Int, reason: String? = nil) {
        self.customerId = customerId
        self.sku = sku
        self.seats = seats
        self.reason = reason
    }
}
