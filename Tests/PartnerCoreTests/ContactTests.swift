import Testing

@testable import PartnerCore

@Suite("Users and contacts")
struct ContactTests {
    @Test("contactHasType: at least one type")
    func contactHasType() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        expectRefusal(.invalidArgument, field: "types") {
            try f.write { tx in
                try domain.contacts.create(
                    NewContact(firstName: "A", lastName: "B", businessEmail: "a@b.example", types: []), caller: a,
                    in: tx)
            }
        }
    }

    @Test("contactNameAndEmailRequired for outside contacts; phone and title optional")
    func contactNameAndEmailRequired() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        for (first, last, email, field) in [
            (nil, "B", "a@b.example", "firstName"), ("A", nil, "a@b.example", "lastName"),
            ("A", "B", nil, "businessEmail"),
        ] as [(String?, String?, String?, String)] {
            expectRefusal(.invalidArgument, field: field) {
                try f.write { tx in
                    try domain.contacts.create(
                        NewContact(firstName: first, lastName: last, businessEmail: email, types: [.billing]),
                        caller: a, in: tx)
                }
            }
        }
        let contact = try f.write { tx in
            try domain.contacts.create(
                NewContact(
                    firstName: "Anna", lastName: "Berg", businessEmail: "anna@berg.example",
                    types: [.technical, .billing]), caller: a, in: tx)
        }
        #expect(
            contact.types == [.billing, .technical] && contact.businessPhone == nil && contact.jobTitle == nil
                && contact.customerId == nil)
    }

    @Test("contacts of a customer are kept apart from the partner's")
    func customerContacts() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        _ = try f.write { tx in
            try domain.contacts.create(
                NewContact(
                    customerId: customer.id, firstName: "C", lastName: "D", businessEmail: "c@example.com",
                    businessPhone: "+46 8 123 456", jobTitle: "CTO", types: [.technical]), caller: a, in: tx)
        }
        _ = try f.write { tx in
            try domain.contacts.create(
                NewContact(firstName: "P", lastName: "Q", businessEmail: "p@acme.example", types: [.business]),
                caller: a, in: tx)
        }
        let theirs = try f.read { tx in
            try domain.contacts.list(customerId: customer.id, page: PageRequest(), caller: a, in: tx)
        }
        let ours = try f.read { tx in try domain.contacts.list(customerId: nil, page: PageRequest(), caller: a, in: tx)
        }
        #expect(theirs.items.map(\.firstName) == ["C"] && theirs.items.first?.businessPhone == "+468123456")
        #expect(ours.items.map(\.firstName) == ["P"])
    }

    @Test("a contact from a user takes its names and email; deleting it keeps the user and removes its types")
    func deletingUserContactKeepsUser() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let user = try f.write { tx in
            try domain.users.create(
                NewUser(firstName: "Ulla", lastName: "Svensson", email: "ulla@acme.example"), caller: a, in: tx)
        }
        let contact = try f.write { tx in
            try domain.contacts.create(NewContact(userId: user.id, types: [.billing, .business]), caller: a, in: tx)
        }
        #expect(
            contact.firstName == "Ulla" && contact.businessEmail == "ulla@acme.example" && contact.userId == user.id)
        var users = try f.read { tx in try domain.users.list(customerId: nil, page: PageRequest(), caller: a, in: tx) }
        #expect(users.items.first?.contactTypes == [.billing, .business])
        expectRefusal(.alreadyExists, field: "userId") {
            try f.write { tx in
                try domain.contacts.create(NewContact(userId: user.id, types: [.technical]), caller: a, in: tx)
            }
        }
        _ = try f.write { tx in try domain.contacts.delete(contactId: contact.id, caller: a, in: tx) }
        users = try f.read { tx in try domain.users.list(customerId: nil, page: PageRequest(), caller: a, in: tx) }
        #expect(users.items.map(\.id) == [user.id] && users.items.first?.contactTypes == [])
        expectRefusal(.notFound, field: "contactId") {
            try f.write { tx in try domain.contacts.delete(contactId: contact.id, caller: a, in: tx) }
        }
    }

    @Test("a user of one customer cannot back a contact of another scope")
    func userScope() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let user = try f.write { tx in
            try domain.users.create(
                NewUser(customerId: customer.id, firstName: "E", lastName: "F", email: "e@example.com"), caller: a,
                in: tx)
        }
        expectRefusal(.notFound, field: "userId") {
            try f.write { tx in
                try domain.contacts.create(NewContact(userId: user.id, types: [.technical]), caller: a, in: tx)
            }
        }
        expectRefusal(.alreadyExists, field: "email") {
            try f.write { tx in
                try domain.users.create(
                    NewUser(customerId: customer.id, firstName: "G", lastName: "H", email: "E@example.com"), caller: a,
                    in: tx)
            }
        }
    }

    @Test("emailChangeNeedsVerification: a user-linked contact keeps its old email until confirmed")
    func emailChangeNeedsVerification() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let user = try f.write { tx in
            try domain.users.create(
                NewUser(firstName: "Ivan", lastName: "Petrov", email: "ivan@old.example"), caller: a, in: tx)
        }
        let contact = try f.write { tx in
            try domain.contacts.create(NewContact(userId: user.id, types: [.technical]), caller: a, in: tx)
        }
        let pending = try f.write { tx in
            try domain.contacts.update(
                ContactUpdate(contactId: contact.id, etag: contact.etag, businessEmail: "ivan@new.example"), caller: a,
                in: tx)
        }
        #expect(pending.businessEmail == "ivan@old.example" && pending.pendingEmail == "ivan@new.example")
        let message = try #require(try f.outbox().last)
        #expect(message.messageKind == .emailVerification && message.recipients == ["ivan@new.example"])
        let token = try f.lastToken(.emailVerification)
        let confirmed = try f.write { tx in try domain.contacts.confirmEmail(token: token, in: tx) }
        #expect(confirmed.businessEmail == "ivan@new.example" && confirmed.pendingEmail == nil)
        #expect(try f.read { tx in try tx.get(User.self, id: user.id) }?.email == "ivan@new.example")
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.contacts.confirmEmail(token: token, in: tx) }
        }
        expectRefusal(.notFound, field: "token") {
            try f.write { tx in try domain.contacts.confirmEmail(token: "nope", in: tx) }
        }
    }

    @Test("a newer email change replaces the pending one; verification tokens expire")
    func emailChangeReplacedAndExpiring() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let user = try f.write { tx in
            try domain.users.create(NewUser(firstName: "I", lastName: "P", email: "i@old.example"), caller: a, in: tx)
        }
        let contact = try f.write { tx in
            try domain.contacts.create(NewContact(userId: user.id, types: [.technical]), caller: a, in: tx)
        }
        _ = try f.write { tx in
            try domain.contacts.update(
                ContactUpdate(contactId: contact.id, businessEmail: "i@one.example"), caller: a, in: tx)
        }
        let first = try f.lastToken(.emailVerification)
        _ = try f.write { tx in
            try domain.contacts.update(
                ContactUpdate(contactId: contact.id, businessEmail: "i@two.example"), caller: a, in: tx)
        }
        let second = try f.lastToken(.emailVerification)
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.contacts.confirmEmail(token: first, in: tx) }
        }
        f.clock.advance(days: 3)
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.contacts.confirmEmail(token: second, in: tx) }
        }
    }

    @Test("an outside contact's email changes at once; stale etags are ABORTED")
    func outsideContactUpdate() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let contact = try f.write { tx in
            try domain.contacts.create(
                NewContact(firstName: "O", lastName: "P", businessEmail: "o@x.example", types: [.business]), caller: a,
                in: tx)
        }
        let changed = try f.write { tx in
            try domain.contacts.update(
                ContactUpdate(
                    contactId: contact.id, etag: contact.etag, businessEmail: "o@y.example", jobTitle: "CFO",
                    types: [.billing]), caller: a, in: tx)
        }
        #expect(
            changed.businessEmail == "o@y.example" && changed.pendingEmail == nil && changed.types == [.billing]
                && changed.jobTitle == "CFO")
        expectRefusal(.aborted, field: "etag") {
            try f.write { tx in
                try domain.contacts.update(
                    ContactUpdate(contactId: contact.id, etag: contact.etag, firstName: "Z"), caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "types") {
            try f.write { tx in
                try domain.contacts.update(ContactUpdate(contactId: contact.id, types: []), caller: a, in: tx)
            }
        }
    }
}
