import Testing

@testable import PartnerCore

/// A commitment plan can carry the SKU it moves to at its next renewal (issue #13, renewal
/// settings): set and cleared with `Subscriptions.UpdateRenewalSettings` (`renewalSku`),
/// applied where the renewal is recorded.
@Suite("Renewal plan (change the plan at renewal)")
struct RenewalPlanTests {
    private func renewal(
        _ world: CommerceFixture, _ subscription: Subscription, autoRenew: Bool = true, sku: String?,
        as caller: Caller? = nil
    ) throws -> Subscription {
        try world.store.writeNow { tx in
            try world.subscriptions.updateRenewalSettings(
                subscription.id, autoRenew: autoRenew, renewalSku: sku, caller: caller ?? world.sales, in: tx)
        }
    }

    @Test(
        "renewalPlanAtRenewal: an annual plan set to renew on the flexible SKU moves there at its renewal; no term follows"
    )
    func annualToFlexible() throws {
        let world = CommerceFixture()
        let annual = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        let pending = try renewal(world, annual, sku: "ws-business-starter-flex")
        #expect(pending.renewalSkuId == "ws-business-starter-flex" && pending.skuId == annual.skuId)
        #expect(try world.history(annual).last?.action == .renewalChanged)
        #expect(try world.audit(target: annual.id).last?.after?.contains("ws-business-starter-flex") == true)
        #expect(try world.events(of: annual.id).last?.type == "subscription.renewal_changed")

        world.clock.advance(days: 366)
        let renewed = try world.change(pending, delta: -3)
        #expect(renewed.skuId == "ws-business-starter-flex" && renewed.plan == .flexible && renewed.seats == 7)
        #expect(renewed.termEndTime == nil && renewed.committedSeats == nil && renewed.renewalSkuId == nil)
        #expect(renewed.unitPrice == Catalog.standard.product("ws-business-starter-flex")?.unitPrice)
        #expect(try world.history(annual).suffix(2).map(\.action) == [.planChanged, .seatsChanged])
        #expect(try world.events(of: annual.id).map(\.type).contains("subscription.plan_changed"))
    }

    @Test("renewalPlanAtRenewal: onto another annual SKU the term renews there with the new commitment")
    func annualToAnnual() throws {
        let world = CommerceFixture()
        let annual = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        _ = try renewal(world, annual, sku: "ws-business-standard-annual")
        let oldEnd = try #require(annual.termEndTime)
        world.clock.advance(days: 366)
        let renewed = try world.change(annual, delta: 1)
        #expect(renewed.skuId == "ws-business-standard-annual" && renewed.plan == .annual)
        #expect(renewed.termStartTime == oldEnd && renewed.termEndTime == Subscription.oneYear(after: oldEnd))
        #expect(renewed.committedSeats == 11 && renewed.renewalSkuId == nil)
    }

    @Test("renewalPlanAtRenewal: mid-term the pending plan waits; the subscription keeps its SKU")
    func midTermWaits() throws {
        let world = CommerceFixture()
        let annual = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        _ = try renewal(world, annual, sku: "ws-business-starter-flex")
        world.clock.advance(days: 100)
        let changed = try world.change(annual, delta: 2)
        #expect(changed.skuId == "ws-business-starter-annual" && changed.renewalSkuId == "ws-business-starter-flex")
    }

    @Test(
        "renewalPlanFromCatalog: an unknown SKU, another family's, or one with auto-renewal off is INVALID_ARGUMENT renewalSku"
    )
    func invalidPlans() throws {
        let world = CommerceFixture()
        let annual = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        expectDomainError(.invalidArgument, field: "renewalSku") { try renewal(world, annual, sku: "no-such-sku") }
        expectDomainError(.invalidArgument, field: "renewalSku") { try renewal(world, annual, sku: "ci-premium-flex") }
        expectDomainError(.invalidArgument, field: "renewalSku") {
            try renewal(world, annual, autoRenew: false, sku: "ws-business-starter-flex")
        }
        #expect(try world.reload(annual).version == annual.version)
    }

    @Test("renewalPlanFromCatalog: empty or the current SKU clears the pending plan; auto-renewal off drops it")
    func clearing() throws {
        let world = CommerceFixture()
        let annual = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        _ = try renewal(world, annual, sku: "ws-business-starter-flex")
        #expect(try renewal(world, annual, sku: "").renewalSkuId == nil)
        _ = try renewal(world, annual, sku: "ws-business-starter-flex")
        #expect(try renewal(world, annual, sku: "ws-business-starter-annual").renewalSkuId == nil)
        _ = try renewal(world, annual, sku: "ws-business-starter-flex")
        let off = try renewal(world, annual, autoRenew: false, sku: nil)
        #expect(off.renewalSkuId == nil && off.autoRenew == false)
        #expect(try renewal(world, off, autoRenew: false, sku: nil).version == off.version)
    }

    @Test(
        "renewalPlanFromCatalog: a suspended, cancelled or flexible subscription refuses a renewal plan with FAILED_PRECONDITION subscriptionId; sales agents only"
    )
    func refusals() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let flexible = try world.buy(customer, "ci-premium-flex", seats: 3)
        expectDomainError(.failedPrecondition, field: "subscriptionId") {
            try renewal(world, flexible, sku: "ci-premium-flex")
        }
        let annual = try world.buy(customer, "ws-business-starter-annual", seats: 10)
        expectDomainError(.permissionDenied, field: nil) {
            try renewal(world, annual, sku: "ws-business-starter-flex", as: world.admin)
        }
        _ = try world.store.writeNow { tx in
            try world.subscriptions.suspend(
                SubscriptionTransition(subscriptionId: annual.id), caller: world.admin, in: tx)
        }
        expectDomainError(.failedPrecondition, field: "subscriptionId") {
            try renewal(world, annual, sku: "ws-business-starter-flex")
        }
        _ = try world.store.writeNow { tx in
            try world.subscriptions.cancel(
                SubscriptionTransition(subscriptionId: annual.id), caller: world.sales, in: tx)
        }
        expectDomainError(.failedPrecondition, field: "subscriptionId") {
            try renewal(world, annual, sku: "ws-business-starter-flex")
        }
    }

    @Test(
        "renewalPlanAtRenewal: the month of the renewal bills the old plan up to the term end's day and the new one from it, one line each"
    )
    func renewalMonthBillsBothPlans() throws {
        let world = CommerceFixture()
        world.clock.set(Timestamp(year: 2026, month: 3, day: 15, hour: 10))
        let annual = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        _ = try renewal(world, annual, sku: "ws-business-starter-flex")
        world.clock.set(Timestamp(year: 2027, month: 3, day: 20, hour: 9))  // term ended 2027-03-15 10:00
        let renewed = try world.change(annual, delta: 2)
        #expect(renewed.skuId == "ws-business-starter-flex")
        let planChange = try #require(try world.history(annual).first { $0.action == .planChanged })
        #expect(planChange.time == annual.termEndTime && planChange.fromTerms?.skuId == "ws-business-starter-annual")
        world.clock.set(Timestamp(year: 2027, month: 4, day: 2, hour: 9))
        let closing = try world.store.writeNow { tx in
            try world.invoices.closeBillingPeriod("2027-03", caller: world.admin, in: tx)
        }
        let lines = try #require(closing.invoices.first?.lines)
        #expect(lines.map(\.skuId) == ["ws-business-starter-annual", "ws-business-starter-flex"])
        let expectedSeatDays: [Int64] = [140, 194]  // March 1-14: 14 x 10; 15-19: 5 x 10, 20-31: 12 x 12
        #expect(lines.map(\.seatDays) == expectedSeatDays)
        let flexPrice = try #require(Catalog.standard.product("ws-business-starter-flex")?.unitPrice)
        #expect(lines.map(\.unitPrice) == [annual.unitPrice, flexPrice])
    }
}
