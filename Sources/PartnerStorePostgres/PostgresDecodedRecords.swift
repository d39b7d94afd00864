import PartnerCore
import PartnerStore
import Synchronization

/// Records decoded from their stored JSON text, found again by kind, id and that same text:
/// a record read again unchanged is not decoded again (decoding was the largest CPU cost of a
/// seat change on PostgreSQL).
///
/// Never stale: every read still fetches the row from PostgreSQL, and the text it returns is
/// the version check; an entry is used only when the stored text is byte for byte the one it
/// was decoded from. So nothing needs invalidating when another replica commits. Shared by the
/// readers and the writer of one store; at most `capacity` entries (all dropped when full).
final class PostgresDecodedRecords: Sendable {
    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    private struct Entry: Sendable {
        var body: String
        var record: any StoredRecord
    }

    /// - Parameter capacity: records kept at most; 0 turns the memo off.
    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Keeps `record` as what `stored` (the text PostgreSQL returned for it, e.g. from an
    /// UPDATE's `RETURNING body::text`) decodes to. Harmless if that write is rolled back: the
    /// entry is only used when a read returns exactly `stored`.
    func remember<R: StoredRecord>(_ record: R, storedAs stored: String) {
        guard capacity > 0 else { return }
        let key = "\(R.kind.name)/\(record.id)"
        entries.withLock { entries in
            if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(body: stored, record: record)
        }
    }

    /// The record of `type` with `id` stored as `body`, decoded or found again.
    /// - Throws: `StoreError(.corrupt)` when `body` does not decode as `type`.
    func decode<R: StoredRecord>(_ type: R.Type, id: String, from body: String) throws -> R {
        let key = "\(R.kind.name)/\(id)"
        if capacity > 0, let entry = entries.withLock({ $0[key] }), let record = entry.record as? R,
            entry.body.utf8.elementsEqual(body.utf8)
        {
            return record
        }
        let record = try RecordCodec.decode(R.self, id: id, from: body)
        guard capacity > 0 else { return record }
        entries.withLock { entries in
            if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(body: body, record: record)
        }
        return record
    }
}
