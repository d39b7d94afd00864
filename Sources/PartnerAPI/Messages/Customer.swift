public import FramedJSON

/// A reseller's customer (tenant).
public struct Customer: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id, "cus_...".
    public var id: String
    /// Legal name as created; renames do not change it.
    public var organisationName: String
    /// Friendly name shown in lists and billing.
    public var displayName: String
    /// Lower-case primary domain.
    public var primaryDomain: String
    /// DOMAIN or TEAM.
    public var customerType: CustomerType
    /// Present for education institutions.
    public var education: EducationData?
    /// Unique id that tells equal team names apart.
    public var cloudIdentityId: String
    /// Postal address; absent for an invited customer until an update supplies it.
    public var postalAddress: PostalAddress?
    /// The super admin.
    public var primaryAdminEmail: String
    /// Receives password information; never in the primary domain.
    public var alternateEmail: String?
    /// Phone.
    public var phoneNumber: String?
    /// BCP 47; absent when never given (an invitation that did not say).
    public var languageCode: String?
    /// ISO 3166-1 alpha-2; absent when never given.
    public var regionCode: String?
    /// IANA time zone; absent when never given.
    public var timeZone: String?
    /// Fields `Customers.Create` requires that this record lacks (e.g. after an accepted
    /// invitation); absent when complete. `Customers.Update` supplies them.
    public var missingProfileFields: [String]?
    /// Reseller access to the admin console; only the customer grants it.
    public var resellerAccess: Bool
    /// Team customers start unverified.
    public var domainVerified: Bool
    /// INVITED, ACTIVE, SUSPENDED or DELETED.
    public var state: CustomerState
    /// Absent until the first order.
    public var subscriptionStatus: String?
    /// Present when the admin console differs.
    public var adminConsoleMismatch: AdminConsoleMismatch?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, organisationName: String, displayName: String, primaryDomain: String, customerType: CustomerType,
        education: EducationData? = nil, cloudIdentityId: String, postalAddress: PostalAddress? = nil,
        primaryAdminEmail: String, alternateEmail: String? = nil, phoneNumber: String? = nil,
        languageCode: String? = nil, regionCode: String? = nil, timeZone: String? = nil,
        missingProfileFields: [String]? = nil, resellerAccess: Bool, domainVerified: Bool, state: CustomerState,
        subscriptionStatus: String? = nil, adminConsoleMismatch: AdminConsoleMismatch? = nil, etag: String,
        createTime: String, updateTime: String
    ) {
        self.id = id
        self.organisationName = organisationName
        self.displayName = displayName
        self.primaryDomain = primaryDomain
        self.customerType = customerType
        self.education = education
        self.cloudIdentityId = cloudIdentityId
        self.postalAddress = postalAddress
        self.primaryAdminEmail = primaryAdminEmail
        self.alternateEmail = alternateEmail
        self.phoneNumber = phoneNumber
        self.languageCode = languageCode
        self.regionCode = regionCode
        self.timeZone = timeZone
        self.missingProfileFields = missingProfileFields
        self.resellerAccess = resellerAccess
        self.domainVerified = domainVerified
        self.state = state
        self.subscriptionStatus = subscriptionStatus
        self.adminConsoleMismatch = adminConsoleMismatch
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

extension Customer: JSONMemoizedEncodable {
    /// The encodings of the 4,096 customers most recently answered (about 2 KiB each): a `get` or
    /// `list` answering one unchanged since copies its bytes.
    public static let encodingMemo = JSONEncodingMemo<Customer>(capacity: 4096)
    /// One entry per customer id.
    public var memoKey: String { id }
}
