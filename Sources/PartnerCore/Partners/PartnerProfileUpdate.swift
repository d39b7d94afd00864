/// Changes to the partner profile (`Partners.UpdateProfile`): `nil` fields stay.
public struct PartnerProfileUpdate: Sendable, Hashable, Codable {
    /// New name.
    public var name: String?
    /// New website.
    public var websiteUrl: String?
    /// New phone.
    public var phoneNumber: String?
    /// New support email.
    public var supportEmail: String?
    /// The etag the caller read; stale -> ABORTED.
    public var etag: String?

    /// Creates the input.
    public init(
        name: String? = nil, websiteUrl: String? = nil, phoneNumber: String? = nil, supportEmail: String? = nil,
        etag: String? = nil
    ) {
        self.name = name
        self.websiteUrl = websiteUrl
        self.phoneNumber = phoneNumber
        self.supportEmail = supportEmail
        self.etag = etag
    }
}
