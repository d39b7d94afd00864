import Testing

@testable import PartnerCore

/// A read transaction that notes the kind of every record asked for, so a test can say what
/// an operation read.
private final class RecordingReads: StoreReading {
    let base: any StoreReading
    private(set) var kinds: [String] = []

    init(_ base: any StoreReading) { self.base = base }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        kinds.append(R.kind.name)
        return try base.get(type, id: id)
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        kinds.append(R.kind.name)
        return try base.find(type, uniqueKey: key)
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        kinds.append(R.kind.name)
        return try base.list(type, partnerId: partnerId, lookupKey: lookupKey, after: after, limit: limit)
    }
}

@Suite("The customer's copy of its admin console account")
struct UpstreamCopyTests {
    let f: CoreFixture
    let created: Customer

    init() throws {
        f = try CoreFixture()
        created = try f.createCustomer()
    }

    /// `Customers.Get` of `id` (the created customer's by default), with the kinds of the
    /// records it read.
    private func get(_ id: String? = nil) throws -> (customer: Customer, kinds: [String]) {
        let (domain, caller, id) = (f.domain, f.a, id ?? created.id)
        return try f.read { tx in
            let reads = RecordingReads(tx)
            let customer = try domain.customers.get(id, caller: caller, in: reads)
            return (customer, reads.kinds)
        }
    }

    /// Runs an `AdminConsoleSim` operation on the created customer as the admin agent.
    private func upstream(_ change: (AdminConsoleSimOperations, String, Caller, any StoreWriting) throws -> Void)
        throws
    {
        let (sim, id, caller) = (f.domain.adminConsoleSim, created.id, f.a)
        try f.write { tx in try change(sim, id, caller, tx) }
    }

    @Test("a new customer keeps its account's values; Customers.Get then reads the customer alone")
    func getReadsOneRecord() throws {
        #expect(created.upstream?.domain == "example.com" && created.upstream?.alternateEmail == "owner@gmail.com")
        let (customer, kinds) = try get()
        #expect(customer.adminConsoleMismatch == nil)
        #expect(kinds == ["customer"])
        #expect(customer == created)
    }

    @Test("an upstream change refreshes the copy in its own transaction, and leaves the customer's etag")
    func upstreamChangeRefreshesCopy() throws {
        try upstream { sim, id, caller, tx in
            _ = try sim.changeDomain(customerId: id, domain: "example.it", caller: caller, in: tx)
        }
        try upstream { sim, id, caller, tx in
            _ = try sim.renameOrganisation(customerId: id, organisationName: "Example Holding", caller: caller, in: tx)
        }
        let (customer, kinds) = try get()
        #expect(kinds == ["customer"])
        #expect(customer.etag == created.etag && customer.updateTime == created.updateTime)
        #expect(customer.upstream?.domain == "example.it" && customer.upstream?.organisationName == "Example Holding")
        #expect(customer.adminConsoleMismatch?.fields == [.primaryDomain, .organisationName])
    }

    @Test("a customer stored without a copy still shows its account's differences, read from the account")
    func recordWithoutCopyReadsTheAccount() throws {
        try upstream { sim, id, caller, tx in
            _ = try sim.changeAlternateEmail(customerId: id, alternateEmail: "new@gmail.com", caller: caller, in: tx)
        }
        let id = created.id
        try f.write { tx in
            var older = try #require(try tx.get(Customer.self, id: id))
            older.upstream = nil
            try tx.put(older)
        }
        let (customer, kinds) = try get()
        #expect(kinds == ["customer", "upstream_account"])
        #expect(customer.adminConsoleMismatch?.fields == [.alternateEmail])
        #expect(customer.adminConsoleMismatch?.upstreamAlternateEmail == "new@gmail.com")
        let (customers, caller) = (f.domain.customers, f.a)
        let synced = try f.write { tx in try customers.syncWithAdminConsole(id, caller: caller, in: tx) }
        #expect(synced.upstream?.alternateEmail == "new@gmail.com")
        #expect(try get().kinds == ["customer"])
    }

    @Test("an invited customer keeps its account's values too")
    func invitedCustomerKeepsCopy() throws {
        let (invitations, caller) = (f.domain.invitations, f.a)
        let invitation = NewInvitation(
            name: "Ada", email: "ada@invited.example", domain: "invited.example", organisationName: "Invited S.r.l.")
        let sent = try f.write { tx in try invitations.send(invitation, caller: caller, in: tx) }
        #expect(sent.customer.upstream?.domain == "invited.example")
        #expect(try get(sent.customer.id).kinds == ["customer"])
    }
}
