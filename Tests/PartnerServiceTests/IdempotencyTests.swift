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

    @Test("entries past 24 hours are deleted by later keyed writes of the partner; younger ones stay")
    func expiredEntriesAreSwept() async throws {
        try await withPartnerServer(.inProcess) { server, client in
            let partnerId = try await client.partners.getProfile(.init()).id
            func storedKeys() async throws -> [String] {
                try await server.app.store.read { tx in
                    try tx.list(IdempotencyEntry.self, partnerId: partnerId, lookupKey: nil, after: nil, limit: 1000)
                        .map { String($0.id.dropFirst(partnerId.count + 1)) }
                }
            }
            func create(_ name: String) async throws -> PartnerAPI.Customer {
                try await client.customers.create(
                    Fixtures.domainCustomer("\(name).it"), options: .init(idempotencyKey: name))
            }
            for n in 0..<6 { _ = try await create("old-\(n)") }

            server.clock.advance(seconds: 23 * 3600)
            for n in 0..<3 { _ = try await create("day-\(n)") }
            #expect(try await storedKeys().count == 9, "none is 24 hours old yet: none goes")

            server.clock.advance(seconds: 3600)
            let fresh = try await create("new-00")
            var writes = 1
            while writes < 12, try await storedKeys().contains(where: { $0.hasPrefix("old-") }) {
                _ = try await create("new-\(writes < 10 ? "0" : "")\(writes)")
                writes += 1
            }
            let kept = try await storedKeys()
            #expect(
                kept.filter { $0.hasPrefix("old-") } == [],
                "each keyed write looks at two entries: one lap over the nine held and those added meanwhile")
            #expect(kept.filter { $0.hasPrefix("day-") }.count == 3, "23 hours old: kept")
            #expect(kept.filter { $0.hasPrefix("new-") }.count == writes)

            #expect(try await create("new-00") == fresh, "a live entry still replays")
            let again = try await client.customers.create(
                Fixtures.domainCustomer("old-0-bis.it"), options: .init(idempotencyKey: "old-0"))
            #expect(again.primaryDomain == "old-0-bis.it", "an expired key with other params is a new call")
        }
    }
}
