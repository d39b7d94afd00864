/// The edition an upstream (admin console) account runs.
public enum UpstreamEdition: String, Sendable, Hashable, Codable, CaseIterable {
    /// A paid business edition.
    case business = "BUSINESS"
    /// Enterprise edition.
    case enterprise = "ENTERPRISE"
    /// Essentials (team, email-verified).
    case essentials = "ESSENTIALS"
    /// Education edition.
    case education = "EDUCATION"
    /// Workspace for Nonprofits: cannot be managed by a reseller.
    case nonprofits = "NONPROFITS"
    /// The legacy free edition: cannot be managed by a reseller.
    case legacyFree = "LEGACY_FREE"

    /// Whether a reseller may take this account on as a customer (rule
    /// `CustomerRules.requireResellableEdition`).
    public var isResellable: Bool { self != .nonprofits && self != .legacyFree }
}
