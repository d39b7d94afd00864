public import FramedJSON

/// An education institute type.
public enum InstituteType: String, JSONStringEnum {
    /// `K12`.
    case k12 = "K12"
    /// `UNIVERSITY`.
    case university = "UNIVERSITY"
}
