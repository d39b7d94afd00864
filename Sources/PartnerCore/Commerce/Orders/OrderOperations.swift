/// `Orders.*`: buying a SKU for a customer (which creates its subscription) and listing orders.
public struct OrderOperations: Sendable {
    /// The environment.
    public let context: DomainContext
    /// The catalogue orders are checked against.
    public let catalog: Catalog

    /// Creates the operations.
    public init(context: DomainContext, catalog: Catalog = .standard) {
        self.context = context
        self.catalog = catalog
    }

    /// `Orders.Place`: buys `input.seats` seats of `input.sku` for the customer, creating an
    /// ACTIVE subscription (history entry CREATED, audit, events `order.placed` and
    /// `subscription.created`). The customer's first order sets its subscription status.
    ///
    /// Rules, in order:
    /// - PERMISSION_DENIED: sales agents only.
    /// - NOT_FOUND `customerId`: no such customer for this partner (also another partner's or a
    ///   deleted one); NOT_FOUND `sku`: not in the catalogue.
    /// - `seatRange`: INVALID_ARGUMENT `seats` below 1, OUT_OF_RANGE `seats` above the maximum;
    ///   INVALID_ARGUMENT `reason` above 500 characters.
    /// - `ordersOnlyForActiveCustomers`: FAILED_PRECONDITION `customerId`.
    /// - `eligibleProductsOnly`: FAILED_PRECONDITION `sku` (customer type, team customers
    ///   limited to Essentials until domain-verified, education only).
    /// - `sameSkuTwice`: ALREADY_EXISTS `sku`.
    /// - `oneSkuPerFamily`: INVALID_ARGUMENT `sku`.
    /// - `addOnNeedsBase`: FAILED_PRECONDITION `sku`.
    /// - With `trial`: `trialsForBaseSkusOnly`: INVALID_ARGUMENT `trial`. The subscription is a
    ///   trial ending `Subscription.trialDays` later (history TRIAL_STARTED, not billed).
    ///
    /// The customer's trials past their end are recorded as ended first (`trialEnds`), so an
    /// ended trial no longer holds its family.
    public func place(_ input: NewOrder, caller: Caller, in tx: any StoreWriting) throws -> PlacedOrder {
        try Policy.authorize(.ordersPlace, caller)
        let customer = try CommerceLookup.customer(input.customerId, of: caller.partnerId, in: tx)
        let product = try CommerceLookup.product(input.sku, in: catalog)
        try CommerceRules.requireSeatsInRange(input.seats, for: product, field: "seats")
        let reason = try CommerceJournal.reasonText(input.reason)
        try CommerceRules.requireActiveCustomer(customer)
        try CommerceRules.requireEligible(product, for: customer, in: catalog)
        if input.trial { try CommerceRules.requireTrialOffered(product) }
        let live = try CommerceLookup.subscriptions(ofCustomer: customer.id, partnerId: caller.partnerId, in: tx)
            .filter { $0.state.isLive }
            .map {
                try CommerceJournal.recordDueChanges(
                    $0, operation: .ordersPlace, caller: caller, context: context, in: tx)
            }
            .filter { $0.state.isLive }
        try CommerceRules.requireNotSubscribed(to: product, live: live)
        try CommerceRules.requireOneSkuPerFamily(product, live: live)
        try CommerceRules.requireBase(for: product, live: live)

        let now = context.now()
        let orderId = context.ids.next("ord")
        let subscription = Subscription(
            id: context.ids.next("sub"), partnerId: caller.partnerId, customerId: customer.id, orderId: orderId,
            product: product, seats: input.seats, time: now, trial: input.trial)
        let order = Order(
            id: orderId, partnerId: caller.partnerId, customerId: customer.id, product: product, seats: input.seats,
            subscriptionId: subscription.id, agentId: caller.agentId, time: now)
        do {
            try tx.put(subscription)
        } catch let error as StoreError where error.code == .duplicateKey {
            // The rules above already refuse this; the unique key is the store's second guard.
            throw DomainError.invalid(
                field: "sku", reason: "the customer already holds a SKU of family \(product.familyId)")
        }
        try tx.put(order)
        try Audit.record(
            .ordersPlace, target: order.id,
            after: [
                "customerId": customer.id, "sku": product.skuId, "seats": String(input.seats),
                "subscriptionId": subscription.id,
            ],
            caller: caller, context: context, in: tx)
        try Events.emit(
            "order.placed", resourceId: order.id, customerId: customer.id,
            data: [
                "customerId": customer.id, "sku": product.skuId, "seats": String(input.seats),
                "subscriptionId": subscription.id,
            ],
            partnerId: caller.partnerId, context: context, in: tx)
        let trialNote = subscription.trialEndTime.map { " as a trial until \($0.rfc3339)" } ?? ""
        try CommerceJournal.recordChange(
            input.trial ? .trialStarted : .created, operation: .ordersPlace, before: nil, after: subscription,
            reason: reason,
            defaultReason: "ordered \(input.seats) seats of \(product.skuId)\(trialNote) (order \(order.id))",
            caller: caller, context: context, in: tx)
        try CommerceJournal.refreshSubscriptionStatus(
            customerId: customer.id, partnerId: caller.partnerId, context: context, in: tx)
        return PlacedOrder(order: order, subscription: subscription)
    }

    /// `Orders.List`: the partner's orders, oldest first, optionally of one customer.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND `customerId` when given and not the partner's;
    ///   INVALID_ARGUMENT `pageSize` / `pageToken`.
    public func list(customerId: String? = nil, page: PageRequest, caller: Caller, in tx: any StoreReading) throws
        -> Page<Order>
    {
        try Policy.authorize(.ordersList, caller)
        var lookupKey: String?
        if let customerId, !customerId.isEmpty {
            _ = try CommerceLookup.customer(customerId, of: caller.partnerId, in: tx)
            lookupKey = "customer:\(customerId)"
        }
        return try Page.collect(
            Order.self, partnerId: caller.partnerId, lookupKey: lookupKey, query: "orders", request: page,
            tokens: context.pageTokens, in: tx, transform: { $0 })
    }
}
