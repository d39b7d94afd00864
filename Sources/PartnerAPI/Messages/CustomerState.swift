public import FramedJSON

/// A customer's lifecycle state.
public enum CustomerState: String, JSONStringEnum {
    /// `INVITED`.
    case invited = "INVITED"
    /// `ACTIVE`.
    case active = "ACTIVE"
    /// `SUSPENDED`.
    case suspended = "SUSPENDED"
    /// `DELETED`.
    case deleted = "DELETED"
}
