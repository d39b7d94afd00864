public import FramedJSON

/// An agent role.
public enum Role: String, JSONStringEnum {
    /// `salesAgent`.
    case salesAgent = "salesAgent"
    /// `adminAgent`.
    case adminAgent = "adminAgent"
}
