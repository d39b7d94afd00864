/// Who is calling: the authenticated agent of one partner, with its roles.
/// Produced by `Authenticator.authenticate(bearer:in:)`; every operation takes one.
public struct Caller: Sendable, Hashable, Codable {
    /// The partner the agent works for; every read and write is scoped to it.
    public var partnerId: String
    /// The agent's id.
    public var agentId: String
    /// The agent's roles (possibly empty: such an agent may do nothing).
    public var roles: Set<Role>
    /// The request id for audit correlation, when the transport supplied one.
    public var requestId: String?

    /// Creates a caller.
    public init(partnerId: String, agentId: String, roles: Set<Role>, requestId: String? = nil) {
        self.partnerId = partnerId
        self.agentId = agentId
        self.roles = roles
        self.requestId = requestId
    }

    /// Whether the caller holds `role`.
    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// The same caller with another request id.
    public func with(requestId: String?) -> Caller {
        var copy = self
        copy.requestId = requestId
        return copy
    }
}
