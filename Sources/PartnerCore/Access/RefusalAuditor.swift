import Synchronization

/// Writes an audit entry for every refused call: authentication refusals (missing, malformed,
/// unknown, wrong secret, revoked, expired, disabled agent) and PERMISSION_DENIED. Never stores
/// the token: an entry names the stored token's id (its public half) only when the bearer text
/// named a real token, and the reason.
///
/// - A refusal whose token belongs to a partner goes to that partner's log (`Audit.List`
///   shows it); one that names no partner (missing, malformed, unknown) goes to the log of
///   `anonymousPartner`, which no partner can list.
/// - Refusals are written in batches, one transaction per batch, so a client hammering the
///   server with bad tokens costs one write per batch, not one per call. The first refused call
///   that finds no batch being written writes the batch (its answer waits for that commit);
///   the others only queue. At most `maxPending` entries wait; beyond that refusals are
///   counted, and the count is written as one entry (`after: "dropped=N"`).
///
/// ```swift
/// let auditor = RefusalAuditor(store: store, context: context)
/// await auditor.record(failure, method: "Customers.List", requestId: nil, peer: "127.0.0.1:5000")
/// ```
public final class RefusalAuditor: Sendable {
    /// The partner id under which refusals naming no partner are logged.
    public static let anonymousPartner = "-"
    /// The method recorded for the entry that counts refusals dropped under pressure.
    public static let droppedMethod = "$/refusals-dropped"

    /// The store written to.
    public let store: any RecordStore
    /// Clock and ids.
    public let context: DomainContext
    /// Most entries waiting to be written.
    public let maxPending: Int

    private enum Pending: Sendable {
        case entry(AuditEntry)
        case permission(Operation, Caller, DomainError)
    }

    private struct State {
        var pending: [Pending] = []
        var dropped = 0
        var writing = false
        var written = 0
    }

    private let state = Mutex(State())

    /// Creates an auditor writing to `store`.
    public init(store: any RecordStore, context: DomainContext, maxPending: Int = 10_000) {
        self.store = store
        self.context = context
        self.maxPending = max(1, maxPending)
    }

    /// Records a refused authentication.
    /// - Parameters:
    ///   - failure: the reason and the token's owner, if any.
    ///   - method: the method that was called.
    ///   - requestId: the call's request id or traceparent.
    ///   - peer: the client's address, as the transport names it.
    public func record(_ failure: AuthenticationFailure, method: String, requestId: String?, peer: String) async {
        let entry = AuditEntry(
            id: context.ids.next("aud"), partnerId: failure.partnerId ?? Self.anonymousPartner,
            agentId: failure.agentId ?? "-", roles: [], method: method, target: failure.tokenId ?? "-", before: nil,
            after: Audit.render(["reason": failure.reason.rawValue, "peer": peer]), time: context.now(),
            requestId: requestId, outcome: DomainError.Code.unauthenticated.name)
        await enqueue(.entry(entry))
    }

    /// Records a call the domain refused with PERMISSION_DENIED (through `Audit.recordRefusal`).
    public func recordPermissionDenied(_ operation: Operation, caller: Caller, error: DomainError) async {
        await enqueue(.permission(operation, caller, error))
    }

    /// Entries written so far (tests and metrics).
    public var writtenCount: Int { state.withLock { $0.written } }

    private func enqueue(_ item: Pending) async {
        let writes = state.withLock { state -> Bool in
            if state.pending.count >= maxPending {
                state.dropped += 1
            } else {
                state.pending.append(item)
            }
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if writes { await writeBatches() }
    }

    /// Writes queued entries until none are left; the flag is cleared under the same lock that
    /// finds the queue empty, so no entry is ever left without a writer.
    private func writeBatches() async {
        while true {
            let (batch, dropped): ([Pending], Int) = state.withLock { state in
                guard !state.pending.isEmpty || state.dropped > 0 else {
                    state.writing = false
                    return ([], 0)
                }
                defer {
                    state.pending = []
                    state.dropped = 0
                }
                return (state.pending, state.dropped)
            }
            if batch.isEmpty && dropped == 0 { return }
            let context = context
            let count = (try? await store.write { tx -> Int in
                var count = 0
                for item in batch {
                    switch item {
                    case .entry(let entry):
                        try tx.put(entry)
                    case .permission(let operation, let caller, let error):
                        try Audit.recordRefusal(
                            operation, target: "-", error: error, caller: caller, context: context, in: tx)
                    }
                    count += 1
                }
                if dropped > 0 {
                    try tx.put(
                        AuditEntry(
                            id: context.ids.next("aud"), partnerId: Self.anonymousPartner, agentId: "-", roles: [],
                            method: Self.droppedMethod, target: "-", before: nil, after: "dropped=\(dropped)",
                            time: context.now(), requestId: nil, outcome: DomainError.Code.unauthenticated.name))
                    count += 1
                }
                return count
            }) ?? 0
            state.withLock { $0.written += count }
        }
    }
}
