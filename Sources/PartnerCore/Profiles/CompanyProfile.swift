/// A customer's company details: the legal name as created, the primary domain and the Cloud
/// Identity id. Read-only for partners (renames change only the friendly name).
public struct CompanyProfile: Sendable, Hashable, Codable {
    /// The customer.
    public var customerId: String
    /// The legal (organisation) name, as created.
    public var legalName: String
    /// The primary domain.
    public var primaryDomain: String
    /// The Cloud Identity id.
    public var cloudIdentityId: String

    /// The company profile of `customer`.
    public init(of customer: Customer) {
        customerId = customer.id
        legalName = customer.organisationName
        primaryDomain = customer.primaryDomain
        cloudIdentityId = customer.cloudIdentityId
    }
}
