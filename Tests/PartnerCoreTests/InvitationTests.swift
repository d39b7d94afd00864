import Testing

@testable import PartnerCore

@Suite("Invitations")
struct InvitationTests {
    private func send(_ f: CoreFixture, domain name: String = "invited.example") throws -> SentInvitation {
        let domain = f.domain
        let a = f.a
        return try f.write { tx in
            try domain.invitations.send(
                NewInvitation(
                    name: "Maria Rossi", email: "maria@\(name)", domain: name, organisationName: "Invited S.r.l.",
                    regionCode: "IT"),
                caller: a, in: tx)
        }
    }

    @Test("send makes the customer INVITED and emails a one-time token of 256 bits; only its hash is stored")
    func sendInvites() throws {
        let f = try CoreFixture()
        let sent = try send(f)
        #expect(sent.customer.state == .invited && sent.invitation.state == .pending)
        #expect(sent.invitation.expireTime == f.clock.now().adding(days: 7))
        let message = try #require(try f.outbox().last)
        #expect(message.messageKind == .invitation && message.recipients == ["maria@invited.example"])
        let token = try f.lastToken(.invitation)
        #expect(Base64URL.decode(token)?.count == 32)
        #expect(sent.invitation.tokenHash == SHA256.hex(token))
        #expect(try f.auditLog().last?.method == "Invitations.Send")
    }

    @Test("the invitee's email must be inside the invited domain")
    func emailInsideDomain() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        expectRefusal(.invalidArgument, field: "email") {
            try f.write { tx in
                try domain.invitations.send(
                    NewInvitation(name: "M", email: "m@gmail.com", domain: "x.example", organisationName: "X"),
                    caller: a, in: tx)
            }
        }
    }

    @Test("invitationTokenSingleUse: accept activates once; the token never works again")
    func invitationTokenSingleUse() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let sent = try send(f)
        let token = try f.lastToken(.invitation)
        let active = try f.write { tx in try domain.invitations.accept(token: token, in: tx) }
        #expect(active.id == sent.customer.id && active.state == .active)
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.invitations.accept(token: token, in: tx) }
        }
        expectRefusal(.notFound, field: "token") {
            try f.write { tx in try domain.invitations.accept(token: "made-up", in: tx) }
        }
        #expect(try f.auditLog().last?.method == "Invitations.Accept")
        #expect(try f.events().last?.type == "customer.activated")
    }

    @Test("invitationTokenExpires after its lifetime")
    func invitationTokenExpires() throws {
        let f = try CoreFixture()
        let domain = f.domain
        _ = try send(f)
        let token = try f.lastToken(.invitation)
        f.clock.advance(days: 7)
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.invitations.accept(token: token, in: tx) }
        }
    }

    @Test("resend issues a new token and kills the old one")
    func resend() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let sent = try send(f)
        let old = try f.lastToken(.invitation)
        let fresh = try f.write { tx in try domain.invitations.resend(customerId: sent.customer.id, caller: a, in: tx) }
        let new = try f.lastToken(.invitation)
        #expect(new != old && fresh.id != sent.invitation.id)
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.invitations.accept(token: old, in: tx) }
        }
        #expect(try f.write { tx in try domain.invitations.accept(token: new, in: tx) }.state == .active)
        expectRefusal(.failedPrecondition, field: "customerId") {
            try f.write { tx in try domain.invitations.resend(customerId: sent.customer.id, caller: a, in: tx) }
        }
    }

    @Test("revoke kills the pending token; the customer stays INVITED")
    func revoke() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let sent = try send(f)
        let token = try f.lastToken(.invitation)
        let revoked = try f.write { tx in try domain.invitations.revoke(customerId: sent.customer.id, caller: a, in: tx)
        }
        #expect(revoked.state == .revoked)
        expectRefusal(.failedPrecondition, field: "token") {
            try f.write { tx in try domain.invitations.accept(token: token, in: tx) }
        }
        #expect(try f.read { tx in try domain.customers.get(sent.customer.id, caller: a, in: tx) }.state == .invited)
        expectRefusal(.failedPrecondition, field: "customerId") {
            try f.write { tx in try domain.invitations.revoke(customerId: sent.customer.id, caller: a, in: tx) }
        }
    }

    @Test("invited customers cannot order until they accept")
    func invitedCannotOrder() throws {
        let f = try CoreFixture()
        let sent = try send(f)
        expectRefusal(.failedPrecondition, field: "customerId") { try CustomerRules.requireActive(sent.customer) }
    }

    @Test("an invitation claims the domain like a domain customer")
    func invitationClaimsDomain() throws {
        let f = try CoreFixture()
        _ = try send(f, domain: "example.com")
        expectRefusal(.alreadyExists, field: "primaryDomain") { try f.createCustomer() }
    }

    @Test("Invitations.Send names its own param: a domain a domain customer holds is refused on `domain`")
    func takenDomainIsRefusedOnTheParam() throws {
        let f = try CoreFixture()
        _ = try f.createCustomer()
        expectRefusal(.alreadyExists, field: "domain") { try send(f, domain: "example.com") }
    }

    @Test("a second invitation to the same domain is refused on `domain`, like the first customer's rule")
    func secondInvitationIsRefusedOnTheParam() throws {
        let f = try CoreFixture()
        _ = try send(f, domain: "twice.example")
        expectRefusal(.alreadyExists, field: "domain") { try send(f, domain: "twice.example") }
    }

    @Test("an invitation to a domain on a non-resellable edition is refused on `domain`")
    func nonResellableEditionIsRefusedOnTheParam() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        _ = try f.write { tx in
            try domain.adminConsoleSim.registerAccount(domain: "charity.org", edition: .nonprofits, caller: a, in: tx)
        }
        expectRefusal(.failedPrecondition, field: "domain") { try send(f, domain: "charity.org") }
    }

    @Test("invitations are for sales agents")
    func salesOnly() throws {
        let f = try CoreFixture()
        let domain = f.domain
        expectRefusal(.permissionDenied, field: nil) {
            try f.write { tx in
                try domain.invitations.send(
                    NewInvitation(name: "M", email: "m@x.example", domain: "x.example", organisationName: "X"),
                    caller: f.a([.adminAgent]), in: tx)
            }
        }
    }
}
