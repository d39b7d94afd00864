import Synchronization

/// Decoded records by (kind, id), and which record holds a unique key, so repeated reads skip
/// SQLite and JSON decoding.
///
/// The invariant: **every cached value equals the record's latest committed value.** It holds
/// because of three rules, all enforced under one `Mutex`:
/// 1. Only the writer changes committed state. It calls `beginCommit()` before COMMIT (the
///    epoch turns odd) and `endCommit(applying:)` after it (the epoch turns even again); the
///    staged changes of the batch are applied only when COMMIT succeeded, and changes of a
///    rolled-back savepoint are never staged in the batch at all.
/// 2. A reader notes the epoch *before* its SQLite snapshot begins. It may use or fill the
///    cache only while the epoch still equals that even value: then no COMMIT started since,
///    so its snapshot, the cache and the committed state are one and the same. Any commit in
///    between makes the epoch differ and the reader simply bypasses the cache; a stale value
///    can therefore never be inserted.
/// 3. A cache-only read (no SQLite at all) notes the epoch before and after running its
///    body; the answer counts only if the epoch did not move, so all values it saw come from
///    one committed state.
/// Writes acknowledge their callers only after `endCommit`, so a read that starts after a
/// write returned sees that write, in the cache or in SQLite.
final class RecordCache: Sendable {
    private let state: Mutex<State>

    /// Creates a cache holding at most `capacity` records (0 disables caching).
    init(capacity: Int) {
        state = Mutex(State(capacity: capacity))
    }

    /// Runs `body` on the state under the lock. The records it dropped are released after the
    /// lock is let go: releasing a record (or, emptying the cache, tens of thousands) would
    /// otherwise hold up every lookup of the event loops meanwhile.
    private func withState<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
        let (result, retired) = state.withLock { state in
            let result = body(&state)
            return (result, state.takeRetired())
        }
        withExtendedLifetime(retired) {}
        return result
    }

    /// Whether the lock is free right now (tests: what a released record sees).
    var isUnlocked: Bool { state.withLockIfAvailable { _ in true } ?? false }

    /// The current commit epoch (even: none in flight).
    var epoch: UInt64 { withState { $0.epoch } }

    /// The number of cached records.
    var count: Int { withState { $0.count } }

    /// The cached value for `key`. With `epoch`, only while the cache's epoch still equals that
    /// even value (rule 2); without, whatever is cached now (the writer, rule 1, and cache-only
    /// reads, rule 3).
    func value(for key: RecordKey, ifEpochIs epoch: UInt64? = nil) -> (any Sendable)? {
        withState { state in
            if let epoch, epoch != state.epoch || epoch % 2 != 0 { return nil }
            return state.value(for: key)
        }
    }

    /// The cached values for `keys`, in order, under one lock (a list's records); all nil
    /// unless the epoch still equals the even `epoch` (rule 2).
    func values(for keys: [RecordKey], ifEpochIs epoch: UInt64) -> [(any Sendable)?] {
        withState { state in
            guard epoch == state.epoch, epoch % 2 == 0 else { return Array(repeating: nil, count: keys.count) }
            return keys.map { state.value(for: $0) }
        }
    }

    /// What the cache knows of unique key `key` of `kind` (see `value(for:ifEpochIs:)` for
    /// `epoch`); nil when it cannot tell.
    func lookup(kind: String, uniqueKey key: String, ifEpochIs epoch: UInt64? = nil) -> UniqueLookup? {
        withState { state in
            if let epoch, epoch != state.epoch || epoch % 2 != 0 { return nil }
            return state.lookup(kind: kind, uniqueKey: key)
        }
    }

    /// Notes which record holds unique key `key` (nil: none), read from SQLite, only while the
    /// epoch still equals the even `epoch` the reader noted before its snapshot began (rule 2).
    func insertHolder(_ id: String?, kind: String, uniqueKey key: String, ifEpochIs epoch: UInt64) {
        withState { state in
            guard epoch == state.epoch, epoch % 2 == 0 else { return }
            state.insertHolder(id, kind: kind, uniqueKey: key)
        }
    }

    /// Caches a value read from SQLite, only while the epoch still equals the even `epoch` the
    /// reader noted before its snapshot began (rule 2).
    func insert(_ value: any Sendable, for key: RecordKey, ifEpochIs epoch: UInt64) {
        withState { state in
            guard epoch == state.epoch, epoch % 2 == 0 else { return }
            state.insert(value, for: key)
        }
    }

    /// Marks a COMMIT as running (rule 1).
    func beginCommit() {
        withState { $0.beginCommit() }
    }

    /// Marks the COMMIT as over; `changes` is the committed batch, or nil when COMMIT failed.
    func endCommit(applying changes: StagedChanges?) {
        withState { $0.endCommit(applying: changes) }
    }

    /// Forgets everything.
    func removeAll() {
        withState { $0.removeAll() }
    }
}
