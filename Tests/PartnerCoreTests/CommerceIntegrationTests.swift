import Foundation
import Testing

@testable import PartnerCore

@Suite("Commerce with the rest of the domain")
struct CommerceIntegrationTests {
    @Test(
        "Customers.Delete asks SubscriptionLiveness: refused while a subscription is live, allowed once all are cancelled"
    )
    func deleteNeedsNoLiveSubscriptions() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 2)
        let customers = CustomerOperations(context: world.context)
        expectDomainError(.failedPrecondition, field: "customerId") {
            try world.store.writeNow { tx in try customers.delete(customer.id, caller: world.admin, in: tx) }
        }
        _ = try world.store.writeNow { tx in
            try world.subscriptions.cancel(
                SubscriptionTransition(subscriptionId: subscription.id), caller: world.sales, in: tx)
        }
        let deleted = try world.store.writeNow { tx in try customers.delete(customer.id, caller: world.admin, in: tx) }
        #expect(deleted.state == .deleted)
        // Once deleted the customer is NOT_FOUND for orders, but its invoices stay listable.
        expectDomainError(.notFound, field: "customerId") { try world.buy(customer, "ci-free", seats: 1) }
        world.clock.set(Timestamp(year: 2026, month: 4, day: 1))
        let closing = try world.store.writeNow { tx in
            try world.invoices.closeBillingPeriod("2026-03", caller: world.admin, in: tx)
        }
        #expect(closing.invoices.map(\.customerId) == [customer.id])
        let listed = try world.store.readNow { tx in
            try world.invoices.list(
                InvoiceFilter(customerId: customer.id), page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(listed.items.count == 1)
    }

    @Test("the front door exposes the commerce areas")
    func frontDoor() throws {
        let world = CommerceFixture()
        let domain = PartnerDomain(context: world.context)
        let customer = try world.customer()
        let placed = try world.store.writeNow { tx in
            try domain.orders.place(
                NewOrder(customerId: customer.id, sku: "ci-free", seats: 3), caller: world.sales, in: tx)
        }
        let listed = try world.store.readNow { tx in
            try domain.subscriptions.list(page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(listed.items == [placed.subscription])
        #expect(
            try world.store.readNow { tx in try domain.catalog.listProducts(caller: world.sales, in: tx) }.products
                .count >= 12)
    }

    @Test("commerce records survive a JSON round trip, as the SQLite store keeps them")
    func jsonRoundTrip() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-annual", seats: 4)
        try world.change(subscription, delta: 2, reason: "growth, \"fast\"")
        world.clock.set(Timestamp(year: 2026, month: 4, day: 1))
        let invoice = try world.store.writeNow { tx in
            try world.invoices.closeBillingPeriod("2026-03", caller: world.admin, in: tx)
        }.invoices[0]
        let order = try world.store.readNow { tx in
            try world.orders.list(page: PageRequest(), caller: world.sales, in: tx)
        }.items[0]
        let details = try world.store.readNow { tx in
            try world.subscriptions.get(subscription.id, caller: world.sales, in: tx)
        }
        try roundTrip(details.subscription)
        try roundTrip(details.history)
        try roundTrip(order)
        try roundTrip(invoice)
        try roundTrip(world.catalog.products)
        let json = String(decoding: try JSONEncoder().encode(invoice), as: UTF8.self)
        #expect(json.contains("\"number\":\"INV-202603-00001\""))
        #expect(json.contains("\"billingMonth\":\"2026-03\""))
        #expect(json.contains("\"currency\":\"USD\""))
        #expect(json.contains("\"minorUnits\":"))
    }

    private func roundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let decoded = try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
        #expect(decoded == value, sourceLocation: sourceLocation)
    }
}
