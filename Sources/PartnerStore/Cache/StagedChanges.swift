/// Record changes made by a transaction and not yet committed: the decoded values it stored,
/// the keys it deleted and the last value it drew from each named counter. The writer keeps one
/// per savepoint (dropped when the savepoint rolls back) and one per batch (handed to the cache
/// and the `SequenceCounters` only after COMMIT succeeds).
struct StagedChanges: Sendable {
    /// What happened to one record.
    enum Change: Sendable {
        /// The record now holds this decoded value (a `StoredRecord`).
        case stored(any Sendable)
        /// The record now holds this decoded value, which the cache is not given: the
        /// transaction wrote it without reading it (a journal entry, an event), so no cached
        /// entry names it, and caching what nobody asked for would push out records that are read.
        case written(any Sendable)
        /// The record was deleted.
        case deleted
    }

    private(set) var changes: [RecordKey: Change] = [:]
    /// The last value drawn from each named counter.
    private(set) var sequences: [String: Int64] = [:]

    /// Whether no record was changed.
    var isEmpty: Bool { changes.isEmpty }

    /// The change staged for `key`, if any.
    subscript(key: RecordKey) -> Change? { changes[key] }

    /// Stages a stored value, replacing an earlier change of the same key.
    mutating func store(_ value: any Sendable, for key: RecordKey) {
        changes[key] = .stored(value)
    }

    /// Stages a value the cache will not take (`Change.written`), replacing an earlier change.
    mutating func write(_ value: any Sendable, for key: RecordKey) {
        changes[key] = .written(value)
    }

    /// Stages a deletion, replacing an earlier change of the same key.
    mutating func delete(_ key: RecordKey) {
        changes[key] = .deleted
    }

    /// Stages `value` as the last one drawn from the counter `name`.
    mutating func drew(_ value: Int64, from name: String) {
        sequences[name] = value
    }

    /// Adds the later changes of `other`; its change (and its counter value) wins where both
    /// touched a key (or drew from a counter).
    mutating func merge(_ other: StagedChanges) {
        if changes.isEmpty {
            changes = other.changes
        } else {
            changes.merge(other.changes) { _, later in later }
        }
        if sequences.isEmpty {
            sequences = other.sequences
        } else if !other.sequences.isEmpty {
            sequences.merge(other.sequences) { _, later in later }
        }
    }

    /// Forgets every change.
    mutating func removeAll() {
        changes.removeAll(keepingCapacity: true)
        sequences.removeAll(keepingCapacity: true)
    }
}
