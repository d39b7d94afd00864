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

    /// `Audit.List`: the partner's audit log, newest first, within a window of at most 90
    /// days (default the last 90), optionally for one customer, agent or operation. Pages go
    /// on from the last entry seen, so entries written meanwhile never shift them.
    /// - Throws: PERMISSION_DENIED (admin agents); INVALID_ARGUMENT `startTime` / `endTime`
    ///   (`auditWindowBounded`), `operation` (not a method), `pageSize`, `pageToken`; NOT_FOUND
    ///   `customerId` / `agentId` when not the partner's.
    public func audit(_ query: AuditQuery, page: PageRequest, caller: Caller, in tx: any StoreReading) throws -> Page<
        AuditEntry
    > {
        try Policy.authorize(.auditList, caller)
        let size = try page.size()
        let (start, end) = try query.window(now: context.now())
        if let operation = query.operation, Operation(rawValue: operation) == nil {
            throw DomainError.invalid(field: "operation", reason: "\(operation) is not a method of the audit log")
        }
        var targets: Set<String>?
        if let customerId = query.customerId {
            guard let customer = try tx.get(Customer.self, id: customerId), customer.partnerId == caller.partnerId
            else {
                throw DomainError.notFound("customer", customerId, field: "customerId")
            }
            let scope = "customer:\(customer.id)"
            var ids: Set<String> = [customer.id]
            ids.formUnion(
                try CommerceLookup.subscriptions(ofCustomer: customer.id, partnerId: caller.partnerId, in: tx).map(\.id)
            )
            ids.formUnion(
                try tx.list(Contact.self, partnerId: caller.partnerId, lookupKey: scope, after: nil, limit: .max).map(
                    \.id))
            ids.formUnion(
                try tx.list(Invitation.self, partnerId: caller.partnerId, lookupKey: scope, after: nil, limit: .max)
                    .map(\.id))
            targets = ids
        }
        if let agentId = query.agentId {
            _ = try AgentOperations.agent(agentId, of: caller.partnerId, in: tx)
        }
        let binding = Page<AuditEntry>.binding(
            AuditEntry.self, partnerId: caller.partnerId, lookupKey: "newest", query: query)
        var before: String?
        if let token = page.pageToken, !token.isEmpty {
            let opened = try context.pageTokens.open(token, binding: binding)
            guard opened.hasPrefix("before:") else {
                throw DomainError.invalid(field: "pageToken", reason: "is not a page token of the audit log")
            }
            before = String(opened.dropFirst(7))
        }
        let matching = try tx.list(
            AuditEntry.self, partnerId: caller.partnerId, lookupKey: query.operation.map { "method:\($0)" },
            after: IDGenerator.lowerBound("aud", time: start), limit: .max
        ).filter { entry in
            entry.time >= start && entry.time <= end && (before.map { entry.id < $0 } ?? true)
                && (query.agentId.map { entry.agentId == $0 } ?? true)
                && (targets.map { $0.contains(entry.target) } ?? true)
        }
        let items = Array(matching.reversed().prefix(size))
        let next = matching.count > size && items.count == size ? items.last.map { "before:\($0.id)" } : nil
        return Page(items: items, nextPageToken: next.map { context.pageTokens.seal(afterId: $0, binding: binding) })
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
