public import FramedJSON

/// DOMAIN (Workspace / Cloud Identity, domain-verified) or TEAM (Essentials, email-verified).
public enum CustomerType: String, JSONStringEnum {
    /// `DOMAIN`.
    case domain = "DOMAIN"
    /// `TEAM`.
    case team = "TEAM"
}
