/// Marks an education institution; gates education products.
public struct EducationData: Sendable, Hashable, Codable {
    /// The kind of institute.
    public enum InstituteType: String, Sendable, Hashable, Codable, CaseIterable {
        /// Primary and secondary schools.
        case k12 = "K12"
        /// Universities and higher education.
        case university = "UNIVERSITY"
    }

    /// The kind of institute.
    public var instituteType: InstituteType
    /// The institute's website, optional.
    public var websiteUrl: String?

    /// Creates education data.
    public init(instituteType: InstituteType, websiteUrl: String? = nil) {
        self.instituteType = instituteType
        self.websiteUrl = websiteUrl
    }
}
