public import FramedJSON

/// Marks an education customer (schools, higher education); gates education products.
public struct EducationData: Codable, Sendable, Hashable, JSONCodable {
    /// K12 or UNIVERSITY.
    public var instituteType: InstituteType
    /// The institution's website.
    public var websiteUrl: String?

    /// Creates the message.
    public init(instituteType: InstituteType, websiteUrl: String? = nil) {
        self.instituteType = instituteType
        self.websiteUrl = websiteUrl
    }
}
