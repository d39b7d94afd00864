public import FramedJSON

/// A customer's account in the (simulated) admin console.
public struct UpstreamAccount: Codable, Sendable, Hashable, JSONCodable {
    /// Domain upstream.
    public var domain: String
    /// BUSINESS, ENTERPRISE, ESSENTIALS, EDUCATION, NONPROFITS or LEGACY_FREE.
    public var edition: String
    /// Linked customer.
    public var customerId: String?
    /// Organisation (legal) name upstream.
    public var organisationName: String?
    /// Alternate email upstream.
    public var alternateEmail: String?
    /// Granted by the customer.
    public var resellerAccess: Bool
    /// Domain verified upstream.
    public var domainVerified: Bool

    /// Creates the message.
    public init(
        domain: String, edition: String, customerId: String? = nil, organisationName: String? = nil,
        alternateEmail: String? = nil, resellerAccess: Bool, domainVerified: Bool
    ) {
        self.domain = domain
        self.edition = edition
        self.customerId = customerId
        self.organisationName = organisationName
        self.alternateEmail = alternateEmail
        self.resellerAccess = resellerAccess
        self.domainVerified = domainVerified
    }
}
