import Testing

@testable import PartnerCore

/// A fresh domain on an in-memory store with two partners (A and B), each with an agent
/// holding both roles, and a clock standing at 2026-03-01.
struct CoreFixture {
    let store = MemoryRecordStore()
    let clock = FixedClock(Timestamp(year: 2026, month: 3, day: 1, hour: 9))
    let domain: PartnerDomain
    /// Partner A's agent with both roles.
    let a: Caller
    /// Partner B's agent with both roles.
    let b: Caller
    /// Partner A's bootstrap bearer token.
    let tokenA: String

    init(liveSubscriptions: any LiveSubscriptionChecking = NoLiveSubscriptions()) throws {
        domain = PartnerDomain(context: .simulated(clock: clock, liveSubscriptions: liveSubscriptions))
        let domain = domain
        let first = try store.writeNow { tx in try domain.partners.createPartner(name: "Acme Reseller", in: tx) }
        let second = try store.writeNow { tx in try domain.partners.createPartner(name: "Other Reseller", in: tx) }
        a = Caller(
            partnerId: first.partner.id, agentId: first.agent.id, roles: [.salesAgent, .adminAgent], requestId: "req-a")
        b = Caller(
            partnerId: second.partner.id, agentId: second.agent.id, roles: [.salesAgent, .adminAgent],
            requestId: "req-b")
        tokenA = first.token
    }

    /// A caller of partner A with only `roles`.
    func a(_ roles: Set<Role>) -> Caller { Caller(partnerId: a.partnerId, agentId: a.agentId, roles: roles) }

    /// A valid new domain customer of `domain`.
    static func newCustomer(
        _ domain: String = "example.com", type: CustomerType = .domain, name: String = "Example S.p.A.",
        alternate: String? = "owner@gmail.com"
    ) -> NewCustomer {
        NewCustomer(
            organisationName: name, primaryDomain: domain, customerType: type,
            postalAddress: PostalAddress(
                regionCode: "IT", postalCode: "00184", locality: "Roma", addressLines: ["Via Nazionale 1"]),
            primaryAdminEmail: "admin@\(domain)", alternateEmail: alternate, phoneNumber: "+39 06 1234 5678",
            languageCode: "it-IT", timeZone: "Europe/Rome")
    }

    /// Creates a customer as `caller` (default A).
    @discardableResult
    func createCustomer(_ input: NewCustomer = CoreFixture.newCustomer(), as caller: Caller? = nil) throws -> Customer {
        let domain = domain
        let caller = caller ?? a
        return try store.writeNow { tx in try domain.customers.create(input, caller: caller, in: tx) }
    }

    /// Runs a write body.
    func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T { try store.writeNow(body) }
    /// Runs a read body.
    func read<T>(_ body: (any StoreReading) throws -> T) throws -> T { try store.readNow(body) }

    /// The partner's outbox, oldest first.
    func outbox(_ caller: Caller? = nil) throws -> [OutboxMessage] {
        let domain = domain
        let caller = caller ?? a
        return try read { tx in
            try domain.journal.notifications(page: PageRequest(pageSize: 200), caller: caller, in: tx).items
        }
    }

    /// The partner's audit log, oldest first.
    func auditLog(_ caller: Caller? = nil) throws -> [AuditEntry] {
        let domain = domain
        let caller = caller ?? a
        return try read { tx in try domain.journal.audit(page: PageRequest(pageSize: 200), caller: caller, in: tx).items
        }
    }

    /// The partner's events, in order.
    func events(_ caller: Caller? = nil) throws -> [DomainEvent] {
        let domain = domain
        let caller = caller ?? a
        return try read { tx in try domain.journal.events(afterSequence: 0, limit: 1000, caller: caller, in: tx) }
    }

    /// The one-time code on the last line of text block of the newest message of `kind`.
    func lastToken(_ kind: OutboxMessage.Kind) throws -> String {
        let message = try #require(try outbox().last { $0.messageKind == kind })
        let lines = message.text.split(separator: "\n").map { $0.trimmingSpaces }
        let token = try #require(lines.first { $0.count >= 40 && !$0.contains(" ") })
        return String(token)
    }
}

/// Expects `body` to throw a `DomainError` with `code` and `field` (nil = no field expected).
func expectRefusal<T>(
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

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
