import Testing

@testable import PartnerCore

@Suite("Commerce partner isolation: another partner's ids are NOT_FOUND")
struct CommerceIsolationTests {
    enum Call: String, Sendable, CaseIterable {
        case listProducts, placeOrder, listOrders, getSubscription, listSubscriptions, changeSeats, suspend, activate,
            cancel
        case listInvoices, getInvoice, downloadInvoice
    }

    @Test(
        "every commerce read and write with partner A's ids, called by partner B, is NOT_FOUND",
        arguments: Call.allCases)
    func isolation(_ call: Call) throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 3)
        world.clock.set(Timestamp(year: 2026, month: 4, day: 1))
        let invoice = try world.store.writeNow { tx in
            try world.invoices.closeBillingPeriod("2026-03", caller: world.admin, in: tx)
        }.invoices[0]
        let b = world.otherBoth
        let sub = SubscriptionTransition(subscriptionId: subscription.id)
        let (field, run): (String, () throws -> Void) =
            switch call {
            case .listProducts:
                (
                    "customerId",
                    {
                        _ = try world.store.readNow { tx in
                            try world.products.listProducts(customerId: customer.id, caller: b, in: tx)
                        }
                    }
                )
            case .placeOrder: ("customerId", { _ = try world.buy(customer, "ci-premium-flex", seats: 1, as: b) })
            case .listOrders:
                (
                    "customerId",
                    {
                        _ = try world.store.readNow { tx in
                            try world.orders.list(customerId: customer.id, page: PageRequest(), caller: b, in: tx)
                        }
                    }
                )
            case .getSubscription:
                (
                    "subscriptionId",
                    {
                        _ = try world.store.readNow { tx in
                            try world.subscriptions.get(subscription.id, caller: b, in: tx)
                        }
                    }
                )
            case .listSubscriptions:
                (
                    "customerId",
                    {
                        _ = try world.store.readNow { tx in
                            try world.subscriptions.list(
                                SubscriptionFilter(customerId: customer.id), page: PageRequest(), caller: b, in: tx)
                        }
                    }
                )
            case .changeSeats: ("subscriptionId", { _ = try world.change(subscription, delta: 1, as: b) })
            case .suspend:
                (
                    "subscriptionId",
                    { _ = try world.store.writeNow { tx in try world.subscriptions.suspend(sub, caller: b, in: tx) } }
                )
            case .activate:
                (
                    "subscriptionId",
                    { _ = try world.store.writeNow { tx in try world.subscriptions.activate(sub, caller: b, in: tx) } }
                )
            case .cancel:
                (
                    "subscriptionId",
                    { _ = try world.store.writeNow { tx in try world.subscriptions.cancel(sub, caller: b, in: tx) } }
                )
            case .listInvoices:
                (
                    "customerId",
                    {
                        _ = try world.store.readNow { tx in
                            try world.invoices.list(
                                InvoiceFilter(customerId: customer.id), page: PageRequest(), caller: b, in: tx)
                        }
                    }
                )
            case .getInvoice:
                (
                    "invoiceId",
                    { _ = try world.store.readNow { tx in try world.invoices.get(invoice.id, caller: b, in: tx) } }
                )
            case .downloadInvoice:
                (
                    "invoiceId",
                    {
                        _ = try world.store.readNow { tx in
                            try world.invoices.download(invoice.id, format: "CSV", caller: b, in: tx)
                        }
                    }
                )
            }
        expectDomainError(.notFound, field: field) { try run() }
        // Partner A's world is untouched, and B's listings do not show A's records.
        #expect(try world.reload(subscription) == subscription)
        let seenByB = try world.store.readNow { tx in
            (
                try world.subscriptions.list(page: PageRequest(), caller: b, in: tx).items.count,
                try world.orders.list(page: PageRequest(), caller: b, in: tx).items.count,
                try world.invoices.list(page: PageRequest(), caller: b, in: tx).items.count
            )
        }
        #expect(seenByB == (0, 0, 0))
    }
}
