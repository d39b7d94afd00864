import Foundation
import PartnerCore
import PartnerTestSupport
import Synchronization
import Testing

@testable import PartnerStore

/// Hands a connection-confined object to a synchronous body running on the same thread.
final class Confined<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

@Suite("SQLite layer")
struct SQLiteLayerTests {
    private func migratedConnection(_ folder: TemporaryFolder) throws -> SQLiteConnection {
        try FileManager.default.createDirectory(atPath: folder.path + "/data", withIntermediateDirectories: true)
        let connection = try SQLiteConnection(path: folder.database, requireWritable: true)
        try SQLiteRecordStore.configureWriter(connection, config: .init())
        _ = try SchemaMigrator(migrations: Migrations.all).migrate(connection)
        return connection
    }

    @Test("statements are prepared once per connection, never again per call")
    func preparedOnce() throws {
        let folder = try TemporaryFolder()
        let connection = try migratedConnection(folder)
        let tables = RecordTables(connection: connection)
        func exercise(_ index: Int) throws {
            try connection.run("BEGIN IMMEDIATE")
            try tables.put(Note(id: "n\(index)", partnerId: "p1", slug: "s\(index)", tags: ["t"]))
            _ = try tables.get(Note.self, id: "n\(index)")
            _ = try tables.list(Note.self, partnerId: "p1", lookupKey: "tag:t", after: nil, limit: 5)
            try tables.put(Note(id: "n\(index)", partnerId: "p1", slug: "s\(index)", text: "kept", tags: ["t"]))
            try tables.put(Counter(id: "c\(index)", value: index), known: false)
            try tables.put(Counter(id: "c\(index)", value: index + 1), known: false)
            try tables.storeSequence("n", value: try tables.sequenceValue("n") + 1)
            try tables.delete(kind: Note.kind, id: "n\(index)")
            try connection.run("COMMIT")
        }
        try exercise(0)
        let prepared = connection.preparedStatementCount
        for index in 1...100 { try exercise(index) }
        #expect(connection.preparedStatementCount == prepared)
        connection.close()
    }

    @Test("a read's snapshot begins before its body runs, so a commit during the body stays invisible")
    func snapshotBeginsEagerly() async throws {
        let folder = try TemporaryFolder()
        let writer = try migratedConnection(folder)
        let reader = try SQLiteConnection(path: folder.database, requireWritable: false)
        try SQLiteRecordStore.configureReader(reader, config: .init())
        let writerTables = Confined(RecordTables(connection: writer))
        let readerTables = RecordTables(connection: reader)
        let cache = RecordCache(capacity: 0)
        let seenDuring: Note? = try await withCheckedThrowingContinuation { continuation in
            let request = ReadRequest<Note?>(
                body: { tx in
                    // Another connection commits after the read began but before its first query.
                    try writerTables.value.connection.run("BEGIN IMMEDIATE")
                    try writerTables.value.put(Note(id: "late", partnerId: "p1", slug: "late"))
                    try writerTables.value.connection.run("COMMIT")
                    return try tx.get(Note.self, id: "late")
                },
                continuation: continuation
            )
            request.run(tables: readerTables, cache: cache)
        }
        #expect(seenDuring == nil)
        #expect(try readerTables.get(Note.self, id: "late") != nil)
        reader.close()
        writer.close()
    }

    @Test("the cache refuses values from a reader whose epoch is no longer current")
    func cacheEpochRule() {
        let cache = RecordCache(capacity: 10)
        let key = RecordKey(kind: "note", id: "n1")
        let epoch = cache.epoch
        cache.beginCommit()
        cache.insert("during commit", for: key, ifEpochIs: epoch)
        #expect(cache.value(for: key) == nil)
        var changes = StagedChanges()
        changes.store("committed", for: key)
        cache.endCommit(applying: changes)
        cache.insert("stale", for: key, ifEpochIs: epoch)
        #expect(cache.value(for: key) as? String == "committed")
        #expect(cache.value(for: key, ifEpochIs: epoch) == nil)
        #expect(cache.value(for: key, ifEpochIs: cache.epoch) as? String == "committed")
        cache.beginCommit()
        cache.endCommit(applying: nil)
        #expect(cache.value(for: key) as? String == "committed")
    }

    @Test("the cache keeps at most its capacity and evicts what was not read again")
    func cacheBound() {
        let cache = RecordCache(capacity: 100)
        for index in 0..<1_000 {
            cache.insert(index, for: RecordKey(kind: "k", id: "\(index)"), ifEpochIs: cache.epoch)
            #expect(cache.count <= 100)
        }
        #expect(cache.value(for: RecordKey(kind: "k", id: "999")) as? Int == 999)
        #expect(cache.value(for: RecordKey(kind: "k", id: "0")) == nil)
        let disabled = RecordCache(capacity: 0)
        disabled.insert(1, for: RecordKey(kind: "k", id: "1"), ifEpochIs: 0)
        #expect(disabled.count == 0)
    }

    @Test("records read in any order all stay cached while they fit in the capacity")
    func workingSetWithinCapacityStaysCached() {
        let cache = RecordCache(capacity: 100)
        var generator = SystemRandomNumberGenerator()
        var misses = 0
        for _ in 0..<20_000 {
            let key = RecordKey(kind: "k", id: "\(Int.random(in: 0..<80, using: &generator))")
            if cache.value(for: key, ifEpochIs: cache.epoch) == nil {
                misses += 1
                cache.insert(key.id, for: key, ifEpochIs: cache.epoch)
            }
        }
        #expect(misses == 80, "each record missed once, when first read")
    }

    @Test("records the cache drops are released after its lock is let go")
    func droppedRecordsReleasedOutsideTheLock() {
        let cache = RecordCache(capacity: 4)
        let seen = Mutex<[Bool]>([])
        for index in 0..<12 {
            let record = ReleaseProbe { seen.withLock { $0.append(cache.isUnlocked) } }
            cache.insert(record, for: RecordKey(kind: "k", id: "\(index)"), ifEpochIs: cache.epoch)
        }
        #expect(seen.withLock { $0 } == Array(repeating: true, count: 8))
        cache.removeAll()
        #expect(seen.withLock { $0 } == Array(repeating: true, count: 12))
    }
}

/// A cached value that calls `onRelease` when it is released.
private final class ReleaseProbe: Sendable {
    let onRelease: @Sendable () -> Void
    init(_ onRelease: @escaping @Sendable () -> Void) { self.onRelease = onRelease }
    deinit { onRelease() }
}
