/// `Subscriptions.Suspend` / `Activate` / `Cancel` input.
public struct SubscriptionTransition: Sendable, Hashable, Codable {
    /// The subscription.
    public var subscriptionId: String
    /// The etag the caller read; when given and stale the change is refused with ABORTED.
    public var etag: String?
    /// Why, for the history (optional, up to 500 characters).
    public var reason: String?

    /// Creates a transition request.
    public init(subscriptionId: String, etag: String? = nil, reason: String? = nil) {
        self.subscriptionId = subscriptionId
        self.etag = etag
        self.reason = reason
    }
}
