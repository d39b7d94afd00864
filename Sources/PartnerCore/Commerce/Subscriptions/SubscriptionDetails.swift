/// `Subscriptions.Get` result: the subscription and the most recent part of its history,
/// oldest first; `Subscriptions.ListHistory` pages through all of it.
public struct SubscriptionDetails: Sendable, Equatable, Codable {
    /// The subscription.
    public var subscription: Subscription
    /// The most recent changes (at most `SubscriptionOperations.recentHistoryLimit`): who,
    /// what, why, when.
    public var history: [SubscriptionChange]
    /// Whether older changes exist than those in `history`.
    public var historyTruncated: Bool

    /// Creates details.
    public init(subscription: Subscription, history: [SubscriptionChange], historyTruncated: Bool = false) {
        self.subscription = subscription
        self.history = history
        self.historyTruncated = historyTruncated
    }
}
