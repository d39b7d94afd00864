import FramedRPC
import PartnerAPI
import Testing

/// The contacts seed flow: a user-linked contact's new email applies only once the new
/// address confirms it.
@Suite("Contact email verification")
struct ContactVerificationTests {
    @Test(
        "a user-linked contact's email change waits for verification, then applies once",
        arguments: TransportMode.allCases)
    func emailChangeIsVerifiedThenApplied(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { server, client in
            let customer = try await client.customers.create(Fixtures.domainCustomer("galli.it"))
            let user = try await client.users.create(
                .init(customerId: customer.id, firstName: "Anna", lastName: "Galli", email: "anna@galli.it"))
            let contact = try await client.contacts.create(
                .init(customerId: customer.id, userId: user.id, types: [.billing, .technical]))
            #expect(contact.businessEmail == "anna@galli.it")
            #expect(contact.userId == user.id)

            let requested = try await client.contacts.update(
                .init(contactId: contact.id, etag: contact.etag, businessEmail: "anna.galli@example.org"))
            #expect(requested.businessEmail == "anna@galli.it", "the old email stays until confirmed")
            #expect(requested.pendingEmail == "anna.galli@example.org")

            let messages = try await Fixtures.outbox(client).filter { ($0.relatedIds ?? []).contains(contact.id) }
            #expect(messages.last?.kind == "EMAIL_VERIFICATION")
            #expect(messages.last?.recipients == ["anna.galli@example.org"], "the message goes to the new address")
            let code = try await Fixtures.oneTimeCode(client, kind: "EMAIL_VERIFICATION", relatedTo: contact.id)

            let confirmed = try await server.client(anonymous: true).contacts.confirmEmail(.init(token: code))
            #expect(confirmed.id == contact.id)
            #expect(confirmed.businessEmail == "anna.galli@example.org")
            #expect(confirmed.pendingEmail == nil)
            let listed = try await client.contacts.list(.init(customerId: customer.id))
            #expect(listed.items.first { $0.id == contact.id }?.businessEmail == "anna.galli@example.org")

            await expectFailure(.failedPrecondition, "the same code twice") {
                try await server.client(anonymous: true).contacts.confirmEmail(.init(token: code))
            }
        }
    }

    @Test(
        "an outside person's email changes at once; deleting a user's contact keeps the user",
        arguments: TransportMode.allCases)
    func outsideContactAndUserLinkedDelete(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let customer = try await client.customers.create(Fixtures.domainCustomer("moretti.it"))
            let outside = try await client.contacts.create(
                .init(
                    customerId: customer.id, firstName: "Luca", lastName: "Moretti", businessEmail: "luca@moretti.it",
                    types: [.business]))
            let changed = try await client.contacts.update(
                .init(contactId: outside.id, etag: outside.etag, businessEmail: "luca@example.org"))
            #expect(changed.businessEmail == "luca@example.org")
            #expect(changed.pendingEmail == nil)

            let user = try await client.users.create(
                .init(customerId: customer.id, firstName: "Sara", lastName: "Moretti", email: "sara@moretti.it"))
            let linked = try await client.contacts.create(
                .init(customerId: customer.id, userId: user.id, types: [.billing]))
            _ = try await client.contacts.delete(.init(contactId: linked.id))
            let users = try await client.users.list(.init(customerId: customer.id))
            let kept = try #require(users.items.first { $0.id == user.id }, "the user stays")
            #expect(kept.contactTypes.isEmpty, "the user loses its contact types")
            let again = try await client.contacts.create(
                .init(customerId: customer.id, userId: user.id, types: [.billing]))
            #expect(again.userId == user.id, "a user whose contact was deleted may back a new one")
            await expectFailure(.alreadyExists, "a second contact backed by the same user") {
                try await client.contacts.create(.init(customerId: customer.id, userId: user.id, types: [.technical]))
            }
        }
    }
}
