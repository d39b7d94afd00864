/// A token request (`Tokens.Create`).
public struct NewToken: Sendable, Hashable, Codable {
    /// The agent to authenticate; `nil` = the caller.
    public var agentId: String?
    /// Label.
    public var label: String?
    /// Lifetime in seconds; `nil` = no expiry.
    public var ttlSeconds: Int64?

    /// Creates the input.
    public init(agentId: String? = nil, label: String? = nil, ttlSeconds: Int64? = nil) {
        self.agentId = agentId
        self.label = label
        self.ttlSeconds = ttlSeconds
    }
}
