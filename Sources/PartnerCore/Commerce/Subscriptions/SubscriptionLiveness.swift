/// Commerce's answer to `Customers.Delete`'s question: does the customer still have live (not
/// cancelled) subscriptions? Plug it into `DomainContext.liveSubscriptions`.
///
/// ```swift
/// let context = DomainContext.simulated(clock: clock, liveSubscriptions: SubscriptionLiveness(clock: clock))
/// ```
public struct SubscriptionLiveness: LiveSubscriptionChecking {
    /// The clock a trial's end is judged by; `nil` judges by the stored state alone.
    public let clock: (any DomainClock)?

    /// Creates the checker.
    /// - Parameter clock: the domain's clock, so that a trial past its end (not yet recorded
    ///   as ended) no longer counts as live.
    public init(clock: (any DomainClock)? = nil) {
        self.clock = clock
    }

    /// Whether customer `customerId` of `partnerId` holds an ACTIVE or SUSPENDED subscription,
    /// read inside the caller's transaction.
    public func hasLiveSubscriptions(partnerId: String, customerId: String, in tx: any StoreReading) throws -> Bool {
        let now = clock?.now()
        return try CommerceLookup.subscriptions(ofCustomer: customerId, partnerId: partnerId, in: tx).contains {
            subscription in (now.map { subscription.settled(at: $0) } ?? subscription).state.isLive
        }
    }
}
