/// The input of `Customers.Update`: the fields named in `updateMask` are set to the values
/// given (an absent optional value clears it). Company-profile fields (organisation name,
/// primary domain, type, Cloud Identity id) are read-only.
public struct CustomerUpdate: Sendable, Hashable, Codable {
    /// A field `Customers.Update` may change.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        /// The friendly name.
        case displayName
        /// The postal address.
        case postalAddress
        /// The super admin's email.
        case primaryAdminEmail
        /// The alternate email.
        case alternateEmail
        /// The phone.
        case phoneNumber
        /// The language.
        case languageCode
        /// The settings region.
        case regionCode
        /// The time zone.
        case timeZone
        /// The education data.
        case education
    }

    /// The customer.
    public var customerId: String
    /// The etag the caller read; stale -> ABORTED.
    public var etag: String?
    /// Field names to change (wire names). Empty means: every field given a value.
    public var updateMask: [String]
    /// New friendly name.
    public var displayName: String?
    /// New postal address.
    public var postalAddress: PostalAddress?
    /// New super admin email.
    public var primaryAdminEmail: String?
    /// New alternate email.
    public var alternateEmail: String?
    /// New phone.
    public var phoneNumber: String?
    /// New language.
    public var languageCode: String?
    /// New region.
    public var regionCode: String?
    /// New time zone.
    public var timeZone: String?
    /// New education data.
    public var education: EducationData?

    /// Creates the input.
    public init(
        customerId: String, etag: String? = nil, updateMask: [String] = [], displayName: String? = nil,
        postalAddress: PostalAddress? = nil, primaryAdminEmail: String? = nil, alternateEmail: String? = nil,
        phoneNumber: String? = nil, languageCode: String? = nil, regionCode: String? = nil, timeZone: String? = nil,
        education: EducationData? = nil
    ) {
        self.customerId = customerId
        self.etag = etag
        self.updateMask = updateMask
        self.displayName = displayName
        self.postalAddress = postalAddress
        self.primaryAdminEmail = primaryAdminEmail
        self.alternateEmail = alternateEmail
        self.phoneNumber = phoneNumber
        self.languageCode = languageCode
        self.regionCode = regionCode
        self.timeZone = timeZone
        self.education = education
    }
}
