import Testing

@testable import PartnerCore

/// Commitment (annual) plans cancel only within 7 days of purchase or renewal; flexible plans
/// any time; auto-renewal is a setting (issue #13, defect 2).
@Suite("Commitment cancel window and renewal settings")
struct CommitmentCancelTests {
    private func cancel(_ world: CommerceFixture, _ subscription: Subscription) throws -> Subscription {
        try world.store.writeNow { tx in
            try world.subscriptions.cancel(
                SubscriptionTransition(subscriptionId: subscription.id), caller: world.sales, in: tx)
        }
    }

    private func renewal(_ world: CommerceFixture, _ subscription: Subscription, _ on: Bool, as caller: Caller? = nil)
        throws -> Subscription
    {
        try world.store.writeNow { tx in
            try world.subscriptions.updateRenewalSettings(
                subscription.id, autoRenew: on, caller: caller ?? world.sales, in: tx)
        }
    }

    @Test("commitmentCancelWindow: an annual plan cancels within 7 days of purchase, not after")
    func commitmentCancelWindow() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let early = try world.buy(customer, "ws-business-starter-annual", seats: 10)
        world.clock.advance(days: 6)
        #expect(try cancel(world, early).state == .cancelled)

        let late = try world.buy(customer, "ws-business-starter-annual", seats: 10)
        world.clock.advance(days: 8)
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try cancel(world, late) }
        #expect(try world.reload(late).state == .active)
    }

    @Test("commitmentCancelWindow: a flexible plan cancels any time")
    func flexibleCancelsAnyTime() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 10)
        world.clock.advance(days: 200)
        #expect(try cancel(world, subscription).state == .cancelled)
    }

    @Test("commitmentCancelWindow: the window opens again for 7 days after each renewal")
    func windowAfterRenewal() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        #expect(subscription.autoRenew == true && subscription.termStartTime == subscription.createTime)
        world.clock.advance(days: 367)  // renewed on day 365; two days into the new term
        #expect(try cancel(world, subscription).state == .cancelled)
    }

    @Test(
        "renewalSettings: auto-renewal off, an ended term no longer binds and cancels any time; audited and in the history"
    )
    func renewalSettings() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        world.clock.advance(days: 30)
        let off = try renewal(world, subscription, false)
        #expect(off.autoRenew == false && off.version == subscription.version + 1)
        #expect(try world.history(subscription).last?.action == .renewalChanged)
        #expect(try world.audit(target: subscription.id).last?.method == "Subscriptions.UpdateRenewalSettings")
        #expect(try world.events(of: subscription.id).last?.type == "subscription.renewal_changed")
        // Mid-term it still cannot be cancelled; after the term end it can.
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try cancel(world, off) }
        world.clock.advance(days: 340)
        #expect(try cancel(world, off).state == .cancelled)
    }

    @Test("renewalSettingsNeedCommitment: a flexible plan has no renewal settings; only sales agents change them")
    func renewalSettingsNeedCommitment() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let flexible = try world.buy(customer, "ws-business-starter-flex", seats: 3)
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try renewal(world, flexible, false) }
        let annual = try world.buy(customer, "ess-enterprise-plus-annual", seats: 3)
        expectDomainError(.permissionDenied, field: nil) { try renewal(world, annual, false, as: world.admin) }
    }
}
