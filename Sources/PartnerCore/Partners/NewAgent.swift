/// A new agent (`Agents.Create`).
public struct NewAgent: Sendable, Hashable, Codable {
    /// Display name, required.
    public var displayName: String
    /// Email, required, unique within the partner.
    public var email: String
    /// One or both roles.
    public var roles: Set<Role>

    /// Creates the input.
    public init(displayName: String, email: String, roles: Set<Role>) {
        self.displayName = displayName
        self.email = email
        self.roles = roles
    }
}
