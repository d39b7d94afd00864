import PartnerCore
import PartnerTestSupport
import Testing

@testable import PartnerStore

/// Unique-key lookups and lists served through the record cache: never an answer the store
/// would not give, whatever writes moved the keys in between.
@Suite("Cached lookups and lists")
struct CachedLookupTests {
    static let setups: [SQLiteRecordStore.Config] = [
        .init(readerCount: 1, cacheCapacity: 100_000, cachedReads: true),
        .init(readerCount: 1, cacheCapacity: 4, cachedReads: true),  // holders and records evicted often
        .init(readerCount: 1, cacheCapacity: 0, cachedReads: true),
        .init(readerCount: 1, cacheCapacity: 100_000, cachedReads: false),
    ]

    func find(_ store: SQLiteRecordStore, _ slug: String) async throws -> String? {
        try await store.read { try $0.find(Note.self, uniqueKey: "slug:\(slug)") }?.id
    }

    @Test("find follows a unique key as writes claim, move and release it", arguments: setups)
    func findFollowsWrites(config: SQLiteRecordStore.Config) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: config)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "a")) }
        for _ in 0..<2 {  // the second round answers from whatever the first one cached
            #expect(try await find(store, "a") == "n1")
            #expect(try await find(store, "b") == nil)
        }
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "b")) }
        #expect(try await find(store, "a") == nil)
        #expect(try await find(store, "b") == "n1")
        try await store.write { try $0.put(Note(id: "n2", partnerId: "p1", slug: "a")) }
        #expect(try await find(store, "a") == "n2")
        #expect(try await find(store, "b") == "n1")
        try await store.write { try $0.delete(Note.self, id: "n1") }
        #expect(try await find(store, "b") == nil)
        #expect(try await find(store, "a") == "n2")
        // The same key string in another kind is another key.
        #expect(try await store.read { try $0.find(Label.self, uniqueKey: "slug:a") } == nil)
        await store.close()
    }

    @Test("a cached find, present or absent, touches no reader thread")
    func cachedFindSkipsSQLite() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "a")) }
        #expect(try await find(store, "a") == "n1")  // the holder is noted on a reader thread
        #expect(try await find(store, "zz") == nil)  // and so is the absence
        await store.stopReadersForTesting()
        #expect(try await find(store, "a") == "n1")
        #expect(try await find(store, "zz") == nil)
        // A write that claims the absent key drops what was known of it: the next find misses.
        try await store.write { try $0.put(Note(id: "n2", partnerId: "p1", slug: "zz")) }
        let miss = await storeError { _ = try await find(store, "zz") }
        #expect(miss?.code == .unavailable)
        await store.close()
    }

    @Test("a list returns the stored values in id order, cached or not", arguments: setups)
    func listThroughCache(config: SQLiteRecordStore.Config) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: config)
        try await store.write { tx in
            for index in 0..<12 {
                try tx.put(
                    Note(
                        id: "n\(100 + index)", partnerId: "p1", slug: "s\(index)", tags: index % 2 == 0 ? ["even"] : [])
                )
            }
            try tx.put(Note(id: "n999", partnerId: "p2", slug: "other"))
        }
        try await store.write { try $0.put(Note(id: "n105", partnerId: "p1", slug: "s5", text: "changed")) }
        for _ in 0..<2 {
            let all = try await store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 50)
            }
            #expect(all.map(\.id) == (0..<12).map { "n\(100 + $0)" })
            #expect(all.first { $0.id == "n105" }?.text == "changed")
            let page = try await store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: "n103", limit: 3)
            }
            #expect(page.map(\.id) == ["n104", "n105", "n106"])
            let even = try await store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:even", after: "n102", limit: 2)
            }
            #expect(even.map(\.id) == ["n104", "n106"])
        }
        try await store.write { try $0.delete(Note.self, id: "n104") }
        let even = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:even", after: nil, limit: 50)
        }
        #expect(even.map(\.id) == ["n100", "n102", "n106", "n108", "n110"])
        await store.close()
    }
}
