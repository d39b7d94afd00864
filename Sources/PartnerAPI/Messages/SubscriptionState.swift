public import FramedJSON

/// A subscription's state.
public enum SubscriptionState: String, Codable, Sendable, Hashable, CaseIterable, JSONCodable {
    /// `ACTIVE`.
    case active = "ACTIVE"
    /// `SUSPENDED`.
    case suspended = "SUSPENDED"
    /// `CANCELLED`.
    case cancelled = "CANCELLED"
}
