import FramedJSON
public import PartnerCore

/// The one JSON coding of stored record bodies, used by both stores (SQLite here, PostgreSQL in
/// `PartnerStorePostgres`): written by FramedJSON's stream encoder as compact UTF-8 JSON, read
/// back by FramedJSON's parser and value decoder. Foundation's coders are not involved.
///
/// Promises:
/// - Every record round-trips: `decode(encode(r))` equals `r` (records hold strings, integers
///   up to `Int64`, booleans, string enums, arrays, string maps and `Timestamp`s, which encode
///   themselves as RFC 3339 text).
/// - Reading accepts any valid JSON spelling of the body: PostgreSQL's `jsonb` text (reordered
///   members, spaces after `:` and `,`) and bodies Foundation's `JSONEncoder` once wrote
///   (`\/` escapes). Unknown members are ignored, absent and `null` optionals read as `nil`.
/// - A body that does not parse or does not fit the asked type throws `StoreError(.corrupt)`
///   (DATA_LOSS on the wire) whose message names the record (`kind/id`), the type, and the
///   byte or field that failed.
///
/// ```swift
/// let body = try RecordCodec.encode(note)                      // {"id":"n1",...}
/// let same = try RecordCodec.decode(Note.self, id: note.id, from: body)
/// ```
public enum RecordCodec {
    /// The deepest nesting a stored body may have; records nest a few levels at most.
    static let maxDepth = 64

    /// The record as compact JSON bytes.
    /// - Throws: `StoreError(.corrupt)` naming the record when its `encode(to:)` throws.
    public static func encode<R: StoredRecord>(_ record: R) throws(StoreError) -> [UInt8] {
        do {
            return try JSONStreamEncoder.bytes(of: record)
        } catch {
            throw StoreError(
                code: .corrupt, message: "record \(R.kind.name)/\(record.id) cannot be encoded as JSON: \(error)")
        }
    }

    /// The record of `type` with `id` stored as the UTF-8 JSON `body`.
    /// - Throws: `StoreError(.corrupt)` naming `kind/id`, the type and what failed when the body
    ///   is not JSON or does not decode as `type`.
    public static func decode<R: StoredRecord>(
        _ type: R.Type, id: String, from body: some Collection<UInt8>
    ) throws(StoreError) -> R {
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: maxDepth).parse(body)
        } catch {
            throw corrupt(R.self, id: id, reason: "not JSON: \(error)")
        }
        do {
            return try JSONValueDecoder().decode(R.self, from: value)
        } catch {
            throw corrupt(R.self, id: id, reason: "\(error)")
        }
    }

    /// The record of `type` with `id` stored as the JSON text `body`.
    /// - Throws: as `decode(_:id:from:)` over bytes.
    public static func decode<R: StoredRecord>(_ type: R.Type, id: String, from body: String) throws(StoreError)
        -> R
    {
        try decode(R.self, id: id, from: body.utf8)
    }

    private static func corrupt<R: StoredRecord>(_ type: R.Type, id: String, reason: String) -> StoreError {
        StoreError(
            code: .corrupt, message: "stored record \(R.kind.name)/\(id) cannot be decoded as \(R.self): \(reason)")
    }
}
