import PartnerCore

/// A read body's first, optimistic view: the cache alone, on the caller's own thread, so a
/// read whose records are all cached costs a lock and a dictionary lookup per record and
/// never touches SQLite or another thread.
///
/// Anything the cache cannot answer (a record or unique key it does not hold, `list`) marks the attempt as
/// missed and throws `CacheMiss`; the store then runs the body again on a reader thread
/// against SQLite. Because a body may catch that error itself, the store looks at `missed`,
/// not at what the body returned. The answer is used only when the cache epoch did not move
/// while the body ran (`RecordCache`, rule 3).
final class CachedReadTransaction: StoreReading {
    /// Thrown when the cache cannot answer; never reaches the caller.
    struct CacheMiss: Error {}

    private let cache: RecordCache
    private var isOpen = true
    /// Whether the cache could not answer something the body asked.
    private(set) var missed = false

    init(cache: RecordCache) {
        self.cache = cache
    }

    /// Ends the view; anything asked afterwards counts as a miss.
    func invalidate() { isOpen = false }

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? {
        if isOpen, let cached = cache.value(for: RecordKey(kind: R.kind.name, id: id)) as? R {
            return cached
        }
        missed = true
        throw CacheMiss()
    }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        if isOpen {
            switch cache.lookup(kind: R.kind.name, uniqueKey: key) {
            case .absent: return nil
            case .found(let value): if let record = value as? R { return record }
            case nil: break
            }
        }
        missed = true
        throw CacheMiss()
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        missed = true
        throw CacheMiss()
    }
}
