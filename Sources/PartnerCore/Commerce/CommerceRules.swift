/// The commerce rules, one named function each, with the status and field each answers.
/// Operations call them in a fixed order; tests call them by name.
public enum CommerceRules {
    /// Rule `ordersOnlyForActiveCustomers`: orders and seat changes need an ACTIVE customer
    /// (an INVITED one must accept first; a SUSPENDED one is frozen).
    /// - Throws: FAILED_PRECONDITION, field `customerId`.
    public static func requireActiveCustomer(_ customer: Customer) throws(DomainError) {
        guard customer.state == .active else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) is \(customer.state.rawValue); orders and seat changes need an ACTIVE customer",
                field: "customerId")
        }
    }

    /// Rule `eligibleProductsOnly`: the SKU must be sold to the customer's type; a team customer
    /// whose domain is not verified may buy Essentials products only; education-only SKUs need an
    /// education customer (see `Catalog.ineligibility(of:for:)`).
    /// - Throws: FAILED_PRECONDITION, field `sku`.
    public static func requireEligible(_ product: Product, for customer: Customer, in catalog: Catalog)
        throws(DomainError)
    {
        if let reason = catalog.ineligibility(of: product, for: purchaser(customer)) {
            throw DomainError.failedPrecondition(reason.message(skuId: product.skuId), field: "sku")
        }
    }

    /// Rule `sameSkuTwice`: a customer cannot hold two live subscriptions of one SKU.
    /// - Throws: ALREADY_EXISTS, field `sku`, naming the existing subscription.
    public static func requireNotSubscribed(to product: Product, live: [Subscription]) throws(DomainError) {
        if let existing = live.first(where: { $0.skuId == product.skuId }) {
            throw DomainError.alreadyExists(
                field: "sku",
                "the customer already has subscription \(existing.id) for \(product.skuId); change its seats instead")
        }
    }

    /// Rule `oneSkuPerFamily`: a customer holds at most one live SKU of a family.
    /// - Throws: INVALID_ARGUMENT, field `sku`, naming the SKU already held.
    public static func requireOneSkuPerFamily(_ product: Product, live: [Subscription]) throws(DomainError) {
        if let existing = live.first(where: { $0.familyId == product.familyId && $0.skuId != product.skuId }) {
            throw DomainError.invalid(
                field: "sku",
                reason:
                    "the customer already holds \(existing.skuId) of family \(product.familyId) (subscription \(existing.id)); a customer holds one SKU per family"
            )
        }
    }

    /// Rule `addOnNeedsBase`: an add-on needs a live subscription of one of its base SKUs or
    /// families.
    /// - Throws: FAILED_PRECONDITION, field `sku`, listing the accepted bases.
    public static func requireBase(for product: Product, live: [Subscription]) throws(DomainError) {
        guard product.isAddOn else { return }
        let satisfied = live.contains { held in
            product.requiresAnyOf.contains { $0.isSatisfied(bySkuId: held.skuId, familyId: held.familyId) }
        }
        guard satisfied else {
            let bases = product.requiresAnyOf.map(\.description).joined(separator: ", ")
            throw DomainError.failedPrecondition(
                "add-on \(product.skuId) needs a live subscription of one of: \(bases)", field: "sku")
        }
    }

    /// Rule `seatRange`: a subscription holds at least 1 seat and at most the SKU's maximum.
    /// - Parameter field: the request field to blame (`seats` or `delta`).
    /// - Throws: OUT_OF_RANGE for a `delta` removing more seats than are held (WIRE.md §5.2);
    ///   INVALID_ARGUMENT for any other result below 1 (use Cancel to end a subscription);
    ///   OUT_OF_RANGE above the maximum, with the limit and the requested count.
    public static func requireSeatsInRange(_ seats: Int, for product: Product, field: String) throws(DomainError) {
        if seats < 0 && field == "delta" {
            throw DomainError.outOfRange(
                field: field, "delta: removes \(-seats) more seats than the subscription holds")
        }
        guard seats >= 1 else {
            throw DomainError.invalid(
                field: field,
                reason: "would leave \(seats) seats; a subscription needs at least 1 (cancel it to end it)")
        }
        guard seats <= product.maxSeats else {
            throw DomainError.outOfRange(
                field: field, "\(field): \(seats) seats exceed the maximum of \(product.maxSeats) for \(product.skuId)")
        }
    }

    /// Rule `seatChangeForm`: a seat change gives exactly one of an absolute `seats` or a
    /// non-zero `delta`; returns the resulting count and the field it came from.
    /// - Throws: INVALID_ARGUMENT, field `seats` (both or neither given) or `delta` (zero, or
    ///   the sum overflows).
    public static func resolveSeatChange(current: Int, seats: Int?, delta: Int?) throws(DomainError) -> (
        seats: Int, field: String
    ) {
        switch (seats, delta) {
        case (let absolute?, nil):
            return (absolute, "seats")
        case (nil, let delta?):
            guard delta != 0 else { throw DomainError.invalid(field: "delta", reason: "must not be 0") }
            let (sum, overflow) = current.addingReportingOverflow(delta)
            guard !overflow else {
                throw DomainError.invalid(field: "delta", reason: "\(delta) is out of any seat range")
            }
            return (sum, "delta")
        case (.some, .some):
            throw DomainError.invalid(field: "seats", reason: "give either seats (absolute) or delta, not both")
        case (nil, nil):
            throw DomainError.invalid(field: "seats", reason: "give seats (absolute) or delta")
        }
    }

    /// Rule `annualCommitment`: during an ANNUAL term the seats may not go below the committed
    /// number. Not applied to the change that renews a finished term (`annualRenewal`).
    /// - Throws: FAILED_PRECONDITION, field `field`, with the commitment and its end.
    public static func requireCommitmentKept(_ subscription: Subscription, newSeats: Int, field: String)
        throws(DomainError)
    {
        guard let committed = subscription.committedSeats, newSeats < committed else { return }
        let end = subscription.termEndTime.map { " until \($0.rfc3339)" } ?? ""
        throw DomainError.failedPrecondition(
            "annual plan \(subscription.id) is committed to \(committed) seats\(end); it cannot go down to \(newSeats) mid-term",
            field: field)
    }

    /// Rule `annualRenewal`: an ANNUAL term that has ended renews for a year (as many years as
    /// have passed). The renewal is recorded at the subscription's next seat change, and that
    /// change chooses the renewed term's seats: it may go down, and its result becomes the new
    /// commitment. Returns whether a renewal happened (the caller then sets the commitment).
    /// With auto-renewal off, an ended term does not renew: the commitment has lapsed and
    /// nothing holds the seats.
    ///
    /// Rule `renewalPlanAtRenewal`: a pending renewal SKU (`renewalSkuId`, still in `catalog`)
    /// takes effect with the renewal: the subscription moves to that SKU, its plan and price.
    /// Onto a plan without a commitment (FLEXIBLE) no term follows; onto another ANNUAL SKU
    /// the term renews there.
    @discardableResult
    public static func renewCommitmentIfDue(
        _ subscription: inout Subscription, now: Timestamp, catalog: Catalog = .standard
    ) -> Bool {
        guard var end = subscription.termEndTime, now >= end else { return false }
        guard subscription.renews else {
            subscription.committedSeats = nil
            return false
        }
        var start = end
        while now >= end {
            start = end
            end = Subscription.oneYear(after: end)
        }
        if let skuId = subscription.renewalSkuId, let next = catalog.product(skuId) {
            subscription.skuId = next.skuId
            subscription.productName = next.name
            subscription.plan = next.plan
            subscription.unitPrice = next.unitPrice
        }
        subscription.renewalSkuId = nil
        guard subscription.plan.hasSeatCommitment else {
            subscription.termStartTime = nil
            subscription.termEndTime = nil
            subscription.committedSeats = nil
            subscription.autoRenew = nil
            return true
        }
        subscription.termStartTime = start
        subscription.termEndTime = end
        subscription.committedSeats = subscription.seats
        return true
    }

    /// Rule `trialEnds`: a trial that reaches its `trialEndTime` without
    /// `Subscriptions.StartPaidService` ends: CANCELLED as of its end time. There is no timer;
    /// reads see it through `Subscription.settled(at:)` and the next write to the subscription
    /// (or to its customer's orders, or a billing close) records it once, inside its serialized
    /// transaction, so replicas never record it twice. Returns whether it ended now.
    @discardableResult
    public static func endTrialIfDue(_ subscription: inout Subscription, now: Timestamp) -> Bool {
        guard subscription.state.isLive, let end = subscription.trialEndTime, now >= end else { return false }
        subscription.state = .cancelled
        subscription.suspensionReasons = nil
        subscription.cancelTime = end
        return true
    }

    /// Rule `trialsForBaseSkusOnly`: a trial is offered on base SKUs; an add-on is bought paid.
    /// - Throws: INVALID_ARGUMENT, field `trial`.
    public static func requireTrialOffered(_ product: Product) throws(DomainError) {
        guard !product.isAddOn else {
            throw DomainError.invalid(
                field: "trial", reason: "add-on \(product.skuId) has no trial; order it without trial")
        }
    }

    /// Rule `paidServiceOnlyFromTrial`: `Subscriptions.StartPaidService` converts a running
    /// trial only (not one already paid, never a trial, or one whose trial has ended).
    /// - Throws: FAILED_PRECONDITION, field `subscriptionId`.
    public static func requireTrial(_ subscription: Subscription, now: Timestamp) throws(DomainError) {
        guard subscription.isTrial(at: now) else {
            let why =
                subscription.trialEndTime == nil
                ? "is not a trial (it is paid already or was never a trial)"
                : "is \(subscription.state.rawValue); its trial ended at \(subscription.trialEndTime!.rfc3339)"
            throw DomainError.failedPrecondition(
                "subscription \(subscription.id) \(why); only a running trial can start paid service",
                field: "subscriptionId")
        }
    }

    /// Rule `renewalPlanFromCatalog`: the SKU a commitment moves to at renewal is a SKU of the
    /// catalogue in the subscription's family, sold to the customer, holding its seats; the
    /// subscription is ACTIVE, past any trial, and set to renew.
    /// - Throws: INVALID_ARGUMENT `renewalSku` (unknown SKU, another family, too many seats for
    ///   it, or auto-renewal off); FAILED_PRECONDITION `renewalSku` when the customer may not
    ///   buy it; FAILED_PRECONDITION `subscriptionId` unless ACTIVE or while a trial.
    public static func requireRenewalPlan(
        _ skuId: String, for subscription: Subscription, autoRenew: Bool, customer: Customer, catalog: Catalog,
        now: Timestamp
    ) throws(DomainError) {
        try requireState(subscription, in: [.active], to: "given a renewal plan")
        guard !subscription.isTrial(at: now) else {
            throw DomainError.failedPrecondition(
                "subscription \(subscription.id) is a trial and has no term to renew; Subscriptions.StartPaidService starts one",
                field: "subscriptionId")
        }
        guard let product = catalog.product(skuId) else {
            throw DomainError.invalid(field: "renewalSku", reason: "\(skuId) is not a SKU of the catalogue")
        }
        guard product.familyId == subscription.familyId else {
            throw DomainError.invalid(
                field: "renewalSku",
                reason:
                    "\(skuId) is of family \(product.familyId); subscription \(subscription.id) renews within family \(subscription.familyId)"
            )
        }
        guard autoRenew else {
            throw DomainError.invalid(
                field: "renewalSku", reason: "a renewal plan needs autoRenew true; a term that does not renew ends")
        }
        guard subscription.seats <= product.maxSeats else {
            throw DomainError.invalid(
                field: "renewalSku",
                reason: "\(skuId) allows \(product.maxSeats) seats; the subscription holds \(subscription.seats)")
        }
        if let reason = catalog.ineligibility(of: product, for: purchaser(customer)) {
            throw DomainError.failedPrecondition(reason.message(skuId: product.skuId), field: "renewalSku")
        }
    }

    /// Rule `resellerLiftsOnlyItsOwnSuspension`: `Subscriptions.Activate` lifts only a
    /// RESELLER_INITIATED suspension; any other reason keeps the subscription SUSPENDED.
    /// - Throws: FAILED_PRECONDITION field `subscriptionId`, naming the reasons and who lifts them.
    public static func requireOnlyResellerSuspension(_ subscription: Subscription) throws(DomainError) {
        let others = subscription.activeSuspensionReasons.filter { $0 != .resellerInitiated }
        guard others.isEmpty else {
            let names = others.map(\.rawValue).joined(separator: ", ")
            let how =
                others.contains(.customerSuspended)
                ? "; Customers.Reactivate lifts CUSTOMER_SUSPENDED" : ""
            throw DomainError.failedPrecondition(
                "subscription \(subscription.id) is suspended for \(names), which a reseller cannot lift with Subscriptions.Activate\(how)",
                field: "subscriptionId")
        }
    }

    /// Days after a purchase or renewal in which a commitment (ANNUAL) plan may be cancelled.
    public static let commitmentCancelWindowDays = 7

    /// When the term running at `now` began: the purchase, or the renewal at the last term end
    /// passed (renewals are recorded lazily); `nil` when the plan has no commitment or its
    /// term ended without auto-renewal (nothing binds it any more).
    public static func currentTermStart(_ subscription: Subscription, now: Timestamp) -> Timestamp? {
        guard subscription.plan.hasSeatCommitment, var end = subscription.termEndTime else { return nil }
        guard now >= end else { return subscription.termStartTime ?? subscription.createTime }
        guard subscription.renews else { return nil }
        var start = end
        while now >= end {
            start = end
            end = Subscription.oneYear(after: end)
        }
        return start
    }

    /// Rule `commitmentCancelWindow`: a commitment (ANNUAL) plan can be cancelled only within
    /// 7 days of its purchase or of a renewal; afterwards it runs to the end of its term (turn
    /// auto-renewal off to end it there). Flexible and monthly plans cancel any time, and so
    /// does a commitment whose term ended without renewing.
    /// - Throws: FAILED_PRECONDITION field `subscriptionId`, naming the window and the term end.
    public static func requireCancellable(_ subscription: Subscription, now: Timestamp) throws(DomainError) {
        guard let start = currentTermStart(subscription, now: now) else { return }
        let windowEnd = start.adding(days: Int64(commitmentCancelWindowDays))
        guard now >= windowEnd else { return }
        var end = subscription.termEndTime ?? windowEnd
        while now >= end { end = Subscription.oneYear(after: end) }
        throw DomainError.failedPrecondition(
            "annual plan \(subscription.id) could be cancelled only until \(windowEnd.rfc3339) (\(commitmentCancelWindowDays) days after its purchase or renewal); it runs until \(end.rfc3339): turn auto-renewal off with Subscriptions.UpdateRenewalSettings to end it then",
            field: "subscriptionId")
    }

    /// Rule `renewalSettingsNeedCommitment`: only commitment (ANNUAL) plans have renewal
    /// settings (flexible and monthly plans simply continue), and not once cancelled.
    /// - Throws: FAILED_PRECONDITION field `subscriptionId`.
    public static func requireRenewable(_ subscription: Subscription) throws(DomainError) {
        guard subscription.plan.hasSeatCommitment else {
            throw DomainError.failedPrecondition(
                "subscription \(subscription.id) is on the \(subscription.plan.rawValue) plan, which has no term to renew; only ANNUAL plans have renewal settings",
                field: "subscriptionId")
        }
        try requireState(subscription, in: [.active, .suspended], to: "given renewal settings")
    }

    /// Rule `subscriptionStateMachine`: Suspend needs ACTIVE, Activate needs SUSPENDED, seat
    /// changes need ACTIVE, Cancel needs a live subscription; CANCELLED is terminal.
    /// - Throws: FAILED_PRECONDITION, field `subscriptionId`, naming the state.
    public static func requireState(_ subscription: Subscription, in allowed: Set<SubscriptionState>, to action: String)
        throws(DomainError)
    {
        guard allowed.contains(subscription.state) else {
            let wanted = allowed.map(\.rawValue).sorted().joined(separator: " or ")
            throw DomainError.failedPrecondition(
                "subscription \(subscription.id) is \(subscription.state.rawValue); only \(wanted) subscriptions can be \(action)",
                field: "subscriptionId")
        }
    }

    /// Rule `baseOutlivesAddOns`: a subscription cannot be cancelled while a live add-on depends
    /// on it and no other live subscription satisfies that add-on.
    /// - Throws: FAILED_PRECONDITION, field `subscriptionId`, naming the add-on.
    public static func requireNoDependentAddOns(
        cancelling subscription: Subscription, live: [Subscription], catalog: Catalog
    ) throws(DomainError) {
        let others = live.filter { $0.id != subscription.id }
        for addOn in others {
            guard let product = catalog.product(addOn.skuId), product.isAddOn else { continue }
            let satisfiedByOthers = others.contains { held in
                held.id != addOn.id
                    && product.requiresAnyOf.contains { $0.isSatisfied(bySkuId: held.skuId, familyId: held.familyId) }
            }
            if !satisfiedByOthers {
                throw DomainError.failedPrecondition(
                    "add-on subscription \(addOn.id) (\(addOn.skuId)) depends on \(subscription.id); cancel the add-on first",
                    field: "subscriptionId")
            }
        }
    }

    /// Rule `closeEndedMonthsOnly`: a billing period can be closed once its month has ended.
    /// - Throws: FAILED_PRECONDITION, field `billingMonth`.
    public static func requireEnded(_ month: BillingMonth, now: Timestamp) throws(DomainError) {
        guard month.end <= now else {
            throw DomainError.failedPrecondition(
                "billing month \(month) ends at \(month.end.rfc3339); it cannot be closed before then",
                field: "billingMonth")
        }
    }

    /// The customer's subscription status summary: `ACTIVE` when any subscription is active,
    /// else `SUSPENDED` when any is suspended, else `CANCELLED`; `nil` (empty) before the first
    /// order.
    public static func subscriptionStatus(of subscriptions: [Subscription]) -> String? {
        guard !subscriptions.isEmpty else { return nil }
        if subscriptions.contains(where: { $0.state == .active }) { return SubscriptionState.active.rawValue }
        if subscriptions.contains(where: { $0.state == .suspended }) { return SubscriptionState.suspended.rawValue }
        return SubscriptionState.cancelled.rawValue
    }

    /// The catalogue-facing facts of a customer.
    public static func purchaser(_ customer: Customer) -> PurchaserProfile {
        PurchaserProfile(
            isTeamCustomer: customer.customerType == .team, isEducation: customer.isEducation,
            domainVerified: customer.domainVerified)
    }
}
