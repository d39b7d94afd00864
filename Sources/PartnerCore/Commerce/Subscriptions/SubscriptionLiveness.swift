/// Commerce's answer to `Customers.Delete`'s question: does the customer still have live (not
/// cancelled) subscriptions? Plug it into `DomainContext.liveSubscriptions`.
///
/// ```swift
/// let context = DomainContext.simulated(clock: clock, liveSubscriptions: SubscriptionLiveness())
/// ```
public struct SubscriptionLiveness: LiveSubscriptionChecking {
    /// Creates the checker.
    public init() {}

    /// Whether customer `customerId` of `partnerId` holds an ACTIVE or SUSPENDED subscription,
    /// read inside the caller's transaction.
    public func hasLiveSubscriptions(partnerId: String, customerId: String, in tx: any StoreReading) throws -> Bool {
        try CommerceLookup.subscriptions(ofCustomer: customerId, partnerId: partnerId, in: tx).contains {
            $0.state.isLive
        }
    }
}
