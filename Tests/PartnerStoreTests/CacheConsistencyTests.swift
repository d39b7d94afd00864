import Foundation
import PartnerCore
import PartnerTestSupport
import Synchronization
import Testing

@testable import PartnerStore

@Suite("Cache consistency")
struct CacheConsistencyTests {
    struct Setup: Sendable, CustomTestStringConvertible {
        var cachedReads: Bool
        var cacheCapacity: Int
        var testDescription: String { "cachedReads \(cachedReads), capacity \(cacheCapacity)" }
    }

    static let setups = [
        Setup(cachedReads: true, cacheCapacity: 100_000),
        Setup(cachedReads: false, cacheCapacity: 100_000),
        Setup(cachedReads: true, cacheCapacity: 4),  // constant eviction and refilling
        Setup(cachedReads: false, cacheCapacity: 0),
    ]

    @Test("a read never sees an older value than the last acknowledged write", arguments: setups)
    func neverStale(setup: Setup) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(
            path: folder.database,
            config: .init(readerCount: 2, cacheCapacity: setup.cacheCapacity, cachedReads: setup.cachedReads)
        )
        let keys = (0..<6).map { "k\($0)" }
        try await store.write { tx in for key in keys { try tx.put(Counter(id: key, value: 0)) } }
        let acknowledged = SharedInts(count: keys.count)
        let stale = SharedInts(count: 2)  // [stale reads, all reads]
        let rounds = 150

        try await withTimeout(120, "writers and readers") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (slot, key) in keys.enumerated() {
                    group.addTask {
                        for value in 1...rounds {
                            try await store.write { try $0.put(Counter(id: key, value: value)) }
                            acknowledged.set(slot, value)
                        }
                    }
                }
                for reader in 0..<4 {
                    group.addTask {
                        var lastSeen = Array(repeating: 0, count: keys.count)
                        for step in 0..<(rounds * 3) {
                            let slot = (step + reader) % keys.count
                            let floor = acknowledged[slot]
                            let key = keys[slot]
                            let value = try await store.read { try $0.get(Counter.self, id: key) }?.value ?? -1
                            stale.add(1, at: 1)
                            if value < floor || value < lastSeen[slot] { stale.add(1, at: 0) }
                            lastSeen[slot] = max(lastSeen[slot], value)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(stale[0] == 0, "stale reads out of \(stale[1])")
        for key in keys {
            #expect(try await store.read { try $0.get(Counter.self, id: key) }?.value == rounds)
        }
        await store.close()
    }

    @Test("a read body sees one committed state: records written together are read together", arguments: setups)
    func consistentSnapshot(setup: Setup) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(
            path: folder.database,
            config: .init(readerCount: 2, cacheCapacity: setup.cacheCapacity, cachedReads: setup.cachedReads)
        )
        try await store.write { tx in
            try tx.put(Counter(id: "left", value: 0))
            try tx.put(Counter(id: "right", value: 0))
        }
        let torn = SharedInts(count: 1)
        try await withTimeout(120, "paired writes and reads") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for value in 1...300 {
                        try await store.write { tx in
                            try tx.put(Counter(id: "left", value: value))
                            try tx.put(Counter(id: "right", value: value))
                        }
                    }
                }
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<600 {
                            let pair = try await store.read { tx in
                                (
                                    try tx.get(Counter.self, id: "left")?.value,
                                    try tx.get(Counter.self, id: "right")?.value
                                )
                            }
                            if pair.0 != pair.1 { torn.add(1, at: 0) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(torn[0] == 0)
        await store.close()
    }

    @Test("a read after a write returned sees the write, from the cache or SQLite")
    func readYourWrites() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        for value in 1...200 {
            try await store.write { try $0.put(Counter(id: "c", value: value)) }
            #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == value)
        }
        try await store.write { try $0.delete(Counter.self, id: "c") }
        #expect(try await store.read { try $0.get(Counter.self, id: "c") } == nil)
        await store.close()
    }

    @Test("changes of a failed body never reach the cache")
    func failedBodyNotCached() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Counter(id: "c", value: 1)) }
        _ = try await store.read { try $0.get(Counter.self, id: "c") }
        await #expect(throws: IntendedFailure.self) {
            try await store.write { tx in
                try tx.put(Counter(id: "c", value: 99))
                try tx.delete(Counter.self, id: "c")
                try tx.put(Counter(id: "new", value: 5))
                throw IntendedFailure(tag: "x")
            }
        }
        #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == 1)
        #expect(try await store.read { try $0.get(Counter.self, id: "new") } == nil)
        await store.close()
    }

    @Test(
        "a record a write creates without reading it reaches the cache only once read; one it replaces or reads is cached at commit"
    )
    func newRecordsCachedWhenRead() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { tx in
            try tx.put(Entry(id: "e1", partnerId: "p1", tags: ["a"]))
            try tx.put(Counter(id: "c", value: 1))
        }
        #expect(store.cachedRecordCount == 0)
        // The same body reads what it wrote from its own staged changes.
        let seen = try await store.write { tx -> Int? in
            try tx.put(Counter(id: "d", value: 2))
            return try tx.get(Counter.self, id: "d")?.value
        }
        #expect(seen == 2)
        #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == 1)
        #expect(store.cachedRecordCount == 1)
        // Replacing a cached record, or one stored but not cached, caches the new value.
        try await store.write { tx in
            try tx.put(Counter(id: "c", value: 3))
            try tx.put(Entry(id: "e1", partnerId: "p1", text: "v2", tags: ["b"]))
        }
        #expect(store.cachedRecordCount == 2)
        await store.stopReadersForTesting()
        #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == 3)
        #expect(try await store.read { try $0.get(Entry.self, id: "e1") }?.text == "v2")
        await store.close()
    }

    @Test("a cached read touches no reader thread and records hits in the cache")
    func cachedReadSkipsSQLite() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Counter(id: "c", value: 7)) }
        _ = try await store.read { try $0.get(Counter.self, id: "c") }
        #expect(store.cachedRecordCount == 1)
        // Closing the readers proves the answer came from the cache alone.
        await store.stopReadersForTesting()
        #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == 7)
        let miss = await storeError { _ = try await store.read { try $0.get(Counter.self, id: "absent") } }
        #expect(miss?.code == .unavailable)
        await store.close()
    }
}

/// Integers shared between tasks.
final class SharedInts: Sendable {
    private let values: Mutex<[Int]>
    init(count: Int) { values = Mutex(Array(repeating: 0, count: count)) }
    subscript(index: Int) -> Int { values.withLock { $0[index] } }
    func set(_ index: Int, _ value: Int) { values.withLock { $0[index] = value } }
    func add(_ amount: Int, at index: Int) { values.withLock { $0[index] += amount } }
}
