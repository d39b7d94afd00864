import Testing

@testable import PartnerCore

@Suite("Orders and the catalogue listing")
struct OrderTests {
    @Test("Orders.Place creates an ACTIVE subscription, its order, a CREATED history entry, audit and events")
    func placeCreatesSubscription() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        #expect(customer.subscriptionStatus == nil)
        let placed = try world.store.writeNow { tx in
            try world.orders.place(
                NewOrder(customerId: customer.id, sku: "ws-business-starter-flex", seats: 12, reason: "new office"),
                caller: world.sales, in: tx)
        }
        let subscription = placed.subscription
        #expect(subscription.state == .active)
        #expect(subscription.seats == 12)
        #expect(subscription.unitPrice == Money(minorUnits: 840, currency: .usd))
        #expect(subscription.etag == Etag.initial)
        #expect(placed.order.subscriptionId == subscription.id)
        #expect(placed.order.agentId == "agt_sales")
        let history = try world.history(subscription)
        #expect(history.count == 1)
        #expect(history[0].action == .created)
        #expect(history[0].toSeats == 12)
        #expect(history[0].agentId == "agt_sales")
        #expect(history[0].requestId == "req-1")
        #expect(history[0].reason == "new office")
        #expect(try world.audit(target: placed.order.id).first?.method == "Orders.Place")
        #expect(try world.audit(target: subscription.id).count == 1)
        #expect(try world.events(of: placed.order.id).map(\.type) == ["order.placed"])
        #expect(try world.events(of: subscription.id).map(\.type) == ["subscription.created"])
    }

    @Test("rule firstOrderSetsSubscriptionStatus: empty until the first order, then ACTIVE")
    func firstOrderSetsStatus() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        try world.buy(customer, "ws-business-starter-flex", seats: 1)
        let after = try world.reload(customer)
        #expect(after.subscriptionStatus == "ACTIVE")
        #expect(after.version == customer.version + 1)
        try world.buy(customer, "ci-premium-flex", seats: 1)
        #expect(try world.reload(customer).version == after.version, "an unchanged summary leaves the customer alone")
    }

    @Test(
        "rule ordersOnlyForActiveCustomers: FAILED_PRECONDITION customerId",
        arguments: [CustomerState.invited, .suspended])
    func onlyActiveCustomers(_ state: CustomerState) throws {
        let world = CommerceFixture()
        let customer = try world.customer(state: state)
        expectDomainError(.failedPrecondition, field: "customerId") {
            try world.buy(customer, "ws-business-starter-flex", seats: 1)
        }
    }

    @Test("a deleted, unknown or other partner's customer is NOT_FOUND customerId")
    func customerNotFound() throws {
        let world = CommerceFixture()
        let deleted = try world.customer(state: .deleted)
        let foreign = try world.customer(partnerId: "par_b")
        expectDomainError(.notFound, field: "customerId") {
            try world.buy(deleted, "ws-business-starter-flex", seats: 1)
        }
        expectDomainError(.notFound, field: "customerId") {
            try world.buy(foreign, "ws-business-starter-flex", seats: 1)
        }
        expectDomainError(.notFound, field: "customerId") {
            try world.store.writeNow { tx in
                try world.orders.place(
                    NewOrder(customerId: "cus_nope", sku: "ci-free", seats: 1), caller: world.sales, in: tx)
            }
        }
    }

    @Test("an unknown SKU is NOT_FOUND sku")
    func unknownSku() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        expectDomainError(.notFound, field: "sku") { try world.buy(customer, "no-such-sku", seats: 1) }
    }

    @Test("rule sameSkuTwice: ALREADY_EXISTS sku; after cancelling, the SKU can be bought again")
    func sameSkuTwice() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let first = try world.buy(customer, "ws-business-starter-flex", seats: 2)
        expectDomainError(.alreadyExists, field: "sku") {
            try world.buy(customer, "ws-business-starter-flex", seats: 3)
        }
        _ = try world.store.writeNow { tx in
            try world.subscriptions.cancel(
                SubscriptionTransition(subscriptionId: first.id), caller: world.sales, in: tx)
        }
        let again = try world.buy(customer, "ws-business-starter-flex", seats: 3)
        #expect(again.id != first.id)
    }

    @Test("rule oneSkuPerFamily: a second SKU of the same family is INVALID_ARGUMENT sku")
    func oneSkuPerFamily() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        try world.buy(customer, "ws-business-starter-flex", seats: 2)
        expectDomainError(.invalidArgument, field: "sku") {
            try world.buy(customer, "ws-business-standard-annual", seats: 2)
        }
        // Another family is fine.
        try world.buy(customer, "ci-premium-flex", seats: 2)
    }

    @Test(
        "rule addOnNeedsBase: an add-on without its base is FAILED_PRECONDITION sku",
        arguments: [
            ("gemini-business-flex", "ws-business-standard-flex"),  // base named by SKU
            ("storage-10tb-monthly", "ws-enterprise-standard-flex"),  // base named by family
        ])
    func addOnNeedsBase(_ addOn: String, _ base: String) throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        expectDomainError(.failedPrecondition, field: "sku") { try world.buy(customer, addOn, seats: 1) }
        try world.buy(customer, base, seats: 5)
        try world.buy(customer, addOn, seats: 1)
    }

    @Test("an add-on whose base was cancelled needs a new base")
    func addOnAfterBaseCancelled() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let base = try world.buy(customer, "ws-business-starter-flex", seats: 5)
        _ = try world.store.writeNow { tx in
            try world.subscriptions.cancel(SubscriptionTransition(subscriptionId: base.id), caller: world.sales, in: tx)
        }
        expectDomainError(.failedPrecondition, field: "sku") {
            try world.buy(customer, "gemini-business-flex", seats: 1)
        }
    }

    struct EligibilityRow: Sendable, CustomTestStringConvertible {
        var type: CustomerType
        var education: Bool
        var verified: Bool?
        var sku: String
        var allowed: Bool
        var testDescription: String {
            "\(type.rawValue)\(education ? "+edu" : "")\(verified == false ? " unverified" : "") buys \(sku): \(allowed ? "OK" : "FAILED_PRECONDITION")"
        }
    }

    @Test(
        "rule eligibleProductsOnly: team customers Essentials-only until verified; education SKUs for education customers",
        arguments: [
            EligibilityRow(
                type: .team, education: false, verified: false, sku: "ws-business-starter-flex", allowed: false),
            EligibilityRow(type: .team, education: false, verified: false, sku: "ess-enterprise-flex", allowed: true),
            EligibilityRow(type: .team, education: false, verified: false, sku: "ess-starter", allowed: true),
            EligibilityRow(
                type: .team, education: false, verified: true, sku: "ws-business-starter-flex", allowed: true),
            EligibilityRow(type: .domain, education: false, verified: nil, sku: "ess-starter", allowed: false),
            EligibilityRow(type: .domain, education: false, verified: nil, sku: "edu-standard-annual", allowed: false),
            EligibilityRow(type: .domain, education: true, verified: nil, sku: "edu-standard-annual", allowed: true),
            EligibilityRow(type: .team, education: false, verified: true, sku: "ci-premium-flex", allowed: false),
        ])
    func eligibility(_ row: EligibilityRow) throws {
        let world = CommerceFixture()
        let customer = try world.customer(type: row.type, education: row.education, verified: row.verified)
        if row.allowed {
            #expect(try world.buy(customer, row.sku, seats: 1).state == .active)
        } else {
            expectDomainError(.failedPrecondition, field: "sku") { try world.buy(customer, row.sku, seats: 1) }
        }
    }

    @Test("rule seatRange at order time: below 1 is INVALID_ARGUMENT seats, above the maximum OUT_OF_RANGE seats")
    func orderSeatRange() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        expectDomainError(.invalidArgument, field: "seats") {
            try world.buy(customer, "ws-business-starter-flex", seats: 0)
        }
        expectDomainError(.outOfRange, field: "seats") {
            try world.buy(customer, "ws-business-starter-flex", seats: 301)
        }
        #expect(try world.buy(customer, "ws-business-starter-flex", seats: 300).seats == 300)
    }

    @Test(
        "only sales agents place orders; a role-less agent cannot even list",
        arguments: [
            ("admin", false), ("both", true), ("nobody", false),
        ])
    func placeNeedsSales(_ who: String, _ allowed: Bool) throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let caller = who == "admin" ? world.admin : who == "both" ? world.both : world.nobody
        if allowed {
            try world.buy(customer, "ci-free", seats: 1, as: caller)
        } else {
            expectDomainError(.permissionDenied, field: nil) {
                try world.buy(customer, "ci-free", seats: 1, as: caller)
            }
        }
        if who == "nobody" {
            expectDomainError(.permissionDenied, field: nil) {
                try world.store.readNow { tx in try world.orders.list(page: PageRequest(), caller: caller, in: tx) }
            }
        }
    }

    @Test("Orders.List pages oldest first and filters by customer; another partner's customer is NOT_FOUND")
    func listOrders() throws {
        let world = CommerceFixture()
        let a = try world.customer("A")
        let b = try world.customer("B")
        let foreign = try world.customer("F", partnerId: "par_b")
        try world.buy(a, "ws-business-starter-flex", seats: 1)
        try world.buy(a, "ci-premium-flex", seats: 1)
        try world.buy(b, "ws-business-starter-flex", seats: 1)
        try world.buy(foreign, "ws-business-starter-flex", seats: 1, as: world.otherSales)
        let first = try world.store.readNow { tx in
            try world.orders.list(page: PageRequest(pageSize: 2), caller: world.admin, in: tx)
        }
        #expect(first.items.count == 2)
        let token = try #require(first.nextPageToken)
        let second = try world.store.readNow { tx in
            try world.orders.list(page: PageRequest(pageSize: 2, pageToken: token), caller: world.admin, in: tx)
        }
        #expect(second.items.count == 1)
        #expect(second.nextPageToken == nil)
        #expect((first.items + second.items).map(\.id) == (first.items + second.items).map(\.id).sorted())
        let ofA = try world.store.readNow { tx in
            try world.orders.list(customerId: a.id, page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(ofA.items.map(\.customerId) == [a.id, a.id])
        expectDomainError(.notFound, field: "customerId") {
            try world.store.readNow { tx in
                try world.orders.list(customerId: foreign.id, page: PageRequest(), caller: world.sales, in: tx)
            }
        }
    }

    @Test(
        "Catalog.ListProducts lists everything, or what one customer may buy; another partner's customer is NOT_FOUND")
    func listProducts() throws {
        let world = CommerceFixture()
        let team = try world.customer(type: .team, verified: false)
        let foreign = try world.customer(partnerId: "par_b")
        let all = try world.store.readNow { tx in try world.products.listProducts(caller: world.admin, in: tx) }
        #expect(all.products == world.catalog.products)
        #expect(all.families == world.catalog.families)
        let forTeam = try world.store.readNow { tx in
            try world.products.listProducts(customerId: team.id, caller: world.sales, in: tx)
        }
        #expect(!forTeam.products.isEmpty)
        #expect(forTeam.products.allSatisfy { $0.familyId == "essentials" })
        #expect(forTeam.families.map(\.id) == ["essentials"])
        expectDomainError(.notFound, field: "customerId") {
            try world.store.readNow { tx in
                try world.products.listProducts(customerId: foreign.id, caller: world.sales, in: tx)
            }
        }
        expectDomainError(.permissionDenied, field: nil) {
            try world.store.readNow { tx in try world.products.listProducts(caller: world.nobody, in: tx) }
        }
    }

    @Test("a refused order leaves nothing behind")
    func refusedOrderIsAtomic() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        try world.buy(customer, "ws-business-starter-flex", seats: 1)
        let before = (
            world.store.count(Order.self), world.store.count(Subscription.self), world.store.count(AuditEntry.self)
        )
        expectDomainError(.alreadyExists, field: "sku") {
            try world.buy(customer, "ws-business-starter-flex", seats: 1)
        }
        #expect(
            (world.store.count(Order.self), world.store.count(Subscription.self), world.store.count(AuditEntry.self))
                == before)
    }
}
