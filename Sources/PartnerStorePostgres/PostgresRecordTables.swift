import Foundation
import FramedJSON
import PartnerCore
import PartnerStore

/// The record tables on one connection: the queries both kinds of transaction run, and the
/// JSON coding of key lists (bodies are coded by `RecordCodec`). Used only on the connection's
/// queue.
///
/// Ids, kinds and keys are `text COLLATE "C"`, so `ORDER BY id` is byte order, the order the
/// other stores list in.
struct PostgresRecordTables {
    /// The connection the queries run on.
    let connection: PostgresConnection
    /// Where records are decoded (and found again when their stored text did not change).
    let records: PostgresDecodedRecords

    // MARK: Reading (no locks)

    /// The record of `type` with `id`, decoded, or nil.
    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        let rows = try run("SELECT body::text FROM records WHERE kind = $1 AND id = $2", [R.kind.name, id])
        return try rows.firstValue.map { try decode(R.self, id: id, from: $0) }
    }

    /// The record of `type` holding unique key `key`, or nil.
    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        let rows = try run(
            """
            SELECT r.id, r.body::text FROM unique_keys u JOIN records r ON r.kind = u.kind AND r.id = u.id
            WHERE u.kind = $1 AND u.key = $2
            """, [R.kind.name, key])
        guard let row = rows.rows.first, let id = row[0], let body = row[1] else { return nil }
        return try decode(R.self, id: id, from: body)
    }

    /// The id of the record of `kind` holding unique key `key`, or nil.
    func holder(kind: String, uniqueKey key: String) throws -> String? {
        try run("SELECT id FROM unique_keys WHERE kind = $1 AND key = $2", [kind, key]).firstValue
    }

    /// Records of `type` owned by `partnerId`, by id ascending, after `after`, at most `limit`,
    /// optionally only those carrying `lookupKey`.
    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        guard limit > 0 else { return [] }
        // Four statements, not one with "$4 IS NULL OR ...": a generic plan then still seeks the
        // index to `after` instead of filtering from the partner's first row.
        let afterClause = after == nil ? "" : (lookupKey == nil ? " AND id > $4" : " AND l.id > $4")
        let sql: String
        if lookupKey == nil {
            sql =
                "SELECT id, body::text FROM records WHERE kind = $1 AND partner_id = $2\(afterClause) ORDER BY id LIMIT $3"
        } else {
            sql = """
                SELECT r.id, r.body::text FROM lookup_keys l JOIN records r ON r.kind = l.kind AND r.id = l.id
                WHERE l.kind = $1 AND l.partner_id = $2 AND l.key = $\(after == nil ? 4 : 5)\(afterClause)
                ORDER BY l.id LIMIT $3
                """
        }
        var parameters: [String?] = [R.kind.name, partnerId, String(limit)]
        if let after { parameters.append(after) }
        if let lookupKey { parameters.append(lookupKey) }
        return try run(sql, parameters).rows.map { row in
            try decode(R.self, id: row[0] ?? "", from: row[1] ?? "")
        }
    }

    // MARK: Helpers

    /// Runs a prepared statement; PostgreSQL's failures surface as `PostgresError`.
    @discardableResult
    func run(_ sql: String, _ parameters: [String?]) throws -> PostgresRows {
        try connection.query(sql, parameters)
    }

    /// A record's body as JSON text for a `jsonb` column, coded by `RecordCodec`.
    /// - Throws: `StoreError(.corrupt)` naming the record when it cannot be encoded.
    static func encodeBody<R: StoredRecord>(_ record: R) throws -> String {
        String(decoding: try RecordCodec.encode(record), as: UTF8.self)
    }

    /// A list of keys as a JSON array text (bound as `jsonb`, expanded in SQL).
    static func encodeKeys(_ keys: [String]) -> String {
        if keys.isEmpty { return "[]" }
        return String(decoding: (try? JSONStreamEncoder.bytes(of: keys)) ?? Array("[]".utf8), as: UTF8.self)
    }

    /// A JSON array text read back into keys.
    static func decodeKeys(_ text: String?) throws -> [String] {
        guard let text, text != "[]" else { return [] }
        guard case .array(let items)? = try? JSONParser().parse(text) else {
            throw StoreError(code: .corrupt, message: "stored keys are malformed: \(text)")
        }
        return try items.map { item in
            guard case .string(let key) = item else {
                throw StoreError(code: .corrupt, message: "stored keys are malformed: \(text)")
            }
            return key
        }
    }

    /// The record of `type` with `id` stored as `body`.
    /// - Throws: `StoreError(.corrupt)` when it does not decode.
    func decode<R: StoredRecord>(_ type: R.Type, id: String, from body: String) throws -> R {
        try records.decode(R.self, id: id, from: body)
    }
}
