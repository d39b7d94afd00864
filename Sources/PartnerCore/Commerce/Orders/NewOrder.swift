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
    /// Order a trial: held for `Subscription.trialDays` without billing, until
    /// `Subscriptions.StartPaidService` converts it or it ends.
    public var trial: Bool

    /// Creates an order request.
    public init(customerId: String, sku: String, seats: Int, reason: String? = nil, trial: Bool = false) {
        self.customerId = customerId
        self.sku = sku
        self.seats = seats
        self.reason = reason
        self.trial = trial
    }
}
