import Foundation
import PartnerCore
import PartnerTestSupport
import Testing

/// The store protocol's promises (`RecordStore`, `StoreReading`, `StoreWriting`), one rule per
/// test, each run against every engine: in memory, SQLite and PostgreSQL.
@Suite("Store contract")
struct StoreContractTests {
    @Test(
        "put then get returns the record; delete removes it, its unique key and its lookup keys",
        arguments: StoreEngine.allCases)
    func putGetDelete(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
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
        await subject.close()
    }

    @Test("put replaces the record with the same kind and id and recomputes its keys", arguments: StoreEngine.allCases)
    func putReplaces(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
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
        try await store.write { try $0.put(Note(id: "n2", partnerId: "p1", slug: "old")) }
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:old") }?.id == "n2")
        await subject.close()
    }

    @Test(
        "a unique key held by another record of the kind is refused, naming the key, keeping nothing of the write",
        arguments: StoreEngine.allCases)
    func duplicateKey(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "taken")) }
        let error = await storeError {
            try await store.write { tx in
                try tx.put(Note(id: "other", partnerId: "p1", slug: "free"))
                try tx.put(Note(id: "n2", partnerId: "p2", slug: "taken"))
            }
        }
        #expect(error == StoreError.duplicateKey("slug:taken"))
        #expect(try await store.read { try $0.get(Note.self, id: "other") } == nil)
        #expect(try await store.read { try $0.get(Note.self, id: "n2") } == nil)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:free") } == nil)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:taken") }?.id == "n1")
        await subject.close()
    }

    @Test(
        "a body that catches a duplicate key goes on, and its other changes are kept", arguments: StoreEngine.allCases)
    func duplicateKeyCaught(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "taken")) }
        let outcome = try await store.write { tx -> String in
            do {
                try tx.put(Note(id: "n2", partnerId: "p1", slug: "taken"))
                return "stored"
            } catch let error as StoreError where error.code == .duplicateKey {
                try tx.put(Note(id: "n2", partnerId: "p1", slug: "taken-2"))
                return "renamed"
            }
        }
        #expect(outcome == "renamed")
        #expect(try await store.read { try $0.get(Note.self, id: "n2") }?.slug == "taken-2")
        await subject.close()
    }

    @Test("unique keys are unique per kind, not across kinds", arguments: StoreEngine.allCases)
    func uniqueKeysPerKind(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
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
        await subject.close()
    }

    @Test(
        "lists are scoped to one partner, ordered by id in byte order, paged by after and limit",
        arguments: StoreEngine.allCases)
    func listsPaged(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        let ids = ["b", "a", "C", "a2", "Z", "é", "b-1"]
        try await store.write { tx in
            for (index, id) in ids.enumerated() { try tx.put(Note(id: id, partnerId: "p1", slug: "s\(index)")) }
            try tx.put(Note(id: "x", partnerId: "p2", slug: "other"))
        }
        let sorted = ids.sorted()
        let all = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 100)
        }
        #expect(all.map(\.id) == sorted)
        let firstPage = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 3)
        }
        #expect(firstPage.map(\.id) == Array(sorted.prefix(3)))
        let after = firstPage.last?.id
        let secondPage = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: after, limit: 3)
        }
        #expect(secondPage.map(\.id) == Array(sorted.dropFirst(3).prefix(3)))
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 0) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p3", lookupKey: nil, after: nil, limit: 10) }
                .isEmpty)
        #expect(
            try await store.read { try $0.list(Label.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 10) }
                .isEmpty)
        await subject.close()
    }

    @Test(
        "lookup-key lists select the records carrying the key, per partner and kind, paged",
        arguments: StoreEngine.allCases)
    func lookupLists(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { tx in
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "1", tags: ["red", "blue"]))
            try tx.put(Note(id: "n2", partnerId: "p1", slug: "2", tags: ["red"]))
            try tx.put(Note(id: "n3", partnerId: "p1", slug: "3", tags: ["blue"]))
            try tx.put(Note(id: "n4", partnerId: "p1", slug: "4", tags: ["red"]))
            try tx.put(Note(id: "n5", partnerId: "p2", slug: "5", tags: ["red"]))
        }
        let red = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:red", after: nil, limit: 10)
        }
        #expect(red.map(\.id) == ["n1", "n2", "n4"])
        let page = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:red", after: "n1", limit: 1)
        }
        #expect(page.map(\.id) == ["n2"])
        #expect(
            try await store.read {
                try $0.list(Note.self, partnerId: "p2", lookupKey: "tag:blue", after: nil, limit: 10)
            }.isEmpty)
        await subject.close()
    }

    @Test("moving a record to another partner moves its lookup keys with it", arguments: StoreEngine.allCases)
    func partnerMove(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s", tags: ["a", "b"])) }
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
        await subject.close()
    }

    @Test(
        "a write body that throws keeps none of its changes and its error reaches the caller",
        arguments: StoreEngine.allCases)
    func throwingBody(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "kept", text: "v1")) }
        await #expect(throws: IntendedFailure(tag: "stop")) {
            try await store.write { tx in
                try tx.put(Note(id: "n1", partnerId: "p1", slug: "kept", text: "v2"))
                try tx.put(Note(id: "n2", partnerId: "p1", slug: "new"))
                _ = try tx.nextSequence("seq")
                throw IntendedFailure(tag: "stop")
            }
        }
        #expect(try await store.read { try $0.get(Note.self, id: "n1") }?.text == "v1")
        #expect(try await store.read { try $0.get(Note.self, id: "n2") } == nil)
        #expect(try await store.write { try $0.nextSequence("seq") } == 1)
        await subject.close()
    }

    @Test("a write body sees its own changes: get, find and list after put and delete", arguments: StoreEngine.allCases)
    func readYourWrites(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "gone", partnerId: "p1", slug: "g", tags: ["t"])) }
        try await store.write { tx in
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "mine", tags: ["t"]))
            try tx.delete(Note.self, id: "gone")
            #expect(try tx.get(Note.self, id: "n1")?.slug == "mine")
            #expect(try tx.find(Note.self, uniqueKey: "slug:mine")?.id == "n1")
            #expect(try tx.get(Note.self, id: "gone") == nil)
            #expect(try tx.find(Note.self, uniqueKey: "slug:g") == nil)
            #expect(
                try tx.list(Note.self, partnerId: "p1", lookupKey: "tag:t", after: nil, limit: 10).map(\.id) == ["n1"])
        }
        await subject.close()
    }

    @Test("sequences count 1, 2, 3 per name", arguments: StoreEngine.allCases)
    func sequences(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        let first = try await store.write { tx in
            [try tx.nextSequence("a"), try tx.nextSequence("a"), try tx.nextSequence("b")]
        }
        #expect(first == [1, 2, 1])
        #expect(try await store.write { try $0.nextSequence("a") } == 3)
        await subject.close()
    }

    @Test(
        "64 concurrent read-modify-write increments of one record end at the exact sum", arguments: StoreEngine.allCases
    )
    func noLostUpdate(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Counter(id: "c", value: 0)) }
        try await withTimeout(60, "64 increments") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        try await store.write { tx in
                            guard var counter = try tx.get(Counter.self, id: "c") else {
                                throw TestFailure("counter missing")
                            }
                            counter.value += 1
                            try tx.put(counter)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(try await store.read { try $0.get(Counter.self, id: "c") }?.value == 64)
        await subject.close()
    }

    @Test(
        "a read body sees one committed state: records written together are read together",
        arguments: StoreEngine.allCases)
    func consistentSnapshot(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { tx in
            try tx.put(Counter(id: "x", value: 0))
            try tx.put(Counter(id: "y", value: 0))
        }
        try await withTimeout(60, "paired writes and reads") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for value in 1...40 {
                        try await store.write { tx in
                            try tx.put(Counter(id: "x", value: value))
                            try tx.put(Counter(id: "y", value: value))
                        }
                    }
                }
                group.addTask {
                    for _ in 0..<80 {
                        let pair = try await store.read { tx in
                            (try tx.get(Counter.self, id: "x")?.value, try tx.get(Counter.self, id: "y")?.value)
                        }
                        #expect(pair.0 == pair.1)
                    }
                }
                try await group.waitForAll()
            }
        }
        await subject.close()
    }

    @Test(
        "a stored body that does not decode as the asked type is reported as corrupt", arguments: StoreEngine.allCases)
    func corruptBody(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        let error = await storeError { _ = try await store.read { try $0.get(BrokenNote.self, id: "n1") } }
        // The memory store keeps values, not bodies: it answers "no such record of that type".
        if engine == .memory {
            #expect(error == nil)
        } else {
            #expect(error?.code == .corrupt)
        }
        await subject.close()
    }

    @Test(
        "a corrupt stored record names the record and the field that failed, in reads, lists and writes",
        arguments: StoreEngine.durable)
    func corruptBodyNamesTheRecord(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "s")) }
        let failures = [
            await storeError { _ = try await store.read { try $0.get(BrokenNote.self, id: "n1") } },
            await storeError {
                _ = try await store.read {
                    try $0.list(BrokenNote.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 10)
                }
            },
            await storeError { _ = try await store.write { try $0.get(BrokenNote.self, id: "n1") } },
        ]
        for error in failures {
            #expect(error?.code == .corrupt)
            #expect(error?.message.contains("stored record note/n1") == true, "\(String(describing: error))")
            #expect(error?.message.contains("mustExist") == true, "\(String(describing: error))")
        }
        await subject.close()
    }

    @Test("text survives storage unchanged: quotes, escapes, emoji, every plane", arguments: StoreEngine.allCases)
    func textRoundTrip(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        let store = subject.store
        let text = "quote \" backslash \\ newline \n tab \t emoji 👩🏽‍💻 cyrillic Привет é \u{7F} \u{1} end"
        let note = Note(id: "n/1 'x'", partnerId: "p 1", slug: "slug with spaces", text: text, tags: ["ü", "a,b"])
        try await store.write { try $0.put(note) }
        #expect(try await store.read { try $0.get(Note.self, id: note.id) } == note)
        #expect(
            try await store.read {
                try $0.list(Note.self, partnerId: "p 1", lookupKey: "tag:a,b", after: nil, limit: 5)
            } == [note])
        await subject.close()
    }

    @Test("answered writes survive closing and reopening the store", arguments: StoreEngine.durable)
    func durableAcrossReopen(engine: StoreEngine) async throws {
        let subject = try await ContractStore.make(engine)
        try await subject.store.write { tx in
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "s", tags: ["t"]))
            _ = try tx.nextSequence("seq")
        }
        let reopened = try await subject.reopened()
        #expect(try await reopened.store.read { try $0.find(Note.self, uniqueKey: "slug:s") }?.id == "n1")
        #expect(
            try await reopened.store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:t", after: nil, limit: 5)
            }.count == 1)
        #expect(try await reopened.store.write { try $0.nextSequence("seq") } == 2)
        await reopened.close()
    }
}
