import Dispatch
import Foundation
import PartnerCore
import PartnerTestSupport
import Testing

@testable import PartnerStore

@Suite("Disk faults")
struct DiskFaultTests {
    private func note(_ index: Int, size: Int = 3_000) -> Note {
        Note(
            id: String(format: "n%04d", index), partnerId: "p1", slug: "s\(index)",
            text: String(repeating: "d", count: size))
    }

    @Test("a full disk fails the write as unavailable, keeps every acknowledged write and a valid file")
    func diskFull() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database, config: .init(maxPageCount: 48))
        var acknowledged: [String] = []
        var failure: StoreError?
        for index in 0..<2_000 {
            let record = note(index)
            do {
                try await store.write { try $0.put(record) }
                acknowledged.append(record.id)
            } catch let error as StoreError {
                failure = error
                break
            }
        }
        let error = try #require(failure)
        #expect(error.code == .unavailable)
        #expect(error.message.contains("disk full"))
        #expect(!acknowledged.isEmpty)
        // Still serving: reads answer, and a write that needs no new page succeeds.
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 5_000) }
                .count == acknowledged.count)
        let first = acknowledged[0]
        try await store.write { try $0.delete(Note.self, id: first) }
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()

        store = try SQLiteRecordStore(path: folder.database, config: .init(cacheCapacity: 0))
        #expect(try await store.integrityProblems().isEmpty)
        let kept = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 5_000)
        }
        #expect(kept.map(\.id) == Array(acknowledged.dropFirst()))
        try await store.write { try $0.put(note(9_999)) }
        await store.close()
    }

    @Test("a write that fills the disk fails alone; the others of its batch commit, their counter values without a gap")
    func diskFullInsideBatch() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(maxPageCount: 40))
        let gate = DispatchSemaphore(value: 0)
        let entered = Flag()
        let held = Task {
            try await store.write { tx in
                entered.set()
                try tx.put(Counter(id: "gate", value: 0))
                _ = gate.wait(timeout: .now() + 20)
            }
        }
        try await waitUntil(10, "writer inside the holding body") { entered.isSet }
        let small1 = Task {
            try await store.write { tx in
                try tx.put(Counter(id: "small1", value: 1))
                return try tx.nextSequence("seq")
            }
        }
        try await waitUntil(10, "first small write queued") { store.pendingWriteCount == 1 }
        let huge = Task {
            try await store.write { tx in
                _ = try tx.nextSequence("seq")
                try tx.put(
                    Note(id: "huge", partnerId: "p1", slug: "huge", text: String(repeating: "h", count: 400_000)))
            }
        }
        try await waitUntil(10, "huge write queued") { store.pendingWriteCount == 2 }
        let small2 = Task {
            try await store.write { tx in
                try tx.put(Counter(id: "small2", value: 2))
                return try tx.nextSequence("seq")
            }
        }
        try await waitUntil(10, "second small write queued") { store.pendingWriteCount == 3 }
        gate.signal()
        try await withTimeout(20, "holding write") { try await held.value }

        let hugeError = await storeError { try await withTimeout(20, "huge write") { try await huge.value } }
        #expect(hugeError?.code == .unavailable)
        #expect(hugeError?.message.contains("disk full") == true)
        let drawn = try await withTimeout(20, "small writes") { [try await small1.value, try await small2.value] }
        // The failed write's value is given back: whether SQLite kept the transaction or the
        // earlier body ran again in a new one, the counter has no gap.
        #expect(drawn == [1, 2])
        #expect(try await store.write { try $0.nextSequence("seq") } == 3)
        #expect(try await store.read { try $0.get(Counter.self, id: "small1") }?.value == 1)
        #expect(try await store.read { try $0.get(Counter.self, id: "small2") }?.value == 2)
        #expect(try await store.read { try $0.get(Note.self, id: "huge") } == nil)
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
    }

    @Test(
        "a read-only data folder refuses to create a store, as unavailable saying read-only",
        .enabled(if: ReadOnlyFolder.isSupported))
    func readOnlyFolderNewStore() async throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try ReadOnlyFolder.make(data)
        defer { ReadOnlyFolder.undo(data) }
        let error = await storeError { _ = try SQLiteRecordStore(path: folder.database) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("read-only") == true)
    }

    @Test(
        "a store whose folder turned read-only fails as unavailable and stays intact",
        .enabled(if: ReadOnlyFolder.isSupported))
    func readOnlyFolderExistingStore() async throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/data"
        var store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "kept")) }
        await store.close()

        try ReadOnlyFolder.make(data)
        var failure: StoreError?
        do {
            let readOnly = try SQLiteRecordStore(path: folder.database)
            failure = await storeError {
                try await readOnly.write { try $0.put(Note(id: "n2", partnerId: "p1", slug: "lost")) }
            }
            await readOnly.close()
        } catch let error as StoreError {
            failure = error
        }
        ReadOnlyFolder.undo(data)
        let error = try #require(failure)
        #expect(error.code == .unavailable)
        #expect(error.message.contains("read-only") || error.message.contains("cannot open"), "\(error.message)")

        store = try SQLiteRecordStore(path: folder.database)
        #expect(try await store.integrityProblems().isEmpty)
        #expect(try await store.read { try $0.get(Note.self, id: "n1") }?.slug == "kept")
        #expect(try await store.read { try $0.get(Note.self, id: "n2") } == nil)
        await store.close()
    }
}
