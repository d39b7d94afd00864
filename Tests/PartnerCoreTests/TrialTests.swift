import Testing

@testable import PartnerCore

/// Trials (issue #13): `Orders.Place` with `trial` holds seats for 30 days unbilled;
/// `Subscriptions.StartPaidService` converts a running trial to paid; one not converted by its
/// end ends, judged lazily (no timer) and recorded once by the next write.
@Suite("Trials and StartPaidService")
struct TrialTests {
    private func trial(_ world: CommerceFixture, _ customer: Customer, _ sku: String, seats: Int) throws
        -> Subscription
    {
        try world.store.writeNow { tx in
            try world.orders.place(
                NewOrder(customerId: customer.id, sku: sku, seats: seats, trial: true), caller: world.sales, in: tx)
        }.subscription
    }

    private func startPaid(_ world: CommerceFixture, _ subscription: Subscription, as caller: Caller? = nil) throws
        -> Subscription
    {
        try world.store.writeNow { tx in
            try world.subscriptions.startPaidService(
                SubscriptionTransition(subscriptionId: subscription.id), caller: caller ?? world.sales, in: tx)
        }
    }

    private func close(_ world: CommerceFixture, _ month: String) throws -> BillingPeriodClosing {
        try world.store.writeNow { tx in try world.invoices.closeBillingPeriod(month, caller: world.admin, in: tx) }
    }

    private func get(_ world: CommerceFixture, _ subscription: Subscription) throws -> Subscription {
        try world.store.readNow { tx in
            try world.subscriptions.get(subscription.id, caller: world.sales, in: tx).subscription
        }
    }

    @Test(
        "trial: an order with trial is ACTIVE with a trial end 30 days on, history TRIAL_STARTED, event subscription.created"
    )
    func trialOrder() throws {
        let world = CommerceFixture()
        let subscription = try trial(world, try world.customer(), "ws-business-starter-flex", seats: 5)
        #expect(subscription.state == .active && subscription.seats == 5)
        #expect(subscription.trialEndTime == world.clock.now().adding(days: 30))
        #expect(try world.history(subscription).map(\.action) == [.trialStarted])
        #expect(try world.events(of: subscription.id).last?.type == "subscription.created")
    }

    @Test("paidServiceBilledFromConversion: a trial is not billed; billing starts the day StartPaidService converts it")
    func billedFromConversion() throws {
        let world = CommerceFixture()  // 2026-03-01
        let subscription = try trial(world, try world.customer(), "ws-business-starter-flex", seats: 5)
        world.clock.advance(days: 20)  // 2026-03-21
        let paid = try startPaid(world, subscription)
        #expect(paid.trialEndTime == nil && paid.state == .active && paid.version == subscription.version + 1)
        #expect(try world.history(subscription).last?.action == .paidServiceStarted)
        #expect(try world.audit(target: subscription.id).last?.method == "Subscriptions.StartPaidService")
        #expect(try world.events(of: subscription.id).last?.type == "subscription.paid_service_started")
        world.clock.advance(days: 12)  // 2026-04-02
        let line = try #require(try close(world, "2026-03").invoices.first?.lines.first)
        #expect(line.seatDays == 5 * 11)  // March 21 to 31
    }

    @Test("trial: seat changes during a trial are not billed")
    func trialSeatChangesUnbilled() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try trial(world, customer, "ws-business-starter-flex", seats: 5)
        world.clock.advance(days: 3)
        try world.change(subscription, delta: 10)
        world.clock.advance(days: 29)  // ended on day 30, unconverted
        #expect(try close(world, "2026-03").invoices.isEmpty)
    }

    @Test("paidServiceStartsTerm: converting an annual trial starts its first term and commitment then")
    func annualTrial() throws {
        let world = CommerceFixture()
        let subscription = try trial(world, try world.customer(), "ess-enterprise-plus-annual", seats: 3)
        #expect(subscription.termEndTime == nil && subscription.committedSeats == nil)
        world.clock.advance(days: 10)
        let paid = try startPaid(world, subscription)
        #expect(paid.termStartTime == world.clock.now())
        #expect(paid.termEndTime == Subscription.oneYear(after: world.clock.now()) && paid.committedSeats == 3)
    }

    @Test(
        "paidServiceOnlyFromTrial: StartPaidService on a paid subscription, twice, or after the trial ended is FAILED_PRECONDITION subscriptionId"
    )
    func onlyFromTrial() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let paid = try world.buy(customer, "ci-premium-flex", seats: 2)
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try startPaid(world, paid) }
        let subscription = try trial(world, customer, "ws-business-starter-flex", seats: 5)
        _ = try startPaid(world, subscription)
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try startPaid(world, subscription) }
        let late = try trial(world, try world.customer("Late"), "ws-business-starter-flex", seats: 5)
        world.clock.advance(days: 30)
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try startPaid(world, late) }
    }

    @Test("paidServiceOnlyFromTrial: sales agents only; a suspended trial is FAILED_PRECONDITION subscriptionId")
    func rolesAndState() throws {
        let world = CommerceFixture()
        let subscription = try trial(world, try world.customer(), "ws-business-starter-flex", seats: 5)
        expectDomainError(.permissionDenied, field: nil) { try startPaid(world, subscription, as: world.admin) }
        _ = try world.store.writeNow { tx in
            try world.subscriptions.suspend(
                SubscriptionTransition(subscriptionId: subscription.id), caller: world.admin, in: tx)
        }
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try startPaid(world, subscription) }
    }

    @Test(
        "trialEnds: an unconverted trial reads CANCELLED at its end, is recorded once by the next write, and frees its family"
    )
    func trialEnds() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try trial(world, customer, "ws-business-starter-flex", seats: 5)
        let end = try #require(subscription.trialEndTime)
        world.clock.advance(days: 31)
        let read = try get(world, subscription)
        #expect(read.state == .cancelled && read.cancelTime == end && read.etag == subscription.etag)
        #expect(try world.reload(subscription).state == .active)  // nothing written by the read

        let next = try world.buy(customer, "ws-business-standard-flex", seats: 2)  // same family
        #expect(next.state == .active)
        let stored = try world.reload(subscription)
        #expect(stored.state == .cancelled && stored.cancelTime == end)
        try world.buy(customer, "ci-premium-flex", seats: 1)  // another write for the customer
        #expect(try world.history(subscription).filter { $0.action == .trialEnded }.count == 1)
        #expect(try world.events(of: subscription.id).last?.type == "subscription.trial_ended")
    }

    @Test("trialEnds: closing a billing period records ended trials, once, and bills them nothing")
    func billingCloseEndsTrials() throws {
        let world = CommerceFixture()
        let subscription = try trial(world, try world.customer(), "ws-business-starter-flex", seats: 5)
        world.clock.advance(days: 45)
        #expect(try close(world, "2026-03").invoices.isEmpty)
        #expect(try world.reload(subscription).state == .cancelled)
        _ = try close(world, "2026-03")
        #expect(try world.history(subscription).filter { $0.action == .trialEnded }.count == 1)
    }

    @Test("trialsForBaseSkusOnly: an add-on ordered as a trial is INVALID_ARGUMENT trial")
    func addOnTrial() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        try world.buy(customer, "ws-business-starter-flex", seats: 5)
        expectDomainError(.invalidArgument, field: "trial") {
            try trial(world, customer, "gemini-business-flex", seats: 1)
        }
    }

    @Test("trialEnds: a customer whose only subscription is a trial past its end can be deleted")
    func endedTrialDoesNotBlockDelete() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        _ = try trial(world, customer, "ws-business-starter-flex", seats: 5)
        expectDomainError(.failedPrecondition, field: "customerId") {
            try world.store.writeNow { tx in
                try CustomerOperations(context: world.context).delete(customer.id, caller: world.admin, in: tx)
            }
        }
        world.clock.advance(days: 31)
        let deleted = try world.store.writeNow { tx in
            try CustomerOperations(context: world.context).delete(customer.id, caller: world.admin, in: tx)
        }
        #expect(deleted.state == .deleted)
    }
}
