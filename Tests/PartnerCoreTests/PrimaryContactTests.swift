import Testing

@testable import PartnerCore

/// One primary contact per scope and type; deleting a primary names its successor (issue #13
/// capability).
@Suite("Primary contacts")
struct PrimaryContactTests {
    private func create(_ f: CoreFixture, _ name: String, _ types: Set<ContactType>, customer: String) throws -> Contact
    {
        let domain = f.domain
        let a = f.a
        return try f.write { tx in
            try domain.contacts.create(
                NewContact(
                    customerId: customer, firstName: name, lastName: "Rossi", businessEmail: "\(name)@example.org",
                    types: types), caller: a, in: tx)
        }
    }

    private func reload(_ f: CoreFixture, _ contact: Contact) throws -> Contact {
        try f.read { tx in try #require(try tx.get(Contact.self, id: contact.id)) }
    }

    @Test("onePrimaryPerType: the first contact of a type is primary; SetPrimary moves it")
    func onePrimaryPerType() throws {
        let f = try CoreFixture()
        let customer = try f.createCustomer()
        let anna = try create(f, "anna", [.billing, .technical], customer: customer.id)
        let bruno = try create(f, "bruno", [.billing, .business], customer: customer.id)
        #expect(anna.primaryFor == [.billing, .technical] && bruno.primaryFor == [.business])
        let domain = f.domain
        let a = f.a
        let moved = try f.write { tx in
            try domain.contacts.setPrimary(contactId: bruno.id, type: .billing, caller: a, in: tx)
        }
        #expect(moved.primaryFor == [.billing, .business])
        #expect(try reload(f, anna).primaryFor == [.technical])
        expectRefusal(.failedPrecondition, field: "type") {
            try f.write { tx in try domain.contacts.setPrimary(contactId: anna.id, type: .business, caller: a, in: tx) }
        }
        // Another customer's contacts have their own primaries.
        let other = try f.createCustomer(CoreFixture.newCustomer("other-primary.example"))
        #expect(try create(f, "carla", [.billing], customer: other.id).primaryFor == [.billing])
    }

    @Test("primaryNeedsSuccessor: deleting a primary names a successor of that type, who becomes primary")
    func primaryNeedsSuccessor() throws {
        let f = try CoreFixture()
        let customer = try f.createCustomer()
        let anna = try create(f, "anna", [.billing], customer: customer.id)
        let bruno = try create(f, "bruno", [.technical], customer: customer.id)
        let carla = try create(f, "carla", [.billing], customer: customer.id)
        let domain = f.domain
        let a = f.a
        expectRefusal(.failedPrecondition, field: "successorContactId") {
            try f.write { tx in try domain.contacts.delete(contactId: anna.id, caller: a, in: tx) }
        }
        expectRefusal(.failedPrecondition, field: "successorContactId") {
            try f.write { tx in
                try domain.contacts.delete(contactId: anna.id, successorContactId: bruno.id, caller: a, in: tx)
            }
        }
        _ = try f.write { tx in
            try domain.contacts.delete(contactId: anna.id, successorContactId: carla.id, caller: a, in: tx)
        }
        #expect(try reload(f, carla).primaryFor == [.billing])
        // The last contact of a type needs no successor.
        _ = try f.write { tx in try domain.contacts.delete(contactId: bruno.id, caller: a, in: tx) }
    }
}
