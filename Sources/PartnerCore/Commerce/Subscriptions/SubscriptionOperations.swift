/// `Subscriptions.*`: read, change seats, suspend, activate, cancel, renewal settings, start
/// paid service of a trial. Every change checks the
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

    /// How many of the most recent history entries `Subscriptions.Get` returns.
    public static let recentHistoryLimit = 20

    /// `Subscriptions.Get`: the subscription as it stands now (`Subscription.settled(at:)`) and
    /// its `recentHistoryLimit` most recent changes, with whether older ones exist
    /// (`Subscriptions.ListHistory` pages through them all).
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `subscriptionId` (also another partner's).
    public func get(_ subscriptionId: String, caller: Caller, in tx: any StoreReading) throws -> SubscriptionDetails {
        try Policy.authorize(.subscriptionsGet, caller)
        let subscription = try CommerceLookup.subscription(subscriptionId, of: caller.partnerId, in: tx)
        let recent = try CommerceLookup.recentHistory(
            of: subscription.id, partnerId: caller.partnerId, limit: Self.recentHistoryLimit, in: tx)
        return SubscriptionDetails(
            subscription: subscription.settled(at: context.now()), history: recent.entries,
            historyTruncated: recent.truncated)
    }

    /// `Subscriptions.ListHistory`: a subscription's whole history, one page at a time, oldest
    /// first (in store order: entries written before schema 2 may page out of sequence order);
    /// page tokens are bound to the subscription.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `subscriptionId` (also another partner's);
    ///   INVALID_ARGUMENT `pageSize` / `pageToken`.
    public func listHistory(
        _ subscriptionId: String, page: PageRequest, caller: Caller, in tx: any StoreReading
    ) throws -> Page<SubscriptionChange> {
        try Policy.authorize(.subscriptionsListHistory, caller)
        let subscription = try CommerceLookup.subscription(subscriptionId, of: caller.partnerId, in: tx)
        return try Page.collect(
            SubscriptionChange.self, partnerId: caller.partnerId, lookupKey: "target:\(subscription.id)",
            query: "history:\(subscription.id)", request: page, tokens: context.pageTokens, in: tx,
            transform: { $0 })
    }

    /// `Subscriptions.List`: the partner's subscriptions as they stand now
    /// (`Subscription.settled(at:)`), oldest first, filtered.
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
        let now = context.now()
        return try Page.collect(
            Subscription.self, partnerId: caller.partnerId, lookupKey: lookupKey, query: filter, request: page,
            tokens: context.pageTokens, in: tx,
            filter: { filter.state == nil || $0.settled(at: now).state == filter.state },
            transform: { $0.settled(at: now) })
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
    ///   after a term ended renews it (`annualRenewal`) and sets the new commitment; a pending
    ///   renewal SKU takes effect then (`renewalPlanAtRenewal`), recorded as its own
    ///   PLAN_CHANGED entry dated at the term end (billing uses the new terms from that day),
    ///   before the seat change; the seat range is that SKU's.
    /// - A trial past its end has ended first (`trialEnds`); seats of a running trial change
    ///   freely and are not billed.
    public func changeSeats(_ input: SeatChange, caller: Caller, in tx: any StoreWriting) throws -> Subscription {
        try Policy.authorize(.subscriptionsChangeSeats, caller)
        let stored = try CommerceLookup.subscription(input.subscriptionId, of: caller.partnerId, in: tx)
        try stored.checkEtag(input.etag, kind: "subscription", id: stored.id)
        var before = try CommerceJournal.recordDueChanges(
            stored, operation: .subscriptionsChangeSeats, caller: caller, context: context, in: tx)
        let (newSeats, field) = try CommerceRules.resolveSeatChange(
            current: before.seats, seats: input.seats, delta: input.delta)
        let reason = try CommerceJournal.reasonText(input.reason)
        try CommerceRules.requireState(before, in: [.active], to: "changed")
        let customer = try CommerceLookup.customer(before.customerId, of: caller.partnerId, in: tx)
        try CommerceRules.requireActiveCustomer(customer)

        let now = context.now()
        var after = before
        let renewed = CommerceRules.renewCommitmentIfDue(&after, now: now, catalog: catalog)
        try CommerceRules.requireSeatsInRange(newSeats, for: try product(of: after), field: field)
        if !renewed { try CommerceRules.requireCommitmentKept(after, newSeats: newSeats, field: field) }
        if after.skuId != before.skuId {
            try tx.putNextVersion(&after, at: now)
            try CommerceJournal.recordChange(
                .planChanged, operation: .subscriptionsChangeSeats, before: before, after: after, reason: nil,
                defaultReason:
                    "renewed on \(after.skuId) (was \(before.skuId)) at \(before.termEndTime?.rfc3339 ?? "-"), the renewal plan set for that term",
                effectiveTime: before.termEndTime, caller: caller, context: context, in: tx)
            before = after
        }
        guard newSeats != before.seats else { return before }
        after.seats = newSeats
        if renewed && after.plan.hasSeatCommitment {
            after.committedSeats = newSeats
        } else if let committed = after.committedSeats, newSeats > committed {
            after.committedSeats = newSeats
        }
        try tx.putNextVersion(&after, at: now)
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

    /// `Subscriptions.UpdateRenewalSettings`: turns an ANNUAL plan's auto-renewal on or off,
    /// and sets or clears the SKU it moves to at its next renewal. Off, the plan ends at
    /// `termEndTime` instead of renewing for a year (the way to end a commitment after its
    /// cancel window), and a pending renewal SKU is dropped. `renewalSku` absent keeps the
    /// pending one, empty (or the current SKU) clears it, another SKU of the family sets it
    /// (`renewalPlanFromCatalog`; applied by `renewalPlanAtRenewal`). Setting what it has
    /// changes nothing.
    /// - Throws: PERMISSION_DENIED (sales agents only); NOT_FOUND `subscriptionId`; ABORTED
    ///   `etag`; FAILED_PRECONDITION `subscriptionId` for a plan without a term or a CANCELLED
    ///   subscription (`renewalSettingsNeedCommitment`); for a renewal SKU, what
    ///   `CommerceRules.requireRenewalPlan` throws (INVALID_ARGUMENT / FAILED_PRECONDITION
    ///   `renewalSku`, FAILED_PRECONDITION `subscriptionId` unless ACTIVE and past its trial).
    public func updateRenewalSettings(
        _ subscriptionId: String, autoRenew: Bool, renewalSku: String? = nil, etag: String? = nil,
        reason: String? = nil, caller: Caller, in tx: any StoreWriting
    ) throws -> Subscription {
        try Policy.authorize(.subscriptionsUpdateRenewalSettings, caller)
        let stored = try CommerceLookup.subscription(subscriptionId, of: caller.partnerId, in: tx)
        try stored.checkEtag(etag, kind: "subscription", id: stored.id)
        let before = try CommerceJournal.recordDueChanges(
            stored, operation: .subscriptionsUpdateRenewalSettings, caller: caller, context: context, in: tx)
        let reason = try CommerceJournal.reasonText(reason)
        try CommerceRules.requireRenewable(before)
        let now = context.now()
        var renewalSkuId = autoRenew ? before.renewalSkuId : nil
        if let renewalSku {
            let requested = FieldRules.trim(renewalSku)
            if requested.isEmpty || requested == before.skuId {
                renewalSkuId = nil
            } else {
                let customer = try CommerceLookup.customer(before.customerId, of: caller.partnerId, in: tx)
                try CommerceRules.requireRenewalPlan(
                    requested, for: before, autoRenew: autoRenew, customer: customer, catalog: catalog, now: now)
                renewalSkuId = requested
            }
        }
        guard before.renews != autoRenew || before.renewalSkuId != renewalSkuId else { return before }
        var after = before
        after.autoRenew = autoRenew
        after.renewalSkuId = renewalSkuId
        try tx.putNextVersion(&after, at: now)
        var change = "auto-renewal \(autoRenew ? "on" : "off")"
        if after.renewalSkuId != before.renewalSkuId {
            change += after.renewalSkuId.map { ", renews on \($0)" } ?? ", renews on the same SKU"
        }
        try CommerceJournal.recordChange(
            .renewalChanged, operation: .subscriptionsUpdateRenewalSettings, before: before, after: after,
            reason: reason, defaultReason: "\(change) set by \(caller.agentId)",
            caller: caller, context: context, in: tx)
        return after
    }

    /// `Subscriptions.StartPaidService`: converts a running trial to paid service now (Cloud
    /// Channel's StartPaidService): billing starts from this moment, an ANNUAL plan's first
    /// term and commitment start now. History PAID_SERVICE_STARTED, audited, event
    /// `subscription.paid_service_started`.
    ///
    /// Rules, in order: PERMISSION_DENIED (sales agents only); NOT_FOUND `subscriptionId`;
    /// ABORTED `etag`; INVALID_ARGUMENT `reason`; a trial past its end has ended (`trialEnds`);
    /// `paidServiceOnlyFromTrial`: FAILED_PRECONDITION `subscriptionId` unless a running
    /// trial; `subscriptionStateMachine`: FAILED_PRECONDITION `subscriptionId` unless ACTIVE;
    /// `ordersOnlyForActiveCustomers`: FAILED_PRECONDITION `customerId`.
    public func startPaidService(_ input: SubscriptionTransition, caller: Caller, in tx: any StoreWriting) throws
        -> Subscription
    {
        try Policy.authorize(.subscriptionsStartPaidService, caller)
        let stored = try CommerceLookup.subscription(input.subscriptionId, of: caller.partnerId, in: tx)
        try stored.checkEtag(input.etag, kind: "subscription", id: stored.id)
        let reason = try CommerceJournal.reasonText(input.reason)
        let before = try CommerceJournal.recordDueChanges(
            stored, operation: .subscriptionsStartPaidService, caller: caller, context: context, in: tx)
        let now = context.now()
        try CommerceRules.requireTrial(before, now: now)
        try CommerceRules.requireState(before, in: [.active], to: "converted to paid service")
        try CommerceRules.requireActiveCustomer(
            try CommerceLookup.customer(before.customerId, of: caller.partnerId, in: tx))
        var after = before
        after.trialEndTime = nil
        if after.plan.hasSeatCommitment {
            after.termStartTime = now
            after.termEndTime = Subscription.oneYear(after: now)
            after.committedSeats = after.seats
        }
        try tx.putNextVersion(&after, at: now)
        try CommerceJournal.recordChange(
            .paidServiceStarted, operation: .subscriptionsStartPaidService, before: before, after: after,
            reason: reason, defaultReason: "trial converted to paid service by \(caller.agentId); billed from now",
            caller: caller, context: context, in: tx)
        return after
    }

    private func transition(
        _ input: SubscriptionTransition, operation: Operation, from allowed: Set<SubscriptionState>,
        to target: SubscriptionState, action: SubscriptionChange.Action, verb: String, caller: Caller,
        in tx: any StoreWriting
    ) throws -> Subscription {
        try Policy.authorize(operation, caller)
        let stored = try CommerceLookup.subscription(input.subscriptionId, of: caller.partnerId, in: tx)
        try stored.checkEtag(input.etag, kind: "subscription", id: stored.id)
        let reason = try CommerceJournal.reasonText(input.reason)
        let before = try CommerceJournal.recordDueChanges(
            stored, operation: operation, caller: caller, context: context, in: tx)
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
        try tx.putNextVersion(&after, at: now)
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
