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
    /// BCP 47.
    public var languageCode: String
    /// ISO 3166-1 alpha-2.
    public var regionCode: String
    /// IANA time zone.
    public var timeZone: String
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
    public init(id: String, organisationName: String, displayName: String, primaryDomain: String, customerType: CustomerType, education: EducationData? = nil, cloudIdentityId: String, postalAddress: PostalAddress? = nil, primaryAdminEmail: String, alternateEmail: String? = nil, phoneNumber: String? = nil, languageCode: String, regionCode: String, timeZone: String, resellerAccess: Bool, domainVerified: Bool, state: CustomerState, subscriptionStatus: String? = nil, adminConsoleMismatch: AdminConsoleMismatch? = nil, etag: String, createTime: String, updateTime: String) {
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

// MARK: JSON coding

extension Customer {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("organisationName")
        writer.string(organisationName)
        writer.key("displayName")
        writer.string(displayName)
        writer.key("primaryDomain")
        writer.string(primaryDomain)
        writer.key("customerType")
        writer.string(customerType.rawValue)
        if let education {
            writer.key("education")
            education.encode(to: &writer)
        }
        writer.key("cloudIdentityId")
        writer.string(cloudIdentityId)
        if let postalAddress {
            writer.key("postalAddress")
            postalAddress.encode(to: &writer)
        }
        writer.key("primaryAdminEmail")
        writer.string(primaryAdminEmail)
        if let alternateEmail {
            writer.key("alternateEmail")
            writer.string(alternateEmail)
        }
        if let phoneNumber {
            writer.key("phoneNumber")
            writer.string(phoneNumber)
        }
        writer.key("languageCode")
        writer.string(languageCode)
        writer.key("regionCode")
        writer.string(regionCode)
        writer.key("timeZone")
        writer.string(timeZone)
        writer.key("resellerAccess")
        writer.bool(resellerAccess)
        writer.key("domainVerified")
        writer.bool(domainVerified)
        writer.key("state")
        writer.string(state.rawValue)
        if let subscriptionStatus {
            writer.key("subscriptionStatus")
            writer.string(subscriptionStatus)
        }
        if let adminConsoleMismatch {
            writer.key("adminConsoleMismatch")
            adminConsoleMismatch.encode(to: &writer)
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
        self.organisationName = try fields.required("organisationName")
        self.displayName = try fields.required("displayName")
        self.primaryDomain = try fields.required("primaryDomain")
        self.customerType = try fields.required("customerType")
        self.education = try fields.optional("education")
        self.cloudIdentityId = try fields.required("cloudIdentityId")
        self.postalAddress = try fields.optional("postalAddress")
        self.primaryAdminEmail = try fields.required("primaryAdminEmail")
        self.alternateEmail = try fields.optional("alternateEmail")
        self.phoneNumber = try fields.optional("phoneNumber")
        self.languageCode = try fields.required("languageCode")
        self.regionCode = try fields.required("regionCode")
        self.timeZone = try fields.required("timeZone")
        self.resellerAccess = try fields.required("resellerAccess")
        self.domainVerified = try fields.required("domainVerified")
        self.state = try fields.required("state")
        self.subscriptionStatus = try fields.optional("subscriptionStatus")
        self.adminConsoleMismatch = try fields.optional("adminConsoleMismatch")
        self.etag = try fields.required("etag")
        self.createTime = try fields.required("createTime")
        self.updateTime = try fields.required("updateTime")
    }
}
