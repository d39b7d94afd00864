import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import PartnerService
import PartnerTestSupport
import Testing

/// Authentication over loopback TCP: the token cache never outlives a revocation, every
/// refusal is audited without the token, and an agent over its rate limit is told when to retry.
@Suite("Authentication hardening over TCP")
struct AuthHardeningTests {
    @Test("a revoked token is refused on the very next call, though the cache had served it")
    func revocationAppliesToTheNextCall() async throws {
        try await withPartnerServer(.tcp) { server, client in
            let me = try await client.partners.getProfile()
            let agents = try await client.agents.list(.init())
            let agentId = try #require(agents.items.first?.id)
            let issued = try await client.tokens.create(.init(agentId: agentId, label: "laptop"))
            let laptop = server.client(token: issued.secret)
            for _ in 0..<3 { #expect(try await laptop.partners.getProfile().id == me.id) }
            #expect(server.app.tokenCache.count >= 1, "the laptop token is cached (creating it emptied the cache)")
            _ = try await client.tokens.revoke(.init(tokenId: issued.token.id))
            await expectFailure(.unauthenticated, "the first call after the revocation") {
                try await laptop.partners.getProfile()
            }
            // The other tokens keep working.
            #expect(try await client.partners.getProfile().id == me.id)
        }
    }

    @Test("disabling an agent or changing its roles applies to its next call")
    func agentChangesApplyToTheNextCall() async throws {
        try await withPartnerServer(.tcp) { server, client in
            let agent = try await client.agents.create(
                .init(displayName: "Ops", email: "ops@example.com", roles: [.salesAgent, .adminAgent]))
            let issued = try await client.tokens.create(.init(agentId: agent.id, label: "ops"))
            let ops = server.client(token: issued.secret)
            _ = try await ops.agents.list(.init())
            _ = try await ops.agents.list(.init())
            let demoted = try await client.agents.update(
                .init(agentId: agent.id, etag: agent.etag, roles: [.salesAgent]))
            await expectFailure(.permissionDenied, "an admin method right after losing the admin role") {
                try await ops.agents.list(.init())
            }
            _ = try await client.agents.update(.init(agentId: agent.id, etag: demoted.etag, disabled: true))
            await expectFailure(.unauthenticated, "the first call after the agent was disabled") {
                try await ops.partners.getProfile()
            }
        }
    }

    @Test("a cached token stops working the moment it expires")
    func expiryAppliesToCachedTokens() async throws {
        try await withPartnerServer(.tcp) { server, client in
            let agentId = try #require(try await client.agents.list(.init()).items.first?.id)
            let issued = try await client.tokens.create(.init(agentId: agentId, label: "short", ttlSeconds: 60))
            let short = server.client(token: issued.secret)
            _ = try await short.partners.getProfile()
            server.clock.advance(seconds: 59)
            _ = try await short.partners.getProfile()
            server.clock.advance(seconds: 1)
            await expectFailure(.unauthenticated, "a call at the expiry time") { try await short.partners.getProfile() }
        }
    }

    @Test("the scheme is matched case-insensitively and needs exactly one space (WIRE.md §12)")
    func bearerScheme() {
        #expect(AuthenticationInterceptor.bearerToken("Bearer tok_1.abc") == "tok_1.abc")
        #expect(AuthenticationInterceptor.bearerToken("bEARER tok_1.abc") == "tok_1.abc")
        #expect(AuthenticationInterceptor.bearerToken("Bearer  tok_1.abc") == nil)
        #expect(AuthenticationInterceptor.bearerToken("Bearer ") == nil)
        #expect(AuthenticationInterceptor.bearerToken("Basic dXNlcjpwYXNz") == nil)
        #expect(AuthenticationInterceptor.bearerToken("Bearer tok\u{7F}.x") == nil)
        #expect(AuthenticationInterceptor.bearerToken("Bearer tok_1.é") == nil)
        #expect(AuthenticationInterceptor.bearerToken("Béarer tok_1.abc") == nil)
        #expect(AuthenticationInterceptor.bearerToken("Bearer\ttok_1.abc") == nil)
        #expect(AuthenticationInterceptor.bearerToken("BEARER t") == "t")
    }

    @Test("every refused authentication is audited with its reason, and no entry holds the token")
    func refusalsAreAudited() async throws {
        try await withPartnerServer(.tcp) { server, client in
            let partnerId = try await client.partners.getProfile().id
            let agentId = try #require(try await client.agents.list(.init()).items.first?.id)
            let revoked = try await client.tokens.create(.init(agentId: agentId, label: "to-revoke"))
            _ = try await client.tokens.revoke(.init(tokenId: revoked.token.id))
            let expiring = try await client.tokens.create(.init(agentId: agentId, label: "to-expire", ttlSeconds: 60))
            server.clock.advance(seconds: 61)
            let tokenId = revoked.token.id
            let wrongSecret = tokenId + "." + String(repeating: "A", count: 43)
            let unknown = "tok_doesnotexist.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"
            let attempts: [(String, PartnerClient)] = [
                ("missing", server.client(anonymous: true)),
                ("malformed", server.client(token: "no-dot-here")),
                ("unknown", server.client(token: unknown)),
                ("wrong-secret", server.client(token: wrongSecret)),
                ("revoked", server.client(token: revoked.secret)),
                ("expired", server.client(token: expiring.secret)),
            ]
            for (reason, attempt) in attempts {
                await expectFailure(.unauthenticated, reason) { try await attempt.customers.list(.init()) }
            }
            let store: any RecordStore = server.app.store
            let read: @Sendable () async throws -> [PartnerCore.AuditEntry] = {
                try await store.read { tx in
                    try tx.list(
                        PartnerCore.AuditEntry.self, partnerId: partnerId, lookupKey: "method:Customers.List",
                        after: nil, limit: 100)
                        + tx.list(
                            PartnerCore.AuditEntry.self, partnerId: RefusalAuditor.anonymousPartner, lookupKey: nil,
                            after: nil,
                            limit: 100)
                }
            }
            try await waitUntil(10, "six refusals in the audit log") {
                try await read().filter { $0.outcome == "UNAUTHENTICATED" }.count >= 6
            }
            let entries = try await read()
            for (reason, _) in attempts {
                let entry = entries.first { $0.after?.contains("reason=\(reason)") == true }
                #expect(entry != nil, "no audit entry for \(reason)")
                #expect(entry?.method == "Customers.List")
            }
            let owned = entries.filter { $0.partnerId == partnerId }
            let ownedReasons = owned.compactMap { entry in
                entry.after?.split(separator: ";").map { $0.trimmingPrefix(" ") }.first { $0.hasPrefix("reason=") }.map(
                    String.init)
            }
            #expect(Set(ownedReasons) == ["reason=wrong-secret", "reason=revoked", "reason=expired"])
            #expect(owned.allSatisfy { $0.agentId == agentId })
            #expect(entries.first { $0.after?.contains("reason=revoked") == true }?.target == tokenId)
            let secrets = [revoked.secret, expiring.secret, wrongSecret, unknown, "no-dot-here"].map {
                String($0.split(separator: ".").last ?? "")
            }
            for entry in entries {
                let text = [entry.target, entry.after ?? "", entry.before ?? "", entry.requestId ?? "", entry.agentId]
                    .joined(separator: " ")
                for secret in secrets { #expect(!text.contains(secret), "an audit entry holds a token: \(text)") }
            }
            // The partner's own log (Audit.List) shows the refusals of its tokens.
            let listed = try await client.audit.list(.init(pageSize: 100))
            #expect(listed.items.contains { $0.outcome == "UNAUTHENTICATED" && $0.target == tokenId })
        }
    }

    @Test("a PERMISSION_DENIED call is audited under the caller's partner")
    func permissionDeniedIsAudited() async throws {
        try await withPartnerServer(.tcp) { server, client in
            let partnerId = try await client.partners.getProfile().id
            let agent = try await client.agents.create(
                .init(displayName: "Seller", email: "seller@example.com", roles: [.salesAgent]))
            let issued = try await client.tokens.create(.init(agentId: agent.id, label: "seller"))
            let seller = server.client(token: issued.secret)
            await expectFailure(.permissionDenied, "Tokens.Create by a sales agent") {
                try await seller.tokens.create(.init(agentId: agent.id))
            }
            let store: any RecordStore = server.app.store
            try await waitUntil(10, "the refusal in the audit log") {
                let entries = try await store.read { tx in
                    try tx.list(
                        PartnerCore.AuditEntry.self, partnerId: partnerId, lookupKey: "method:Tokens.Create",
                        after: nil, limit: 100)
                }
                return entries.contains { $0.outcome == "PERMISSION_DENIED" && $0.agentId == agent.id }
            }
        }
    }
}
