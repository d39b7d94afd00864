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
    /// `Customers.Get` of `id`, with the kinds of the records it read.
    private func get(_ id: String, _ f: CoreFixture) throws -> (Customer, [String]) {
        let domain = f.domain
        let caller = f.a
        return try f.read { tx in
            let reads = RecordingReads(tx)
            let customer = try domain.customers.get(id, caller: caller, in: reads)
            return (customer, reads.kinds)
        }
    }

    @Test("a new customer keeps its account's values; Customers.Get then reads the customer alone")
    func getReadsOneRecord() throws {
        let f = try CoreFixture()
        let created = try f.createCustomer()
        #expect(created.upstream?.domain == "example.com" && created.upstream?.alternateEmail == "owner@gmail.com")
        let (customer, kinds) = try get(created.id, f)
        #expect(customer.adminConsoleMismatch == nil)
        #expect(kinds == ["customer"])
        #expect(customer == created)
    }

    @Test("an upstream change refreshes the copy in its own transaction, and leaves the customer's etag")
    func upstreamChangeRefreshesCopy() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let created = try f.createCustomer()
        _ = try f.write { tx in
            try d.adminConsoleSim.changeDomain(customerId: created.id, domain: "example.it", caller: a, in: tx)
        }
        _ = try f.write { tx in
            try d.adminConsoleSim.renameOrganisation(
                customerId: created.id, organisationName: "Example Holding", caller: a, in: tx)
        }
        let (customer, kinds) = try get(created.id, f)
        #expect(kinds == ["customer"])
        #expect(customer.etag == created.etag && customer.updateTime == created.updateTime)
        #expect(customer.upstream?.domain == "example.it" && customer.upstream?.organisationName == "Example Holding")
        #expect(customer.adminConsoleMismatch?.fields == [.primaryDomain, .organisationName])
    }

    @Test("a customer stored without a copy still shows its account's differences, read from the account")
    func recordWithoutCopyReadsTheAccount() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let created = try f.createCustomer()
        _ = try f.write { tx in
            try d.adminConsoleSim.changeAlternateEmail(
                customerId: created.id, alternateEmail: "new@gmail.com", caller: a, in: tx)
        }
        try f.write { tx in
            var older = try #require(try tx.get(Customer.self, id: created.id))
            older.upstream = nil
            try tx.put(older)
        }
        let (customer, kinds) = try get(created.id, f)
        #expect(kinds == ["customer", "upstream_account"])
        #expect(customer.adminConsoleMismatch?.fields == [.alternateEmail])
        #expect(customer.adminConsoleMismatch?.upstreamAlternateEmail == "new@gmail.com")
        let synced = try f.write { tx in
            try d.customers.syncWithAdminConsole(created.id, caller: a, in: tx)
        }
        #expect(synced.upstream?.alternateEmail == "new@gmail.com")
        #expect(try get(created.id, f).1 == ["customer"])
    }

    @Test("an invited customer keeps its account's values too")
    func invitedCustomerKeepsCopy() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let sent = try f.write { tx in
            try d.invitations.send(
                NewInvitation(
                    name: "Ada", email: "ada@invited.example", domain: "invited.example",
                    organisationName: "Invited S.r.l."), caller: a, in: tx)
        }
        #expect(sent.customer.upstream?.domain == "invited.example")
        #expect(try get(sent.customer.id, f).1 == ["customer"])
    }
}
