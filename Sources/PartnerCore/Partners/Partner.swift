/// A reseller: owns agents, customers and everything else. Its `partnerId` is its own id.
public struct Partner: StoredRecord, Versioned, Equatable {
    /// Stored kind `partner`.
    public static let kind = RecordKind("partner")

    /// Id, `ptn_...`.
    public var id: String
    /// Same as `id` (a partner owns itself).
    public var partnerId: String { id }
    /// Display name.
    public var name: String
    /// Public website, optional.
    public var websiteUrl: String?
    /// Phone, optional.
    public var phoneNumber: String?
    /// Support email shown to customers, optional.
    public var supportEmail: String?
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// Creation time.
    public var createTime: Timestamp
    /// Last change time.
    public var updateTime: Timestamp

    /// Creates a partner at version 1.
    public init(id: String, name: String, time: Timestamp) {
        self.id = id
        self.name = name
        self.version = 1
        self.etag = Etag.initial
        self.createTime = time
        self.updateTime = time
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, supportEmail, websiteUrl, phoneNumber, version, etag, createTime, updateTime
    }
}
