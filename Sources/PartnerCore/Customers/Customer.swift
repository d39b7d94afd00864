/// A customer (tenant) of one partner.
///
/// `organisationName` is the legal name kept as created (shown in the company profile);
/// renames change `displayName` only. The contact emails and domain here are the partner
/// console's copy; the admin console's may differ (the wire view says so in `adminConsoleMismatch`, PartnerAPI `Customer`).
public struct Customer: StoredRecord, Versioned, Hashable {
    /// Stored kind `customer`.
    public static let kind = RecordKind("customer")

    /// Id, `cus_...`.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// Legal organisation name, as created. Read-only.
    public var organisationName: String
    /// Friendly name shown in lists and billing details; renames change only this.
    public var displayName: String
    /// Primary domain, lower-case.
    public var primaryDomain: String
    /// DOMAIN or TEAM.
    public var customerType: CustomerType
    /// Education institution data, or `nil` for other customers.
    public var education: EducationData?
    /// Unique Cloud Identity style id (`C0...`): tells equal team names apart.
    public var cloudIdentityId: String
    /// Postal address: required at `Customers.Create`; an invited customer may lack it until
    /// an update supplies it.
    public var postalAddress: PostalAddress?
    /// The super admin's email (domain customers: inside the primary domain).
    public var primaryAdminEmail: String
    /// Alternate email, never inside the primary domain; required for DOMAIN customers.
    public var alternateEmail: String?
    /// Phone number (E.164-like), optional.
    public var phoneNumber: String?
    /// BCP 47 language tag, e.g. `it-IT`; `nil` when never given (an invited customer whose
    /// invitation did not say).
    public var languageCode: String?
    /// ISO 3166-1 alpha-2 region for settings, e.g. `IT`; `nil` when never given.
    public var regionCode: String?
    /// IANA time zone, e.g. `Europe/Rome`; `nil` when never given.
    public var timeZone: String?
    /// Whether the reseller may use the customer's admin console. Off by default; only the
    /// customer turns it on (in its admin console).
    public var resellerAccess: Bool
    /// Whether the domain is verified (DOMAIN customers always; TEAM customers once verified).
    public var domainVerified: Bool
    /// Life-cycle state.
    public var state: CustomerState
    /// Summary subscription status; `nil` (empty) until the first order. Set by commerce.
    public var subscriptionStatus: String?
    /// Filled by `Customers.Get` (never stored): how the admin console's values differ.
    public var adminConsoleMismatch: AdminConsoleMismatch?
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// Creation time.
    public var createTime: Timestamp
    /// Last change time.
    public var updateTime: Timestamp

    /// Creates a customer at version 1.
    public init(
        id: String, partnerId: String, organisationName: String, displayName: String, primaryDomain: String,
        customerType: CustomerType, education: EducationData?, cloudIdentityId: String,
        postalAddress: PostalAddress?, primaryAdminEmail: String, alternateEmail: String?, phoneNumber: String?,
        languageCode: String?, regionCode: String?, timeZone: String?, state: CustomerState, time: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
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
        self.resellerAccess = false
        self.domainVerified = customerType == .domain
        self.state = state
        self.subscriptionStatus = nil
        self.version = 1
        self.etag = Etag.initial
        self.createTime = time
        self.updateTime = time
    }

    /// The fields `Customers.Create` requires that this record lacks (an invited customer
    /// gives them later through `Customers.Update`), in a stable order; empty when complete.
    public var missingProfileFields: [String] {
        var missing: [String] = []
        if postalAddress == nil { missing.append("postalAddress") }
        if customerType == .domain, alternateEmail == nil { missing.append("alternateEmail") }
        if languageCode == nil { missing.append("languageCode") }
        if regionCode == nil { missing.append("regionCode") }
        if timeZone == nil { missing.append("timeZone") }
        return missing
    }

    /// Whether the customer is an education institution.
    public var isEducation: Bool { education != nil }

    /// A live DOMAIN customer holds its domain; every live customer its Cloud Identity id.
    public var uniqueKeys: [String] {
        guard state != .deleted else { return [] }
        var keys = ["cloudIdentityId:\(cloudIdentityId)"]
        if customerType == .domain { keys.append("domain:\(primaryDomain)") }
        return keys
    }

    /// `domain:<d>` for every customer, so team customers of a domain can be listed.
    public var lookupKeys: [String] { ["domain:\(primaryDomain)"] }
}
