/// The customer's account as the admin console (the outside system) sees it. The partner
/// console never changes these values on its own: the customer does, in its admin console
/// (in the embedded simulator: through the `AdminConsoleSim.*` operations).
public struct UpstreamAccount: StoredRecord, Versioned, Equatable {
    /// Stored kind `upstream_account`.
    public static let kind = RecordKind("upstream_account")

    /// Account id, `upa_...`.
    public var id: String
    /// The partner whose customer this is, or who registered it in the simulator.
    public var partnerId: String
    /// The partner-console customer linked to the account, if any.
    public var customerId: String?
    /// The account's primary domain (lower-case).
    public var domain: String
    /// Whether the domain is verified upstream (team accounts start unverified).
    public var domainVerified: Bool
    /// The edition.
    public var edition: UpstreamEdition
    /// The organisation name upstream.
    public var organisationName: String
    /// The super admin's email.
    public var primaryAdminEmail: String
    /// The alternate (recovery) email.
    public var alternateEmail: String?
    /// Whether the customer granted the reseller access to its admin console.
    public var resellerAccess: Bool
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// Creation time.
    public var createTime: Timestamp
    /// Last change time.
    public var updateTime: Timestamp

    /// Creates an account record.
    public init(
        id: String, partnerId: String, customerId: String?, domain: String, domainVerified: Bool,
        edition: UpstreamEdition, organisationName: String, primaryAdminEmail: String,
        alternateEmail: String?, resellerAccess: Bool = false, time: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.domain = domain
        self.domainVerified = domainVerified
        self.edition = edition
        self.organisationName = organisationName
        self.primaryAdminEmail = primaryAdminEmail
        self.alternateEmail = alternateEmail
        self.resellerAccess = resellerAccess
        self.version = 1
        self.etag = Etag.initial
        self.createTime = time
        self.updateTime = time
    }

    /// A verified domain is held by one account; a linked account is found by its customer.
    public var uniqueKeys: [String] {
        var keys: [String] = []
        if domainVerified { keys.append("domain:\(domain)") }
        if let customerId { keys.append("customer:\(customerId)") }
        return keys
    }

    /// Every account, verified or not, is findable by domain through `lookupKeys`.
    public var lookupKeys: [String] { ["domain:\(domain)"] }
}
