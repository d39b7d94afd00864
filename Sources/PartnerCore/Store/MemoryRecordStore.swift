import Synchronization

/// A `RecordStore` in memory: for tests, demos and the reference behaviour of the seam.
///
/// Each transaction works on a copy-on-write snapshot of the whole state; a write body that
/// returns publishes its snapshot, one that throws leaves the state untouched. Writes run one
/// at a time; reads never wait for a write body and see the last published state. Unique keys
/// are enforced per kind, like the SQLite store. Nothing is durable: the state ends with the
/// value.
public final class MemoryRecordStore: RecordStore {
    private let state = Mutex(MemoryStoreState())
    private let writer = Mutex(())

    /// Creates an empty store.
    public init() {}

    /// Runs `body` against the last published snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try readNow(body)
    }

    /// Runs `body` on a private snapshot and publishes it when `body` returns.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try writeNow(body)
    }

    /// `read` without suspending, for synchronous callers and tests.
    public func readNow<T>(_ body: (any StoreReading) throws -> T) throws -> T {
        let snapshot = state.withLock { $0 }
        return try body(MemoryTransaction(snapshot))
    }

    /// `write` without suspending, for synchronous callers and tests.
    public func writeNow<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        try writer.withLock { _ in
            let transaction = MemoryTransaction(state.withLock { $0 })
            let result = try body(transaction)
            let published = transaction.state
            state.withLock { $0 = published }
            return result
        }
    }

    /// How many records of `type` the store holds (all partners); for tests.
    public func count<R: StoredRecord>(_ type: R.Type) -> Int {
        state.withLock { $0.tables[R.kind.name]?.rows.count ?? 0 }
    }
}

/// The whole store as one value: tables by kind name, and sequences.
struct MemoryStoreState: Sendable {
    struct Table: Sendable {
        var rows: [String: any StoredRecord] = [:]
        var uniqueOwners: [String: String] = [:]
    }

    var tables: [String: Table] = [:]
    var sequences: [String: Int64] = [:]
}

/// One transaction over a snapshot.
final class MemoryTransaction: StoreWriting {
    var state: MemoryStoreState

    init(_ state: MemoryStoreState) { self.state = state }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        state.tables[R.kind.name]?.rows[id] as? R
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        guard let table = state.tables[R.kind.name], let id = table.uniqueOwners[key] else { return nil }
        return table.rows[id] as? R
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        guard limit > 0, let table = state.tables[R.kind.name] else { return [] }
        let matching = table.rows.values.compactMap { $0 as? R }.filter { record in
            record.partnerId == partnerId
                && (after.map { record.id > $0 } ?? true)
                && (lookupKey.map { record.lookupKeys.contains($0) } ?? true)
        }
        return Array(matching.sorted { $0.id < $1.id }.prefix(limit))
    }

    func put<R: StoredRecord>(_ record: R) throws {
        var table = state.tables[R.kind.name] ?? MemoryStoreState.Table()
        for key in record.uniqueKeys {
            if let owner = table.uniqueOwners[key], owner != record.id { throw StoreError.duplicateKey(key) }
        }
        if let old = table.rows[record.id] {
            for key in old.uniqueKeys where table.uniqueOwners[key] == record.id { table.uniqueOwners[key] = nil }
        }
        for key in record.uniqueKeys { table.uniqueOwners[key] = record.id }
        table.rows[record.id] = record
        state.tables[R.kind.name] = table
    }

    func delete<R: StoredRecord>(_ type: R.Type, id: String) throws {
        guard var table = state.tables[R.kind.name], let old = table.rows[id] else { return }
        for key in old.uniqueKeys where table.uniqueOwners[key] == id { table.uniqueOwners[key] = nil }
        table.rows[id] = nil
        state.tables[R.kind.name] = table
    }

    func nextSequence(_ name: String) throws -> Int64 {
        let next = (state.sequences[name] ?? 0) + 1
        state.sequences[name] = next
        return next
    }
}
