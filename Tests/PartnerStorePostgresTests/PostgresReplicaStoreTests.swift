import Foundation
import PartnerCore
import PartnerStorePostgres
import PartnerTestSupport
import Synchronization
import Testing

/// What holds only because several processes share one PostgreSQL database: each
/// `PostgresRecordStore` here stands for one replica (its own connections, locks and listener).
@Suite("PostgreSQL store shared by replicas")
struct PostgresReplicaStoreTests {
    @Test("replicas starting together run the migrations once and agree on the version")
    func migrationsOnce() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "migrate")
        let stores = try await withTimeout(60, "4 stores opening together") {
            try await withThrowingTaskGroup(of: PostgresRecordStore.self) { group in
                for _ in 0..<4 { group.addTask { try await PostgresRecordStore.open(url: url) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(Set(stores.map(\.schemaVersion)).count == 1)
        let rows = try psql(cluster, url, "SELECT version FROM schema_migrations ORDER BY version")
        #expect(rows == (1...stores[0].schemaVersion).map(String.init))
        for store in stores { await store.close() }
    }

    @Test("2 replicas x 64 concurrent increments of one record end at the exact sum")
    func noLostUpdateAcrossReplicas() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "sum")
        let a = try await PostgresRecordStore.open(url: url)
        let b = try await PostgresRecordStore.open(url: url)
        try await a.write { try $0.put(Counter(id: "c", value: 0)) }
        try await withTimeout(120, "128 increments over 2 replicas") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<128 {
                    let store = index % 2 == 0 ? a : b
                    let delta = index % 4 < 2 ? 1 : 3
                    group.addTask {
                        try await store.write { tx in
                            guard var counter = try tx.get(Counter.self, id: "c") else {
                                throw TestFailure("counter missing")
                            }
                            counter.value += delta
                            try tx.put(counter)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(try await b.read { try $0.get(Counter.self, id: "c") }?.value == 64 * 1 + 64 * 3)
        await a.close()
        await b.close()
    }

    @Test(
        "2 replicas x 64 numbered appends to one feed, a quarter thrown after a round trip: numbers 1...96, no gap, none repeated, nothing of a thrown body kept"
    )
    func numberedFeedAcrossReplicas() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "feed")
        let a = try await PostgresRecordStore.open(url: url)
        let b = try await PostgresRecordStore.open(url: url)
        let kept = try await withTimeout(120, "128 appends over 2 replicas") {
            try await withThrowingTaskGroup(of: Int?.self) { group in
                for index in 0..<128 {
                    let store = index % 2 == 0 ? a : b
                    group.addTask {
                        do {
                            try await store.write { tx in
                                // A round trip, then writes that wait in the queue, then (for a
                                // quarter) a throw: the body's savepoint must take them all back.
                                _ = try tx.get(Counter.self, id: "missing-\(index)")
                                try tx.put(Counter(id: "c\(index)", value: index))
                                try tx.putNumbered(counter: "events:p1") { sequence in
                                    DomainEvent(
                                        partnerId: "p1", sequence: sequence, type: "test.appended",
                                        resourceId: "c\(index)", data: [:], time: Timestamp(millisecondsSinceEpoch: 0))
                                }
                                if index % 4 == 3 {
                                    // More queued writes than the body before left in the queue.
                                    try tx.put(Counter(id: "extra\(index)", value: index))
                                    throw IntendedFailure(tag: "\(index)")
                                }
                            }
                            return index
                        } catch is IntendedFailure {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { if let index = $1 { $0.insert(index) } }
            }
        }
        #expect(kept == Set((0..<128).filter { $0 % 4 != 3 }))
        let events = try await a.read {
            try $0.list(DomainEvent.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 1_000)
        }
        #expect(events.map(\.sequence) == Array(1...96))
        #expect(Set(events.map(\.resourceId)) == Set(kept.map { "c\($0)" }))
        let counters = try await b.read { tx in try (0..<128).filter { try tx.get(Counter.self, id: "c\($0)") != nil } }
        #expect(Set(counters) == kept)
        let extras = try await a.read { tx in
            try (0..<128).filter { try tx.get(Counter.self, id: "extra\($0)") != nil }
        }
        #expect(extras.isEmpty)
        await a.close()
        await b.close()
    }

    @Test("the same new record created through two replicas at once is created once; the others see it")
    func createOnce() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "once")
        let a = try await PostgresRecordStore.open(url: url)
        let b = try await PostgresRecordStore.open(url: url)
        for round in 0..<5 {
            let id = "entry-\(round)"
            let outcomes = try await withTimeout(60, "round \(round)") {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<16 {
                        let store = index % 2 == 0 ? a : b
                        group.addTask {
                            try await store.write { tx -> String in
                                if let existing = try tx.get(Note.self, id: id) { return "saw \(existing.text)" }
                                try tx.put(Note(id: id, partnerId: "p1", slug: id, text: "writer \(index)"))
                                return "created"
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == "created" }.count == 1, "round \(round): \(outcomes)")
            let stored = try await a.read { try $0.get(Note.self, id: id) }
            #expect(outcomes.filter { $0 != "created" }.allSatisfy { $0 == "saw \(stored?.text ?? "?")" })
        }
        await a.close()
        await b.close()
    }

    @Test("a unique key claimed through two replicas at once goes to one record; the others get duplicateKey")
    func uniqueKeyRace() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "unique")
        let a = try await PostgresRecordStore.open(url: url)
        let b = try await PostgresRecordStore.open(url: url)
        let results = try await withTimeout(60, "16 claims") {
            try await withThrowingTaskGroup(of: Result<String, StoreError>.self) { group in
                for index in 0..<16 {
                    let store = index % 2 == 0 ? a : b
                    group.addTask {
                        do {
                            try await store.write {
                                try $0.put(Note(id: "n\(index)", partnerId: "p1", slug: "contested"))
                            }
                            return .success("n\(index)")
                        } catch let error as StoreError {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        for case .failure(let error) in results { #expect(error == StoreError.duplicateKey("slug:contested")) }
        #expect(try await b.read { try $0.find(Note.self, uniqueKey: "slug:contested") }?.id == winners.first)
        await a.close()
        await b.close()
    }

    @Test("a commit through one replica is announced to the other within 1 s, with the kinds it touched")
    func commitAnnounced() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "notify")
        let a = try await PostgresRecordStore.open(url: url)
        let b = try await PostgresRecordStore.open(url: url, config: .init(staleTick: .seconds(3600)))
        let seen = Collected<RemoteCommit>()
        b.observeCommits { change in seen.values.withLock { $0.append(change) } }
        let ownBefore = seen.values.withLock { $0.count }
        try await b.write { try $0.put(Label(id: "own", partnerId: "p1", slug: "own")) }
        try await a.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        // Timed from the commit (the write's return), not from before the write.
        let started = ContinuousClock.now
        try await waitUntil(1, "b hears of a's commit") {
            seen.values.withLock { $0.contains { $0.kinds?.contains("note") == true } }
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        // Its own commit is not announced back to it (it knows it already).
        #expect(seen.values.withLock { Array($0[ownBefore...]) }.allSatisfy { $0.kinds?.contains("label") != true })
        await a.close()
        await b.close()
    }

    @Test("answered writes survive a SIGKILL of the PostgreSQL server; the store reconnects after its restart")
    func durableAcrossDatabaseCrash() async throws {
        let cluster = try await onThread { try PostgresTestCluster.start() }
        defer { cluster.stop() }
        let url = try await cluster.createDatabase(prefix: "crash")
        let store = try await PostgresRecordStore.open(url: url)
        let answered = Collected<Int>()
        try await withTimeout(60, "writes, then a database crash") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for number in stride(from: writer, to: 100_000, by: 8) {
                            do {
                                try await store.write { try $0.put(Counter(id: "w\(number)", value: number)) }
                                answered.values.withLock { $0.append(number) }
                            } catch {
                                return  // the server is gone
                            }
                        }
                    }
                }
                try await waitUntil(20, "200 answered writes") { answered.values.withLock { $0.count } >= 200 }
                try await onThread { try cluster.kill() }
                try await group.waitForAll()
            }
        }
        try await onThread { try cluster.startServer() }
        let written = answered.values.withLock { $0 }
        let found = try await withTimeout(30, "reading after the restart") {
            try await store.read { tx in try written.filter { try tx.get(Counter.self, id: "w\($0)") != nil }.count }
        }
        #expect(found == written.count, "\(written.count - found) answered writes lost")
        await store.close()
    }

    @Test("operators can query record bodies as jsonb and the tables hold the keys")
    func queryableBodies() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "jsonb")
        let store = try await PostgresRecordStore.open(url: url)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "hello", text: "world", tags: ["a"])) }
        #expect(
            try psql(cluster, url, "SELECT body->>'text' FROM records WHERE kind = 'note' AND body->>'slug' = 'hello'")
                == ["world"])
        #expect(try psql(cluster, url, "SELECT jsonb_typeof(body) FROM records WHERE id = 'n1'") == ["object"])
        #expect(try psql(cluster, url, "SELECT key FROM unique_keys WHERE id = 'n1'") == ["slug:hello"])
        #expect(try psql(cluster, url, "SELECT key FROM lookup_keys WHERE id = 'n1'") == ["tag:a"])
        // PostgreSQL itself refuses a key row without its record.
        #expect(throws: (any Error).self) {
            try psql(cluster, url, "INSERT INTO unique_keys (kind, key, id) VALUES ('note', 'slug:orphan', 'nope')")
        }
        await store.close()
    }

    /// Runs `sql` with psql on the database of `url`; one string per row.
    private func psql(_ cluster: PostgresTestCluster, _ url: String, _ sql: String) throws -> [String] {
        let database = String(url.split(separator: "/").last ?? "")
        let output = try cluster.runTool(
            "psql",
            [
                "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", "partner", "-d", database, "-At", "-v",
                "ON_ERROR_STOP=1", "-c", sql,
            ])
        return output.split(separator: "\n").map(String.init)
    }
}

/// Values appended from several tasks or threads.
final class Collected<Value: Sendable>: Sendable {
    let values = Mutex<[Value]>([])
}
