import PartnerCore

/// A write body's view on the writer thread, inside the batch transaction and the body's own
/// savepoint. Reads see, in order: this body's staged changes, the earlier bodies of the batch,
/// the cache (the committed state, `RecordCache` rule 1), and SQLite. Changes go to SQLite and
/// are staged for the cache, which receives them only after COMMIT (all but new records written
/// without being read: `StagedChanges.Change.written`). Counter values are drawn from the
/// writer's `SequenceCounters` and staged the same way.
final class SQLiteWriteTransaction: StoreWriting {
    private let tables: RecordTables
    private let cache: RecordCache
    private let counters: SequenceCounters
    private let batch: StagedChanges
    private var isOpen = true
    /// This body's changes, staged for the cache.
    private(set) var staged = StagedChanges()
    /// Unique keys, by kind, that a `find` of this body found held by no record and that no
    /// `put` of it has claimed since: a `put` claiming one need not look it up again.
    private var freeUniqueKeys: [String: Set<String>] = [:]

    /// - Parameter batch: the changes of the bodies that ran before in this transaction.
    init(tables: RecordTables, cache: RecordCache, counters: SequenceCounters, batch: StagedChanges) {
        self.tables = tables
        self.cache = cache
        self.counters = counters
        self.batch = batch
    }

    /// Ends the view; a body that kept it gets `.unavailable` from then on.
    func invalidate() { isOpen = false }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        try checkOpen()
        let key = RecordKey(kind: R.kind.name, id: id)
        switch staged[key] ?? batch[key] {
        case .deleted:
            return nil
        case .stored(let value), .written(let value):
            if let record = value as? R { return record }
        case nil:
            if let cached = cache.value(for: key) as? R { return cached }
        }
        return try tables.get(R.self, id: id)
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        try checkOpen()
        guard let id = try tables.id(kind: R.kind.name, uniqueKey: key) else {
            freeUniqueKeys[R.kind.name, default: []].insert(key)
            return nil
        }
        return try get(R.self, id: id)
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        try checkOpen()
        return try tables.list(R.self, partnerId: partnerId, lookupKey: lookupKey, after: after, limit: limit)
    }

    func put<R: StoredRecord>(_ record: R) throws {
        try checkOpen()
        let key = RecordKey(kind: R.kind.name, id: record.id)
        let known = staged[key] != nil || batch[key] != nil || cache.value(for: key) != nil
        let free = freeUniqueKeys[R.kind.name] ?? []
        if !free.isEmpty { freeUniqueKeys[R.kind.name] = free.subtracting(record.uniqueKeys) }
        if try tables.put(record, known: known, freeUniqueKeys: free) {
            staged.write(record, for: key)
        } else {
            staged.store(record, for: key)
        }
    }

    func delete<R: StoredRecord>(_ type: R.Type, id: String) throws {
        try checkOpen()
        try tables.delete(kind: R.kind, id: id)
        staged.delete(RecordKey(kind: R.kind.name, id: id))
    }

    func nextSequence(_ name: String) throws -> Int64 {
        try checkOpen()
        let last = try staged.sequences[name] ?? batch.sequences[name] ?? counters.committedValue(name, tables: tables)
        staged.drew(last + 1, from: name)
        return last + 1
    }

    private func checkOpen() throws {
        guard isOpen else { throw StoreError.usedAfterBody(tables.connection.path) }
    }
}
