public import FramedJSON

/// A SKU's billing plan.
public enum Plan: String, JSONStringEnum {
    /// `MONTHLY`.
    case monthly = "MONTHLY"
    /// `ANNUAL`.
    case annual = "ANNUAL"
    /// `FLEXIBLE`.
    case flexible = "FLEXIBLE"
}
