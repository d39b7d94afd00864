import PartnerCore

/// The record tables on one connection: every query the store runs, through that connection's
/// prepared statements; bodies are coded by `RecordCodec`. Used only on the connection's thread.
final class RecordTables {
    /// The connection the queries run on.
    let connection: SQLiteConnection
    private var statements: [SQLiteStatement?] = Array(repeating: nil, count: Query.allCases.count)
    private var writeStatements: [SQLiteStatement?] = Array(repeating: nil, count: WriteQuery.allCases.count)

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    // MARK: Reading

    /// The record of `type` with `id`, decoded, or nil. The body is decoded in place, straight
    /// from SQLite's row.
    /// - Throws: `StoreError(.corrupt)` when the body does not decode.
    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        try with(.body) { statement in
            try statement.bind(R.kind.name, at: 1)
            try statement.bind(id, at: 2)
            guard try statement.step() else { return nil }
            return try statement.withBytes(0) { body throws(StoreError) in
                try RecordCodec.decode(R.self, id: id, from: body)
            }
        }
    }

    /// The id of the record of `kind` holding unique key `key`, or nil.
    func id(kind: String, uniqueKey key: String) throws -> String? {
        try with(.uniqueKeyHolder) { statement in
            try statement.bind(kind, at: 1)
            try statement.bind(key, at: 2)
            return try statement.step() ? statement.text(0) : nil
        }
    }

    /// Records of `type` owned by `partnerId`, by id ascending, after `after`, at most `limit`,
    /// optionally only those carrying `lookupKey`.
    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        guard limit > 0 else { return [] }
        let query: Query
        switch (lookupKey != nil, after != nil) {
        case (false, false): query = .listByPartner
        case (false, true): query = .listByPartnerAfter
        case (true, false): query = .listByLookupKey
        case (true, true): query = .listByLookupKeyAfter
        }
        return try with(query) { statement -> [R] in
            try statement.bind(R.kind.name, at: 1)
            try statement.bind(partnerId, at: 2)
            try statement.bind(Int64(limit), at: 3)
            if let after { try statement.bind(after, at: 4) }
            if let lookupKey {
                try statement.bind(lookupKey, at: 5)
                if let after { try statement.bind(Self.lookupOrder(kind: R.kind, id: after), at: 6) }
            }
            var records: [R] = []
            while try statement.step() {
                let id = statement.text(0)
                records.append(
                    try statement.withBytes(1) { body throws(StoreError) in
                        try RecordCodec.decode(R.self, id: id, from: body)
                    })
            }
            return records
        }
    }

    // MARK: Writing (inside the writer's transaction)

    /// Runs `query`, one of the statements that write a whole row (kind, id, partner, body,
    /// keys), for `record`. Returns whether it changed a row.
    @discardableResult
    private func writeRow<R: StoredRecord>(_ query: WriteQuery, _ record: R, body: [UInt8], keys: StoredKeys) throws
        -> Bool
    {
        try with(query) { statement in
            try statement.bind(R.kind.name, at: 1)
            try statement.bind(record.id, at: 2)
            try statement.bind(record.partnerId, at: 3)
            try statement.bind(body, at: 4)
            try statement.bind(keys.encoded, at: 5)
            try statement.run()
            return connection.changes == 1
        }
    }

    /// Inserts or replaces the record and brings its unique and lookup keys up to date,
    /// touching only the keys that changed.
    ///
    /// A record that is not `known` to exist (a journal entry, an event or an idempotency entry
    /// with an id just drawn) is inserted straight away, after its unique keys are checked, and
    /// looked for only when the insert finds one stored: one statement instead of a lookup and
    /// an insert. A `known` record is first updated on the condition that its stored owner and
    /// keys are the new ones (the common change, a body and nothing it is found by): again one
    /// statement instead of two.
    /// - Parameters:
    ///   - known: whether the record is known to be stored (the caller read it).
    ///   - freeUniqueKeys: unique keys of the record's kind that the caller found held by no
    ///     record in this transaction (a `find` that found none), so not looked up again.
    /// - Returns: whether the record was inserted that way, as a new record.
    /// - Throws: `StoreError.duplicateKey` naming the first new unique key another record of
    ///   the kind holds, checked before anything is changed.
    @discardableResult
    func put<R: StoredRecord>(_ record: R, known: Bool = true, freeUniqueKeys: Set<String> = []) throws -> Bool {
        let kind = R.kind.name
        let keys = StoredKeys(unique: record.uniqueKeys, lookup: record.lookupKeys)
        let body = try RecordCodec.encode(record)
        if !known {
            for key in keys.unique where !freeUniqueKeys.contains(key) {
                if let holder = try id(kind: kind, uniqueKey: key), holder != record.id {
                    throw StoreError.duplicateKey(key)
                }
            }
        }
        let done = try writeRow(known ? .updateBodyIfKeysKept : .insertNew, record, body: body, keys: keys)
        if done && known { return false }
        if done {
            for key in keys.unique { try insertUniqueKey(key, kind: kind, id: record.id) }
            for key in keys.lookup {
                try insertLookupKey(key, kind: R.kind, partnerId: record.partnerId, id: record.id)
            }
            return true
        }
        let old = try storedKeys(kind: kind, id: record.id)
        let oldUnique = Set(old?.keys.unique ?? [])
        let addedUnique = keys.unique.filter { !oldUnique.contains($0) }
        for key in addedUnique {
            if let holder = try id(kind: kind, uniqueKey: key), holder != record.id {
                throw StoreError.duplicateKey(key)
            }
        }
        if let old, old.partnerId == record.partnerId {
            // Only the row changes: the partner index keeps its entry untouched.
            try with(.updateBody) { statement in
                try statement.bind(kind, at: 1)
                try statement.bind(record.id, at: 2)
                try statement.bind(body, at: 3)
                try statement.bind(keys.encoded, at: 4)
                try statement.run()
            }
        } else {
            try writeRow(old == nil ? .insert : .replace, record, body: body, keys: keys)
        }
        let newUnique = Set(keys.unique)
        for key in oldUnique where !newUnique.contains(key) {
            try with(.deleteUniqueKey) { statement in
                try statement.bind(kind, at: 1)
                try statement.bind(key, at: 2)
                try statement.bind(record.id, at: 3)
                try statement.run()
            }
        }
        for key in addedUnique { try insertUniqueKey(key, kind: kind, id: record.id) }
        // Lookup keys are stored with the partner: when it changed, every key moves.
        let keptLookup = old?.partnerId == record.partnerId ? Set(old?.keys.lookup ?? []) : []
        let newLookup = Set(keys.lookup)
        for key in old?.keys.lookup ?? [] where !(keptLookup.contains(key) && newLookup.contains(key)) {
            try deleteLookupKey(key, kind: R.kind, partnerId: old?.partnerId ?? "", id: record.id)
        }
        for key in keys.lookup where !keptLookup.contains(key) {
            try insertLookupKey(key, kind: R.kind, partnerId: record.partnerId, id: record.id)
        }
        return false
    }

    /// Gives unique key `key` of `kind` to record `id`. The callers check the key first, which
    /// names it before anything changes; the conflict clause is the backstop that still names it
    /// should the table hold a key the check did not see.
    private func insertUniqueKey(_ key: String, kind: String, id: String) throws {
        try with(.insertUniqueKey) { statement in
            try statement.bind(kind, at: 1)
            try statement.bind(key, at: 2)
            try statement.bind(id, at: 3)
            try statement.run()
        }
        if connection.changes == 0 { throw StoreError.duplicateKey(key) }
    }

    private func insertLookupKey(_ key: String, kind: RecordKind, partnerId: String, id: String) throws {
        try changeLookupRow(.insertLookupKey, key: key, kind: kind, partnerId: partnerId, id: id)
    }

    private func deleteLookupKey(_ key: String, kind: RecordKind, partnerId: String, id: String) throws {
        try changeLookupRow(.deleteLookupKey, key: key, kind: kind, partnerId: partnerId, id: id)
    }

    /// Runs `query` (an insert or a delete of one lookup row) for the row it names.
    private func changeLookupRow(_ query: Query, key: String, kind: RecordKind, partnerId: String, id: String) throws {
        try with(query) { statement in
            try statement.bind(kind.name, at: 1)
            try statement.bind(partnerId, at: 2)
            try statement.bind(key, at: 3)
            try statement.bind(id, at: 4)
            try statement.bind(Self.lookupOrder(kind: kind, id: id), at: 5)
            try statement.run()
        }
    }

    /// Where a record's lookup rows stand among the rows of the same key (the `ord` column,
    /// schema 4): empty for most kinds, so their rows follow by id; for a journal kind the id's
    /// text after its prefix (`aud_01H...` -> `01H...`; the whole id when it has no `_`), so
    /// journal rows of every kind follow in creation order. Within one kind the order is still
    /// the ids', every id of a journal kind carrying the same prefix.
    static func lookupOrder(kind: RecordKind, id: String) -> String {
        guard kind.journal else { return "" }
        guard let separator = id.utf8.firstIndex(of: UInt8(ascii: "_")) else { return id }
        return String(id[id.utf8.index(after: separator)...])
    }

    /// The owner and keys stored with the record, or nil when there is no such record.
    private func storedKeys(kind: String, id: String) throws -> (partnerId: String, keys: StoredKeys)? {
        try with(.storedKeys) { statement in
            try statement.bind(kind, at: 1)
            try statement.bind(id, at: 2)
            guard try statement.step() else { return nil }
            let text = statement.text(1)
            guard let keys = StoredKeys(encoded: text) else {
                throw StoreError(code: .corrupt, message: "stored keys of record \(kind)/\(id) are malformed: \(text)")
            }
            return (statement.text(0), keys)
        }
    }

    /// Removes the record and its keys (unique keys by cascade, lookup keys from the keys
    /// stored with it); a missing record is not an error.
    func delete(kind: RecordKind, id: String) throws {
        guard let old = try storedKeys(kind: kind.name, id: id) else { return }
        for key in old.keys.lookup {
            try deleteLookupKey(key, kind: kind, partnerId: old.partnerId, id: id)
        }
        try with(.delete) { statement in
            try statement.bind(kind.name, at: 1)
            try statement.bind(id, at: 2)
            try statement.run()
        }
    }

    /// The stored value of the named counter: the last one drawn, 0 for a counter never drawn.
    func sequenceValue(_ name: String) throws -> Int64 {
        try with(.sequenceValue) { statement in
            try statement.bind(name, at: 1)
            return try statement.step() ? statement.int64(0) : 0
        }
    }

    /// Stores `value` as the named counter's last drawn value.
    func storeSequence(_ name: String, value: Int64) throws {
        try with(.storeSequence) { statement in
            try statement.bind(name, at: 1)
            try statement.bind(value, at: 2)
            try statement.run()
        }
    }

    // MARK: Helpers

    /// Runs `body` with the prepared statement of `query` (prepared on first use), then
    /// resets it.
    private func with<T>(_ query: Query, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement = try prepared(query.sql, slot: query.rawValue, in: &statements)
        defer { statement.reset() }
        return try body(statement)
    }

    /// Runs `body` with the prepared statement of a write-only `query`, then resets it.
    private func with<T>(_ query: WriteQuery, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement = try prepared(query.sql, slot: query.rawValue, in: &writeStatements)
        defer { statement.reset() }
        return try body(statement)
    }

    /// The statement kept in `slots[slot]`, prepared from `sql` the first time it is asked for.
    private func prepared(_ sql: String, slot: Int, in slots: inout [SQLiteStatement?]) throws -> SQLiteStatement {
        if let statement = slots[slot] { return statement }
        let statement = try connection.statement(sql)
        slots[slot] = statement
        return statement
    }
}
