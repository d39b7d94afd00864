import Synchronization
import Testing

@testable import PartnerCore

@Suite("Token cache, refusal reasons and refusal audit")
struct TokenCacheTests {
    static func verified(_ agent: String = "agt_1") -> VerifiedToken {
        VerifiedToken(
            caller: Caller(partnerId: "ptn_1", agentId: agent, roles: [.salesAgent]), tokenId: "tok_1", expireTime: nil)
    }

    @Test("a verified token is found by the hash of its bearer text, never by the text")
    func lookupByHash() {
        let cache = TokenCache()
        let key = cache.key(for: "tok_1.secret")
        cache.insert(Self.verified(), for: key, ifGeneration: cache.generation)
        #expect(cache.lookup(cache.key(for: "tok_1.secret")) == Self.verified())
        #expect(cache.lookup(cache.key(for: "tok_1.secreT")) == nil)
    }

    @Test("keys are seeded per cache: the same bearer text has another key in another cache")
    func keysAreSeeded() {
        let first = TokenCache()
        let second = TokenCache()
        #expect(first.key(for: "tok_1.secret") == first.key(for: "tok_1.secret"))
        #expect(first.key(for: "tok_1.secret") != second.key(for: "tok_1.secret"))
    }

    @Test("an insert racing with an invalidation is dropped, so a stale caller never comes back")
    func invalidationWinsTheRace() {
        let cache = TokenCache()
        let key = cache.key(for: "tok_1.secret")
        let generation = cache.generation  // a lookup begins: read the generation, then the store
        cache.invalidateAll()  // a revocation commits meanwhile
        cache.insert(Self.verified(), for: key, ifGeneration: generation)
        #expect(cache.lookup(key) == nil)
        #expect(cache.count == 0)
    }

    @Test("entries age out after maxAge, and a full table is emptied")
    func boundedAgeAndSize() {
        let aged = TokenCache(maxAge: .zero)
        let key = aged.key(for: "a.b")
        aged.insert(Self.verified(), for: key, ifGeneration: aged.generation)
        #expect(aged.lookup(key) == nil)
        let small = TokenCache(maxEntries: 3)
        for i in 0..<3 { small.insert(Self.verified(), for: small.key(for: "t\(i).s"), ifGeneration: small.generation) }
        #expect(small.count == 3)
        small.insert(Self.verified(), for: small.key(for: "t3.s"), ifGeneration: small.generation)
        #expect(small.count == 1)
    }

    @Test("a write putting a token or an agent empties the cache; other writes and reads do not")
    func watchingStoreInvalidates() async throws {
        let f = try CoreFixture()
        let cache = TokenCache()
        let store = CredentialWatchingStore(base: f.store, cache: cache)
        let fill = { cache.insert(Self.verified(), for: cache.key(for: "x.y"), ifGeneration: cache.generation) }
        fill()
        let domain = f.domain
        let a = f.a
        _ = try await store.write { tx in try domain.customers.create(CoreFixture.newCustomer(), caller: a, in: tx) }
        _ = try await store.read { tx in try tx.get(ApiToken.self, id: "tok_none") }
        #expect(cache.count == 1, "a customer write or a read left the cache alone")
        let issued = try await store.write { tx in try domain.tokens.create(NewToken(label: "ci"), caller: a, in: tx) }
        #expect(cache.count == 0, "creating a token emptied the cache")
        fill()
        _ = try await store.write { tx in try domain.tokens.revoke(tokenId: issued.token.id, caller: a, in: tx) }
        #expect(cache.count == 0, "revoking a token emptied the cache")
        fill()
        await #expect(throws: DomainError.self) {
            try await store.write { tx in
                try tx.put(try #require(try tx.get(Agent.self, id: a.agentId)))
                throw DomainError.invalid(field: "x", reason: "rolled back")
            }
        }
        #expect(cache.count == 0, "a rolled-back write that touched an agent still empties the cache")
    }

    @Test("verify names the reason of each refusal and the owner of a known token")
    func refusalReasons() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let authenticator = domain.authenticator
        let revoked = try f.write { tx in try domain.tokens.create(NewToken(label: "r"), caller: a, in: tx) }
        _ = try f.write { tx in try domain.tokens.revoke(tokenId: revoked.token.id, caller: a, in: tx) }
        let expiring = try f.write { tx in
            try domain.tokens.create(NewToken(label: "e", ttlSeconds: 60), caller: a, in: tx)
        }
        f.clock.advance(seconds: 60)
        let id = revoked.token.id
        let cases: [(String, AuthenticationRefusal, Bool)] = [
            ("no-dot", .malformed, false), ("tok .x", .malformed, false), (".secret", .malformed, false),
            ("tok_x.", .malformed, false), (String(repeating: "a", count: 199) + ".b", .malformed, false),
            ("tok_unknown.secret", .unknown, false), (id + ".wrongsecret", .wrongSecret, true),
            (revoked.secret, .revoked, true), (expiring.secret, .expired, true),
        ]
        for (token, reason, owned) in cases {
            let result = try f.read { tx in authenticator.verify(bearer: token, in: tx) }
            guard case .failure(let failure) = result else {
                Issue.record("\(token) authenticated")
                continue
            }
            #expect(failure.reason == reason, "\(token)")
            #expect((failure.partnerId == a.partnerId) == owned, "\(token)")
        }
        guard case .success(let ok) = try f.read({ tx in authenticator.verify(bearer: f.tokenA, in: tx) }) else {
            Issue.record("the bootstrap token was refused")
            return
        }
        #expect(ok.caller.agentId == a.agentId)
    }

    @Test("constant-time comparison treats lengths that differ by a multiple of 256 as different")
    func constantTimeLengths() {
        #expect(!Hex.constantTimeEquals("", String(repeating: "\u{0}", count: 256)))
        #expect(!Hex.constantTimeEquals("ab", "abc"))
        #expect(Hex.constantTimeEquals("abc", "abc"))
        #expect(!Hex.constantTimeEquals("abc", "abd"))
    }

    @Test(
        "a refusal goes to its token's partner log (or the anonymous one) with reason and source host, never the token")
    func auditorBatchesAndCounts() async throws {
        let f = try CoreFixture()
        let auditor = RefusalAuditor(store: f.store, context: f.domain.context, maxSources: 2)
        let failure = AuthenticationFailure(.revoked, tokenId: "tok_9", partnerId: f.a.partnerId, agentId: f.a.agentId)
        await auditor.record(failure, method: "Customers.List", requestId: "r1", peer: "127.0.0.1:9")
        await auditor.record(AuthenticationFailure(.missing), method: "Customers.Get", requestId: nil, peer: "p")
        let partnerLog = try f.read { tx in
            try tx.list(AuditEntry.self, partnerId: f.a.partnerId, lookupKey: "target:tok_9", after: nil, limit: 10)
        }
        #expect(partnerLog.count == 1)
        #expect(partnerLog.first?.outcome == "UNAUTHENTICATED")
        #expect(partnerLog.first?.after == "count=1; peer=127.0.0.1; reason=revoked")
        let anonymous = try f.read { tx in
            try tx.list(
                AuditEntry.self, partnerId: RefusalAuditor.anonymousPartner, lookupKey: nil, after: nil, limit: 10)
        }
        #expect(anonymous.map(\.method) == ["Customers.Get"])
        #expect(auditor.writtenCount == 2)
    }

    @Test("refusals of one source, reason and token within a window share one entry whose count grows")
    func auditorAggregatesPerSourceAndWindow() async throws {
        let f = try CoreFixture()
        let auditor = RefusalAuditor(store: f.store, context: f.domain.context)
        for i in 0..<500 {
            await auditor.record(
                AuthenticationFailure(.unknown), method: "M.\(i)", requestId: nil, peer: "10.0.0.1:\(i)")
        }
        await auditor.record(AuthenticationFailure(.malformed), method: "M.other", requestId: nil, peer: "10.0.0.1:1")
        let entries = try f.read { tx in
            try tx.list(
                AuditEntry.self, partnerId: RefusalAuditor.anonymousPartner, lookupKey: nil, after: nil, limit: 50)
        }
        #expect(entries.count == 2)
        let unknown = try #require(entries.first { $0.method == "M.0" })
        #expect(unknown.after?.hasPrefix("count=500; peer=10.0.0.1; reason=unknown; until=") == true)
        #expect(entries.first { $0.method == "M.other" }?.after == "count=1; peer=10.0.0.1; reason=malformed")
    }

    @Test("while a batch is being written, refusals are tallied; keys beyond maxSources are counted in one entry")
    func auditorDropsPastTheLimit() async throws {
        let f = try CoreFixture()
        let store = GatedStore(base: f.store)
        let auditor = RefusalAuditor(store: store, context: f.domain.context, maxSources: 2)
        let first = Task {
            await auditor.record(AuthenticationFailure(.unknown), method: "M.First", requestId: nil, peer: "p")
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while store.waiting == 0 {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            await Task.yield()
        }
        // The first refusal's batch is stuck in its write: one more key is tallied (5 times),
        // three further keys are over the limit and only counted.
        for i in 0..<5 {
            await auditor.record(AuthenticationFailure(.malformed), method: "M.\(i)", requestId: nil, peer: "p")
        }
        for i in 0..<3 {
            await auditor.record(AuthenticationFailure(.malformed), method: "M.far", requestId: nil, peer: "q\(i)")
        }
        store.open()
        await first.value
        let entries = try f.read { tx in
            try tx.list(
                AuditEntry.self, partnerId: RefusalAuditor.anonymousPartner, lookupKey: nil, after: nil, limit: 50)
        }
        #expect(Set(entries.map(\.method)) == ["M.First", "M.0", RefusalAuditor.droppedMethod])
        #expect(
            entries.first { $0.method == "M.0" }?.after?.hasPrefix("count=5; peer=p; reason=malformed; until=") == true)
        #expect(entries.first { $0.method == RefusalAuditor.droppedMethod }?.after == "dropped=3")
    }
}

/// A store whose writes wait until `open()` is called.
final class GatedStore: RecordStore {
    let base: any RecordStore
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    init(base: any RecordStore) { self.base = base }

    /// Writes waiting at the gate now.
    var waiting: Int { state.withLock { $0.waiters.count } }

    func open() {
        let waiters = state.withLock { s in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try await base.read(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { s in
                if s.open { return true }
                s.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
        return try await base.write(body)
    }
}
