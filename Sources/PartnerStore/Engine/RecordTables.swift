import Foundation
import PartnerCore

/// The record tables on one connection: every query the store runs, through that connection's
/// cached prepared statements, and the JSON coding of bodies. Used only on the connection's
/// thread.
final class RecordTables {
    /// The connection the queries run on.
    let connection: SQLiteConnection
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    // MARK: Reading

    /// The record of `type` with `id`, decoded, or nil.
    /// - Throws: `StoreError(.corrupt)` when the body does not decode.
    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        let body = try connection.withStatement("SELECT body FROM records WHERE kind = ?1 AND id = ?2") { statement in
            try statement.bind(R.kind.name, at: 1)
            try statement.bind(id, at: 2)
            return try statement.step() ? statement.data(0) : nil
        }
        return try body.map { try decode(R.self, id: id, from: $0) }
    }

    /// The id of the record of `kind` holding unique key `key`, or nil.
    func id(kind: String, uniqueKey key: String) throws -> String? {
        try connection.withStatement("SELECT id FROM unique_keys WHERE kind = ?1 AND key = ?2") { statement in
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
        let sql: String
        switch (lookupKey != nil, after != nil) {
        case (false, false):
            sql = "SELECT id, body FROM records WHERE kind = ?1 AND partner_id = ?2 ORDER BY id LIMIT ?3"
        case (false, true):
            sql = "SELECT id, body FROM records WHERE kind = ?1 AND partner_id = ?2 AND id > ?4 ORDER BY id LIMIT ?3"
        case (true, false):
            sql = """
                SELECT r.id, r.body FROM lookup_keys l JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE l.kind = ?1 AND l.partner_id = ?2 AND l.key = ?5 ORDER BY l.id LIMIT ?3
                """
        case (true, true):
            sql = """
                SELECT r.id, r.body FROM lookup_keys l JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE l.kind = ?1 AND l.partner_id = ?2 AND l.key = ?5 AND l.id > ?4 ORDER BY l.id LIMIT ?3
                """
        }
        let rows = try connection.withStatement(sql) { statement -> [(String, Data)] in
            try statement.bind(R.kind.name, at: 1)
            try statement.bind(partnerId, at: 2)
            try statement.bind(Int64(limit), at: 3)
            if let after { try statement.bind(after, at: 4) }
            if let lookupKey { try statement.bind(lookupKey, at: 5) }
            var rows: [(String, Data)] = []
            while try statement.step() { rows.append((statement.text(0), statement.data(1))) }
            return rows
        }
        return try rows.map { try decode(R.self, id: $0.0, from: $0.1) }
    }

    // MARK: Writing (inside the writer's transaction)

    /// Inserts or replaces the record and recomputes its unique and lookup keys.
    /// - Throws: `StoreError.duplicateKey` naming the first unique key another record of the
    ///   kind holds (checked before anything is changed).
    func put<R: StoredRecord>(_ record: R) throws {
        let kind = R.kind.name
        let uniqueKeys = Array(Set(record.uniqueKeys)).sorted()
        for key in uniqueKeys {
            if let holder = try id(kind: kind, uniqueKey: key), holder != record.id {
                throw StoreError.duplicateKey(key)
            }
        }
        let body = try encoder.encode(record)
        try connection.withStatement(
            """
            INSERT INTO records (kind, id, partner_id, body) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (kind, id) DO UPDATE SET partner_id = excluded.partner_id, body = excluded.body
            """
        ) { statement in
            try statement.bind(kind, at: 1)
            try statement.bind(record.id, at: 2)
            try statement.bind(record.partnerId, at: 3)
            try statement.bind(body, at: 4)
            try statement.run()
        }
        try removeKeys(kind: kind, id: record.id)
        for key in uniqueKeys {
            // The explicit check above names the key; the conflict clause is the backstop that
            // still names it should the table hold a key the check did not see.
            try connection.withStatement(
                "INSERT INTO unique_keys (kind, key, id) VALUES (?1, ?2, ?3) ON CONFLICT (kind, key) DO NOTHING"
            ) { statement in
                try statement.bind(kind, at: 1)
                try statement.bind(key, at: 2)
                try statement.bind(record.id, at: 3)
                try statement.run()
            }
            if connection.changes == 0 { throw StoreError.duplicateKey(key) }
        }
        for key in Set(record.lookupKeys) {
            try connection.withStatement(
                "INSERT INTO lookup_keys (kind, partner_id, key, id) VALUES (?1, ?2, ?3, ?4)"
            ) { statement in
                try statement.bind(kind, at: 1)
                try statement.bind(record.partnerId, at: 2)
                try statement.bind(key, at: 3)
                try statement.bind(record.id, at: 4)
                try statement.run()
            }
        }
    }

    /// Removes the record and its keys; a missing record is not an error.
    func delete(kind: String, id: String) throws {
        try connection.withStatement("DELETE FROM records WHERE kind = ?1 AND id = ?2") { statement in
            try statement.bind(kind, at: 1)
            try statement.bind(id, at: 2)
            try statement.run()
        }
    }

    /// The next value of the named counter (1 for a new one).
    func nextSequence(_ name: String) throws -> Int64 {
        try connection.withStatement(
            """
            INSERT INTO sequences (name, value) VALUES (?1, 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value
            """
        ) { statement in
            try statement.bind(name, at: 1)
            guard try statement.step() else {
                throw StoreError(code: .unavailable, message: "sequence \(name) answered no value")
            }
            let value = statement.int64(0)
            try statement.run()
            return value
        }
    }

    // MARK: Helpers

    private func removeKeys(kind: String, id: String) throws {
        for sql in [
            "DELETE FROM unique_keys WHERE kind = ?1 AND id = ?2",
            "DELETE FROM lookup_keys WHERE kind = ?1 AND id = ?2",
        ] {
            try connection.withStatement(sql) { statement in
                try statement.bind(kind, at: 1)
                try statement.bind(id, at: 2)
                try statement.run()
            }
        }
    }

    private func decode<R: StoredRecord>(_ type: R.Type, id: String, from body: Data) throws -> R {
        do {
            return try decoder.decode(R.self, from: body)
        } catch {
            throw StoreError(
                code: .corrupt,
                message: "stored record \(R.kind.name)/\(id) cannot be decoded as \(R.self): \(error)"
            )
        }
    }
}
