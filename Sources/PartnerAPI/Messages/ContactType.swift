public import FramedJSON

/// What a contact is told about.
public enum ContactType: String, Codable, Sendable, Hashable, CaseIterable, JSONCodable {
    /// `BILLING`.
    case billing = "BILLING"
    /// `TECHNICAL`.
    case technical = "TECHNICAL"
    /// `BUSINESS`.
    case business = "BUSINESS"
}
