/// What callers see of a token: never the secret nor its hash.
public struct ApiTokenInfo: Sendable, Hashable, Codable {
    /// Token id, `tok_...`.
    public var id: String
    /// The agent it authenticates.
    public var agentId: String
    /// Label.
    public var label: String
    /// Creation time.
    public var createTime: Timestamp
    /// Expiry, if any.
    public var expireTime: Timestamp?
    /// Whether the token was revoked.
    public var revoked: Bool { revokeTime != nil }
    /// Revocation time, if revoked.
    public var revokeTime: Timestamp?

    /// Creates the view.
    public init(
        id: String, agentId: String, label: String, createTime: Timestamp, expireTime: Timestamp?,
        revokeTime: Timestamp?
    ) {
        self.id = id
        self.agentId = agentId
        self.label = label
        self.createTime = createTime
        self.expireTime = expireTime
        self.revokeTime = revokeTime
    }
}
