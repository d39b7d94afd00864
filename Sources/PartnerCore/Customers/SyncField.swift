/// A field `Customers.SyncWithAdminConsole` can copy from the admin console.
public enum SyncField: String, Sendable, Hashable, Codable, CaseIterable {
    /// The primary domain (the primary admin email moves to the new domain with it).
    case primaryDomain
    /// The alternate email.
    case alternateEmail
    /// The legal organisation name (company profile); the friendly `displayName` never follows it.
    case organisationName
}
