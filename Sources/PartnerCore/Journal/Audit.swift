/// Writes audit entries. Operations call `record` inside their transaction, so an entry exists
/// exactly when the change was committed. The service records refused calls with
/// `recordRefusal` in a transaction of its own.
public enum Audit {
    /// Records a successful change.
    /// - Parameters:
    ///   - operation: the operation that ran.
    ///   - target: the id of the resource changed.
    ///   - before: the changed fields' old values (nil when created).
    ///   - after: the changed fields' new values (nil when deleted).
    @discardableResult
    public static func record(
        _ operation: Operation, target: String, before: [String: String]? = nil, after: [String: String]? = nil,
        caller: Caller, context: DomainContext, in tx: any StoreWriting
    ) throws -> AuditEntry {
        try write(
            method: operation.method, target: target, before: before, after: after, partnerId: caller.partnerId,
            agentId: caller.agentId, roles: caller.roles.sorted(), requestId: caller.requestId, outcome: "OK",
            context: context, in: tx)
    }

    /// Records a successful change as the fields that differ between two summaries of the
    /// resource (`Audit.diff`); `old` nil records a creation (no before, every field after).
    @discardableResult
    public static func recordChange(
        _ operation: Operation, target: String, from old: [String: String]?, to new: [String: String], caller: Caller,
        context: DomainContext, in tx: any StoreWriting
    ) throws -> AuditEntry {
        let change = old.map { diff($0, new) }
        return try record(
            operation, target: target, before: change?.before, after: change?.after ?? new, caller: caller,
            context: context, in: tx)
    }

    /// Records a change made without an agent (token-based flows such as `Invitations.Accept`
    /// and `Contacts.ConfirmEmail`); `actor` says who (e.g. `customer`).
    @discardableResult
    public static func recordUnattended(
        method: String, target: String, partnerId: String, actor: String, before: [String: String]? = nil,
        after: [String: String]? = nil, context: DomainContext, in tx: any StoreWriting
    ) throws -> AuditEntry {
        try write(
            method: method, target: target, before: before, after: after, partnerId: partnerId, agentId: actor,
            roles: [], requestId: nil, outcome: "OK", context: context, in: tx)
    }

    /// Records a refused call (outcome = the status name), in its own transaction.
    @discardableResult
    public static func recordRefusal(
        _ operation: Operation, target: String, error: DomainError, caller: Caller, context: DomainContext,
        in tx: any StoreWriting
    ) throws -> AuditEntry {
        try write(
            method: operation.method, target: target, before: nil, after: nil, partnerId: caller.partnerId,
            agentId: caller.agentId, roles: caller.roles.sorted(), requestId: caller.requestId,
            outcome: error.code.name, context: context, in: tx)
    }

    private static func write(
        method: String, target: String, before: [String: String]?, after: [String: String]?, partnerId: String,
        agentId: String, roles: [Role], requestId: String?, outcome: String, context: DomainContext,
        in tx: any StoreWriting
    ) throws -> AuditEntry {
        let entry = AuditEntry(
            id: context.ids.next("aud"), partnerId: partnerId, agentId: agentId, roles: roles, method: method,
            target: target, before: before.map(render), after: after.map(render), time: context.now(),
            requestId: requestId, outcome: outcome)
        try tx.put(entry)
        return entry
    }

    /// `field=value; field=value`, sorted by field name.
    public static func render(_ summary: [String: String]) -> String {
        summary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    /// The fields whose values differ between two summaries, as (before, after) maps.
    public static func diff(_ old: [String: String], _ new: [String: String]) -> (
        before: [String: String], after: [String: String]
    ) {
        var before: [String: String] = [:]
        var after: [String: String] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            before[key] = old[key] ?? ""
            after[key] = new[key] ?? ""
        }
        return (before, after)
    }
}
