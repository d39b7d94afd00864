/// How a customer proves it owns its account.
public enum CustomerType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Workspace / Cloud Identity, verified by domain. The domain is held by one customer only.
    case domain = "DOMAIN"
    /// Essentials / Enterprise Essentials, verified by email; may share a name and a domain
    /// with other teams; cannot buy other products until its domain is verified.
    case team = "TEAM"
}
