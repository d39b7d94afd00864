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

    private func readerConnection(_ folder: TemporaryFolder) throws -> SQLiteConnection {
        let reader = try SQLiteConnection(path: folder.database, requireWritable: false)
        try SQLiteRecordStore.configureReader(reader, config: .init())
        return reader
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
        let reader = try readerConnection(folder)
        let writerTables = Confined(RecordTables(connection: writer))
        let readerTables = RecordTables(connection: reader)
        let cache = RecordCache(capacity: 0)
        let snapshot = ReaderSnapshot(connection: reader)
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
            request.run(tables: readerTables, cache: cache, snapshot: snapshot)
        }
        #expect(seenDuring == nil)
        snapshot.end()
        #expect(try readerTables.get(Note.self, id: "late") != nil)
        reader.close()
        writer.close()
    }

    /// Runs one read body on `reader` the way a reader thread does.
    private func read<T: Sendable>(
        _ tables: RecordTables, _ cache: RecordCache, _ snapshot: ReaderSnapshot,
        _ body: @escaping @Sendable (any StoreReading) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            ReadRequest(body: body, continuation: continuation).run(tables: tables, cache: cache, snapshot: snapshot)
        }
    }

    @Test("a reader keeps its snapshot while the epoch stays, and begins a new one once a commit moved it")
    func snapshotHeldUntilACommit() async throws {
        let folder = try TemporaryFolder()
        let writer = try migratedConnection(folder)
        let reader = try readerConnection(folder)
        let tables = RecordTables(connection: reader)
        let cache = RecordCache(capacity: 0)
        let snapshot = ReaderSnapshot(connection: reader)
        func commit(_ note: Note) throws {
            try writer.run("BEGIN IMMEDIATE")
            try RecordTables(connection: writer).put(note)
            try writer.run("COMMIT")
        }

        #expect(try await read(tables, cache, snapshot) { try $0.get(Note.self, id: "n1") } == nil)
        #expect(snapshot.isHeld)
        // Committed behind the epoch's back (the store's file lock rules this out in a server):
        // the held snapshot does not see it, which shows the second read reused it.
        try commit(Note(id: "n1", partnerId: "p1", slug: "one"))
        #expect(try await read(tables, cache, snapshot) { try $0.get(Note.self, id: "n1") } == nil)

        cache.beginCommit()
        cache.endCommit(applying: nil)
        #expect(try await read(tables, cache, snapshot) { try $0.get(Note.self, id: "n1") } != nil)
        #expect(snapshot.isHeld)

        // Begun while a commit is in flight (odd epoch): serves that read, then ends.
        cache.beginCommit()
        try commit(Note(id: "n2", partnerId: "p1", slug: "two"))
        #expect(try await read(tables, cache, snapshot) { try $0.get(Note.self, id: "n2") } != nil)
        #expect(!snapshot.isHeld)
        #expect(!reader.isInTransaction)
        cache.endCommit(applying: nil)

        // A read that fails ends its snapshot.
        #expect(try await read(tables, cache, snapshot) { try $0.get(Note.self, id: "n2") } != nil)
        await #expect(throws: IntendedFailure.self) {
            try await read(tables, cache, snapshot) { _ in throw IntendedFailure(tag: "x") }
        }
        #expect(!snapshot.isHeld)
        #expect(!reader.isInTransaction)
        reader.close()
        writer.close()
    }

    @Test("an idle reader lets its snapshot go, so the checkpoint can copy every commit")
    func idleReaderReleasesSnapshot() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Counter(id: "c", value: 1)) }
        // Records that are not there are never cached: these reads reach the reader threads.
        for index in 0..<8 { _ = try await store.read { try $0.get(Counter.self, id: "absent-\(index)") } }
        try await store.write { try $0.put(Counter(id: "c", value: 2)) }

        let other = try SQLiteConnection(path: folder.database, requireWritable: true)
        var copied = false
        for _ in 0..<100 where !copied {
            copied = try other.withStatement("PRAGMA wal_checkpoint(PASSIVE)") { statement in
                _ = try statement.step()
                return statement.int64(0) == 0 && statement.int64(1) == statement.int64(2)
            }
            if !copied { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(copied, "a reader still holds a snapshot older than the last commit")
        other.close()
        await store.close()
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
