/// `Orders.Place` result: the order and the subscription it created.
public struct PlacedOrder: Sendable, Equatable, Codable {
    /// The order.
    public var order: Order
    /// The new ACTIVE subscription.
    public var subscription: Subscription

    /// Creates a result.
    public init(order: Order, subscription: Subscription) {
        self.order = order
        self.subscription = subscription
    }
}
