/// A token request (`Tokens.Create`).
public struct NewToken: Sendable, Hashable, Codable {
    /// The agent to authenticate; `nil` = the caller.
    public var agentId: String?
    /// Label.
    public var displayName: String
    /// Lifetime in seconds; `nil` = no expiry.
    public var ttlSeconds: Int64?

    /// Creates the input.
    public init(agentId: String? = nil, displayName: String, ttlSeconds: Int64? = nil) {
        self.agentId = agentId
        self.displayName = displayName
        self.ttlSeconds = ttlSeconds
    }
}
