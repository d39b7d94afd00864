import Testing

@testable import PartnerCore

@Suite("Concurrent seat changes through a RecordStore: no lost update")
struct CommerceConcurrencyTests {
    enum Outcome: Sendable {
        case applied(seats: Int)
        case aborted
    }

    /// One attempt: read the subscription (its etag), then change seats by +1 with that etag in
    /// a separate write transaction — the classic read-modify-write race.
    static func attempt(_ world: CommerceFixture, subscriptionId: String) async throws -> Outcome {
        let caller = world.sales
        let subscriptions = world.subscriptions
        let etag = try await world.store.read { tx in
            try subscriptions.get(subscriptionId, caller: caller, in: tx).subscription.etag
        }
        do {
            let after = try await world.store.write { tx in
                try subscriptions.changeSeats(
                    SeatChange(subscriptionId: subscriptionId, delta: 1, etag: etag), caller: caller, in: tx)
            }
            return .applied(seats: after.seats)
        } catch let error as DomainError where error.code == .aborted {
            return .aborted
        }
    }

    @Test("100 tasks with etags: every success is reflected exactly once, every other attempt is ABORTED")
    func hundredWithEtags() async throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 10)
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for _ in 0..<100 {
                group.addTask { try await Self.attempt(world, subscriptionId: subscription.id) }
            }
            var all: [Outcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let applied = outcomes.compactMap { if case .applied(let seats) = $0 { seats } else { nil } }
        let aborted = outcomes.count - applied.count
        #expect(outcomes.count == 100)
        #expect(!applied.isEmpty)
        // Each success saw a distinct count: no two writers built on the same version.
        #expect(Set(applied).count == applied.count)
        #expect(Set(applied) == Set((0..<applied.count).map { 11 + $0 }))
        let final = try world.reload(subscription)
        #expect(final.seats == 10 + applied.count)
        #expect(final.version == 1 + Int64(applied.count))
        let changes = try world.history(subscription).filter { $0.action == .seatsChanged }
        #expect(changes.count == applied.count)
        #expect(changes.allSatisfy { $0.toSeats == $0.fromSeats.map { $0 + 1 } })
        #expect(applied.count + aborted == 100)
    }

    @Test("100 tasks retrying on ABORTED until they succeed: all 100 deltas land")
    func hundredWithRetries() async throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 10)
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        let attempts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    var tries = 0
                    while true {
                        tries += 1
                        if case .applied = try await Self.attempt(world, subscriptionId: subscription.id) {
                            return tries
                        }
                        guard ContinuousClock.now < deadline else { throw CancellationError() }
                        await Task.yield()
                    }
                }
            }
            var total = 0
            for try await tries in group { total += tries }
            return total
        }
        let final = try world.reload(subscription)
        #expect(final.seats == 110)
        #expect(final.version == 101)
        #expect(try world.history(subscription).filter { $0.action == .seatsChanged }.count == 100)
        #expect(attempts >= 100)
    }

    @Test("100 deltas without etags are serialized: both of any two concurrent deltas apply")
    func hundredWithoutEtags() async throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 150)
        let subscriptions = world.subscriptions
        let caller = world.sales
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    _ = try await world.store.write { tx in
                        try subscriptions.changeSeats(
                            SeatChange(subscriptionId: subscription.id, delta: index.isMultiple(of: 2) ? 3 : -1),
                            caller: caller, in: tx)
                    }
                }
            }
            try await group.waitForAll()
        }
        // 50 x (+3) + 50 x (-1) = +100.
        let final = try world.reload(subscription)
        #expect(final.seats == 250)
        #expect(final.version == 101)
        let history = try world.history(subscription)
        #expect(history.count == 101)
        // The history chains: each entry starts where the previous one ended.
        for (previous, next) in zip(history, history.dropFirst()) {
            #expect(next.fromSeats == previous.toSeats)
        }
    }
}
