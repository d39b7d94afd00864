/// What a contact receives updates about.
public enum ContactType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Usage reports and billing changes.
    case billing = "BILLING"
    /// Technical changes.
    case technical = "TECHNICAL"
    /// Business changes.
    case business = "BUSINESS"

    /// Orders by raw value.
    public static func < (lhs: ContactType, rhs: ContactType) -> Bool { lhs.rawValue < rhs.rawValue }
}
