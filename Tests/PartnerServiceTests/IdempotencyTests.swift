import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import PartnerService
import PartnerTestSupport
import Testing

/// `meta.idempotencyKey` over the wire (WIRE.md §13).
@Suite("Idempotency keys")
struct IdempotencyTests {
    @Test("the same key twice returns the same answer and creates one customer", arguments: TransportMode.allCases)
    func replayReturnsFirstAnswer(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let options = RPCCallOptions(idempotencyKey: "create-rossi-7f3a")
            let request = Fixtures.domainCustomer("rossi-idem.it")
            let first = try await client.customers.create(request, options: options)
            let second = try await client.customers.create(request, options: options)
            #expect(second == first)
            let raw = try await client.call("Customers.Create", params: Fixtures.json(request), options: options)
            #expect(raw["id"]?.stringValue == first.id)
            let all = try await client.customers.list(.init(text: "rossi-idem"))
            #expect(all.items.map(\.id) == [first.id], "one customer, however often the call was replayed")

            let placed = try await client.orders.place(
                .init(customerId: first.id, sku: Fixtures.flexibleSku, seats: 2),
                options: .init(idempotencyKey: "order-1"))
            let replayed = try await client.orders.place(
                .init(customerId: first.id, sku: Fixtures.flexibleSku, seats: 2),
                options: .init(idempotencyKey: "order-1"))
            #expect(replayed == placed)
            #expect(try await client.orders.list(.init(customerId: first.id)).items.count == 1)
        }
    }

    @Test(
        "the same key with other params or another method is INVALID_ARGUMENT naming the key",
        arguments: TransportMode.allCases)
    func reuseWithOtherParamsIsRefused(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let options = RPCCallOptions(idempotencyKey: "key-reused")
            let customer = try await client.customers.create(Fixtures.domainCustomer("bruno.it"), options: options)
            let other = await expectFailure(.invalidArgument, "other params") {
                try await client.customers.create(Fixtures.domainCustomer("bruno-bis.it"), options: options)
            }
            #expect(other?.fields == ["meta.idempotencyKey"])
            #expect(other?.wireCode == 3, "not -32602: the params are valid, the key is misused")
            let otherMethod = await expectFailure(.invalidArgument, "another method") {
                try await client.orders.place(
                    .init(customerId: customer.id, sku: Fixtures.flexibleSku, seats: 1), options: options)
            }
            #expect(otherMethod?.fields == ["meta.idempotencyKey"])
            #expect(try await client.customers.list(.init(text: "bruno")).items.map(\.id) == [customer.id])
        }
    }

    @Test(
        "a recorded answer is replayed after the server restarts on the same data folder",
        arguments: TransportMode.allCases)
    func replaySurvivesRestart(mode: TransportMode) async throws {
        let folder = try TemporaryDataFolder()
        defer { folder.remove() }
        let clock = FixedClock(TestServer.startTime)
        let recorder = ResultSchemaRecorder()
        let options = RPCCallOptions(idempotencyKey: "survives-restart")
        let request = Fixtures.domainCustomer("riavvio.it")

        let before = try await TestServer.start(mode, folder: folder, clock: clock, recorder: recorder)
        let first: PartnerAPI.Customer
        do {
            let client = before.client()
            first = try await withTimeout(30, "the first create") {
                try await client.customers.create(request, options: options)
            }
        } catch {
            try await before.stop()
            throw error
        }
        try await before.stop()

        clock.advance(seconds: 3600)
        let after = try await TestServer.start(mode, folder: folder, clock: clock, recorder: recorder)
        do {
            let client = after.client(token: before.bootstrapToken)
            #expect(after.bootstrapToken == before.bootstrapToken, "the default partner is created once")
            let replayed = try await withTimeout(30, "the replay") {
                try await client.customers.create(request, options: options)
            }
            #expect(replayed == first)
            let listed = try await withTimeout(30, "the list") {
                try await client.customers.list(.init(text: "riavvio"))
            }
            #expect(listed.items.map(\.id) == [first.id])
            await expectFailure(.invalidArgument, "the key with other params after the restart") {
                try await withTimeout(30, "the conflicting call") {
                    try await client.customers.create(Fixtures.domainCustomer("riavvio-2.it"), options: options)
                }
            }
        } catch {
            try await after.stop()
            throw error
        }
        try await after.stop()
        expectContractKept(recorder)
    }

    @Test("an entry has a time-ordered id and holds its key; one stored under its key as id, as before, still replays")
    func entryIdsAndOlderEntries() async throws {
        try await withPartnerServer(.inProcess) { server, client in
            let store = server.app.store
            let partnerId = try await client.partners.getProfile(.init()).id
            let request = Fixtures.domainCustomer("entry-ids.it")
            let first = try await client.customers.create(request, options: .init(idempotencyKey: "fresh"))
            let freshKey = IdempotencyEntry.key(scope: partnerId, key: "fresh")
            let entry = try #require(try await store.read { try $0.find(IdempotencyEntry.self, uniqueKey: freshKey) })
            #expect(entry.id.hasPrefix("idem_") && entry.key == freshKey)

            // As entries were stored before they had ids of their own: the key text as the id.
            let olderKey = IdempotencyEntry.key(scope: partnerId, key: "older")
            try await store.write { tx in
                try tx.put(
                    IdempotencyEntry(
                        id: olderKey, key: nil, partnerId: partnerId, method: entry.method,
                        paramsDigest: entry.paramsDigest, result: entry.result, createTime: entry.createTime))
            }
            let replayed = try await client.customers.create(request, options: .init(idempotencyKey: "older"))
            #expect(replayed == first, "the older entry's answer, not a second customer of the domain")

            server.clock.advance(seconds: 24 * 3600)
            let again = try await client.customers.create(
                Fixtures.domainCustomer("entry-ids-again.it"), options: .init(idempotencyKey: "older"))
            #expect(again.primaryDomain == "entry-ids-again.it", "an expired older entry is a new call")
            let (byId, byKey) = try await store.read { tx in
                (
                    try tx.get(IdempotencyEntry.self, id: olderKey),
                    try tx.find(IdempotencyEntry.self, uniqueKey: olderKey)
                )
            }
            #expect(byId == nil, "the expired older entry is gone")
            #expect(byKey?.id.hasPrefix("idem_") == true)
        }
    }

    @Test("a sweep deletes the entries past 24 hours and keeps the younger ones and a key used anew")
    func expiredEntriesAreSwept() async throws {
        try await withPartnerServer(.inProcess) { server, client in
            let partnerId = try await client.partners.getProfile(.init()).id
            func storedKeys() async throws -> [String] {
                try await server.app.store.read { tx in
                    try tx.list(IdempotencyEntry.self, partnerId: partnerId, lookupKey: nil, after: nil, limit: 1000)
                        .map { String(($0.key ?? "").dropFirst(partnerId.count + 1)) }.sorted()
                }
            }
            func create(_ domain: String, key: String) async throws -> PartnerAPI.Customer {
                try await client.customers.create(Fixtures.domainCustomer(domain), options: .init(idempotencyKey: key))
            }
            func sweep() async throws -> Int {
                try await server.app.idempotencySweep.pass(store: server.app.store, now: server.clock.now())
            }
            for n in 0..<6 { _ = try await create("old-\(n).it", key: "old-\(n)") }
            server.clock.advance(seconds: 23 * 3600)
            let young = try await create("day.it", key: "day")
            #expect(try await sweep() == 0, "none is 24 hours old yet")
            #expect(try await storedKeys().count == 7)

            server.clock.advance(seconds: 3600)
            let again = try await create("old-0-bis.it", key: "old-0")
            #expect(again.primaryDomain == "old-0-bis.it", "an expired key with other params is a new call")
            #expect(try await sweep() == 5, "old-1 to old-5; old-0 now holds the new call's answer")
            #expect(try await storedKeys() == ["day", "old-0"])
            #expect(try await create("day.it", key: "day") == young, "a live entry still replays")
            #expect(try await create("old-0-bis.it", key: "old-0") == again)
        }
    }

    @Test("a pass looks at twice what a scope recorded, one page at least, resumes where it stopped and laps")
    func sweepPassesResumeAndLap() async throws {
        try await withPartnerServer(.inProcess) { server, _ in
            let store = server.app.store
            let now = server.clock.now()
            let dayAndASecond: Int64 = IdempotencyEntry.lifetimeMs + 1_000
            let scope = "ptn_sweep"
            try await store.write { tx in
                for n in 0..<2_400 {
                    let created = n % 2 == 0 ? now.millisecondsSinceEpoch - dayAndASecond : now.millisecondsSinceEpoch
                    try tx.put(
                        IdempotencyEntry(
                            id: "idem_\(10_000 + n)", key: IdempotencyEntry.key(scope: scope, key: "k-\(n)"),
                            partnerId: scope,
                            method: "Customers.Create", paramsDigest: "", result: "{}",
                            createTime: Timestamp(millisecondsSinceEpoch: created)))
                }
            }
            let sweep = IdempotencySweep()
            for _ in 0..<500 { sweep.noteRecorded(partnerId: scope) }
            var deleted: [Int] = []
            for _ in 0..<9 { deleted.append(try await sweep.pass(store: store, now: now)) }
            #expect(
                deleted == [500] + Array(repeating: 100, count: 7) + [0],
                "twice the 500 recorded looked at first, then one page a pass to the lap's end, then nothing")
            let left = try await store.read { tx in
                try tx.list(IdempotencyEntry.self, partnerId: scope, lookupKey: nil, after: nil, limit: 3_000)
            }
            #expect(left.count == 1_200)
            #expect(left.allSatisfy { !IdempotencySweep.isExpired($0, at: now) })
        }
    }

    @Test("the running server sweeps on its own: an expired entry disappears without a call")
    func serverSweepsInTheBackground() async throws {
        let folder = try TemporaryDataFolder()
        defer { folder.remove() }
        let clock = FixedClock(TestServer.startTime)
        let recorder = ResultSchemaRecorder()
        let server = try await withTimeout(30, "server start") {
            try await TestServer.start(
                .inProcess, folder: folder, clock: clock, recorder: recorder, sweepInterval: .milliseconds(20))
        }
        do {
            try await withTimeout(60, "the test body") {
                let client = server.client()
                _ = try await client.customers.create(
                    Fixtures.domainCustomer("sweep.it"), options: .init(idempotencyKey: "swept"))
                let partnerId = try await client.partners.getProfile(.init()).id
                let entryKey = IdempotencyEntry.key(scope: partnerId, key: "swept")
                let store = server.app.store
                @Sendable func stored() async throws -> Bool {
                    try await store.read { try $0.find(IdempotencyEntry.self, uniqueKey: entryKey) } != nil
                }
                try await Task.sleep(for: .milliseconds(100))
                #expect(try await stored(), "passes before the entry expires keep it")
                clock.advance(seconds: 24 * 3600)
                try await waitUntil(10, "a background pass deletes the expired entry") { try await !stored() }
            }
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
        expectContractKept(recorder)
    }
}
