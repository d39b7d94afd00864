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
    public init(id: String, name: String, supportEmail: String? = nil, websiteUrl: String? = nil, phoneNumber: String? = nil, etag: String, createTime: String, updateTime: String) {
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

extension Partner {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("name")
        writer.string(name)
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
        writer.key("etag")
        writer.string(etag)
        writer.key("createTime")
        writer.string(createTime)
        writer.key("updateTime")
        writer.string(updateTime)
        writer.endObject()
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
