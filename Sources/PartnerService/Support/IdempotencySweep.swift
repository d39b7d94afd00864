public import PartnerCore
import Synchronization

/// Deletes idempotency entries past `IdempotencyEntry.lifetimeMs`, a few at a time, inside the
/// writes that add new ones, so the entries a scope keeps follow what it wrote in the last
/// 24 hours instead of everything it ever wrote.
///
/// Each write that records a new entry looks at the next `entriesPerWrite` entries of its scope
/// (the caller's partner, or `""` for method-scoped keys) in id order, after the last one it
/// looked at, deletes those past their lifetime, and wraps to the start at the end. More are
/// looked at than each write adds, so a lap over a scope's entries ends within half as many
/// writes as it holds: an expired entry is gone after at most that many further keyed writes of
/// its scope, and a scope never holds much more than twice its live entries. A scope that stops
/// writing with keys keeps the entries it has (a bounded amount) until it writes again; an
/// expired entry is never replayed in the meantime (`PartnerBackend` checks the age).
///
/// Where each scope's lap stands is kept in memory: a restart starts the laps again, and two
/// replicas sweeping one scope at once delete what either finds (deleting a deleted entry does
/// nothing). The deletes are part of the write's transaction: they are kept only if it commits.
public final class IdempotencySweep: Sendable {
    /// Entries looked at by each write that records one: more than the one it adds.
    public static let entriesPerWrite = 2

    /// The id of the last entry looked at, by scope; a scope whose lap ended is absent.
    private let cursors = Mutex<[String: String]>([:])

    /// Creates a sweep with every lap at its start.
    public init() {}

    /// Looks at the next entries of `partnerId`'s scope and deletes those created at least
    /// `IdempotencyEntry.lifetimeMs` before `now`, in `tx`.
    /// - Returns: the number of entries deleted.
    /// - Throws: what the store throws reading or deleting.
    @discardableResult
    public func step(partnerId: String, now: Timestamp, in tx: any StoreWriting) throws -> Int {
        let after = cursors.withLock { $0[partnerId] }
        let entries = try tx.list(
            IdempotencyEntry.self, partnerId: partnerId, lookupKey: nil, after: after, limit: Self.entriesPerWrite)
        var deleted = 0
        for entry in entries where Self.isExpired(entry, at: now) {
            try tx.delete(IdempotencyEntry.self, id: entry.id)
            deleted += 1
        }
        // Fewer than asked for: the lap reached the end, the next one starts over.
        let next = entries.count < Self.entriesPerWrite ? nil : entries.last?.id
        cursors.withLock { $0[partnerId] = next }
        return deleted
    }

    /// Whether `entry` no longer replays at `now`: created `IdempotencyEntry.lifetimeMs` or more
    /// before it.
    public static func isExpired(_ entry: IdempotencyEntry, at now: Timestamp) -> Bool {
        now.millisecondsSinceEpoch - entry.createTime.millisecondsSinceEpoch >= IdempotencyEntry.lifetimeMs
    }
}
