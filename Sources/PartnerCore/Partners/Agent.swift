/// A person (or program) acting for a partner, with one or both roles.
public struct Agent: StoredRecord, Versioned, Equatable {
    /// Stored kind `agent`.
    public static let kind = RecordKind("agent")

    /// Id, `agt_...`.
    public var id: String
    /// The partner the agent works for.
    public var partnerId: String
    /// Display name.
    public var displayName: String
    /// Email, unique within the partner.
    public var email: String
    /// Roles, sorted; at least one.
    public var roles: [Role]
    /// A disabled agent's tokens no longer authenticate.
    public var disabled: Bool
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// Creation time.
    public var createTime: Timestamp
    /// Last change time.
    public var updateTime: Timestamp

    /// Creates an agent at version 1.
    public init(id: String, partnerId: String, displayName: String, email: String, roles: Set<Role>, time: Timestamp) {
        self.id = id
        self.partnerId = partnerId
        self.displayName = displayName
        self.email = email
        self.roles = roles.sorted()
        self.disabled = false
        self.version = 1
        self.etag = Etag.initial
        self.createTime = time
        self.updateTime = time
    }

    /// Email unique per partner.
    public var uniqueKeys: [String] { ["email:\(partnerId):\(email.lowercased())"] }
}
