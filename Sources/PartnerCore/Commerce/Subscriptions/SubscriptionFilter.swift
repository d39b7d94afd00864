/// `Subscriptions.List` filters; every given one must match.
public struct SubscriptionFilter: Sendable, Hashable, Codable {
    /// Only this customer's subscriptions.
    public var customerId: String?
    /// Only subscriptions in this state.
    public var state: SubscriptionState?

    /// Creates a filter (empty: everything).
    public init(customerId: String? = nil, state: SubscriptionState? = nil) {
        self.customerId = customerId
        self.state = state
    }
}

extension SubscriptionFilter: PageQuery {
    private static let reflectedTypeName = String(reflecting: SubscriptionFilter.self)

    /// The filter as `String(reflecting:)` writes it.
    public var pageBinding: String {
        PageQueryText(typeName: Self.reflectedTypeName).field("customerId", customerId).field("state", state).result()
    }
}
