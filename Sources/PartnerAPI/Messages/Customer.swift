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

// MARK: JSON coding

extension Customer: WireMembers {
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
        WireBytes.literal(",\"organisationName\":", into: &out)
        WireBytes.string(organisationName, into: &out)
        WireBytes.literal(",\"displayName\":", into: &out)
        WireBytes.string(displayName, into: &out)
        WireBytes.literal(",\"primaryDomain\":", into: &out)
        WireBytes.string(primaryDomain, into: &out)
        WireBytes.literal(",\"customerType\":", into: &out)
        WireBytes.string(customerType.rawValue, into: &out)
        if let education {
            WireBytes.literal(",\"education\":", into: &out)
            education.write(into: &out)
        }
        WireBytes.literal(",\"cloudIdentityId\":", into: &out)
        WireBytes.string(cloudIdentityId, into: &out)
        if let postalAddress {
            WireBytes.literal(",\"postalAddress\":", into: &out)
            postalAddress.write(into: &out)
        }
        WireBytes.literal(",\"primaryAdminEmail\":", into: &out)
        WireBytes.string(primaryAdminEmail, into: &out)
        if let alternateEmail {
            WireBytes.literal(",\"alternateEmail\":", into: &out)
            WireBytes.string(alternateEmail, into: &out)
        }
        if let phoneNumber {
            WireBytes.literal(",\"phoneNumber\":", into: &out)
            WireBytes.string(phoneNumber, into: &out)
        }
        if let languageCode {
            WireBytes.literal(",\"languageCode\":", into: &out)
            WireBytes.string(languageCode, into: &out)
        }
        if let regionCode {
            WireBytes.literal(",\"regionCode\":", into: &out)
            WireBytes.string(regionCode, into: &out)
        }
        if let timeZone {
            WireBytes.literal(",\"timeZone\":", into: &out)
            WireBytes.string(timeZone, into: &out)
        }
        if let missingProfileFields {
            WireBytes.literal(",\"missingProfileFields\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in missingProfileFields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        WireBytes.literal(",\"resellerAccess\":", into: &out)
        WireBytes.bool(resellerAccess, into: &out)
        WireBytes.literal(",\"domainVerified\":", into: &out)
        WireBytes.bool(domainVerified, into: &out)
        WireBytes.literal(",\"state\":", into: &out)
        WireBytes.string(state.rawValue, into: &out)
        if let subscriptionStatus {
            WireBytes.literal(",\"subscriptionStatus\":", into: &out)
            WireBytes.string(subscriptionStatus, into: &out)
        }
        if let adminConsoleMismatch {
            WireBytes.literal(",\"adminConsoleMismatch\":", into: &out)
            adminConsoleMismatch.write(into: &out)
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
        self.languageCode = try fields.optional("languageCode")
        self.regionCode = try fields.optional("regionCode")
        self.timeZone = try fields.optional("timeZone")
        self.missingProfileFields = try fields.optional("missingProfileFields")
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
