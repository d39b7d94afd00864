/// An API token of an agent, as stored: only the SHA-256 of its secret is kept.
/// The bearer text is `<id>.<secret>`; the secret is shown once, at creation.
public struct ApiToken: StoredRecord, Equatable {
    /// Stored kind `api_token`.
    public static let kind = RecordKind("api_token")

    /// Id, `tok_...` (the public half of the bearer text).
    public var id: String
    /// The partner.
    public var partnerId: String
    /// The agent the token authenticates.
    public var agentId: String
    /// A label ("ci", "laptop").
    public var label: String
    /// Lower-case hex SHA-256 of the secret half.
    public var secretHash: String
    /// Creation time.
    public var createTime: Timestamp
    /// After this time the token no longer authenticates; `nil` = never expires.
    public var expireTime: Timestamp?
    /// When it was revoked; from then on it no longer authenticates.
    public var revokeTime: Timestamp?

    /// Creates a token record.
    public init(
        id: String, partnerId: String, agentId: String, label: String, secretHash: String, createTime: Timestamp,
        expireTime: Timestamp?
    ) {
        self.id = id
        self.partnerId = partnerId
        self.agentId = agentId
        self.label = label
        self.secretHash = secretHash
        self.createTime = createTime
        self.expireTime = expireTime
        self.revokeTime = nil
    }

    /// Listable per agent (`agent:<id>`).
    public var lookupKeys: [String] { ["agent:\(agentId)"] }

    /// The view without the hash.
    public var info: ApiTokenInfo {
        ApiTokenInfo(
            id: id, agentId: agentId, label: label, createTime: createTime,
            expireTime: expireTime, revokeTime: revokeTime)
    }
}
