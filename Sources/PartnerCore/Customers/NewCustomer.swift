/// The input of `Customers.Create`.
public struct NewCustomer: Sendable, Hashable, Codable {
    /// Legal organisation name, required; kept as created.
    public var organisationName: String
    /// Friendly name; defaults to the organisation name.
    public var displayName: String?
    /// Registered domain, required.
    public var primaryDomain: String
    /// DOMAIN or TEAM.
    public var customerType: CustomerType
    /// Education data for schools and universities.
    public var education: EducationData?
    /// Postal address, required (region code and postal code).
    public var postalAddress: PostalAddress?
    /// The super admin's email, required; inside the domain for DOMAIN customers.
    public var primaryAdminEmail: String
    /// Alternate email: required for DOMAIN, optional for TEAM; never in the primary domain.
    public var alternateEmail: String?
    /// Phone, optional.
    public var phoneNumber: String?
    /// BCP 47 language tag, required.
    public var languageCode: String
    /// ISO 3166-1 region; defaults to the postal address's region.
    public var regionCode: String?
    /// IANA time zone, required.
    public var timeZone: String

    /// Creates the input.
    public init(
        organisationName: String, displayName: String? = nil, primaryDomain: String, customerType: CustomerType,
        education: EducationData? = nil, postalAddress: PostalAddress?, primaryAdminEmail: String,
        alternateEmail: String? = nil, phoneNumber: String? = nil, languageCode: String, regionCode: String? = nil,
        timeZone: String
    ) {
        self.organisationName = organisationName
        self.displayName = displayName
        self.primaryDomain = primaryDomain
        self.customerType = customerType
        self.education = education
        self.postalAddress = postalAddress
        self.primaryAdminEmail = primaryAdminEmail
        self.alternateEmail = alternateEmail
        self.phoneNumber = phoneNumber
        self.languageCode = languageCode
        self.regionCode = regionCode
        self.timeZone = timeZone
    }
}
