/// `Subscriptions.*`: read, change seats, suspend, activate, cancel. Every change checks the
/// optional etag (stale -> ABORTED), bumps the version, appends a history entry (who, what, why,
/// when), is audited and emits `subscription.<verb>`. Changes run inside one serialized write
/// transaction, so concurrent seat deltas either both apply or (with etags) one is ABORTED:
/// never a lost update.
public struct SubscriptionOperations: Sendable {
    /// The environment.
    public let context: DomainContext
    /// The catalogue seat limits come from.
    public let catalog: Catalog

    /// Creates the operations.
    public init(context: DomainContext, catalog: Catalog = .standard) {
        self.context = context
        self.catalog = catalog
    }

    /// `Subscriptions.Get`: the subscription and its history.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `subscriptionId` (also another partner's).
    public func get(_ subscriptionId: String, caller: Caller, in tx: any StoreReading) throws -> SubscriptionDetails {
        try Policy.authorize(.subscriptionsGet, caller)
        let subscription = try CommerceLookup.subscription(subscriptionId, of: caller.partnerId, in: tx)
        let history = try CommerceLookup.history(of: subscription.id, partnerId: caller.partnerId, in: tx)
        return SubscriptionDetails(subscription: subscription, history: history)
    }

    /// `Subscriptions.List`: the partner's subscriptions, oldest first, filtered.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `customerId` when given and not the partner's;
    ///   INVALID_ARGUMENT `pageSize` / `pageToken`.
    public func list(
        _ filter: SubscriptionFilter = SubscriptionFilter(), page: PageRequest, caller: Caller, in tx: any StoreReading
    ) throws -> Page<Subscription> {
        try Policy.authorize(.subscriptionsList, caller)
        var lookupKey: String?
        if let customerId = filter.customerId, !customerId.isEmpty {
            _ = try CommerceLookup.customer(customerId, of: caller.partnerId, in: tx)
            lookupKey = "customer:\(customerId)"
        }
        return try Page.collect(
            Subscription.self, partnerId: caller.partnerId, lookupKey: lookupKey, query: filter, request: page,
            tokens: context.pageTokens, in: tx,
            filter: { filter.state == nil || $0.state == filter.state }, transform: { $0 })
    }

    /// `Subscriptions.ChangeSeats`: to an absolute count or by a delta. Setting the count it
    /// already has changes nothing and returns the subscription as is.
    ///
    /// Rules, in order:
    /// - PERMISSION_DENIED: sales agents only.
    /// - NOT_FOUND `subscriptionId`; ABORTED `etag` when the given etag is stale.
    /// - `seatChangeForm`: INVALID_ARGUMENT `seats` (both or neither) / `delta` (zero);
    ///   INVALID_ARGUMENT `reason` too long.
    /// - `subscriptionStateMachine`: FAILED_PRECONDITION `subscriptionId` unless ACTIVE.
    /// - `ordersOnlyForActiveCustomers`: FAILED_PRECONDITION `customerId`.
    /// - `seatRange`: INVALID_ARGUMENT below 1, OUT_OF_RANGE above the SKU maximum, on the field
    ///   given (`seats` or `delta`).
    /// - `annualCommitment`: FAILED_PRECONDITION on that field when an ANNUAL plan would go
    ///   below its committed seats mid-term. Increases raise the commitment. The first change
    ///   after a term ended renews it (`annualRenewal`) and sets the new commitment.
    public func changeSeats(_ input: SeatChange, caller: Caller, in tx: any StoreWriting) throws -> Subscription {
        try Policy.authorize(.subscriptionsChangeSeats, caller)
        let before = try CommerceLookup.subscription(input.subscriptionId, of: caller.partnerId, in: tx)
        try before.checkEtag(input.etag, kind: "subscription", id: before.id)
        let (newSeats, field) = try CommerceRules.resolveSeatChange(
            current: before.seats, seats: input.seats, delta: input.delta)
        let reason = try CommerceJournal.reasonText(input.reason)
        try CommerceRules.requireState(before, in: [.active], to: "changed")
        let customer = try CommerceLookup.customer(before.customerId, of: caller.partnerId, in: tx)
        try CommerceRules.requireActiveCustomer(customer)
        let product = try product(of: before)
        try CommerceRules.requireSeatsInRange(newSeats, for: product, field: field)

        let now = context.now()
        var after = before
        let renewed = CommerceRules.renewCommitmentIfDue(&after, now: now)
        if !renewed { try CommerceRules.requireCommitmentKept(after, newSeats: newSeats, field: field) }
        guard newSeats != before.seats else { return before }
        after.seats = newSeats
        if renewed {
            after.committedSeats = newSeats
        } else if let committed = after.committedSeats, newSeats > committed {
            after.committedSeats = newSeats
        }
        after.advanceVersion()
        after.updateTime = now
        try tx.put(after)
        let verb = newSeats > before.seats ? "added \(newSeats - before.seats)" : "removed \(before.seats - newSeats)"
        try CommerceJournal.recordChange(
            .seatsChanged, operation: .subscriptionsChangeSeats, before: before, after: after, reason: reason,
            defaultReason: "\(verb) seats: \(before.seats) -> \(newSeats)", caller: caller, context: context, in: tx)
        return after
    }

    /// `Subscriptions.Suspend`: ACTIVE -> SUSPENDED. Billing continues (the licences stay held).
    /// - Throws: PERMISSION_DENIED (admin agents only); NOT_FOUND `subscriptionId`; ABORTED
    ///   `etag`; FAILED_PRECONDITION `subscriptionId` unless ACTIVE.
    public func suspend(_ input: SubscriptionTransition, caller: Caller, in tx: any StoreWriting) throws -> Subscription
    {
        try transition(
            input, operation: .subscriptionsSuspend, from: [.active], to: .suspended, action: .suspended,
            verb: "suspended",
            caller: caller, in: tx)
    }

    /// `Subscriptions.Activate`: SUSPENDED -> ACTIVE, for an ACTIVE customer, when the only
    /// suspension reason is RESELLER_INITIATED (`resellerLiftsOnlyItsOwnSuspension`).
    /// - Throws: PERMISSION_DENIED (admin agents only); NOT_FOUND `subscriptionId`; ABORTED
    ///   `etag`; FAILED_PRECONDITION `subscriptionId` unless SUSPENDED by a reseller alone, or
    ///   `customerId` unless the customer is ACTIVE.
    public func activate(_ input: SubscriptionTransition, caller: Caller, in tx: any StoreWriting) throws
        -> Subscription
    {
        try transition(
            input, operation: .subscriptionsActivate, from: [.suspended], to: .active, action: .activated,
            verb: "activated",
            caller: caller, in: tx)
    }

    /// `Subscriptions.Cancel`: ACTIVE or SUSPENDED -> CANCELLED, terminal. Billing ends after
    /// the day of cancellation; the SKU can then be bought again. A commitment (ANNUAL) plan
    /// only within 7 days of its purchase or renewal (`commitmentCancelWindow`).
    /// - Throws: PERMISSION_DENIED (sales agents only); NOT_FOUND `subscriptionId`; ABORTED
    ///   `etag`; FAILED_PRECONDITION `subscriptionId` when already CANCELLED, when a live add-on
    ///   depends on it (`baseOutlivesAddOns`), or past an annual plan's cancel window.
    public func cancel(_ input: SubscriptionTransition, caller: Caller, in tx: any StoreWriting) throws -> Subscription
    {
        try transition(
            input, operation: .subscriptionsCancel, from: [.active, .suspended], to: .cancelled, action: .cancelled,
            verb: "cancelled", caller: caller, in: tx)
    }

    /// `Subscriptions.UpdateRenewalSettings`: turns an ANNUAL plan's auto-renewal on or off.
    /// Off, the plan ends at `termEndTime` instead of renewing for a year (the way to end a
    /// commitment after its cancel window). Setting the value it has changes nothing.
    /// - Throws: PERMISSION_DENIED (sales agents only); NOT_FOUND `subscriptionId`; ABORTED
    ///   `etag`; FAILED_PRECONDITION `subscriptionId` for a plan without a term or a CANCELLED
    ///   subscription (`renewalSettingsNeedCommitment`).
    public func updateRenewalSettings(
        _ subscriptionId: String, autoRenew: Bool, etag: String? = nil, reason: String? = nil, caller: Caller,
        in tx: any StoreWriting
    ) throws -> Subscription {
        try Policy.authorize(.subscriptionsUpdateRenewalSettings, caller)
        let before = try CommerceLookup.subscription(subscriptionId, of: caller.partnerId, in: tx)
        try before.checkEtag(etag, kind: "subscription", id: before.id)
        let reason = try CommerceJournal.reasonText(reason)
        try CommerceRules.requireRenewable(before)
        guard before.renews != autoRenew else { return before }
        let now = context.now()
        var after = before
        after.autoRenew = autoRenew
        after.advanceVersion()
        after.updateTime = now
        try tx.put(after)
        try CommerceJournal.recordChange(
            .renewalChanged, operation: .subscriptionsUpdateRenewalSettings, before: before, after: after,
            reason: reason, defaultReason: "auto-renewal turned \(autoRenew ? "on" : "off") by \(caller.agentId)",
            caller: caller, context: context, in: tx)
        return after
    }

    private func transition(
        _ input: SubscriptionTransition, operation: Operation, from allowed: Set<SubscriptionState>,
        to target: SubscriptionState, action: SubscriptionChange.Action, verb: String, caller: Caller,
        in tx: any StoreWriting
    ) throws -> Subscription {
        try Policy.authorize(operation, caller)
        let before = try CommerceLookup.subscription(input.subscriptionId, of: caller.partnerId, in: tx)
        try before.checkEtag(input.etag, kind: "subscription", id: before.id)
        let reason = try CommerceJournal.reasonText(input.reason)
        try CommerceRules.requireState(before, in: allowed, to: verb)
        if target == .active { try CommerceRules.requireOnlyResellerSuspension(before) }
        if target == .active {
            try CommerceRules.requireActiveCustomer(
                try CommerceLookup.customer(before.customerId, of: caller.partnerId, in: tx))
        }
        if target == .cancelled {
            let live = try CommerceLookup.subscriptions(
                ofCustomer: before.customerId, partnerId: caller.partnerId, in: tx
            )
            .filter { $0.state.isLive }
            try CommerceRules.requireNoDependentAddOns(cancelling: before, live: live, catalog: catalog)
            try CommerceRules.requireCancellable(before, now: context.now())
        }
        let now = context.now()
        var after = before
        after.state = target
        after.suspensionReasons = target == .suspended ? [.resellerInitiated] : nil
        if target == .cancelled { after.cancelTime = now }
        after.advanceVersion()
        after.updateTime = now
        try tx.put(after)
        try CommerceJournal.recordChange(
            action, operation: operation, before: before, after: after, reason: reason,
            defaultReason: "\(verb) by \(caller.agentId)", caller: caller, context: context, in: tx)
        try CommerceJournal.refreshSubscriptionStatus(
            customerId: after.customerId, partnerId: caller.partnerId, context: context, in: tx)
        return after
    }

    /// The SKU of a subscription.
    /// - Throws: FAILED_PRECONDITION `subscriptionId` when the SKU has left the catalogue.
    private func product(of subscription: Subscription) throws -> Product {
        guard let product = catalog.product(subscription.skuId) else {
            throw DomainError.failedPrecondition(
                "SKU \(subscription.skuId) of subscription \(subscription.id) is no longer in the catalogue",
                field: "subscriptionId")
        }
        return product
    }
}
