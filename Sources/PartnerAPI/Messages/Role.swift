public import FramedJSON

/// An agent role.
public enum Role: String, Codable, Sendable, Hashable, CaseIterable, JSONCodable {
    /// `salesAgent`.
    case salesAgent = "salesAgent"
    /// `adminAgent`.
    case adminAgent = "adminAgent"
}
