import Foundation
import FramedRPC
import PartnerAPI
import PartnerTestSupport
import Synchronization
import Testing

/// Two real `partner-server` processes on one PostgreSQL database answer as one server would.
/// Every call goes over real sockets; every wait has a deadline.
@Suite("Replicas on PostgreSQL agree", .serialized)
struct ReplicaAgreementTests {
    static let sku = "ws-business-standard-flex"

    @Test("a write through one replica is read through the other at once, and a stale etag is refused there")
    func readAfterWrite() async throws {
        let set = try await ReplicaSet.start()
        let (a, rpcA) = set.client(0)
        let (b, rpcB) = set.client(1)
        do {
            let created = try await a.customers.create(ReplicaSet.customer("raw"))
            let seen = try await b.customers.get(.init(customerId: created.id))
            #expect(seen.id == created.id && seen.etag == created.etag)
            // B reads it (and would cache it, if it cached), A renames it, B must see the rename.
            let renamed = try await a.customers.update(
                .init(
                    customerId: created.id, etag: created.etag, updateMask: ["displayName"],
                    displayName: "Renamed via A"))
            let after = try await b.customers.get(.init(customerId: created.id))
            #expect(after.displayName == "Renamed via A" && after.etag == renamed.etag)
            // The first etag is stale everywhere now.
            await #expect(throws: RPCError.self) {
                _ = try await b.customers.update(
                    .init(customerId: created.id, etag: created.etag, updateMask: ["displayName"], displayName: "Lost"))
            }
            do {
                _ = try await b.customers.update(
                    .init(customerId: created.id, etag: created.etag, updateMask: ["displayName"], displayName: "Lost"))
            } catch {
                #expect(error.code == .aborted)
            }
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcA.close()
        await rpcB.close()
        await set.stop()
    }

    @Test("a token revoked through one replica is refused by the other within 1 s")
    func revocationEverywhere() async throws {
        let set = try await ReplicaSet.start()
        let (a, rpcA) = set.client(0)
        do {
            let agents = try await a.agents.list(.init())
            let owner = try #require(agents.items.first)
            let token = try await a.tokens.create(.init(agentId: owner.id, label: "revoke-me"))
            let (b, rpcB) = set.client(1, token: token.secret)
            // B authenticates it (and caches it).
            for _ in 0..<3 { _ = try await b.partners.getProfile() }
            _ = try await a.tokens.revoke(.init(tokenId: token.token.id))
            let revoked = ContinuousClock.now
            var refusedAfter: Duration?
            while ContinuousClock.now - revoked < .seconds(3) {
                do {
                    _ = try await b.partners.getProfile()
                } catch {
                    #expect(error.code == .unauthenticated)
                    refusedAfter = ContinuousClock.now - revoked
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            let elapsed = try #require(refusedAfter, "replica B still accepts the revoked token after 3 s")
            #expect(elapsed < .seconds(1), "replica B accepted the revoked token for \(elapsed)")
            await rpcB.close()
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcA.close()
        await set.stop()
    }

    @Test("an agent disabled through one replica is refused by the other within 1 s")
    func disabledAgentEverywhere() async throws {
        let set = try await ReplicaSet.start()
        let (a, rpcA) = set.client(0)
        do {
            let agent = try await a.agents.create(
                .init(displayName: "Temp", email: "temp@replica.example", roles: [.salesAgent]))
            let token = try await a.tokens.create(.init(agentId: agent.id, label: "temp"))
            let (b, rpcB) = set.client(1, token: token.secret)
            for _ in 0..<3 { _ = try await b.partners.getProfile() }
            _ = try await a.agents.update(.init(agentId: agent.id, etag: agent.etag, disabled: true))
            let disabled = ContinuousClock.now
            var refusedAfter: Duration?
            while ContinuousClock.now - disabled < .seconds(3) {
                do {
                    _ = try await b.partners.getProfile()
                } catch {
                    #expect(error.code == .unauthenticated || error.code == .permissionDenied, "\(error)")
                    refusedAfter = ContinuousClock.now - disabled
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            let elapsed = try #require(refusedAfter, "replica B still serves the disabled agent after 3 s")
            #expect(elapsed < .seconds(1), "replica B served the disabled agent for \(elapsed)")
            await rpcB.close()
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcA.close()
        await set.stop()
    }

    @Test(
        "Events.Watch on one replica delivers changes made through another within 1 s, in order, and resumes with its cursor"
    )
    func watchAcrossReplicas() async throws {
        let set = try await ReplicaSet.start()
        let (a, rpcA) = set.client(0)
        let (b, rpcB) = set.client(1)
        do {
            let before = try await Self.drain(b, after: nil)
            let received = EventLog()
            let watch = Task { try await Self.collect(b, after: before, into: received) }
            try await waitUntil(5, "the watch to start") { received.started }
            for index in 0..<8 {
                let target = received.count + 1
                _ = try await a.customers.create(ReplicaSet.customer("watch\(index)"))
                let answered = ContinuousClock.now
                try await waitUntil(3, "event \(index) on the other replica") { received.count >= target }
                let delay = ContinuousClock.now - answered
                #expect(delay < .seconds(1), "event \(index) arrived \(delay) after its write was answered")
            }
            watch.cancel()
            _ = await watch.result
            let first = received.sequences
            #expect(first == Array((before + 1)...(before + Int64(first.count))), "sequences \(first)")
            // Changes made while nobody watches arrive, once each, when the watch resumes.
            for index in 8..<12 { _ = try await a.customers.create(ReplicaSet.customer("watch\(index)")) }
            let resumed = EventLog()
            let last = first.last ?? before
            let again = Task { try await Self.collect(b, after: last, into: resumed) }
            try await waitUntil(3, "the missed events") { resumed.count >= 4 }
            try await Task.sleep(for: .milliseconds(200))
            again.cancel()
            _ = await again.result
            let second = resumed.sequences
            #expect(second.first == last + 1, "resumed at \(second.first ?? -1), expected \(last + 1)")
            #expect(second == Array((last + 1)...(last + Int64(second.count))), "sequences \(second)")
            #expect(Set(first).isDisjoint(with: second))
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcA.close()
        await rpcB.close()
        await set.stop()
    }

    @Test("the same idempotency key sent to both replicas at once has one effect and one answer")
    func idempotencyAcrossReplicas() async throws {
        let set = try await ReplicaSet.start()
        let (a, rpcA) = set.client(0)
        let (b, rpcB) = set.client(1)
        do {
            let customer = try await a.customers.create(ReplicaSet.customer("idem"))
            let placed = try await a.orders.place(.init(customerId: customer.id, sku: Self.sku, seats: 10))
            let subscription = placed.subscription.id
            for round in 0..<10 {
                let options = RPCCallOptions(timeout: .seconds(20), idempotencyKey: "same-key-\(round)")
                let request = Subscriptions.ChangeSeatsRequest(
                    subscriptionId: subscription, delta: 1, reason: "idem-\(round)")
                async let viaA = a.subscriptions.changeSeats(request, options: options)
                async let viaB = b.subscriptions.changeSeats(request, options: options)
                let (first, second) = try await (viaA, viaB)
                #expect(first == second, "round \(round): two answers")
            }
            let stored = try await b.subscriptions.get(.init(subscriptionId: subscription))
            #expect(stored.seats == 20, "10 keyed +1 calls, each sent twice, must add 10 seats")
            let history = try await b.subscriptions.wholeHistory(subscription)
            for round in 0..<10 {
                #expect(history.filter { $0.reason == "idem-\(round)" }.count == 1, "round \(round)")
            }
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcA.close()
        await rpcB.close()
        await set.stop()
    }

    @Test("2 replicas x 64 concurrent +1/-1 seat changes on one subscription end at the exact sum")
    func seatChangesSum() async throws {
        let set = try await ReplicaSet.start()
        let (a, rpcA) = set.client(0)
        let (b, rpcB) = set.client(1)
        do {
            let customer = try await a.customers.create(ReplicaSet.customer("sum"))
            let placed = try await a.orders.place(.init(customerId: customer.id, sku: Self.sku, seats: 100))
            let subscription = placed.subscription.id
            let failures = Failures()
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<128 {
                    let client = index % 2 == 0 ? a : b
                    let delta = index % 4 == 3 ? -1 : 1
                    group.addTask {
                        do {
                            _ = try await client.subscriptions.changeSeats(
                                .init(subscriptionId: subscription, delta: delta, reason: "sum-\(index)"),
                                options: RPCCallOptions(timeout: .seconds(60)))
                        } catch {
                            failures.add("call \(index): \(error)")
                        }
                    }
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
            let stored = try await b.subscriptions.get(.init(subscriptionId: subscription))
            // 96 calls of +1 and 32 of -1.
            #expect(stored.seats == 100 + 96 - 32)
            let history = try await b.subscriptions.wholeHistory(subscription)
            #expect(history.filter { $0.reason?.hasPrefix("sum-") == true }.count == 128)
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcA.close()
        await rpcB.close()
        await set.stop()
    }

    @Test("closing a billing month on two replicas at once issues each invoice once, numbered without gaps")
    func closeOnce() async throws {
        // Replica 0 runs 40 days back to buy in a month that has ended for replicas 1 and 2.
        let set = try await ReplicaSet.start(count: 3, perReplica: [["--clock-offset-days", "-40"]])
        let (past, rpcPast) = set.client(0)
        let (b, rpcB) = set.client(1)
        let (c, rpcC) = set.client(2)
        do {
            for index in 0..<4 {
                let customer = try await past.customers.create(ReplicaSet.customer("close\(index)"))
                _ = try await past.orders.place(.init(customerId: customer.id, sku: Self.sku, seats: 5 + index))
            }
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let month = formatter.string(from: Date().addingTimeInterval(-40 * 86_400))
            async let viaB = b.invoices.closeBillingPeriod(
                .init(billingMonth: month), options: RPCCallOptions(timeout: .seconds(60)))
            async let viaC = c.invoices.closeBillingPeriod(
                .init(billingMonth: month), options: RPCCallOptions(timeout: .seconds(60)))
            let (first, second) = try await (viaB, viaC)
            #expect(first.invoices.map(\.id).sorted() == second.invoices.map(\.id).sorted())
            let listed = try await b.invoices.list(.init(pageSize: 100))
            #expect(listed.items.count == 4, "\(listed.items.map(\.number))")
            let numbers = listed.items.map(\.number).sorted()
            #expect(Set(numbers).count == numbers.count)
            #expect(numbers.last?.hasSuffix("00004") == true, "\(numbers)")
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await rpcPast.close()
        await rpcB.close()
        await rpcC.close()
        await set.stop()
    }

    // MARK: Helpers

    /// Every event so far (a watch from the start, ended once it goes quiet); the last sequence.
    static func drain(_ client: PartnerClient, after: Int64?) async throws -> Int64 {
        let log = EventLog()
        let task = Task { try await collect(client, after: after ?? 0, into: log) }
        try await waitUntil(5, "the watch to start") { log.started }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        _ = await task.result
        return log.sequences.last ?? 0
    }

    /// Appends every event of a watch after `after` to `log` until cancelled.
    static func collect(_ client: PartnerClient, after: Int64, into log: EventLog) async throws {
        let stream = client.events.watch(.init(afterSequence: after), options: RPCCallOptions(timeout: .seconds(120)))
        log.markStarted()
        for try await event in stream { log.append(event.sequence) }
    }
}

/// Sequences received by a watch, shared with the test.
final class EventLog: Sendable {
    private let state = Mutex<(started: Bool, sequences: [Int64])>((false, []))
    func markStarted() { state.withLock { $0.started = true } }
    func append(_ sequence: Int64) { state.withLock { $0.sequences.append(sequence) } }
    var started: Bool { state.withLock { $0.started } }
    var count: Int { state.withLock { $0.sequences.count } }
    var sequences: [Int64] { state.withLock { $0.sequences } }
}

/// Failure messages collected from concurrent calls.
final class Failures: Sendable {
    private let messages = Mutex<[String]>([])
    func add(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}
