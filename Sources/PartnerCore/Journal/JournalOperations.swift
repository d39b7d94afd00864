/// `Notifications.List` (the outbox), `Audit.List`, and reading the event feed for
/// `Events.Watch`.
public struct JournalOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `Notifications.List`: every message the system would have emailed, oldest first.
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT paging.
    public func notifications(page: PageRequest, relatedTo: String? = nil, caller: Caller, in tx: any StoreReading)
        throws -> Page<OutboxMessage>
    {
        try Policy.authorize(.notificationsList, caller)
        return try Page.collect(
            OutboxMessage.self, partnerId: caller.partnerId, lookupKey: relatedTo.map { "related:\($0)" },
            query: "notifications", request: page, tokens: context.pageTokens, in: tx, transform: { $0 })
    }

    /// `Audit.List`: the partner's audit log, oldest first, optionally for one target.
    /// - Throws: PERMISSION_DENIED (admin agents); INVALID_ARGUMENT paging.
    public func audit(page: PageRequest, target: String? = nil, caller: Caller, in tx: any StoreReading) throws -> Page<
        AuditEntry
    > {
        try Policy.authorize(.auditList, caller)
        return try Page.collect(
            AuditEntry.self, partnerId: caller.partnerId, lookupKey: target.map { "target:\($0)" },
            query: "audit", request: page, tokens: context.pageTokens, in: tx, transform: { $0 })
    }

    /// The partner's events with sequence greater than `afterSequence`, in order, at most
    /// `limit` of them (1...1000). `Events.Watch` calls this in a loop, resuming after the
    /// last sequence it delivered; optionally only events of one customer.
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT field `afterSequence` (negative) or
    ///   `limit`.
    public func events(
        afterSequence: Int64, limit: Int = 100, customerId: String? = nil, caller: Caller, in tx: any StoreReading
    ) throws -> [DomainEvent] {
        try Policy.authorize(.eventsWatch, caller)
        guard afterSequence >= 0 else {
            throw DomainError.invalid(field: "afterSequence", reason: "is \(afterSequence); it must be 0 or more")
        }
        guard (1...1000).contains(limit) else {
            throw DomainError.invalid(field: "limit", reason: "is \(limit); it must be between 1 and 1000")
        }
        var after = afterSequence == 0 ? nil : DomainEvent.id(partnerId: caller.partnerId, sequence: afterSequence)
        var found: [DomainEvent] = []
        while found.count < limit {
            let batch = try tx.list(
                DomainEvent.self, partnerId: caller.partnerId, lookupKey: nil, after: after, limit: limit)
            found += batch.filter { customerId == nil || $0.customerId == customerId }.prefix(limit - found.count)
            guard batch.count == limit, let last = batch.last else { break }
            after = last.id
        }
        return found
    }
}
