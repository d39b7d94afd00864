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
