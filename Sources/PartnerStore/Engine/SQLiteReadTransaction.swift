import PartnerCore

/// A read body's view on a reader thread: a SQLite snapshot, plus the cache while no commit
/// has started since the snapshot began (see `RecordCache`, rule 2).
final class SQLiteReadTransaction: StoreReading {
    private let tables: RecordTables
    private let cache: RecordCache
    private let epoch: UInt64
    private var isOpen = true

    /// - Parameter epoch: the cache epoch noted before the snapshot began.
    init(tables: RecordTables, cache: RecordCache, epoch: UInt64) {
        self.tables = tables
        self.cache = cache
        self.epoch = epoch
    }

    /// Ends the view; a body that kept it gets `.unavailable` from then on.
    func invalidate() { isOpen = false }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        try checkOpen()
        let key = RecordKey(kind: R.kind.name, id: id)
        if let cached = cache.value(for: key, ifEpochIs: epoch) as? R { return cached }
        guard let record = try tables.get(R.self, id: id) else { return nil }
        cache.insert(record, for: key, ifEpochIs: epoch)
        return record
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        try checkOpen()
        switch cache.lookup(kind: R.kind.name, uniqueKey: key, ifEpochIs: epoch) {
        case .absent: return nil
        case .found(let value): if let record = value as? R { return record }
        case nil: break
        }
        let id = try tables.id(kind: R.kind.name, uniqueKey: key)
        cache.insertHolder(id, kind: R.kind.name, uniqueKey: key, ifEpochIs: epoch)
        guard let id else { return nil }
        return try get(R.self, id: id)
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        try checkOpen()
        // Ids first, then each record through the cache: a listed record already decoded (by
        // an earlier read or by the write that stored it) costs a lookup, not a JSON decode.
        let kind = R.kind.name
        let ids = try tables.ids(kind: R.kind, partnerId: partnerId, lookupKey: lookupKey, after: after, limit: limit)
        let keys = ids.map { RecordKey(kind: kind, id: $0) }
        let cached = cache.values(for: keys, ifEpochIs: epoch)
        var records: [R] = []
        records.reserveCapacity(ids.count)
        for (index, key) in keys.enumerated() {
            if let record = cached[index] as? R {
                records.append(record)
            } else if let record = try tables.get(R.self, id: key.id) {
                cache.insert(record, for: key, ifEpochIs: epoch)
                records.append(record)
            }
        }
        return records
    }

    private func checkOpen() throws {
        guard isOpen else { throw StoreError.usedAfterBody(tables.connection.path) }
    }
}
