import FramedJSON
import PartnerCore

extension RecordCache {
    /// The cache's contents and commit epoch; lives inside the cache's `Mutex`.
    ///
    /// Unique keys are cached too (`holders`): which record holds one, or that none does. A
    /// commit drops every entry naming a changed record and every key a stored record now
    /// claims, so an entry can only outlive its truth if its holder is evicted, in which case
    /// the lookup finds no value and misses.
    ///
    /// At most `capacity` records are kept, evicted one at a time by the CLOCK rule
    /// (`ClockCache`): as many records as the capacity allows stay, whatever order they are
    /// read in, and a record read since the last sweep survives the next. What leaves the cache
    /// is handed back (`takeRetired()`) rather than released here, so that `RecordCache`
    /// releases records after letting the lock go.
    struct State {
        /// Even: no commit in flight. Odd: a COMMIT is running. +2 per commit attempt.
        private(set) var epoch: UInt64 = 0
        private var records: ClockCache<RecordKey, any Sendable>
        /// What left the cache since `takeRetired()` last took it: most often one record (an
        /// insert evicts at most one), kept apart so that handing it back allocates nothing.
        private var retiredOne: (any Sendable)?
        private var retiredMore: [any Sendable] = []
        /// Which record holds a unique key (or that none does), as a committed state showed it.
        private var holders: [UniqueKeyRef: String?] = [:]
        /// The unique keys `holders` names each record for, so a change of the record drops them.
        private var heldKeys: [RecordKey: [String]] = [:]
        /// The kinds `holders` has entries for: commits of other kinds skip the unique-key work.
        private var heldKinds: Set<String> = []

        init(capacity: Int) {
            records = ClockCache(capacity: capacity)
        }

        /// The number of cached records.
        var count: Int { records.count }

        /// The cached value for `key`, marked as read.
        mutating func value(for key: RecordKey) -> (any Sendable)? {
            records.value(for: key)
        }

        /// Caches `value` for `key` (nothing when the cache is disabled).
        mutating func insert(_ value: any Sendable, for key: RecordKey) {
            if let left = records.insert(value, for: key) { retire(left) }
        }

        /// What left the cache since the last call, for the caller to release.
        mutating func takeRetired() -> Retired {
            var taken = Retired(one: retiredOne.take(), more: [])
            if !retiredMore.isEmpty { swap(&taken.more, &retiredMore) }
            return taken
        }

        /// Records that left the cache, for `RecordCache` to release after its lock.
        struct Retired: Sendable {
            var one: (any Sendable)?
            var more: [any Sendable]
        }

        private mutating func retire(_ value: any Sendable) {
            if retiredOne == nil { retiredOne = value } else { retiredMore.append(value) }
        }

        /// What the cache knows of unique key `key` of `kind`: the holder's cached value, that no
        /// record holds it, or nothing (`nil`).
        mutating func lookup(kind: String, uniqueKey key: String) -> UniqueLookup? {
            guard let holder = holders[UniqueKeyRef(kind: kind, key: key)] else { return nil }
            guard let id = holder else { return .absent }
            guard let value = value(for: RecordKey(kind: kind, id: id)) else { return nil }
            return .found(value)
        }

        /// Notes that record `id` of `kind` (or none, when nil) holds unique key `key`.
        mutating func insertHolder(_ id: String?, kind: String, uniqueKey key: String) {
            guard records.capacity > 0 else { return }
            if holders.count >= records.capacity { dropHolders() }
            holders[UniqueKeyRef(kind: kind, key: key)] = .some(id)
            heldKinds.insert(kind)
            if let id { heldKeys[RecordKey(kind: kind, id: id), default: []].append(key) }
        }

        /// Forgets what is known of the unique keys `record` (stored or deleted) held or now holds.
        private mutating func dropHolders(of key: RecordKey, now value: (any Sendable)?) {
            guard heldKinds.contains(key.kind) else { return }
            if let keys = heldKeys.removeValue(forKey: key) {
                for unique in keys { holders.removeValue(forKey: UniqueKeyRef(kind: key.kind, key: unique)) }
            }
            if let record = value as? any StoredRecord {
                for unique in record.uniqueKeys {
                    holders.removeValue(forKey: UniqueKeyRef(kind: key.kind, key: unique))
                }
            }
        }

        private mutating func dropHolders() {
            holders.removeAll()
            heldKeys.removeAll()
            heldKinds.removeAll()
        }

        /// Forgets `key`.
        mutating func remove(_ key: RecordKey) {
            if let left = records.removeValue(forKey: key) { retire(left) }
        }

        /// Marks a COMMIT as running.
        mutating func beginCommit() {
            precondition(epoch % 2 == 0, "commits never overlap")
            epoch += 1
        }

        /// Marks the COMMIT as over, applying `changes` when it succeeded.
        mutating func endCommit(applying changes: StagedChanges?) {
            precondition(epoch % 2 == 1, "endCommit follows beginCommit")
            if let changes {
                for (key, change) in changes.changes {
                    switch change {
                    case .stored(let value):
                        insert(value, for: key)
                        dropHolders(of: key, now: value)
                    case .written(let value):
                        remove(key)
                        dropHolders(of: key, now: value)
                    case .deleted:
                        remove(key)
                        dropHolders(of: key, now: nil)
                    }
                }
            }
            epoch += 1
        }

        /// Forgets everything.
        mutating func removeAll() {
            retire(records.removeAll())
            dropHolders()
        }
    }
}

/// A unique key of one kind.
struct UniqueKeyRef: Hashable, Sendable {
    /// The record kind's stored name.
    let kind: String
    /// The unique key.
    let key: String

    /// Hashes the key alone (see `RecordKey.hash(into:)`).
    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
    }
}

/// What the cache knows of a unique key.
enum UniqueLookup {
    /// The holder's cached value.
    case found(any Sendable)
    /// No record holds the key.
    case absent
}
