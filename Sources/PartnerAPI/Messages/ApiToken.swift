public import FramedJSON

/// An agent's API token (the secret is shown only once, at creation).
public struct ApiToken: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Owner.
    public var agentId: String
    /// Label.
    public var label: String
    /// Revoked tokens fail on the next call.
    public var revoked: Bool
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339, when it expires.
    public var expireTime: String?
    /// RFC 3339.
    public var revokeTime: String?

    /// Creates the message.
    public init(
        id: String, agentId: String, label: String, revoked: Bool, createTime: String, expireTime: String? = nil,
        revokeTime: String? = nil
    ) {
        self.id = id
        self.agentId = agentId
        self.label = label
        self.revoked = revoked
        self.createTime = createTime
        self.expireTime = expireTime
        self.revokeTime = revokeTime
    }
}
