/// Changes to the partner profile (`Partners.UpdateProfile`): `nil` fields stay.
public struct PartnerProfileUpdate: Sendable, Hashable, Codable {
    /// New name.
    public var name: String?
    /// New website.
    public var websiteUrl: String?
    /// New phone.
    public var phoneNumber: String?
    /// New address.
    public var postalAddress: PostalAddress?
    /// The etag the caller read; stale -> ABORTED.
    public var etag: String?

    /// Creates the input.
    public init(name: String? = nil, websiteUrl: String? = nil, phoneNumber: String? = nil, postalAddress: PostalAddress? = nil, etag: String? = nil) {
        self.name = name
        self.websiteUrl = websiteUrl
        self.phoneNumber = phoneNumber
        self.postalAddress = postalAddress
        self.etag = etag
    }
}
