public import FramedJSON

// The `Partners.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Partners.UpdateProfileRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        if let name {
            WireBytes.literal(",\"name\":", into: &out)
            WireBytes.string(name, into: &out)
        }
        if let supportEmail {
            WireBytes.literal(",\"supportEmail\":", into: &out)
            WireBytes.string(supportEmail, into: &out)
        }
        if let websiteUrl {
            WireBytes.literal(",\"websiteUrl\":", into: &out)
            WireBytes.string(websiteUrl, into: &out)
        }
        if let phoneNumber {
            WireBytes.literal(",\"phoneNumber\":", into: &out)
            WireBytes.string(phoneNumber, into: &out)
        }
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
