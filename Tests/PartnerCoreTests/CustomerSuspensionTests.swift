import Testing

@testable import PartnerCore

/// Customer suspend/reactivate and subscription suspension reasons (issue #13 capabilities).
@Suite("Customer suspension and suspension reasons")
struct CustomerSuspensionTests {
    private func customers(_ world: CommerceFixture) -> CustomerOperations {
        CustomerOperations(context: world.context)
    }

    private func activate(_ world: CommerceFixture, _ subscription: Subscription) throws -> Subscription {
        try world.store.writeNow { tx in
            try world.subscriptions.activate(
                SubscriptionTransition(subscriptionId: subscription.id), caller: world.admin, in: tx)
        }
    }

    private func suspend(_ world: CommerceFixture, _ subscription: Subscription) throws -> Subscription {
        try world.store.writeNow { tx in
            try world.subscriptions.suspend(
                SubscriptionTransition(subscriptionId: subscription.id), caller: world.admin, in: tx)
        }
    }

    @Test(
        "customerSuspension: a suspended customer's subscriptions are suspended with CUSTOMER_SUSPENDED and it cannot buy"
    )
    func customerSuspension() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 3)
        let suspended = try world.store.writeNow { tx in
            try customers(world).suspend(customer.id, reason: "unpaid", caller: world.admin, in: tx)
        }
        #expect(suspended.state == .suspended)
        let held = try world.reload(subscription)
        #expect(held.state == .suspended && held.activeSuspensionReasons == [.customerSuspended])
        #expect(try world.history(subscription).last?.reason == "unpaid")
        expectDomainError(.failedPrecondition, field: "customerId") {
            try world.buy(suspended, "ess-enterprise-plus-annual", seats: 1)
        }
        expectDomainError(.failedPrecondition, field: "customerId") {
            try world.store.writeNow { tx in try customers(world).suspend(customer.id, caller: world.admin, in: tx) }
        }
        expectDomainError(.permissionDenied, field: nil) {
            try world.store.writeNow { tx in try customers(world).reactivate(customer.id, caller: world.sales, in: tx) }
        }
        #expect(try world.events(of: customer.id).last?.type == "customer.suspended")
    }

    @Test(
        "resellerLiftsOnlyItsOwnSuspension: Activate cannot lift CUSTOMER_SUSPENDED; Reactivate keeps the reseller's own"
    )
    func resellerLiftsOnlyItsOwnSuspension() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let mine = try suspend(world, try world.buy(customer, "ws-business-starter-flex", seats: 3))
        #expect(mine.activeSuspensionReasons == [.resellerInitiated])
        let other = try world.buy(customer, "ess-enterprise-plus-annual", seats: 2)
        _ = try world.store.writeNow { tx in try customers(world).suspend(customer.id, caller: world.admin, in: tx) }
        #expect(try world.reload(mine).activeSuspensionReasons == [.customerSuspended, .resellerInitiated])
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try activate(world, try world.reload(other)) }

        let active = try world.store.writeNow { tx in
            try customers(world).reactivate(customer.id, caller: world.admin, in: tx)
        }
        #expect(active.state == .active)
        #expect(try world.reload(other).state == .active)
        let still = try world.reload(mine)
        #expect(still.state == .suspended && still.activeSuspensionReasons == [.resellerInitiated])
        #expect(try activate(world, still).state == .active)
    }
}
