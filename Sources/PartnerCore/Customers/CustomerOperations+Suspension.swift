/// Suspending and reactivating a customer, with its subscriptions.
extension CustomerOperations {
    /// `Customers.Suspend`: ACTIVE -> SUSPENDED. Every live subscription gets the reason
    /// CUSTOMER_SUSPENDED (and is SUSPENDED); the customer cannot buy or change seats until
    /// reactivated. Audited; emits `customer.suspended` and each subscription's event.
    /// - Throws: PERMISSION_DENIED (admin agents); NOT_FOUND `customerId`; ABORTED `etag`;
    ///   INVALID_ARGUMENT `reason` too long; FAILED_PRECONDITION `customerId` unless ACTIVE.
    public func suspend(
        _ customerId: String, etag: String? = nil, reason: String? = nil, caller: Caller, in tx: any StoreWriting
    ) throws -> Customer {
        try Policy.authorize(.customersSuspend, caller)
        let customer = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        try customer.checkEtag(etag, kind: "customer", id: customer.id)
        let reason = try CommerceJournal.reasonText(reason)
        try CustomerRules.requireState(customer, .active, to: "suspended")
        let before = Self.summary(customer)
        try changeSubscriptions(of: customer, operation: .customersSuspend, reason: reason, caller: caller, in: tx) {
            subscription in
            var reasons = Set(subscription.activeSuspensionReasons)
            reasons.insert(.customerSuspended)
            subscription.suspensionReasons = reasons.sorted()
            subscription.state = .suspended
        }
        var changed = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        changed.state = .suspended
        return try commit(
            changed, before: before, operation: .customersSuspend, event: "customer.suspended", caller: caller, in: tx)
    }

    /// `Customers.Reactivate`: SUSPENDED -> ACTIVE. CUSTOMER_SUSPENDED is lifted from every
    /// subscription; those with no reason left are ACTIVE again, the others stay SUSPENDED for
    /// their remaining reasons (e.g. one the reseller set itself).
    /// - Throws: PERMISSION_DENIED (admin agents); NOT_FOUND `customerId`; ABORTED `etag`;
    ///   INVALID_ARGUMENT `reason` too long; FAILED_PRECONDITION `customerId` unless SUSPENDED.
    public func reactivate(
        _ customerId: String, etag: String? = nil, reason: String? = nil, caller: Caller, in tx: any StoreWriting
    ) throws -> Customer {
        try Policy.authorize(.customersReactivate, caller)
        let customer = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        try customer.checkEtag(etag, kind: "customer", id: customer.id)
        let reason = try CommerceJournal.reasonText(reason)
        try CustomerRules.requireState(customer, .suspended, to: "reactivated")
        let before = Self.summary(customer)
        try changeSubscriptions(of: customer, operation: .customersReactivate, reason: reason, caller: caller, in: tx) {
            subscription in
            let reasons = subscription.activeSuspensionReasons.filter { $0 != .customerSuspended }
            guard reasons.count != subscription.activeSuspensionReasons.count else { return }
            subscription.suspensionReasons = reasons.isEmpty ? nil : reasons
            if reasons.isEmpty { subscription.state = .active }
        }
        var changed = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        changed.state = .active
        return try commit(
            changed, before: before, operation: .customersReactivate, event: "customer.reactivated", caller: caller,
            in: tx)
    }

    /// Applies `change` to each live subscription of `customer`; each one it changes gets the
    /// next version and a history entry, and the customer's subscription status is refreshed.
    private func changeSubscriptions(
        of customer: Customer, operation: Operation, reason: String?, caller: Caller, in tx: any StoreWriting,
        _ change: (inout Subscription) -> Void
    ) throws {
        let now = context.now()
        for before in try CommerceLookup.subscriptions(ofCustomer: customer.id, partnerId: caller.partnerId, in: tx)
        where before.state.isLive {
            var after = before
            change(&after)
            guard after != before else { continue }
            after.advanceVersion()
            after.updateTime = now
            try tx.put(after)
            let action: SubscriptionChange.Action = after.state == .active ? .activated : .suspended
            let why = after.activeSuspensionReasons.map(\.rawValue).joined(separator: ", ")
            try CommerceJournal.recordChange(
                action, operation: operation, before: before, after: after, reason: reason,
                defaultReason: after.state == .active
                    ? "customer \(customer.id) reactivated" : "suspended for \(why) (customer \(customer.id))",
                caller: caller, context: context, in: tx)
        }
        try CommerceJournal.refreshSubscriptionStatus(
            customerId: customer.id, partnerId: caller.partnerId, context: context, in: tx)
    }
}
