import Synchronization

/// Writes the audit trail of refused calls: authentication refusals (missing, malformed,
/// unknown, wrong secret, revoked, expired, disabled agent) and PERMISSION_DENIED. Never stores
/// the token: an entry names the stored token's id (its public half) only when the bearer text
/// named a real token, and the reason.
///
/// Authentication refusals are **aggregated**, so that refused calls cost a bounded amount of
/// disk however many arrive (Protocol/SECURITY.md §4):
/// - Refusals with the same partner, agent, token id, reason and source host within one
///   window (a minute by default) share one entry: `after` reads
///   `count=N; peer=HOST; reason=R; until=LAST`, `time` is the first refusal's, `method` the
///   first refusal's method. The first refusal of a window writes the entry at once (its answer
///   waits for that commit); later ones raise the count, which is rewritten in place with the
///   next batch. A flood from one source therefore writes one row a minute.
/// - At most `maxSources` distinct keys are tallied per window; refusals beyond them are counted
///   into one entry of the anonymous log (`method` = `droppedMethod`, `after` = `dropped=N`).
/// - A refusal whose token belongs to a partner goes to that partner's log (`Audit.List` shows
///   it); one that names no partner (missing, malformed, unknown) goes to the log of
///   `anonymousPartner`, which no partner can list.
/// - PERMISSION_DENIED (an authenticated agent, already under its rate limit) is written one
///   entry per call, as every other audited operation.
///
/// Writes are batched, one transaction per batch: the first refused call that finds no batch
/// being written writes the batch; the others only update the tallies.
///
/// ```swift
/// let auditor = RefusalAuditor(store: store, context: context)
/// await auditor.record(failure, method: "Customers.List", requestId: nil, peer: "127.0.0.1:5000")
/// ```
public final class RefusalAuditor: Sendable {
    /// The partner id under which refusals naming no partner are logged.
    public static let anonymousPartner = "-"
    /// The method recorded for the entry that counts refusals beyond `maxSources`.
    public static let droppedMethod = "$/refusals-dropped"

    /// The store written to.
    public let store: any RecordStore
    /// Clock and ids.
    public let context: DomainContext
    /// Most distinct (partner, agent, token, reason, source) keys tallied in one window; also
    /// the most PERMISSION_DENIED entries waiting for a batch.
    public let maxSources: Int
    /// The aggregation window, in milliseconds.
    public let windowMilliseconds: Int64

    /// What refusals of one window are tallied by.
    private struct Key: Hashable {
        var partnerId: String
        var agentId: String
        var tokenId: String
        var reason: String
        var source: String
    }

    /// One aggregated entry: its id stays the same while its count grows.
    private struct Tally {
        var id: String
        var method: String
        var requestId: String?
        var first: Timestamp
        var last: Timestamp
        var count: Int
        var dirty: Bool
    }

    private struct State {
        var window: Int64 = .min
        var tallies: [Key: Tally] = [:]
        /// Entries of windows that ended before their last count was written.
        var carried: [AuditEntry] = []
        var permissions: [(Operation, Caller, DomainError)] = []
        var dropped = 0
        var droppedEntryId: String?
        var writing = false
        var written = 0
    }

    private let state = Mutex(State())

    /// Creates an auditor writing to `store`.
    /// - Parameters:
    ///   - maxSources: distinct refusal keys tallied per window (and PERMISSION_DENIED entries
    ///     waiting); beyond it refusals are only counted.
    ///   - window: how long refusals of one key share an entry.
    public init(store: any RecordStore, context: DomainContext, maxSources: Int = 1000, window: Duration = .seconds(60))
    {
        self.store = store
        self.context = context
        self.maxSources = max(1, maxSources)
        let (seconds, attoseconds) = window.components
        self.windowMilliseconds = max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// Records a refused authentication.
    /// - Parameters:
    ///   - failure: the reason and the token's owner, if any.
    ///   - method: the method that was called.
    ///   - requestId: the call's request id or traceparent.
    ///   - peer: the client's address, as the transport names it; entries keep its host.
    public func record(_ failure: AuthenticationFailure, method: String, requestId: String?, peer: String) async {
        let now = context.now()
        let key = Key(
            partnerId: failure.partnerId ?? Self.anonymousPartner, agentId: failure.agentId ?? "-",
            tokenId: failure.tokenId ?? "-", reason: failure.reason.rawValue, source: Self.host(of: peer))
        let writes = state.withLock { state -> Bool in
            roll(&state, to: now)
            if var tally = state.tallies[key] {
                tally.count += 1
                tally.last = now
                tally.dirty = true
                state.tallies[key] = tally
            } else if state.tallies.count < maxSources {
                state.tallies[key] = Tally(
                    id: context.ids.next("aud"), method: method, requestId: requestId, first: now, last: now,
                    count: 1, dirty: true)
            } else {
                state.dropped += 1
            }
            return becomeWriter(&state)
        }
        if writes { await writeBatches() }
    }

    /// Records a call the domain refused with PERMISSION_DENIED (through `Audit.recordRefusal`).
    public func recordPermissionDenied(_ operation: Operation, caller: Caller, error: DomainError) async {
        let writes = state.withLock { state -> Bool in
            if state.permissions.count >= maxSources {
                state.dropped += 1
            } else {
                state.permissions.append((operation, caller, error))
            }
            return becomeWriter(&state)
        }
        if writes { await writeBatches() }
    }

    /// Entries written so far, rewrites of a growing count included (tests and metrics).
    public var writtenCount: Int { state.withLock { $0.written } }

    /// The host part of a transport's peer name: "127.0.0.1:5000" -> "127.0.0.1",
    /// "[::1]:5000" -> "[::1]", "in-process:3" -> "in-process".
    public static func host(of peer: String) -> String {
        if peer.hasPrefix("["), let end = peer.firstIndex(of: "]") { return String(peer[...end]) }
        guard let colon = peer.lastIndex(of: ":"), peer.firstIndex(of: ":") == colon else { return peer }
        return String(peer[..<colon])
    }

    // MARK: State transitions (under the lock)

    /// Starts a new window when `now` is past the current one: tallies still to be written
    /// are carried over as entries, the rest are forgotten.
    private func roll(_ state: inout State, to now: Timestamp) {
        let window = now.millisecondsSinceEpoch / windowMilliseconds
        guard window != state.window else { return }
        state.window = window
        for (key, tally) in state.tallies where tally.dirty { state.carried.append(entry(key, tally)) }
        state.tallies.removeAll(keepingCapacity: true)
        state.droppedEntryId = nil
    }

    private func becomeWriter(_ state: inout State) -> Bool {
        guard !state.writing else { return false }
        state.writing = true
        return true
    }

    /// Takes everything not yet written, marking the tallies clean; empty when nothing is left,
    /// and then the writer flag is cleared under the same lock, so nothing is left without one.
    private func takeBatch(_ state: inout State) -> (
        entries: [AuditEntry], permissions: [(Operation, Caller, DomainError)]
    ) {
        var entries = state.carried
        state.carried = []
        for (key, tally) in state.tallies where tally.dirty {
            entries.append(entry(key, tally))
            state.tallies[key]?.dirty = false
        }
        if state.dropped > 0 {
            entries.append(
                AuditEntry(
                    id: context.ids.next("aud"), partnerId: Self.anonymousPartner, agentId: "-", roles: [],
                    method: Self.droppedMethod, target: "-", before: nil, after: "dropped=\(state.dropped)",
                    time: context.now(), requestId: nil, outcome: DomainError.Code.unauthenticated.name))
            state.dropped = 0
        }
        let permissions = state.permissions
        state.permissions = []
        if entries.isEmpty && permissions.isEmpty { state.writing = false }
        return (entries, permissions)
    }

    private func entry(_ key: Key, _ tally: Tally) -> AuditEntry {
        var summary = ["reason": key.reason, "peer": key.source, "count": "\(tally.count)"]
        if tally.count > 1 { summary["until"] = tally.last.rfc3339 }
        return AuditEntry(
            id: tally.id, partnerId: key.partnerId, agentId: key.agentId, roles: [], method: tally.method,
            target: key.tokenId, before: nil, after: Audit.render(summary), time: tally.first,
            requestId: tally.requestId, outcome: DomainError.Code.unauthenticated.name)
    }

    // MARK: Writing

    /// Writes batches until nothing is left to write.
    private func writeBatches() async {
        while true {
            let (entries, permissions) = state.withLock { takeBatch(&$0) }
            if entries.isEmpty && permissions.isEmpty { return }
            let context = context
            let count =
                (try? await store.write { tx -> Int in
                    for entry in entries { try tx.put(entry) }
                    for (operation, caller, error) in permissions {
                        try Audit.recordRefusal(
                            operation, target: "-", error: error, caller: caller, context: context, in: tx)
                    }
                    return entries.count + permissions.count
                }) ?? 0
            state.withLock { $0.written += count }
        }
    }
}
