public import FramedJSON

// The `Partners.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Partners.UpdateProfileRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("etag")
        writer.string(etag)
        if let name {
            writer.key("name")
            writer.string(name)
        }
        if let supportEmail {
            writer.key("supportEmail")
            writer.string(supportEmail)
        }
        if let websiteUrl {
            writer.key("websiteUrl")
            writer.string(websiteUrl)
        }
        if let phoneNumber {
            writer.key("phoneNumber")
            writer.string(phoneNumber)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.etag = try fields.required("etag")
        self.name = try fields.optional("name")
        self.supportEmail = try fields.optional("supportEmail")
        self.websiteUrl = try fields.optional("websiteUrl")
        self.phoneNumber = try fields.optional("phoneNumber")
    }
}
