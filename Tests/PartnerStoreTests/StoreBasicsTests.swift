import Foundation
import PartnerCore
import PartnerTestSupport
import Testing

@testable import PartnerStore

@Suite("SQLiteRecordStore basics")
struct StoreBasicsTests {
    @Test("put then get returns the record, delete removes it", arguments: [true, false])
    func putGetDelete(cachedReads: Bool) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(cachedReads: cachedReads))
        let note = Note(id: "n1", partnerId: "p1", slug: "first", text: "hello", tags: ["a"])
        try await store.write { try $0.put(note) }
        #expect(try await store.read { try $0.get(Note.self, id: "n1") } == note)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:first") } == note)
        try await store.write { try $0.delete(Note.self, id: "n1") }
        #expect(try await store.read { try $0.get(Note.self, id: "n1") } == nil)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:first") } == nil)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:a", after: nil, limit: 10) }
                .isEmpty)
        try await store.write { try $0.delete(Note.self, id: "missing") }
        await store.close()
    }

    @Test("put replaces the record with the same kind and id and recomputes its keys")
    func putReplaces() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "old", tags: ["x"])) }
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "new", tags: ["y"])) }
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:old") } == nil)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:new") }?.id == "n1")
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:x", after: nil, limit: 5) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:y", after: nil, limit: 5) }
                .map(\.id) == ["n1"])
        // The freed key can be taken by another record.
        try await store.write { try $0.put(Note(id: "n2", partnerId: "p1", slug: "old")) }
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:old") }?.id == "n2")
        await store.close()
    }

    @Test("a unique key held by another record of the kind is refused, naming the key, keeping nothing")
    func duplicateKey() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "taken")) }
        let error = await storeError {
            try await store.write { tx in
                try tx.put(Note(id: "other", partnerId: "p1", slug: "free"))
                try tx.put(Note(id: "n2", partnerId: "p2", slug: "taken"))
            }
        }
        #expect(error == StoreError.duplicateKey("slug:taken"))
        #expect(error?.key == "slug:taken")
        #expect(try await store.read { try $0.get(Note.self, id: "other") } == nil)
        #expect(try await store.read { try $0.get(Note.self, id: "n2") } == nil)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:free") } == nil)
        await store.close()
    }

    @Test("unique keys are unique per kind, not across kinds")
    func uniqueKeysPerKind() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { tx in
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "same"))
            try tx.put(Label(id: "l1", partnerId: "p1", slug: "same"))
        }
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:same") }?.id == "n1")
        #expect(try await store.read { try $0.find(Label.self, uniqueKey: "slug:same") }?.id == "l1")
        let clash = await storeError {
            try await store.write { try $0.put(Label(id: "l2", partnerId: "p1", slug: "same")) }
        }
        #expect(clash?.code == .duplicateKey)
        await store.close()
    }

    @Test("deleting a record frees its unique key")
    func deleteFreesKey() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "k")) }
        try await store.write { tx in
            try tx.delete(Note.self, id: "n1")
            try tx.put(Note(id: "n2", partnerId: "p1", slug: "k"))
        }
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:k") }?.id == "n2")
        await store.close()
    }

    @Test("lists are scoped to one partner, ordered by id, paged by after and limit")
    func listPaging() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        let ids = (0..<25).map { String(format: "n%02d", $0) }
        try await store.write { tx in
            for id in ids.shuffled() { try tx.put(Note(id: id, partnerId: "p1", slug: id)) }
            for index in 0..<5 { try tx.put(Note(id: "m\(index)", partnerId: "p2", slug: "m\(index)")) }
        }
        var seen: [String] = []
        var after: String?
        var pages = 0
        while true {
            let cursor = after
            let page = try await store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: cursor, limit: 10)
            }
            if page.isEmpty { break }
            pages += 1
            #expect(page.count <= 10)
            seen += page.map(\.id)
            after = page.last?.id
        }
        #expect(seen == ids)
        #expect(pages == 3)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p2", lookupKey: nil, after: nil, limit: 100) }
                .count == 5)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p3", lookupKey: nil, after: nil, limit: 100) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 0) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Label.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 10) }
                .isEmpty)
        await store.close()
    }

    @Test("lookup-key lists select the records carrying the key, per partner, paged")
    func lookupKeyLists() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { tx in
            for index in 0..<12 {
                let tags = index % 3 == 0 ? ["red", "blue"] : ["blue"]
                try tx.put(Note(id: String(format: "n%02d", index), partnerId: "p1", slug: "s\(index)", tags: tags))
            }
            try tx.put(Note(id: "x1", partnerId: "p2", slug: "x1", tags: ["red"]))
        }
        let red = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:red", after: nil, limit: 100)
        }
        #expect(red.map(\.id) == ["n00", "n03", "n06", "n09"])
        let firstBlue = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:blue", after: nil, limit: 5)
        }
        #expect(firstBlue.map(\.id) == ["n00", "n01", "n02", "n03", "n04"])
        let nextBlue = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:blue", after: "n04", limit: 5)
        }
        #expect(nextBlue.map(\.id) == ["n05", "n06", "n07", "n08", "n09"])
        let otherPartner = try await store.read {
            try $0.list(Note.self, partnerId: "p2", lookupKey: "tag:red", after: nil, limit: 5)
        }
        #expect(otherPartner.map(\.id) == ["x1"])
        await store.close()
    }

    @Test("sequences count from 1 per name, roll back with their write, and survive reopening")
    func sequences() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database)
        #expect(try await store.write { try $0.nextSequence("a") } == 1)
        #expect(try await store.write { try $0.nextSequence("a") } == 2)
        #expect(try await store.write { try $0.nextSequence("b") } == 1)
        await #expect(throws: IntendedFailure.self) {
            try await store.write { tx in
                _ = try tx.nextSequence("a")
                throw IntendedFailure(tag: "rollback")
            }
        }
        await store.close()
        store = try SQLiteRecordStore(path: folder.database)
        #expect(try await store.write { try $0.nextSequence("a") } == 3)
        await store.close()
    }

    @Test("a stored body that does not decode is reported as corrupt")
    func corruptBody() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        let error = await storeError { _ = try await store.read { try $0.get(BrokenNote.self, id: "n1") } }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("note/n1") == true)
        let inWrite = await storeError { _ = try await store.write { try $0.get(BrokenNote.self, id: "n1") } }
        #expect(inWrite?.code == .corrupt)
        await store.close()
    }

    @Test("a stored body that is not JSON at all is corrupt, naming the record and the byte")
    func bodyNotJSON() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        await store.close()
        let connection = try SQLiteConnection(path: folder.database, requireWritable: true)
        try connection.execute("UPDATE records SET body = CAST('{\"id\":\"n1\",' AS BLOB) WHERE id = 'n1'")
        connection.close()
        store = try SQLiteRecordStore(path: folder.database)
        let error = await storeError { _ = try await store.read { try $0.get(Note.self, id: "n1") } }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("stored record note/n1") == true, "\(String(describing: error))")
        #expect(error?.message.contains("not JSON") == true, "\(String(describing: error))")
        #expect(error?.message.contains("at byte") == true, "\(String(describing: error))")
        await store.close()
    }

    @Test("writes survive closing and reopening the store")
    func durableAcrossReopen() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database)
        try await store.write { tx in
            for index in 0..<50 { try tx.put(Note(id: "n\(index)", partnerId: "p1", slug: "s\(index)")) }
        }
        await store.close()
        store = try await SQLiteRecordStore.open(path: folder.database)
        let all = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 100)
        }
        #expect(all.count == 50)
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
    }

    @Test("a second open of the same store is refused while the first is open")
    func exclusiveOpen() async throws {
        let folder = try TemporaryFolder()
        let first = try SQLiteRecordStore(path: folder.database)
        let error = await storeError { _ = try SQLiteRecordStore(path: folder.database) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("already open") == true)
        await first.close()
        let second = try SQLiteRecordStore(path: folder.database)
        await second.close()
    }

    @Test("a store dropped without close stops its threads and releases its lock")
    func droppedStoreReleasesLock() async throws {
        let folder = try TemporaryFolder()
        do {
            let dropped = try SQLiteRecordStore(path: folder.database)
            try await dropped.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        var reopened: SQLiteRecordStore?
        while reopened == nil, ContinuousClock.now < deadline {
            reopened = try? SQLiteRecordStore(path: folder.database)
            if reopened == nil { try await Task.sleep(for: .milliseconds(5)) }
        }
        let store = try #require(reopened, "lock still held 10 s after the store was dropped")
        #expect(try await store.read { try $0.get(Note.self, id: "n1") }?.slug == "s")
        await store.close()
    }

    @Test("calls after close are refused as unavailable; close twice is harmless")
    func closedStore() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        await store.close()
        await store.close()
        let write = await storeError {
            try await store.write { try $0.put(Note(id: "n2", partnerId: "p1", slug: "t")) }
        }
        #expect(write?.code == .unavailable)
        let read = await storeError { _ = try await store.read { try $0.get(Note.self, id: "n1") } }
        #expect(read?.code == .unavailable)
    }

    @Test("a transaction kept past its body is refused")
    func transactionEscapes() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        let escaped = try await store.write { tx in EscapedWriter(tx) }
        let error = await storeError { try await store.write { _ in try escaped.put() } }
        #expect(error?.code == .unavailable)
        #expect(try await store.read { try $0.get(Note.self, id: "late") } == nil)
        await store.close()
    }
}

/// Keeps a transaction view past its body (a misuse the store must refuse).
final class EscapedWriter: @unchecked Sendable {
    private let transaction: any StoreWriting
    init(_ transaction: any StoreWriting) { self.transaction = transaction }
    func put() throws { try transaction.put(Note(id: "late", partnerId: "p1", slug: "late")) }
}

@Suite("Stored keys")
struct StoredKeysTests {
    @Test(
        "keys survive their text form whatever they contain",
        arguments: [
            StoredKeys(unique: [], lookup: []),
            StoredKeys(unique: ["domain:acme.io"], lookup: ["customer:cus_1", "tag:a"]),
            StoredKeys(unique: ["u3:x", "", "l1:y"], lookup: ["12:34", "ünïcödé:✓", "line\nbreak"]),
        ])
    func roundTrip(keys: StoredKeys) {
        #expect(StoredKeys(encoded: keys.encoded) == keys)
    }

    @Test("repeated keys are kept once")
    func repeats() {
        let keys = StoredKeys(unique: ["a", "a", "b"], lookup: ["x", "x"])
        #expect(keys.unique == ["a", "b"])
        #expect(keys.lookup == ["x"])
    }

    @Test("malformed text is refused", arguments: ["u", "u5:ab", "x1:a", "u-1:", "u1a"])
    func malformed(text: String) {
        #expect(StoredKeys(encoded: text) == nil)
    }

    @Test("moving a record to another partner moves its lookup keys; unchanged keys stay put")
    func partnerChange() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s", tags: ["a", "b"])) }
        try await store.write {
            try $0.put(Note(id: "n1", partnerId: "p1", slug: "s", text: "edited", tags: ["a", "b"]))
        }
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:b", after: nil, limit: 5) }
                .map(\.text) == ["edited"])
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p2", slug: "s", tags: ["b", "c"])) }
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:b", after: nil, limit: 5) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 5) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p2", lookupKey: "tag:b", after: nil, limit: 5) }
                .map(\.id) == ["n1"])
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p2", lookupKey: "tag:c", after: nil, limit: 5) }
                .map(\.id) == ["n1"])
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p2", lookupKey: "tag:a", after: nil, limit: 5) }
                .isEmpty)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:s") }?.partnerId == "p2")
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
    }
}
