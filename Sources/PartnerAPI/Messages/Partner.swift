public import FramedJSON

/// The reseller itself.
public struct Partner: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Name.
    public var name: String
    /// Support address.
    public var supportEmail: String?
    /// Website.
    public var websiteUrl: String?
    /// Phone.
    public var phoneNumber: String?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, name: String, supportEmail: String? = nil, websiteUrl: String? = nil, phoneNumber: String? = nil,
        etag: String, createTime: String, updateTime: String
    ) {
        self.id = id
        self.name = name
        self.supportEmail = supportEmail
        self.websiteUrl = websiteUrl
        self.phoneNumber = phoneNumber
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

// MARK: JSON coding

extension Partner: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        WireBytes.literal(",\"name\":", into: &out)
        WireBytes.string(name, into: &out)
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
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
        WireBytes.literal(",\"updateTime\":", into: &out)
        WireBytes.string(updateTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.name = try fields.required("name")
        self.supportEmail = try fields.optional("supportEmail")
        self.websiteUrl = try fields.optional("websiteUrl")
        self.phoneNumber = try fields.optional("phoneNumber")
        self.etag = try fields.required("etag")
        self.createTime = try fields.required("createTime")
        self.updateTime = try fields.required("updateTime")
    }
}
