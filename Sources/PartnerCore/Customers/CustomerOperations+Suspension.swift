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
        try move(
            customerId, from: .active, to: .suspended, etag: etag, reason: reason, operation: .customersSuspend,
            event: "customer.suspended", caller: caller, in: tx
        ) { subscription in
            var reasons = Set(subscription.activeSuspensionReasons)
            reasons.insert(.customerSuspended)
            subscription.suspensionReasons = reasons.sorted()
            subscription.state = .suspended
        }
    }

    /// `Customers.Reactivate`: SUSPENDED -> ACTIVE. CUSTOMER_SUSPENDED is lifted from every
    /// subscription; those with no reason left are ACTIVE again, the others stay SUSPENDED for
    /// their remaining reasons (e.g. one the reseller set itself).
    /// - Throws: PERMISSION_DENIED (admin agents); NOT_FOUND `customerId`; ABORTED `etag`;
    ///   INVALID_ARGUMENT `reason` too long; FAILED_PRECONDITION `customerId` unless SUSPENDED.
    public func reactivate(
        _ customerId: String, etag: String? = nil, reason: String? = nil, caller: Caller, in tx: any StoreWriting
    ) throws -> Customer {
        try move(
            customerId, from: .suspended, to: .active, etag: etag, reason: reason, operation: .customersReactivate,
            event: "customer.reactivated", caller: caller, in: tx
        ) { subscription in
            let reasons = subscription.activeSuspensionReasons.filter { $0 != .customerSuspended }
            guard reasons.count != subscription.activeSuspensionReasons.count else { return }
            subscription.suspensionReasons = reasons.isEmpty ? nil : reasons
            if reasons.isEmpty { subscription.state = .active }
        }
    }

    /// Moves the customer from `state` to `target` (authorized for `operation`, etag checked),
    /// first applying `change` to its live subscriptions; audited as `operation`, emits `event`.
    private func move(
        _ customerId: String, from state: CustomerState, to target: CustomerState, etag: String?, reason: String?,
        operation: Operation, event: String, caller: Caller, in tx: any StoreWriting,
        _ change: (inout Subscription) -> Void
    ) throws -> Customer {
        try Policy.authorize(operation, caller)
        let customer = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        try customer.checkEtag(etag, kind: "customer", id: customer.id)
        let reason = try CommerceJournal.reasonText(reason)
        try CustomerRules.requireState(customer, state, to: target == .active ? "reactivated" : "suspended")
        let before = Self.summary(customer)
        try changeSubscriptions(of: customer, operation: operation, reason: reason, caller: caller, in: tx, change)
        var changed = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        changed.state = target
        return try commit(changed, before: before, operation: operation, event: event, caller: caller, in: tx)
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
            try tx.putNextVersion(&after, at: now)
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
