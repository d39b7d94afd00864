public import FramedJSON

/// DOMAIN (Workspace / Cloud Identity, domain-verified) or TEAM (Essentials, email-verified).
public enum CustomerType: String, Codable, Sendable, Hashable, CaseIterable, JSONCodable {
    /// `DOMAIN`.
    case domain = "DOMAIN"
    /// `TEAM`.
    case team = "TEAM"
}
