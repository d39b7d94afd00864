public import FramedJSON

/// One audited change.
public struct AuditEntry: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Who.
    public var agentId: String
    /// With which roles.
    public var roles: [Role]
    /// Method.
    public var method: String
    /// Resource.
    public var target: String
    /// Summary before.
    public var before: String?
    /// Summary after.
    public var after: String?
    /// Request id.
    public var requestId: String?
    /// OK or the status name.
    public var outcome: String
    /// RFC 3339.
    public var time: String

    /// Creates the message.
    public init(
        id: String, agentId: String, roles: [Role], method: String, target: String, before: String? = nil,
        after: String? = nil, requestId: String? = nil, outcome: String, time: String
    ) {
        self.id = id
        self.agentId = agentId
        self.roles = roles
        self.method = method
        self.target = target
        self.before = before
        self.after = after
        self.requestId = requestId
        self.outcome = outcome
        self.time = time
    }
}
