public import FramedJSON

/// What a contact is told about.
public enum ContactType: String, JSONStringEnum {
    /// `BILLING`.
    case billing = "BILLING"
    /// `TECHNICAL`.
    case technical = "TECHNICAL"
    /// `BUSINESS`.
    case business = "BUSINESS"
}
