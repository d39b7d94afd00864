public import FramedJSON
public import FramedRPC
public import PartnerCore

/// What every service implementation shares: the store, the domain's operations, and the two
/// ways to run a call — a read against a snapshot, or a durable write that honours
/// `meta.idempotencyKey`.
public struct PartnerBackend: Sendable {
    /// The durable store.
    public let store: any RecordStore
    /// Clock, ids, admin console port.
    public let context: DomainContext
    /// Signalled after every successful commit made through this backend; `Events.Watch`
    /// waits on it.
    public let feed: EventFeed
    /// Told of every idempotency entry recorded, so its background passes look at that scope.
    public let idempotencySweep: IdempotencySweep

    /// Creates the backend.
    public init(
        store: any RecordStore, context: DomainContext, feed: EventFeed = EventFeed(),
        idempotencySweep: IdempotencySweep = IdempotencySweep()
    ) {
        self.store = store
        self.context = context
        self.feed = feed
        self.idempotencySweep = idempotencySweep
    }

    /// Runs `body` for the authenticated caller against a committed snapshot.
    /// - Throws: UNAUTHENTICATED without a caller; whatever `body` throws.
    public func read<T: Sendable>(
        _ call: RPCServerContext, _ body: @escaping @Sendable (Caller, any StoreReading) throws -> T
    ) async throws -> T {
        let caller = try call.caller()
        return try await store.read { tx in try body(caller, tx) }
    }

    /// Runs `body` for the authenticated caller in one durable transaction; the answer is on
    /// disk before this returns. With `meta.idempotencyKey`, the first answer is stored in the
    /// same transaction, and a replay of the same method with the same params by the same
    /// partner returns it without running `body` again (24 h, across restarts); the same key
    /// with other params or another method is INVALID_ARGUMENT (3) naming `meta.idempotencyKey`
    /// (WIRE.md §13); `idempotencySweep` deletes expired entries later. After the commit, `feed`
    /// is signalled.
    public func write<T: JSONCodable & Sendable>(
        _ call: RPCServerContext, request: some JSONEncodable & Sendable,
        _ body: @escaping @Sendable (Caller, any StoreWriting) throws -> T
    ) async throws -> T {
        let caller = try call.caller()
        return try await idempotentWrite(call, request: request, scope: caller.partnerId, partnerId: caller.partnerId) {
            tx in
            try body(caller, tx)
        }
    }

    /// As `write`, for token-based public methods that carry no agent (`Invitations.Accept`,
    /// `Contacts.ConfirmEmail`): an idempotency key is scoped to the method, and a replay must
    /// repeat the same params, one-time token included (WIRE.md §13).
    public func writeWithoutCaller<T: JSONCodable & Sendable>(
        _ call: RPCServerContext, request: some JSONEncodable & Sendable,
        _ body: @escaping @Sendable (any StoreWriting) throws -> T
    ) async throws -> T {
        try await idempotentWrite(call, request: request, scope: "method:\(call.descriptor.name)", partnerId: "", body)
    }

    private func idempotentWrite<T: JSONCodable & Sendable>(
        _ call: RPCServerContext, request: some JSONEncodable & Sendable, scope: String, partnerId: String,
        _ body: @escaping @Sendable (any StoreWriting) throws -> T
    ) async throws -> T {
        guard let key = call.metadata.idempotencyKey else {
            let result = try await store.write { tx in try body(tx) }
            feed.notify()
            return result
        }
        let method = call.descriptor.name
        let digest = Self.digest(request.jsonBytes())
        let now = context.now()
        let entryKey = IdempotencyEntry.key(scope: scope, key: key)
        let ids = context.ids
        let outcome = try await store.write { tx -> IdempotentOutcome<T> in
            // An entry written before entries had ids of their own is found by its id.
            let existing =
                try tx.find(IdempotencyEntry.self, uniqueKey: entryKey) ?? tx.get(IdempotencyEntry.self, id: entryKey)
            if let entry = existing {
                if !IdempotencySweep.isExpired(entry, at: now) {
                    guard entry.method == method, entry.paramsDigest == digest else {
                        // INVALID_ARGUMENT as 3, not -32602: the params are valid, the key is misused.
                        throw RPCError(
                            code: .invalidArgument, message: "idempotency key reused with different params",
                            details: [["field": "meta.idempotencyKey", "reason": "was used with different params"]])
                    }
                    return .replayed(entry.result)
                }
                try tx.delete(IdempotencyEntry.self, id: entry.id)
            }
            let result = try body(tx)
            let text = String(decoding: result.jsonBytes(), as: UTF8.self)
            try tx.put(
                IdempotencyEntry(
                    id: ids.next("idem"), key: entryKey, partnerId: partnerId, method: method, paramsDigest: digest,
                    result: text, createTime: now))
            return .fresh(result)
        }
        feed.notify()
        switch outcome {
        case .fresh(let result):
            idempotencySweep.noteRecorded(partnerId: partnerId)
            return result
        case .replayed(let text):
            return try T.decode(from: Array(text.utf8), maxDepth: 128)
        }
    }

    /// SHA-256 (hex) of the decoded request re-encoded: field order is fixed by the message, so
    /// the same params always give the same digest whatever order the client sent them in.
    static func digest(_ encodedRequest: [UInt8]) -> String {
        Hex.encode(SHA256.hash(encodedRequest))
    }
}

/// What an idempotent write produced: a new answer, or the stored text of the first one.
enum IdempotentOutcome<T: Sendable>: Sendable {
    case fresh(T)
    case replayed(String)
}
