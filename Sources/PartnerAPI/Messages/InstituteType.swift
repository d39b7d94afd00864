public import FramedJSON

/// An education institute type.
public enum InstituteType: String, Codable, Sendable, Hashable, CaseIterable, JSONCodable {
    /// `K12`.
    case k12 = "K12"
    /// `UNIVERSITY`.
    case university = "UNIVERSITY"
}
