import Dispatch
import Foundation
import PartnerCore
import PartnerTestSupport
import Synchronization
import Testing

@testable import PartnerStore

@Suite("Group commit")
struct GroupCommitTests {
    /// Holds the writer inside a body until the test has queued what it wants in the next batch.
    /// Returns once the writer thread is inside the holding body.
    private func holdWriter(_ store: SQLiteRecordStore, gate: DispatchSemaphore) async throws -> Task<Void, any Error> {
        let entered = Flag()
        let task = Task {
            try await store.write { tx in
                entered.set()
                try tx.put(Counter(id: "gate", value: 0))
                _ = gate.wait(timeout: .now() + 20)
            }
        }
        try await waitUntil(10, "writer inside the holding body") { entered.isSet }
        return task
    }

    /// Queues `bodies` behind a held writer so they run as one batch, releases it, and answers
    /// each body's outcome: its value as text, `failed TAG` for an `IntendedFailure`, or
    /// `store CODE KEY` for a `StoreError`. Expects the batch to have taken exactly one commit.
    private func runAsOneBatch<T: Sendable>(
        _ store: SQLiteRecordStore, _ bodies: [@Sendable (any StoreWriting) throws -> T]
    ) async throws -> [String] {
        let gate = DispatchSemaphore(value: 0)
        let held = try await holdWriter(store, gate: gate)
        var calls: [Task<T, any Error>] = []
        for body in bodies {
            let expected = calls.count + 1
            calls.append(Task { try await store.write(body) })
            try await waitUntil(10, "call \(expected) queued") { store.pendingWriteCount == expected }
        }
        let commitsBefore = store.commitCount
        gate.signal()
        try await withTimeout(20, "gate write") { try await held.value }
        var outcomes: [String] = []
        for call in calls {
            do {
                outcomes.append("\(try await withTimeout(20, "batched write") { try await call.value })")
            } catch let error as IntendedFailure {
                outcomes.append("failed \(error.tag)")
            } catch let error as StoreError {
                outcomes.append("store \(error.code) \(error.key ?? "")")
            }
        }
        // The holding body committed alone; the queued calls shared exactly one commit.
        #expect(store.commitCount == commitsBefore + 2)
        return outcomes
    }

    @Test("one failing body in a batch rolls back only itself; the others commit in the same transaction")
    func savepointIsolation() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        let bodies: [@Sendable (any StoreWriting) throws -> String] = [
            { tx in
                try tx.put(Note(id: "a", partnerId: "p1", slug: "a", text: "from a"))
                return "a"
            },
            { tx in
                try tx.put(Note(id: "b", partnerId: "p1", slug: "b"))
                throw IntendedFailure(tag: "b")
            },
            { tx in
                try tx.put(Note(id: "c", partnerId: "p1", slug: "a"))  // clashes with a, same batch
                return "c"
            },
            { tx in
                let a = try tx.get(Note.self, id: "a")
                let b = try tx.get(Note.self, id: "b")
                try tx.put(
                    Note(
                        id: "d", partnerId: "p1", slug: "d",
                        text: "saw \(a?.text ?? "nothing"), b \(b == nil ? "absent" : "present")"))
                return "d"
            },
            { tx in
                _ = try tx.nextSequence("batch")
                return "e"
            },
        ]
        let outcomes = try await runAsOneBatch(store, bodies)
        #expect(outcomes == ["a", "failed b", "store duplicateKey slug:a", "d", "e"])
        #expect(try await store.read { try $0.get(Note.self, id: "b") } == nil)
        #expect(try await store.read { try $0.get(Note.self, id: "c") } == nil)
        #expect(try await store.read { try $0.get(Note.self, id: "d") }?.text == "saw from a, b absent")
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:a") }?.id == "a")
        #expect(try await store.write { try $0.nextSequence("batch") } == 2)
        await store.close()
    }

    @Test("counters drawn in one batch: a failing body gives its values back, the later ones continue without a gap")
    func countersInOneBatch() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        #expect(try await store.write { try $0.nextSequence("feed") } == 1)
        let bodies: [@Sendable (any StoreWriting) throws -> [Int64]] = [
            { tx in [try tx.nextSequence("feed")] },
            { tx in
                _ = try tx.nextSequence("feed")
                _ = try tx.nextSequence("feed")
                throw IntendedFailure(tag: "given back")
            },
            { tx in [try tx.nextSequence("feed"), try tx.nextSequence("feed"), try tx.nextSequence("other")] },
        ]
        let outcomes = try await runAsOneBatch(store, bodies)
        #expect(outcomes == ["[2]", "failed given back", "[3, 4, 1]"])
        #expect(try await store.write { try $0.nextSequence("feed") } == 5)
        await store.close()

        let reopened = try SQLiteRecordStore(path: folder.database)
        #expect(try await reopened.write { [try $0.nextSequence("feed"), try $0.nextSequence("other")] } == [6, 2])
        await reopened.close()
    }

    @Test("200 concurrent writes complete with far fewer commits than writes")
    func batchesConcurrentWrites() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        let before = store.commitCount
        try await withTimeout(60, "200 writes") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await store.write {
                            try $0.put(Note(id: String(format: "n%03d", index), partnerId: "p1", slug: "s\(index)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // How far they batch depends on the disk's fsync time; that they batch does not.
        let commits = store.commitCount - before
        #expect(commits >= 1)
        #expect(commits < 200, "200 writes took \(commits) commits")
        let stored = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 1_000)
        }
        #expect(stored.count == 200)
        await store.close()
    }

    @Test("writes queued during a commit share the next one, at most maxBatchSize per transaction")
    func queuedWritesShareCommits() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(maxBatchSize: 64))
        let gate = DispatchSemaphore(value: 0)
        let held = try await holdWriter(store, gate: gate)
        let writes = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await store.write {
                            try $0.put(Note(id: String(format: "n%03d", index), partnerId: "p1", slug: "s\(index)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await waitUntil(20, "200 writes queued") { store.pendingWriteCount == 200 }
        gate.signal()
        try await withTimeout(20, "holding write") { try await held.value }
        try await withTimeout(60, "200 writes") { try await writes.value }
        // The holding body's commit, then 64 + 64 + 64 + 8.
        #expect(store.commitCount == 5)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 1_000) }
                .count == 200)
        await store.close()
    }

    @Test("100 concurrent read-modify-write bodies on one record lose no update")
    func noLostUpdate() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Counter(id: "c", value: 0)) }
        try await withTimeout(60, "100 increments") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await store.write { tx in
                            guard var counter = try tx.get(Counter.self, id: "c") else {
                                throw IntendedFailure(tag: "missing")
                            }
                            counter.value += 1
                            try tx.put(counter)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == 100)
        await store.close()
        let reopened = try SQLiteRecordStore(path: folder.database, config: .init(cacheCapacity: 0))
        #expect(try await reopened.read { try $0.get(Counter.self, id: "c") }?.value == 100)
        await reopened.close()
    }

    @Test("close finishes the writes already queued")
    func closeDrains() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        let gate = DispatchSemaphore(value: 0)
        let held = try await holdWriter(store, gate: gate)
        let queued = (0..<10).map { index in
            Task { try await store.write { try $0.put(Note(id: "q\(index)", partnerId: "p1", slug: "q\(index)")) } }
        }
        try await waitUntil(10, "ten writes queued") { store.pendingWriteCount == 10 }
        let closing = Task { await store.close() }
        gate.signal()
        try await withTimeout(20, "close") { await closing.value }
        try await held.value
        for call in queued { try await withTimeout(20, "queued write") { try await call.value } }
        let reopened = try SQLiteRecordStore(path: folder.database)
        #expect(
            try await reopened.read { try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 100) }
                .count == 10)
        await reopened.close()
    }
}

/// A flag set once, read from any thread.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
