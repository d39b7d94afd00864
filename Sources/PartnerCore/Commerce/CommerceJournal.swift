/// Writes what every subscription change leaves behind, inside the change's transaction: the
/// history entry, the audit entry, the event, and the customer's subscription status summary.
enum CommerceJournal {
    /// Appends a history entry, audits and emits `subscription.<verb>` for a change from
    /// `before` (nil when created) to `after`. `reason` is the caller's, already checked by
    /// `reasonText`; `defaultReason` stands in when it is absent. `effectiveTime` dates the
    /// history entry when the change took effect before it was recorded (a renewal recorded
    /// lazily); the audit entry and the event carry the time of recording.
    @discardableResult
    static func recordChange(
        _ action: SubscriptionChange.Action, operation: Operation, before: Subscription?, after: Subscription,
        reason: String?, defaultReason: String, effectiveTime: Timestamp? = nil, caller: Caller,
        context: DomainContext, in tx: any StoreWriting
    ) throws -> SubscriptionChange {
        // The subscription's version numbers its history: it starts at 1 with the order and
        // every change advances it once, in this same transaction. No counter row to update.
        var change = SubscriptionChange(
            id: context.ids.next("sch"), partnerId: after.partnerId, subscriptionId: after.id,
            customerId: after.customerId, sequence: after.version,
            action: action, fromSeats: before?.seats, toSeats: after.seats, stateBefore: before?.state,
            stateAfter: after.state, caller: caller, reason: reason ?? defaultReason,
            time: effectiveTime ?? context.now())
        if action == .planChanged { change.fromTerms = before.map(PlanTerms.init) }
        try tx.put(change)
        try Audit.recordChange(
            operation, target: after.id, from: before.map(summary), to: summary(after), caller: caller,
            context: context, in: tx)
        var data = [
            "customerId": after.customerId, "sku": after.skuId, "seats": String(after.seats),
            "state": after.state.rawValue,
        ]
        if let fromSeats = before?.seats, fromSeats != after.seats { data["fromSeats"] = String(fromSeats) }
        if let fromSku = before?.skuId, fromSku != after.skuId { data["fromSku"] = fromSku }
        if let renewalSku = after.renewalSkuId { data["renewalSku"] = renewalSku }
        if let trialEnd = after.trialEndTime, after.state.isLive { data["trialEndTime"] = trialEnd.rfc3339 }
        try Events.emit(
            "subscription.\(eventVerb(action))", resourceId: after.id, customerId: after.customerId, data: data,
            partnerId: after.partnerId,
            context: context, in: tx)
        return change
    }

    /// Records what has fallen due on `subscription` without a call (a trial past its end has
    /// ended, `CommerceRules.endTrialIfDue`) as its own change, inside the caller's write
    /// transaction; returns the subscription as it now stands. Runs at most once per due
    /// change: the stored record no longer qualifies afterwards.
    static func recordDueChanges(
        _ subscription: Subscription, operation: Operation, caller: Caller, context: DomainContext,
        in tx: any StoreWriting
    ) throws -> Subscription {
        var after = subscription
        guard CommerceRules.endTrialIfDue(&after, now: context.now()) else { return subscription }
        try tx.putNextVersion(&after, at: context.now())
        try recordChange(
            .trialEnded, operation: operation, before: subscription, after: after, reason: nil,
            defaultReason:
                "trial ended at \(after.trialEndTime?.rfc3339 ?? "-") without Subscriptions.StartPaidService (recorded during \(operation.method))",
            caller: caller, context: context, in: tx)
        try refreshSubscriptionStatus(
            customerId: after.customerId, partnerId: after.partnerId, context: context, in: tx)
        return after
    }

    /// Recomputes the customer's subscription status summary and stores the customer when it
    /// changed (a new version then).
    static func refreshSubscriptionStatus(
        customerId: String, partnerId: String, context: DomainContext, in tx: any StoreWriting
    ) throws {
        guard var customer = try tx.get(Customer.self, id: customerId), customer.partnerId == partnerId else { return }
        let status = CommerceRules.subscriptionStatus(
            of: try CommerceLookup.subscriptions(ofCustomer: customerId, partnerId: partnerId, in: tx))
        guard status != customer.subscriptionStatus else { return }
        customer.subscriptionStatus = status
        try tx.putNextVersion(&customer, at: context.now())
    }

    /// The caller's optional reason, trimmed; `nil` when empty.
    /// - Throws: INVALID_ARGUMENT field `reason` above 500 characters.
    static func reasonText(_ reason: String?) throws -> String? {
        try FieldRules.optionalText(reason, field: "reason", maxLength: 500)
    }

    static func summary(_ s: Subscription) -> [String: String] {
        var fields = ["seats": String(s.seats), "state": s.state.rawValue, "sku": s.skuId]
        if let committed = s.committedSeats { fields["committedSeats"] = String(committed) }
        if s.plan.hasSeatCommitment { fields["autoRenew"] = String(s.renews) }
        if let renewalSku = s.renewalSkuId { fields["renewalSku"] = renewalSku }
        if let trialEnd = s.trialEndTime { fields["trialEndTime"] = trialEnd.rfc3339 }
        return fields
    }

    static func eventVerb(_ action: SubscriptionChange.Action) -> String {
        switch action {
        case .created, .trialStarted: "created"
        case .seatsChanged: "seats_changed"
        case .suspended: "suspended"
        case .activated: "activated"
        case .cancelled: "cancelled"
        case .renewalChanged: "renewal_changed"
        case .paidServiceStarted: "paid_service_started"
        case .trialEnded: "trial_ended"
        case .planChanged: "plan_changed"
        }
    }
}
