import Testing

@testable import PartnerCore

/// Partner B, holding both roles, reaches for every id partner A owns: every read and write
/// answers NOT_FOUND (never PERMISSION_DENIED, never a hint), and A's data is unchanged.
@Suite("Partner isolation")
struct IsolationTests {
    /// Everything partner A owns, by id.
    struct Owned {
        var customer: Customer
        var invited: Customer
        var user: User
        var contact: Contact
        var customerContact: Contact
        var token: IssuedToken
        var agent: Agent
    }

    private func seedA(_ f: CoreFixture) throws -> Owned {
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let invited = try f.write { tx in
            try domain.invitations.send(
                NewInvitation(name: "I", email: "i@inv.example", domain: "inv.example", organisationName: "Inv"),
                caller: a, in: tx)
        }.customer
        let user = try f.write { tx in
            try domain.users.create(NewUser(firstName: "U", lastName: "V", email: "u@acme.example"), caller: a, in: tx)
        }
        let contact = try f.write { tx in
            try domain.contacts.create(NewContact(userId: user.id, types: [.billing]), caller: a, in: tx)
        }
        let customerContact = try f.write { tx in
            try domain.contacts.create(
                NewContact(
                    customerId: customer.id, firstName: "C", lastName: "D", businessEmail: "c@example.com",
                    types: [.technical]), caller: a, in: tx)
        }
        let agent = try f.write { tx in
            try domain.agents.create(
                NewAgent(displayName: "S", email: "s@acme.example", roles: [.salesAgent]), caller: a, in: tx)
        }
        let token = try f.write { tx in
            try domain.tokens.create(NewToken(agentId: agent.id, label: "s"), caller: a, in: tx)
        }
        return Owned(
            customer: customer, invited: invited, user: user, contact: contact, customerContact: customerContact,
            token: token, agent: agent)
    }

    @Test("every read and write by another partner's id is NOT_FOUND")
    func everyOperationIsNotFound() throws {
        let f = try CoreFixture()
        let o = try seedA(f)
        let d = f.domain
        let b = f.b
        let cid = o.customer.id
        let attempts: [(String, () throws -> Any)] = [
            ("Customers.Get", { try f.read { tx in try d.customers.get(cid, caller: b, in: tx) } }),
            (
                "Customers.Update",
                {
                    try f.write { tx in
                        try d.customers.update(CustomerUpdate(customerId: cid, displayName: "Mine"), caller: b, in: tx)
                    }
                }
            ),
            (
                "Customers.SyncWithAdminConsole",
                { try f.write { tx in try d.customers.syncWithAdminConsole(cid, caller: b, in: tx) } }
            ),
            ("Customers.Delete", { try f.write { tx in try d.customers.delete(cid, caller: b, in: tx) } }),
            (
                "Invitations.Resend",
                { try f.write { tx in try d.invitations.resend(customerId: o.invited.id, caller: b, in: tx) } }
            ),
            (
                "Invitations.Revoke",
                { try f.write { tx in try d.invitations.revoke(customerId: o.invited.id, caller: b, in: tx) } }
            ),
            (
                "CompanyProfiles.Get",
                { try f.read { tx in try d.profiles.company(customerId: cid, caller: b, in: tx) } }
            ),
            (
                "BillingProfiles.Get",
                { try f.read { tx in try d.profiles.billing(customerId: cid, caller: b, in: tx) } }
            ),
            (
                "BillingProfiles.Update",
                {
                    try f.write { tx in
                        try d.profiles.updateBilling(
                            BillingProfileUpdate(
                                customerId: cid, billingContact: BillingContact(name: "X", email: "x@y.example")),
                            caller: b, in: tx)
                    }
                }
            ),
            (
                "Users.List",
                { try f.read { tx in try d.users.list(customerId: cid, page: PageRequest(), caller: b, in: tx) } }
            ),
            (
                "Users.Create",
                {
                    try f.write { tx in
                        try d.users.create(
                            NewUser(customerId: cid, firstName: "X", lastName: "Y", email: "x@example.com"), caller: b,
                            in: tx)
                    }
                }
            ),
            (
                "Contacts.Create (customer)",
                {
                    try f.write { tx in
                        try d.contacts.create(
                            NewContact(
                                customerId: cid, firstName: "X", lastName: "Y", businessEmail: "x@y.example",
                                types: [.billing]), caller: b, in: tx)
                    }
                }
            ),
            (
                "Contacts.Create (user)",
                {
                    try f.write { tx in
                        try d.contacts.create(NewContact(userId: o.user.id, types: [.billing]), caller: b, in: tx)
                    }
                }
            ),
            (
                "Contacts.List",
                { try f.read { tx in try d.contacts.list(customerId: cid, page: PageRequest(), caller: b, in: tx) } }
            ),
            (
                "Contacts.Update",
                {
                    try f.write { tx in
                        try d.contacts.update(ContactUpdate(contactId: o.contact.id, firstName: "X"), caller: b, in: tx)
                    }
                }
            ),
            (
                "Contacts.Update (customer)",
                {
                    try f.write { tx in
                        try d.contacts.update(
                            ContactUpdate(contactId: o.customerContact.id, firstName: "X"), caller: b, in: tx)
                    }
                }
            ),
            (
                "Contacts.Delete",
                { try f.write { tx in try d.contacts.delete(contactId: o.contact.id, caller: b, in: tx) } }
            ),
            (
                "Agents.Update",
                {
                    try f.write { tx in
                        try d.agents.update(AgentUpdate(agentId: o.agent.id, disabled: true), caller: b, in: tx)
                    }
                }
            ),
            (
                "Tokens.Create",
                {
                    try f.write { tx in
                        try d.tokens.create(NewToken(agentId: o.agent.id, label: "x"), caller: b, in: tx)
                    }
                }
            ),
            (
                "Tokens.List",
                { try f.read { tx in try d.tokens.list(agentId: o.agent.id, page: PageRequest(), caller: b, in: tx) } }
            ),
            (
                "Tokens.Revoke",
                { try f.write { tx in try d.tokens.revoke(tokenId: o.token.token.id, caller: b, in: tx) } }
            ),
            (
                "AdminConsoleSim.ChangeDomain",
                {
                    try f.write { tx in
                        try d.adminConsoleSim.changeDomain(customerId: cid, domain: "z.example", caller: b, in: tx)
                    }
                }
            ),
            (
                "AdminConsoleSim.ChangeAlternateEmail",
                {
                    try f.write { tx in
                        try d.adminConsoleSim.changeAlternateEmail(
                            customerId: cid, alternateEmail: "z@z.example", caller: b, in: tx)
                    }
                }
            ),
            (
                "AdminConsoleSim.GrantResellerAccess",
                { try f.write { tx in try d.adminConsoleSim.grantResellerAccess(customerId: cid, caller: b, in: tx) } }
            ),
            (
                "AdminConsoleSim.RevokeResellerAccess",
                { try f.write { tx in try d.adminConsoleSim.revokeResellerAccess(customerId: cid, caller: b, in: tx) } }
            ),
            (
                "AdminConsoleSim.VerifyDomain",
                { try f.write { tx in try d.adminConsoleSim.verifyDomain(customerId: cid, caller: b, in: tx) } }
            ),
        ]
        for (name, attempt) in attempts {
            do {
                _ = try attempt()
                Issue.record("\(name) succeeded across partners")
            } catch let error as DomainError {
                #expect(error.code == .notFound, "\(name): \(error)")
                #expect(!error.message.contains("partner"), "\(name) hints at ownership: \(error)")
            } catch {
                Issue.record("\(name): unexpected \(error)")
            }
        }
        // A's data is unchanged and still there.
        let a = f.a
        let still = try f.read { tx in try d.customers.get(cid, caller: a, in: tx) }
        #expect(still.etag == o.customer.etag && still.displayName == o.customer.displayName)
        _ = try f.read { tx in try d.authenticator.authenticate(bearer: o.token.secret, in: tx) }
    }

    @Test("lists, journals and feeds show only the caller's own records")
    func listsAreScoped() throws {
        let f = try CoreFixture()
        _ = try seedA(f)
        let d = f.domain
        let b = f.b
        try f.read { tx throws in
            #expect(try d.customers.list(page: PageRequest(), caller: b, in: tx).items.isEmpty)
            #expect(try d.contacts.list(customerId: nil, page: PageRequest(), caller: b, in: tx).items.isEmpty)
            #expect(try d.users.list(customerId: nil, page: PageRequest(), caller: b, in: tx).items.isEmpty)
            #expect(try d.agents.list(PageRequest(), caller: b, in: tx).items.map(\.id) == [b.agentId])
            #expect(try d.tokens.list(agentId: nil, page: PageRequest(), caller: b, in: tx).items.count == 1)
            #expect(try d.journal.notifications(page: PageRequest(), caller: b, in: tx).items.isEmpty)
            #expect(
                try d.journal.audit(page: PageRequest(), caller: b, in: tx).items.allSatisfy {
                    $0.partnerId == b.partnerId
                })
            #expect(
                try d.journal.events(afterSequence: 0, caller: b, in: tx).allSatisfy { $0.partnerId == b.partnerId })
            #expect(try d.partners.getProfile(caller: b, in: tx).id == b.partnerId)
        }
    }

    @Test("partner B's agents cannot authenticate as partner A, even knowing A's token id")
    func tokensArePerPartner() throws {
        let f = try CoreFixture()
        let d = f.domain
        let caller = try f.read { tx in try d.authenticator.authenticate(bearer: f.tokenA, in: tx) }
        #expect(caller.partnerId == f.a.partnerId && caller.partnerId != f.b.partnerId)
    }
}
