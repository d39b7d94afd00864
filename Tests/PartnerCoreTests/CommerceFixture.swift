import Testing

@testable import PartnerCore

/// A partner world for the commerce tests: an in-memory store, a clock that stands still until
/// moved, two partners with sales, admin and role-less agents, and customers made to order.
struct CommerceFixture {
    let store = MemoryRecordStore()
    let clock = FixedClock(Timestamp(year: 2026, month: 3, day: 1, hour: 10))
    let context: DomainContext
    let catalog = Catalog.standard
    let orders: OrderOperations
    let subscriptions: SubscriptionOperations
    let invoices: InvoiceOperations
    let products: CatalogOperations

    let sales = Caller(partnerId: "par_a", agentId: "agt_sales", roles: [.salesAgent], requestId: "req-1")
    let admin = Caller(partnerId: "par_a", agentId: "agt_admin", roles: [.adminAgent])
    let both = Caller(partnerId: "par_a", agentId: "agt_both", roles: [.salesAgent, .adminAgent])
    let nobody = Caller(partnerId: "par_a", agentId: "agt_none", roles: [])
    let otherSales = Caller(partnerId: "par_b", agentId: "agt_b_sales", roles: [.salesAgent])
    let otherBoth = Caller(partnerId: "par_b", agentId: "agt_b_both", roles: [.salesAgent, .adminAgent])

    init() {
        context = DomainContext.simulated(clock: clock, liveSubscriptions: SubscriptionLiveness(clock: clock))
        orders = OrderOperations(context: context)
        subscriptions = SubscriptionOperations(context: context)
        invoices = InvoiceOperations(context: context)
        products = CatalogOperations()
    }

    /// Stores a customer of `partnerId` and returns it.
    @discardableResult
    func customer(
        _ name: String = "Acme", type: CustomerType = .domain, education: Bool = false, verified: Bool? = nil,
        state: CustomerState = .active, partnerId: String = "par_a"
    ) throws -> Customer {
        let id = context.ids.next("cus")
        var customer = Customer(
            id: id, partnerId: partnerId, organisationName: name, displayName: name,
            primaryDomain: "\(id.lowercased().replacingUnderscores).example", customerType: type,
            education: education ? EducationData(instituteType: .university) : nil, cloudIdentityId: "C\(id)",
            postalAddress: PostalAddress(regionCode: "IT", postalCode: "00100"),
            primaryAdminEmail: "admin@\(id.lowercased().replacingUnderscores).example",
            alternateEmail: "alt@elsewhere.example",
            phoneNumber: nil, languageCode: "it-IT", regionCode: "IT", timeZone: "Europe/Rome", state: state,
            time: clock.now())
        if let verified { customer.domainVerified = verified }
        try store.writeNow { tx in try tx.put(customer) }
        return customer
    }

    /// Places an order as the sales agent.
    @discardableResult
    func buy(_ customer: Customer, _ sku: String, seats: Int, as caller: Caller? = nil) throws -> Subscription {
        try store.writeNow { tx in
            try orders.place(NewOrder(customerId: customer.id, sku: sku, seats: seats), caller: caller ?? sales, in: tx)
        }.subscription
    }

    /// Changes seats as the sales agent.
    @discardableResult
    func change(
        _ subscription: Subscription, seats: Int? = nil, delta: Int? = nil, etag: String? = nil, reason: String? = nil,
        as caller: Caller? = nil
    ) throws -> Subscription {
        try store.writeNow { tx in
            try subscriptions.changeSeats(
                SeatChange(subscriptionId: subscription.id, seats: seats, delta: delta, etag: etag, reason: reason),
                caller: caller ?? sales, in: tx)
        }
    }

    func reload(_ subscription: Subscription) throws -> Subscription {
        try store.readNow { tx in try #require(try tx.get(Subscription.self, id: subscription.id)) }
    }

    func reload(_ customer: Customer) throws -> Customer {
        try store.readNow { tx in try #require(try tx.get(Customer.self, id: customer.id)) }
    }

    /// The whole history in sequence order (`Subscriptions.Get` returns only the recent part).
    func history(_ subscription: Subscription) throws -> [SubscriptionChange] {
        try store.readNow { tx in try CommerceLookup.history(of: subscription.id, partnerId: "par_a", in: tx) }
    }

    func audit(target: String) throws -> [AuditEntry] {
        try store.readNow { tx in
            try tx.list(AuditEntry.self, partnerId: "par_a", lookupKey: "target:\(target)", after: nil, limit: .max)
        }
    }

    func events(of resourceId: String, partnerId: String = "par_a") throws -> [DomainEvent] {
        try store.readNow { tx in
            try tx.list(DomainEvent.self, partnerId: partnerId, lookupKey: nil, after: nil, limit: .max)
        }.filter { $0.resourceId == resourceId }
    }
}

/// Expects `body` to throw a `DomainError` with `code` and `field`.
func expectDomainError<T>(
    _ code: DomainError.Code, field: String?, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) {
    do {
        let value = try body()
        Issue.record("expected \(code.name) on \(field ?? "no field"), got \(value)", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected DomainError \(code.name), got \(error)", sourceLocation: sourceLocation)
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
