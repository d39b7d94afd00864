/// `Subscriptions.Get` result: the subscription and its whole history, oldest first.
public struct SubscriptionDetails: Sendable, Equatable, Codable {
    /// The subscription.
    public var subscription: Subscription
    /// Every change: who, what, why, when.
    public var history: [SubscriptionChange]

    /// Creates details.
    public init(subscription: Subscription, history: [SubscriptionChange]) {
        self.subscription = subscription
        self.history = history
    }
}
