import PartnerCore

/// A read body's view: one `REPEATABLE READ READ ONLY` transaction, so every statement of the
/// body sees the same committed snapshot. Takes no locks.
final class PostgresReadTransaction: StoreReading {
    private let tables: PostgresRecordTables
    private var isOpen = true

    init(tables: PostgresRecordTables) {
        self.tables = tables
    }

    /// Ends the view; a body that kept it gets `.unavailable` from then on.
    func invalidate() { isOpen = false }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        try checked { try tables.get(R.self, id: id) }
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        try checked { try tables.find(R.self, uniqueKey: key) }
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        try checked { try tables.list(R.self, partnerId: partnerId, lookupKey: lookupKey, after: after, limit: limit) }
    }

    private func checked<T>(_ body: () throws -> T) throws -> T {
        guard isOpen else {
            throw StoreError(code: .unavailable, message: "a read transaction was used after its body returned")
        }
        do {
            return try body()
        } catch let error as PostgresError {
            throw error.storeError
        }
    }
}
