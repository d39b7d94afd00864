import Foundation
import FramedRPC
import PartnerAPI
import PartnerTestSupport
import Testing

/// partner-server killed with SIGKILL while clients write, restarted on the same data folder,
/// again and again: what it acknowledged must all be there, whole, and idempotency keys must
/// still replay their first answer.
@Suite("partner-server crash and restart", .serialized)
struct CrashRestartTests {
    static let rounds = 24
    static let workers = 3
    static let sku = "ws-business-standard-flex"

    @Test("SIGKILL at random moments 24 times: every acknowledged write survives whole and idempotency keys replay")
    func killedServerKeepsEveryAcknowledgedWrite() async throws {
        let seed =
            ProcessInfo.processInfo.environment["CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        let folder = try CrashHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        let ledger = CrashLedger()
        var random = CrashRandom(seed: seed)
        var kills = 0

        var server = try await ServerProcess.crash(data: data)
        for round in 1...Self.rounds {
            let (client, rpc) = try server.client()
            let target = Int.random(in: 4...24, using: &random)
            let workerSeeds = (0..<Self.workers).map { _ in random.next() }
            let writers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<Self.workers {
                        group.addTask {
                            var random = CrashRandom(seed: workerSeeds[worker])
                            await Self.write(client, ledger, round: round, worker: worker, random: &random)
                        }
                    }
                }
            }
            // The kill comes once this round has some acknowledged writes, plus a random instant,
            // so that calls are in flight at every stage (parsing, in the store, answering).
            try await waitUntil(30, "round \(round): \(target) acknowledged writes (seed \(seed))") {
                ledger.ackCount(round: round) >= target || !server.isRunning
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...25, using: &random)))
            #expect(server.isRunning, "round \(round): the server died on its own: \(server.log().suffix(2_000))")
            try await server.killAndWait()
            kills += 1
            try await Self.within(30, "round \(round): writers to stop after the kill") { await writers.value }
            await rpc.close()

            server = try await ServerProcess.crash(data: data)
            let (checker, checkerRPC) = try server.client()
            try await Self.retryPending(checker, ledger)
            try await Self.verify(checker, ledger.snapshot.acks.filter { $0.round == round }, seed: seed)
            await checkerRPC.close()
        }

        // After the last restart: everything, from every round, in one pass.
        let (checker, checkerRPC) = try server.client()
        let state = ledger.snapshot
        try await Self.verify(checker, state.acks, seed: seed)
        try await Self.verifyWhole(checker, state.acks, seed: seed)
        await checkerRPC.close()
        try await server.killAndWait()
        let integrity = try CrashHarness.integrityCheck(data: data)
        #expect(integrity == "ok", "seed \(seed): the database after \(kills) kills: \(integrity)")

        #expect(kills >= 20)
        #expect(state.unexpected.isEmpty, "seed \(seed): \(state.unexpected.prefix(5))")
        #expect(state.acks.count >= Self.rounds * 2, "seed \(seed)")
        let keyed = state.acks.filter { $0.key != nil }.count
        #expect(state.cutOff >= Self.rounds / 2, "seed \(seed): kills should cut calls off mid-flight")
        print(
            "crash test (seed \(seed)): \(kills) kills survived, \(state.acks.count) acknowledged writes checked "
                + "(\(keyed) with idempotency keys, each replayed after a restart), \(state.cutOff) calls cut off by a kill"
        )
    }

    // MARK: Writing

    /// One writer: customers, orders and seat changes at random, about half with idempotency
    /// keys, until its connection is lost (the kill).
    static func write(
        _ client: PartnerClient, _ ledger: CrashLedger, round: Int, worker: Int, random: inout CrashRandom
    ) async {
        var n = 0
        while n < 10_000 {
            n += 1
            let tag = "r\(round)w\(worker)n\(n)"
            let key: String? = Bool.random(using: &random) ? "key-\(tag)" : nil
            let options = RPCCallOptions(timeout: .seconds(20), idempotencyKey: key)
            let state = ledger.snapshot
            let choice = Int.random(in: 0..<10, using: &random)
            let call: CrashLedger.Call
            if choice < 3 || (state.customersToOrder.isEmpty && state.subscriptions.isEmpty) {
                call = .create(customer(tag))
            } else if (choice < 6 && !state.customersToOrder.isEmpty) || state.subscriptions.isEmpty {
                let customerId = state.customersToOrder.randomElement(using: &random)!
                call = .place(.init(customerId: customerId, sku: sku, seats: Int.random(in: 1...5, using: &random)))
            } else {
                let subscriptionId = state.subscriptions.randomElement(using: &random)!
                let delta = [1, 2, 3, -1].randomElement(using: &random)!
                call = .seats(.init(subscriptionId: subscriptionId, delta: delta, reason: tag))
            }
            do {
                let answer = try await send(call, client, options)
                ledger.acknowledged(call, key: key, answer: answer, round: round)
            } catch let error as RPCError {
                switch error.code {
                case .unavailable, .cancelled, .deadlineExceeded:
                    // The server is gone: the outcome is unknown. Keyed calls are retried later.
                    ledger.unknown(call, key: key, round: round)
                    return
                case .internalError, .unknown, .dataLoss:
                    ledger.unexpected("\(tag): \(error.code): \(error.message)")
                default:
                    break  // refused by a rule (a race between writers): nothing was written
                }
            } catch {
                ledger.unexpected("\(tag): \(error)")
                return
            }
        }
    }

    static func send(_ call: CrashLedger.Call, _ client: PartnerClient, _ options: RPCCallOptions) async throws
        -> CrashLedger.Ack.Answer
    {
        switch call {
        case .create(let request): return .customer(try await client.customers.create(request, options: options))
        case .place(let request): return .placed(try await client.orders.place(request, options: options))
        case .seats(let request):
            return .subscription(try await client.subscriptions.changeSeats(request, options: options))
        }
    }

    static func customer(_ tag: String) -> Customers.CreateRequest {
        let domain = "\(tag)-crash.example"
        return Customers.CreateRequest(
            organisationName: "Crash \(tag) S.r.l.", primaryDomain: domain, customerType: .domain,
            postalAddress: PostalAddress(regionCode: "IT", postalCode: "20121", locality: "Milano"),
            primaryAdminEmail: "admin@\(domain)", alternateEmail: "backup@\(tag)-other.example",
            languageCode: "it", timeZone: "Europe/Rome")
    }

    /// After a restart, sends every keyed call whose outcome was unknown again, with its key.
    /// Whether or not the first attempt committed, it must now be answered, and at most once
    /// applied (`verifyWhole` checks each seat change's reason appears once in its history).
    static func retryPending(_ client: PartnerClient, _ ledger: CrashLedger) async throws {
        for pending in ledger.takePending() {
            do {
                let answer = try await send(
                    pending.call, client, RPCCallOptions(timeout: .seconds(20), idempotencyKey: pending.key))
                ledger.acknowledged(pending.call, key: pending.key, answer: answer, round: pending.round)
            } catch let error as RPCError
                where ![.internalError, .unknown, .dataLoss, .unavailable].contains(error.code)
            {
                // Refused by a rule: then the first attempt did not commit (else this would be its replay).
            }
        }
    }

    // MARK: Checking

    /// Every acknowledged write is present with its acknowledged state, and every keyed one
    /// replays its recorded answer.
    static func verify(_ client: PartnerClient, _ acks: [CrashLedger.Ack], seed: UInt64) async throws {
        for ack in acks {
            switch ack.answer {
            case .customer(let acknowledged):
                let stored = try await client.customers.get(.init(customerId: acknowledged.id))
                #expect(stored.primaryDomain == acknowledged.primaryDomain, "seed \(seed): customer \(acknowledged.id)")
                #expect(stored.organisationName == acknowledged.organisationName)
                #expect(stored.cloudIdentityId == acknowledged.cloudIdentityId)
                #expect(stored.createTime == acknowledged.createTime)
            case .placed(let placed):
                let stored = try await client.subscriptions.get(.init(subscriptionId: placed.subscription.id))
                let first = try await client.subscriptions.wholeHistory(placed.subscription.id).first
                #expect(
                    first?.action == "CREATE" && first?.toSeats == placed.order.seats,
                    "seed \(seed): subscription \(placed.subscription.id) history starts \(String(describing: first))")
                #expect(stored.customerId == placed.order.customerId)
            case .subscription(let acknowledged):
                guard case .seats(let request) = ack.call else { continue }
                let history = try await client.subscriptions.wholeHistory(acknowledged.id)
                let change = history.first { $0.reason == request.reason }
                #expect(
                    change?.toSeats == acknowledged.seats,
                    "seed \(seed): acknowledged seat change \(request.reason ?? "") to \(acknowledged.seats) is \(String(describing: change))"
                )
            }
            if let key = ack.key {
                let replayed = try await send(
                    ack.call, client, RPCCallOptions(timeout: .seconds(20), idempotencyKey: key))
                #expect(replayed == ack.answer, "seed \(seed): key \(key) replayed another answer")
            }
        }
    }

    /// Nothing half-applied, over the whole store: each subscription's seats are what its
    /// history says and the history is one unbroken chain with each seat change once; each
    /// customer has its audit entry and its credentials notice; each order its subscription.
    static func verifyWhole(_ client: PartnerClient, _ acks: [CrashLedger.Ack], seed: UInt64) async throws {
        var customers: [Customer] = []
        var token: String?
        repeat {
            let page = try await client.customers.list(.init(pageSize: 200, pageToken: token))
            customers += page.items
            token = page.nextPageToken
        } while token != nil
        let customerIds = Set(customers.map(\.id))
        for ack in acks {
            if case .customer(let customer) = ack.answer {
                #expect(
                    customerIds.contains(customer.id), "seed \(seed): acknowledged customer \(customer.id) not listed")
            }
        }

        var audited = Set<String>()
        token = nil
        repeat {
            let page = try await client.audit.list(.init(pageSize: 200, pageToken: token))
            audited.formUnion(page.items.filter { $0.method == "Customers.Create" }.map(\.target))
            token = page.nextPageToken
        } while token != nil
        var noticed = Set<String>()
        token = nil
        repeat {
            let page = try await client.notifications.list(.init(pageSize: 200, pageToken: token))
            noticed.formUnion(page.items.filter { $0.kind == "CREDENTIALS" }.flatMap { $0.relatedIds ?? [] })
            token = page.nextPageToken
        } while token != nil
        let crashCustomers = customers.filter { $0.primaryDomain.hasSuffix("-crash.example") }
        for customer in crashCustomers {
            #expect(audited.contains(customer.id), "seed \(seed): customer \(customer.id) has no audit entry")
            #expect(noticed.contains(customer.id), "seed \(seed): customer \(customer.id) has no credentials notice")
        }

        var orders: [Order] = []
        token = nil
        repeat {
            let page = try await client.orders.list(.init(pageSize: 200, pageToken: token))
            orders += page.items
            token = page.nextPageToken
        } while token != nil
        let orderIds = Set(orders.map(\.id))
        for ack in acks {
            if case .placed(let placed) = ack.answer {
                #expect(
                    orderIds.contains(placed.order.id), "seed \(seed): acknowledged order \(placed.order.id) not listed"
                )
            }
        }
        for order in orders {
            let subscription = try await client.subscriptions.get(.init(subscriptionId: order.subscriptionId))
            let history = try await client.subscriptions.wholeHistory(order.subscriptionId)
            #expect(
                history.first?.action == "CREATE" && history.first?.toSeats == order.seats,
                "seed \(seed): order \(order.id) and its subscription's first change disagree")
            #expect(
                history.last?.toSeats == subscription.seats,
                "seed \(seed): subscription \(subscription.id) has \(subscription.seats) seats, its history ends at \(String(describing: history.last?.toSeats))"
            )
            for (before, after) in zip(history, history.dropFirst()) {
                #expect(after.fromSeats == before.toSeats, "seed \(seed): broken history chain in \(subscription.id)")
            }
            let reasons = history.compactMap(\.reason)
            #expect(
                Set(reasons).count == reasons.count, "seed \(seed): a seat change applied twice in \(subscription.id)")
        }
    }

    static func within<T: Sendable>(_ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            guard let first = try await group.next(), let value = first else {
                group.cancelAll()
                throw TestFailure("\(what): not done within \(seconds) s")
            }
            group.cancelAll()
            return value
        }
    }
}
