/// The question `Customers.Delete` asks commerce: does this customer still have live
/// (not cancelled) subscriptions? Commerce implements it by listing its subscription records
/// with lookup key `customer:<customerId>` inside the same transaction.
///
/// ```swift
/// struct SubscriptionLiveness: LiveSubscriptionChecking {
///     func hasLiveSubscriptions(partnerId: String, customerId: String, in tx: any StoreReading) throws -> Bool {
///         try tx.list(Subscription.self, partnerId: partnerId, lookupKey: "customer:\(customerId)",
///                     after: nil, limit: .max).contains { $0.state != .cancelled }
///     }
/// }
/// ```
public protocol LiveSubscriptionChecking: Sendable {
    /// Whether customer `customerId` of `partnerId` has at least one live subscription.
    func hasLiveSubscriptions(partnerId: String, customerId: String, in tx: any StoreReading) throws -> Bool
}

/// No commerce attached: no customer ever has live subscriptions.
public struct NoLiveSubscriptions: LiveSubscriptionChecking {
    /// Creates the null checker.
    public init() {}
    /// Always `false`.
    public func hasLiveSubscriptions(partnerId: String, customerId: String, in tx: any StoreReading) throws -> Bool {
        false
    }
}
