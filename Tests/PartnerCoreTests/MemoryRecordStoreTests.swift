import Testing

@testable import PartnerCore

private struct Note: StoredRecord, Equatable {
    static let kind = RecordKind("note")
    var id: String
    var partnerId: String
    var slug: String
    var tag: String
    var uniqueKeys: [String] { ["slug:\(slug)"] }
    var lookupKeys: [String] { ["tag:\(tag)"] }
}

private struct Boom: Error {}

@Suite("MemoryRecordStore")
struct MemoryRecordStoreTests {
    @Test("a write that throws keeps none of its changes")
    func rollbackOnThrow() async throws {
        let store = MemoryRecordStore()
        try await store.write { tx in try tx.put(Note(id: "n1", partnerId: "p", slug: "one", tag: "x")) }
        await #expect(throws: Boom.self) {
            try await store.write { tx throws in
                try tx.put(Note(id: "n2", partnerId: "p", slug: "two", tag: "x"))
                try tx.delete(Note.self, id: "n1")
                _ = try tx.nextSequence("s")
                throw Boom()
            }
        }
        let (n1, n2, next) = try await store.write { tx throws in
            (try tx.get(Note.self, id: "n1"), try tx.get(Note.self, id: "n2"), try tx.nextSequence("s"))
        }
        #expect(n1 != nil && n2 == nil && next == 1)
    }

    @Test("unique keys are enforced across the kind and released on change and delete")
    func uniqueKeys() throws {
        let store = MemoryRecordStore()
        try store.writeNow { tx in try tx.put(Note(id: "n1", partnerId: "p", slug: "one", tag: "x")) }
        #expect(throws: StoreError.duplicateKey("slug:one")) {
            try store.writeNow { tx in try tx.put(Note(id: "n2", partnerId: "q", slug: "one", tag: "x")) }
        }
        try store.writeNow { tx throws in
            try tx.put(Note(id: "n1", partnerId: "p", slug: "uno", tag: "x"))
            try tx.put(Note(id: "n2", partnerId: "q", slug: "one", tag: "x"))
            #expect(try tx.find(Note.self, uniqueKey: "slug:uno")?.id == "n1")
            try tx.delete(Note.self, id: "n1")
            try tx.put(Note(id: "n3", partnerId: "p", slug: "uno", tag: "y"))
        }
        #expect(try store.readNow { tx in try tx.find(Note.self, uniqueKey: "slug:uno")?.id } == "n3")
    }

    @Test("lists are per partner, by id, after a cursor, filtered by lookup key, limited")
    func listing() throws {
        let store = MemoryRecordStore()
        try store.writeNow { tx throws in
            for i in [5, 3, 9, 1, 7] {
                try tx.put(Note(id: "n\(i)", partnerId: "p", slug: "s\(i)", tag: i > 4 ? "big" : "small"))
            }
            try tx.put(Note(id: "n0", partnerId: "q", slug: "s0", tag: "big"))
        }
        try store.readNow { tx throws in
            #expect(
                try tx.list(Note.self, partnerId: "p", lookupKey: nil, after: nil, limit: 10).map(\.id) == [
                    "n1", "n3", "n5", "n7", "n9",
                ])
            #expect(
                try tx.list(Note.self, partnerId: "p", lookupKey: nil, after: "n3", limit: 2).map(\.id) == ["n5", "n7"])
            #expect(
                try tx.list(Note.self, partnerId: "p", lookupKey: "tag:big", after: nil, limit: 10).map(\.id) == [
                    "n5", "n7", "n9",
                ])
            #expect(try tx.list(Note.self, partnerId: "q", lookupKey: nil, after: nil, limit: 10).map(\.id) == ["n0"])
            #expect(try tx.list(Note.self, partnerId: "p", lookupKey: nil, after: nil, limit: 0).isEmpty)
        }
    }

    @Test("sequences count 1, 2, 3 per name")
    func sequences() throws {
        let store = MemoryRecordStore()
        let values = try store.writeNow { tx in
            [try tx.nextSequence("a"), try tx.nextSequence("a"), try tx.nextSequence("b")]
        }
        #expect(values == [1, 2, 1])
    }

    @Test("concurrent writers never lose an update")
    func serializedWrites() async throws {
        let store = MemoryRecordStore()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await store.write { tx throws in
                        let current = try tx.get(Note.self, id: "counter").map { Int($0.tag)! } ?? 0
                        try tx.put(Note(id: "counter", partnerId: "p", slug: "c", tag: String(current + 1)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.read { tx in try tx.get(Note.self, id: "counter")?.tag } == "100")
    }

    @Test("a read sees a snapshot unaffected by later writes")
    func snapshots() throws {
        let store = MemoryRecordStore()
        try store.writeNow { tx in try tx.put(Note(id: "n1", partnerId: "p", slug: "one", tag: "before")) }
        try store.readNow { tx throws in
            try store.writeNow { w in try w.put(Note(id: "n1", partnerId: "p", slug: "one", tag: "after")) }
            #expect(try tx.get(Note.self, id: "n1")?.tag == "before")
        }
    }
}
