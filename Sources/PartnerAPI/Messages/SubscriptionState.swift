public import FramedJSON

/// A subscription's state.
public enum SubscriptionState: String, JSONStringEnum {
    /// `ACTIVE`.
    case active = "ACTIVE"
    /// `SUSPENDED`.
    case suspended = "SUSPENDED"
    /// `CANCELLED`.
    case cancelled = "CANCELLED"
}
