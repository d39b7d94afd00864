import Testing

@testable import PartnerCore

@Suite("Partners, agents and tokens")
struct AuthenticationTests {
    @Test("createPartner makes a partner, an agent with both roles and a working token")
    func bootstrap() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let token = f.tokenA
        let caller = try f.read { tx in try domain.authenticator.authenticate(bearer: token, requestId: "r1", in: tx) }
        #expect(caller.partnerId == f.a.partnerId)
        #expect(caller.roles == [.salesAgent, .adminAgent])
        #expect(caller.requestId == "r1")
        #expect(
            try f.read { tx in try domain.authenticator.authenticate(bearer: "Bearer " + token, in: tx) }.agentId
                == f.a.agentId)
    }

    @Test("only the SHA-256 of a token's secret is stored")
    func onlyHashStored() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let issued = try f.write { tx in try domain.tokens.create(NewToken(label: "ci"), caller: a, in: tx) }
        let secret = String(issued.secret.split(separator: ".")[1])
        #expect(Base64URL.decode(secret)?.count == 32)
        let stored = try #require(try f.read { tx in try tx.get(ApiToken.self, id: issued.token.id) })
        #expect(stored.secretHash == SHA256.hex(secret))
        #expect(!stored.secretHash.contains(secret))
    }

    @Test(
        "unknown, malformed or wrong-secret tokens are UNAUTHENTICATED",
        arguments: ["", "nodot", "tok_unknown.secret", ".", "x.y.z"])
    func unknownTokens(token: String) throws {
        let f = try CoreFixture()
        let domain = f.domain
        expectRefusal(.unauthenticated, field: nil) {
            try f.read { tx in try domain.authenticator.authenticate(bearer: token, in: tx) }
        }
    }

    @Test("a token with a wrong secret is UNAUTHENTICATED")
    func wrongSecret() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let forged = String(f.tokenA.split(separator: ".")[0]) + "." + IDGenerator.randomToken(bytes: 32)
        expectRefusal(.unauthenticated, field: nil) {
            try f.read { tx in try domain.authenticator.authenticate(bearer: forged, in: tx) }
        }
    }

    @Test("a revoked token stops working on the next call")
    func revocation() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let issued = try f.write { tx in try domain.tokens.create(NewToken(label: "laptop"), caller: a, in: tx) }
        _ = try f.read { tx in try domain.authenticator.authenticate(bearer: issued.secret, in: tx) }
        let revoked = try f.write { tx in try domain.tokens.revoke(tokenId: issued.token.id, caller: a, in: tx) }
        #expect(revoked.revoked)
        expectRefusal(.unauthenticated, field: nil) {
            try f.read { tx in try domain.authenticator.authenticate(bearer: issued.secret, in: tx) }
        }
        _ = try f.read { tx in try domain.authenticator.authenticate(bearer: f.tokenA, in: tx) }
    }

    @Test("a token expires at its expiry time")
    func expiry() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let issued = try f.write { tx in
            try domain.tokens.create(NewToken(label: "short", ttlSeconds: 3600), caller: a, in: tx)
        }
        f.clock.advance(seconds: 3599)
        _ = try f.read { tx in try domain.authenticator.authenticate(bearer: issued.secret, in: tx) }
        f.clock.advance(seconds: 1)
        expectRefusal(.unauthenticated, field: nil) {
            try f.read { tx in try domain.authenticator.authenticate(bearer: issued.secret, in: tx) }
        }
    }

    @Test("token lifetimes are limited to 60 s ... 365 days")
    func ttlLimits() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        for ttl: Int64 in [0, 59, 365 * 86_400 + 1] {
            expectRefusal(.invalidArgument, field: "ttlSeconds") {
                try f.write { tx in try domain.tokens.create(NewToken(label: "x", ttlSeconds: ttl), caller: a, in: tx) }
            }
        }
    }

    @Test("a disabled agent's tokens stop working")
    func disabledAgent() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let agent = try f.write { tx in
            try domain.agents.create(
                NewAgent(displayName: "Sam", email: "sam@acme.test", roles: [.salesAgent]), caller: a, in: tx)
        }
        let issued = try f.write { tx in
            try domain.tokens.create(NewToken(agentId: agent.id, label: "sam"), caller: a, in: tx)
        }
        let sam = try f.read { tx in try domain.authenticator.authenticate(bearer: issued.secret, in: tx) }
        #expect(sam.roles == [.salesAgent])
        _ = try f.write { tx in
            try domain.agents.update(AgentUpdate(agentId: agent.id, disabled: true), caller: a, in: tx)
        }
        expectRefusal(.unauthenticated, field: nil) {
            try f.read { tx in try domain.authenticator.authenticate(bearer: issued.secret, in: tx) }
        }
    }

    @Test("agentHasRole: an agent needs one or both roles")
    func agentHasRole() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        expectRefusal(.invalidArgument, field: "roles") {
            try f.write { tx in
                try domain.agents.create(NewAgent(displayName: "N", email: "n@acme.test", roles: []), caller: a, in: tx)
            }
        }
        let both = try f.write { tx in
            try domain.agents.create(
                NewAgent(displayName: "B", email: "b@acme.test", roles: [.salesAgent, .adminAgent]), caller: a, in: tx)
        }
        #expect(both.roles == [.adminAgent, .salesAgent])
    }

    @Test("agent emails are unique within a partner; the last admin cannot be removed")
    func agentUniquenessAndLastAdmin() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let b = f.b
        _ = try f.write { tx in
            try domain.agents.create(
                NewAgent(displayName: "S", email: "s@acme.test", roles: [.salesAgent]), caller: a, in: tx)
        }
        expectRefusal(.alreadyExists, field: "email") {
            try f.write { tx in
                try domain.agents.create(
                    NewAgent(displayName: "S2", email: "S@acme.test", roles: [.salesAgent]), caller: a, in: tx)
            }
        }
        _ = try f.write { tx in
            try domain.agents.create(
                NewAgent(displayName: "S", email: "s@acme.test", roles: [.salesAgent]), caller: b, in: tx)
        }
        expectRefusal(.failedPrecondition, field: "roles") {
            try f.write { tx in
                try domain.agents.update(AgentUpdate(agentId: a.agentId, roles: [.salesAgent]), caller: a, in: tx)
            }
        }
    }

    @Test("agent updates check the etag")
    func agentEtag() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let agent = try f.write { tx in
            try domain.agents.create(
                NewAgent(displayName: "S", email: "s@acme.test", roles: [.salesAgent]), caller: a, in: tx)
        }
        let renamed = try f.write { tx in
            try domain.agents.update(
                AgentUpdate(agentId: agent.id, displayName: "Sam", etag: agent.etag), caller: a, in: tx)
        }
        #expect(renamed.etag != agent.etag)
        expectRefusal(.aborted, field: "etag") {
            try f.write { tx in
                try domain.agents.update(
                    AgentUpdate(agentId: agent.id, displayName: "Samuel", etag: agent.etag), caller: a, in: tx)
            }
        }
    }

    @Test("tokens list without secrets, per agent")
    func tokenList() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        _ = try f.write { tx in try domain.tokens.create(NewToken(label: "two"), caller: a, in: tx) }
        let page = try f.read { tx in try domain.tokens.list(agentId: a.agentId, page: PageRequest(), caller: a, in: tx)
        }
        #expect(page.items.map(\.label) == ["bootstrap", "two"])
    }

    @Test("the partner profile updates with its etag; admin only")
    func partnerProfile() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let profile = try f.read { tx in try domain.partners.getProfile(caller: a, in: tx) }
        #expect(profile.name == "Acme Reseller")
        let updated = try f.write { tx in
            try domain.partners.updateProfile(
                PartnerProfileUpdate(name: "Acme", supportEmail: "help@acme.test", etag: profile.etag), caller: a,
                in: tx)
        }
        #expect(updated.name == "Acme" && updated.supportEmail == "help@acme.test")
        expectRefusal(.aborted, field: "etag") {
            try f.write { tx in
                try domain.partners.updateProfile(
                    PartnerProfileUpdate(name: "X", etag: profile.etag), caller: a, in: tx)
            }
        }
        expectRefusal(.permissionDenied, field: nil) {
            try f.write { tx in
                try domain.partners.updateProfile(PartnerProfileUpdate(name: "X"), caller: f.a([.salesAgent]), in: tx)
            }
        }
    }
}
