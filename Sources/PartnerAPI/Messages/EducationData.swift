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

// MARK: JSON coding

extension EducationData: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"instituteType\":", into: &out)
        WireBytes.string(instituteType.rawValue, into: &out)
        if let websiteUrl {
            WireBytes.literal(",\"websiteUrl\":", into: &out)
            WireBytes.string(websiteUrl, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.instituteType = try fields.required("instituteType")
        self.websiteUrl = try fields.optional("websiteUrl")
    }
}
