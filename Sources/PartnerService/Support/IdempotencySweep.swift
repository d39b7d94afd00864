public import PartnerCore
import Synchronization

/// Deletes idempotency entries past `IdempotencyEntry.lifetimeMs` in the background, so the
/// entries a scope keeps follow what it wrote in the last 24 hours instead of everything it ever
/// wrote.
///
/// A keyed write only counts its scope (the caller's partner, or `""` for method-scoped keys) in
/// memory: the request path pays a lock, not a read. A `pass` then walks each counted scope's
/// entries in id order through read snapshots (reader threads, not the writer), from where its
/// last pass stopped, wrapping at the end, and deletes the expired ones in small writes that
/// check each entry again (a key used anew after it expired holds a fresh entry by then). A pass
/// looks at twice as many entries of a scope as it recorded since the last pass (at least
/// `minimumPerPass`), so the laps keep ahead of the writes: an expired entry is gone within a
/// lap, and a scope never holds much more than twice its live entries. A scope that writes no
/// keys after a restart keeps the entries it has (a bounded amount) until it writes again; an
/// expired entry is never replayed meanwhile (`PartnerBackend` checks the age).
///
/// Where each lap stands is kept in memory: a restart starts the laps again. Replicas on one
/// database each sweep the scopes they serve; a delete of an entry another one deleted does
/// nothing.
public final class IdempotencySweep: Sendable {
    /// Entries read, or deleted, per transaction.
    static let pageSize = 200
    /// The fewest entries of a scope one pass looks at: one page, so a scope that no longer
    /// writes keys costs one short read a pass while its lap still ends.
    public static let minimumPerPass = pageSize

    /// Where a scope's lap stands.
    struct Lap: Sendable {
        /// The id of the last entry looked at; nil at the start of a lap.
        var after: String?
        /// Entries recorded since the last pass.
        var recorded = 0
    }

    private let laps = Mutex<[String: Lap]>([:])

    /// Creates a sweep that knows no scope yet.
    public init() {}

    /// Counts an entry recorded in `partnerId`'s scope; the next pass looks at that scope.
    public func noteRecorded(partnerId: String) {
        laps.withLock { $0[partnerId, default: Lap()].recorded += 1 }
    }

    /// Walks the counted scopes once (see the type), deleting the entries expired at `now`.
    /// - Returns: the number of entries deleted.
    /// - Throws: what the store throws; the laps stand where the last finished page left them.
    @discardableResult
    public func pass(store: any RecordStore, now: Timestamp) async throws -> Int {
        let scopes = laps.withLock { laps in
            defer { for scope in laps.keys { laps[scope]?.recorded = 0 } }
            return laps.map { ($0.key, $0.value) }
        }
        var deleted = 0
        for (scope, lap) in scopes.sorted(by: { $0.0 < $1.0 }) {
            deleted += try await walk(
                scope, from: lap.after, budget: max(Self.minimumPerPass, 2 * lap.recorded),
                store: store, now: now)
        }
        return deleted
    }

    /// Runs `pass` every `interval` at the domain's time (`context.now()`), until the task is
    /// cancelled; a failed pass is tried again at the next one.
    public func run(store: any RecordStore, context: DomainContext, interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled else { return }
            _ = try? await pass(store: store, now: context.now())
        }
    }

    /// Whether `entry` no longer replays at `now`: created `IdempotencyEntry.lifetimeMs` or more
    /// before it.
    public static func isExpired(_ entry: IdempotencyEntry, at now: Timestamp) -> Bool {
        now.millisecondsSinceEpoch - entry.createTime.millisecondsSinceEpoch >= IdempotencyEntry.lifetimeMs
    }

    /// Looks at up to `budget` entries of `scope` after `after`, deleting the expired ones.
    private func walk(
        _ scope: String, from after: String?, budget: Int, store: any RecordStore, now: Timestamp
    ) async throws -> Int {
        var cursor = after
        var looked = 0
        var deleted = 0
        while looked < budget {
            let limit = min(Self.pageSize, budget - looked)
            let page = try await store.read { [cursor] tx in
                try tx.list(IdempotencyEntry.self, partnerId: scope, lookupKey: nil, after: cursor, limit: limit)
            }
            looked += page.count
            let expired = page.filter { Self.isExpired($0, at: now) }.map(\.id)
            if !expired.isEmpty {
                deleted += try await store.write { tx in
                    var count = 0
                    for id in expired {
                        guard let entry = try tx.get(IdempotencyEntry.self, id: id), Self.isExpired(entry, at: now)
                        else { continue }
                        try tx.delete(IdempotencyEntry.self, id: id)
                        count += 1
                    }
                    return count
                }
            }
            // A short page ends the lap: the next one starts over.
            cursor = page.count < limit ? nil : page.last?.id
            laps.withLock { $0[scope, default: Lap()].after = cursor }
            if cursor == nil { break }
        }
        return deleted
    }
}
