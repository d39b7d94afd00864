/// Changes to an agent (`Agents.Update`): fields left `nil` stay as they are.
public struct AgentUpdate: Sendable, Hashable, Codable {
    /// The agent.
    public var agentId: String
    /// New display name.
    public var displayName: String?
    /// New roles (one or both).
    public var roles: Set<Role>?
    /// Disable or re-enable.
    public var disabled: Bool?
    /// The etag the caller read; stale -> ABORTED.
    public var etag: String?

    /// Creates the input.
    public init(
        agentId: String, displayName: String? = nil, roles: Set<Role>? = nil, disabled: Bool? = nil, etag: String? = nil
    ) {
        self.agentId = agentId
        self.displayName = displayName
        self.roles = roles
        self.disabled = disabled
        self.etag = etag
    }
}
