/// One line of the audit log: who did what to which resource, when, and how it ended.
public struct AuditEntry: StoredRecord, Equatable {
    /// Stored kind `audit_entry`.
    public static let kind = RecordKind("audit_entry", journal: true)

    /// Id, `aud_...` (time-ordered: the log lists oldest first).
    public var id: String
    /// The partner whose log it is.
    public var partnerId: String
    /// The agent who called (or `system` / `customer` for token-based flows).
    public var agentId: String
    /// The agent's roles at the time.
    public var roles: [Role]
    /// The wire method, e.g. `Customers.Update`.
    public var method: String
    /// The id of the resource acted on.
    public var target: String
    /// Changed fields before the change, `field=value; ...` sorted by field; `nil` for creations.
    public var before: String?
    /// Changed fields after the change, same form; `nil` for deletions.
    public var after: String?
    /// When.
    public var time: Timestamp
    /// The request id, when known.
    public var requestId: String?
    /// `OK`, or the status name of a refused call (e.g. `PERMISSION_DENIED`).
    public var outcome: String

    /// Creates an entry.
    public init(
        id: String, partnerId: String, agentId: String, roles: [Role], method: String, target: String,
        before: String?, after: String?, time: Timestamp, requestId: String?, outcome: String
    ) {
        self.id = id
        self.partnerId = partnerId
        self.agentId = agentId
        self.roles = roles
        self.method = method
        self.target = target
        self.before = before
        self.after = after
        self.time = time
        self.requestId = requestId
        self.outcome = outcome
    }

    /// Findable by target (`target:<id>`) and by method (`method:<name>`).
    public var lookupKeys: [String] { ["target:\(target)", "method:\(method)"] }
}
